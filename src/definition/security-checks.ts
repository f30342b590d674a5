/**
 * Cross-field checks of the security parts of the definition: clusters
 * whose Dex or ExternalSecrets have nothing to work with, exemptions naming
 * tenant namespaces, identity connectors that could assert platform groups,
 * tenant secret keys outside the environment's own, tenant namespaces without
 * the managed identity an Azure store needs, and Ingress domains two tenants
 * could both use. (Tenants naming platform groups, and secrets on clusters
 * without a store, are refused by the tenant schema.)
 */
import { LocatedTenant } from './checks';
import { ClusterSpec, usesDex } from '../spec/cluster';
import { dexDirectoryId, platformGroupRoles } from '../spec/identity';
import { namespaceOf } from '../spec/model';
import { formatPath, Problem } from '../spec/problems';
import { tenantSecretKeyPrefix } from '../spec/secrets';
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
    if (c.oidc.groupPrefix === '') {
      out.push({ file, path: at('oidc', 'groupPrefix'), value: '', message: 'must not be empty: without a prefix an identity provider can assert any group, including the break-glass group and system: groups; use e.g. oidc:' });
    }
    for (const g of settings.access.breakGlass.groups) {
      if (c.oidc.groupPrefix !== '' && g.startsWith(c.oidc.groupPrefix)) {
        out.push({ file, path: at('oidc', 'groupPrefix'), value: c.oidc.groupPrefix, message: `is the start of the break-glass group ${g}: OIDC tokens could then carry it; break-glass groups come from client certificates only` });
      }
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

/**
 * Checks the identity settings: which Dex connector is the corporate
 * directory, and that every other connector filters its groups and can never
 * assert a platform group.
 */
export function checkIdentitySettings(settings: PlatformSettings, file: string): Problem[] {
  const out: Problem[] = [];
  const { connectors, directory } = settings.identity.dex;
  const at = (...path: PropertyKey[]) => formatPath(['identity', 'dex', ...path]);
  const directoryId = dexDirectoryId(settings.identity.dex);
  if (connectors.length > 1 && directory === undefined) {
    out.push({ file, path: at('directory'), message: `is required with several connectors: name the corporate directory (${connectors.map((c) => c.id).join(', ')}), the only source of platform groups` });
  } else if (directory !== undefined && !connectors.some((c) => c.id === directory)) {
    out.push({ file, path: at('directory'), value: directory, message: `must name a connector: ${connectors.map((c) => c.id).join(', ') || '(none declared)'}` });
  }
  if (directoryId === undefined && connectors.length > 0) return out;
  const platformGroups = platformGroupRoles(settings.access);
  connectors.forEach((c, i) => {
    if (c.id === directoryId) return;
    if (!c.allowedGroups) {
      out.push({ file, path: at('connectors', i, 'allowedGroups'), message: `is required: ${c.id} is not the corporate directory, so Dex must keep only the groups it may assert (Dex merges every connector's groups into one namespace)` });
      return;
    }
    c.allowedGroups.forEach((g, j) => {
      const role = platformGroups.get(g);
      if (role) out.push({ file, path: at('connectors', i, 'allowedGroups', j), value: g, message: `is a platform group (settings.access.${role}); platform groups come from the corporate directory only` });
    });
  });
  return out;
}

/**
 * Checks one tenant's secret keys: each starts with the environment's own
 * prefix in the store of every cluster it runs on (`<tenant>/<environment>/`
 * by default, see `tenantSecretKeyPrefix`), and Azure Key Vault stores know
 * the managed identity of its namespace.
 */
export function checkTenantSecurity(t: LocatedTenant, clusters: readonly ClusterSpec[]): Problem[] {
  const out: Problem[] = [];
  const report = (path: PropertyKey[], message: string, value?: unknown) =>
    out.push({ file: t.file, line: t.lineOf?.(path), path: formatPath(path), value, message });

  for (const [environment, env] of Object.entries(t.environments)) {
    if (!env) continue;
    const at = ['spec', 'environments', environment];
    const stores = env.clusters.map((name) => clusters.find((c) => c.name === name)).filter((c): c is ClusterSpec => c?.secretStore !== undefined);
    const prefixes = [...new Set(stores.map((c) => tenantSecretKeyPrefix(c.secretStore!, t.name, environment)))];
    env.externalSecrets.forEach((es, i) => {
      const keys: [PropertyKey[], string][] = [
        ...es.data.map((d, j): [PropertyKey[], string] => [[...at, 'externalSecrets', i, 'data', j, 'remoteRef', 'key'], d.remoteRef.key]),
        ...es.dataFrom.map((d, j): [PropertyKey[], string] => [[...at, 'externalSecrets', i, 'dataFrom', j, 'extract', 'key'], d.extract.key]),
      ];
      for (const [path, key] of keys) {
        const outside = prefixes.filter((p) => !key.startsWith(p));
        if (outside.length > 0) {
          report(path, `must start with "${outside.join('" and "')}": an environment reads only its own part of the secret store`, key);
        }
      }
    });
    const namespace = namespaceOf(t.name, environment, env);
    stores.forEach((c) => {
      const az = c.secretStore!.azureKeyVault;
      if (c.secretStore!.provider === 'azure-key-vault' && az && !az.tenantVaults.clientIDs[namespace]) {
        report([...at, 'clusters', env.clusters.indexOf(c.name)], `runs on ${c.name}, whose Azure Key Vault store needs secretStore.azureKeyVault.tenantVaults.clientIDs["${namespace}"] (the managed identity of the namespace's SecretStore)`, c.name);
      }
    });
  }
  return out;
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * Checks that on every cluster no two tenants can use the same Ingress host:
 * a declared domain must not equal, contain or lie under another tenant's,
 * nor the cluster's ingress domain (the platform's own hosts), except under
 * the tenant's own `<tenant>.<ingressDomain>`.
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
    const cluster = clusters.find((c) => c.name === e.cluster)!;
    const own = `${e.t.name}.${cluster.ingressDomain}`;
    if (overlaps(e.domain, cluster.ingressDomain) && !(e.domain === own || e.domain.endsWith(`.${own}`))) {
      reported.add(key);
      out.push({
        file: e.t.file, line: e.t.lineOf?.(e.path), path: formatPath(e.path), value: e.domain,
        message: `overlaps ${cluster.ingressDomain}, the ingress domain of ${e.cluster} where the platform's own hosts live (dex.${cluster.ingressDomain}…); the tenant's names there are under ${own}`,
      });
      continue;
    }
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
