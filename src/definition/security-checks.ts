/**
 * Cross-field checks of the security parts of the definition: clusters
 * whose Dex or ExternalSecrets have nothing to work with, exemptions naming
 * tenant namespaces, tenant secret keys outside the tenant's own, and
 * Ingress domains two tenants could both use. (Tenants naming platform
 * groups, and secrets on clusters without a store, are refused by the tenant
 * schema.)
 */
import { LocatedTenant } from './checks';
import { ClusterSpec, usesDex } from '../spec/cluster';
import { inexpressible, Inexpressible } from '../spec/json-forms';
import { formatPath, Problem } from '../spec/problems';
import { PlatformSettings, platformNamespaces } from '../spec/settings';

/** Checks every cluster's security fields against the settings. */
export function checkClusterSecurity(clusters: readonly ClusterSpec[], settings: PlatformSettings, file: string): Problem[] {
  const out: Problem[] = [];
  const reserved = platformNamespaces(settings);
  clusters.forEach((c, i) => {
    const at = (...path: PropertyKey[]) => formatPath(['clusters', i, ...path]);
    if (usesDex(c) && settings.identity.dex.connectors.length === 0) {
      out.push({ file, path: at('oidc', 'issuerURL'), message: 'is not set, so the cluster\'s Dex is the issuer, but settings.identity.dex.connectors is empty; declare at least one connector or set issuerURL to an external provider' });
    }
    if (usesDex(c) && !c.secretStore) {
      out.push({ file, path: at('secretStore'), message: 'is required: the cluster\'s Dex reads its client secrets through an ExternalSecret' });
    }
    c.admission.exemptions.forEach((e, j) => {
      if (!reserved.includes(e.namespace)) {
        out.push({ file, path: at('admission', 'exemptions', j, 'namespace'), value: e.namespace, message: `must be a platform namespace (${reserved.join(', ')}); tenant namespaces are never exempt` });
      }
    });
  });
  return out;
}

/** Checks one tenant's secret keys: each starts with `<tenant>/`. */
export function checkTenantSecurity(t: LocatedTenant): Problem[] {
  const out: Problem[] = [];
  const report = (path: PropertyKey[], message: string, value?: unknown) =>
    out.push({ file: t.file, line: t.lineOf?.(path), path: formatPath(path), value, message });

  for (const [environment, env] of Object.entries(t.environments)) {
    if (!env) continue;
    const at = ['spec', 'environments', environment];
    env.externalSecrets.forEach((es, i) => {
      const keys: [PropertyKey[], string][] = [
        ...es.data.map((d, j): [PropertyKey[], string] => [[...at, 'externalSecrets', i, 'data', j, 'remoteRef', 'key'], d.remoteRef.key]),
        ...es.dataFrom.map((d, j): [PropertyKey[], string] => [[...at, 'externalSecrets', i, 'dataFrom', j, 'extract', 'key'], d.extract.key]),
      ];
      for (const [path, key] of keys) {
        if (!key.startsWith(`${t.name}/`)) report(path, `must start with "${t.name}/": a tenant reads only its own keys of the secret store`, key);
      }
    });
  }
  return out;
}

/** Single-file rules of {@link checkTenantSecurity} that JSON Schema cannot state. */
export const TENANT_SECURITY_INEXPRESSIBLE: readonly (Inexpressible & { readonly rule: string })[] = [
  { rule: 'externalSecrets keys start with `<tenant>/`', ...inexpressible('the prefix is metadata.name, another value of the file') },
];

function overlaps(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * Checks that on every cluster no two tenants can use the same Ingress host:
 * a declared domain must not equal, contain or lie under another tenant's.
 */
export function checkIngressDomains(tenants: readonly LocatedTenant[], clusters: readonly ClusterSpec[]): Problem[] {
  const out: Problem[] = [];
  const entries: { t: LocatedTenant; cluster: string; domain: string; path?: PropertyKey[] }[] = [];
  for (const t of tenants) {
    for (const [environment, env] of Object.entries(t.environments)) {
      if (!env) continue;
      for (const name of env.clusters) {
        const cluster = clusters.find((c) => c.name === name);
        if (!cluster) continue;
        entries.push({ t, cluster: name, domain: `${t.name}.${cluster.ingressDomain}` });
        env.ingressDomains.forEach((domain, j) =>
          entries.push({ t, cluster: name, domain, path: ['spec', 'environments', environment, 'ingressDomains', j] }));
      }
    }
  }
  const reported = new Set<string>();
  for (const e of entries) {
    if (!e.path) continue;
    const key = `${e.t.file}#${formatPath(e.path)}`;
    if (reported.has(key)) continue;
    const clashes = entries.filter((o) => o.t.name !== e.t.name && o.cluster === e.cluster && overlaps(e.domain, o.domain));
    if (clashes.length === 0) continue;
    reported.add(key);
    const names = [...new Set(clashes.map((c) => `${c.domain} (tenant ${c.t.name})`))].join(', ');
    out.push({
      file: e.t.file, line: e.t.lineOf?.(e.path), path: formatPath(e.path), value: e.domain,
      message: `overlaps ${names} on ${e.cluster}; each tenant's Ingress hosts must be its own`,
    });
  }
  return out;
}
