/**
 * The invariants every organisation's platform must keep, whatever its
 * tenants, clusters and components: checks of a rendered platform that
 * return their problems (an empty list when the invariant holds). They read
 * the rendered objects as the cluster will (NetworkPolicies evaluated for
 * reachability, RBAC bindings evaluated with the API server's rule
 * matching), never an organisation's particular values, so adding,
 * changing or removing tenants keeps them green unless isolation breaks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { evaluateNetworkPolicies, reach } from '../overview/network-reachability';
import { isEngineOwnedFile } from '../render/layout';
import { KubeObject } from '../render/manifests';
import { RenderedFiles } from '../render/render';
import { rulesAllow, PolicyRule } from '../security/rbac-authorizer';
import { Placement, placementsOn, PlatformSpec } from '../spec/model';
import { LABELS, podSecurityLabelKeys } from '../tenancy/labels';

/**
 * Compares the files in `distDir` with a fresh render. Files of
 * engine-owned folders (Flux's `bootstrap/flux-system/`) that the render
 * does not produce are the engine's and are left out.
 *
 * @param fresh the fresh render: path under `dist/` → content
 * @returns one problem per missing, extra or changed file (at most 20 of each kind, then a count)
 */
export function distFreshnessProblems(distDir: string, fresh: RenderedFiles): string[] {
  const committed = new Set(listFiles(distDir).filter((f) => !isEngineOwnedFile(f) || fresh.has(f)));
  const problems: string[] = [];
  const report = (kind: string, files: string[]) => {
    for (const f of files.slice(0, 20)) problems.push(`${kind}: ${f}`);
    if (files.length > 20) problems.push(`${kind}: … and ${files.length - 20} more`);
  };
  report('missing from dist/ (run `npm run synth` and commit)', [...fresh.keys()].filter((f) => !committed.has(f)).sort());
  report('in dist/ but no longer rendered (run `npm run synth` and commit)', [...committed].filter((f) => !fresh.has(f)).sort());
  report('stale in dist/ (run `npm run synth` and commit)', [...fresh].filter(([f, content]) =>
    committed.has(f) && fs.readFileSync(path.join(distDir, f), 'utf8') !== content).map(([f]) => f).sort());
  return problems;
}

/** The rendered objects of one cluster (control-plane files, which are not synced, left out). */
export function clusterObjects(files: RenderedFiles, cluster: string): KubeObject[] {
  const prefix = `clusters/${cluster}/`;
  const out: KubeObject[] = [];
  for (const [p, text] of files) {
    if (!p.startsWith(prefix) || !p.endsWith('.yaml') || p.startsWith(`${prefix}control-plane/`)) continue;
    const object = parse(text) as KubeObject | null;
    if (object && typeof object.kind === 'string' && typeof object.apiVersion === 'string') out.push(object);
  }
  return out;
}

/**
 * Network isolation between tenants, evaluated from the rendered Namespaces
 * and NetworkPolicies as the cluster enforces them (a connection needs the
 * sender's egress and the receiver's ingress): every tenant namespace denies
 * by default in both directions, and pods of one tenant reach another
 * tenant's namespace only where the receiving environment declares
 * `network.allowFrom: [{ tenant: <sender> }]`.
 */
export function networkIsolationProblems(platform: PlatformSpec, files: RenderedFiles): string[] {
  const problems: string[] = [];
  for (const cluster of platform.clusters) {
    const placements = placementsOn(platform, cluster);
    if (placements.length === 0) continue;
    const objects = clusterObjects(files, cluster.name);
    const namespaces = objects.filter((o) => o.kind === 'Namespace')
      .map((o) => ({ name: o.metadata.name ?? '', labels: (o.metadata.labels ?? {}) as Record<string, string> }));
    const allowances = evaluateNetworkPolicies(namespaces, objects.filter((o) => o.kind === 'NetworkPolicy'));
    for (const p of placements) {
      const own = allowances.get(p.namespace);
      if (!own) {
        problems.push(`${cluster.name}: tenant namespace ${p.namespace} is not rendered`);
        continue;
      }
      if (own.ingress.everyone) problems.push(`${cluster.name}: ${p.namespace} accepts connections from every namespace (no default-deny ingress)`);
      if (own.egress.everyone) problems.push(`${cluster.name}: ${p.namespace} may connect to every namespace (no default-deny egress)`);
    }
    for (const from of placements) {
      for (const to of placements) {
        const sender = from.tenant.metadata.name;
        if (sender === to.tenant.metadata.name) continue;
        if (!reach(allowances, from.namespace, to.namespace)) continue;
        if (!allowsTenant(to, sender)) {
          problems.push(`${cluster.name}: ${from.namespace} (tenant ${sender}) can reach ${to.namespace} (tenant ${to.tenant.metadata.name}), which does not allow it (network.allowFrom)`);
        }
      }
    }
  }
  return problems;
}

function allowsTenant(placement: Placement, tenant: string): boolean {
  return placement.spec.network.allowFrom.some((a) => 'tenant' in a && a.tenant === tenant);
}

interface Subject { readonly kind: string; readonly name: string; readonly namespace?: string }
interface Binding { readonly namespace?: string; readonly roleRef: { kind: string; name: string }; readonly subjects: readonly Subject[] }

/** Requests whose grant to one tenant in another tenant's namespace breaks isolation. */
const CROSS_TENANT_REQUESTS = [
  { verb: 'get', group: '', resource: 'secrets' },
  { verb: 'list', group: '', resource: 'pods' },
  { verb: 'create', group: '', resource: 'pods', subresource: 'exec' },
  { verb: 'create', group: 'apps', resource: 'deployments' },
  { verb: 'delete', group: '', resource: 'configmaps' },
] as const;

/**
 * RBAC isolation between tenants, evaluated from the rendered Roles,
 * ClusterRoles and bindings with the API server's rule matching: no
 * tenant's OIDC groups or ServiceAccounts are bound cluster-wide to a role
 * that reaches tenant namespaces, and none of them may read Secrets, list
 * Pods, exec into Pods, create Deployments or delete ConfigMaps in a
 * namespace of another tenant.
 */
export function rbacIsolationProblems(platform: PlatformSpec, files: RenderedFiles): string[] {
  const problems: string[] = [];
  for (const cluster of platform.clusters) {
    const placements = placementsOn(platform, cluster);
    if (placements.length === 0) continue;
    const objects = clusterObjects(files, cluster.name);
    const rules = new Map<string, readonly PolicyRule[]>();
    for (const o of objects) {
      if (o.kind === 'ClusterRole' || o.kind === 'Role') {
        rules.set(`${o.kind}/${o.kind === 'Role' ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`, (o.rules ?? []) as PolicyRule[]);
      }
    }
    const bindings: Binding[] = objects.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding').map((o) => ({
      namespace: o.kind === 'RoleBinding' ? o.metadata.namespace : undefined,
      roleRef: o.roleRef as Binding['roleRef'],
      subjects: (o.subjects ?? []) as Subject[],
    }));
    const prefix = cluster.oidc?.groupPrefix ?? '';
    const tenants = new Map<string, Placement[]>();
    for (const p of placements) tenants.set(p.tenant.metadata.name, [...(tenants.get(p.tenant.metadata.name) ?? []), p]);

    for (const [tenant, own] of tenants) {
      const ownNamespaces = new Set(own.map((p) => p.namespace));
      const groups = new Set(Object.values(own[0].tenant.spec.access).flatMap((a) => a?.groups ?? []).map((g) => `${prefix}${g}`));
      const isTenants = (s: Subject) => (s.kind === 'Group' && groups.has(s.name))
        || (s.kind === 'ServiceAccount' && s.namespace !== undefined && ownNamespaces.has(s.namespace));
      const granted = (namespace: string) => bindings
        .filter((b) => (b.namespace === undefined || b.namespace === namespace) && b.subjects.some(isTenants))
        .flatMap((b) => rules.get(roleKey(b)) ?? []);
      for (const other of placements) {
        if (ownNamespaces.has(other.namespace)) continue;
        const allowed = granted(other.namespace);
        for (const req of CROSS_TENANT_REQUESTS) {
          if (rulesAllow(allowed, req)) {
            problems.push(`${cluster.name}: tenant ${tenant} may ${req.verb} ${req.group ? `${req.group}/` : ''}${req.resource}${'subresource' in req ? `/${req.subresource}` : ''} in ${other.namespace} (tenant ${other.tenant.metadata.name})`);
          }
        }
      }
    }
  }
  return problems;
}

function roleKey(b: Binding): string {
  return b.roleRef.kind === 'Role' ? `Role/${b.namespace}/${b.roleRef.name}` : `ClusterRole/${b.roleRef.name}`;
}

/**
 * The guardrails every tenant namespace carries, as rendered: Pod Security
 * `enforce` at the level its environment declares (`restricted` unless
 * justified), a ResourceQuota and a LimitRange; and no Secret with data
 * anywhere in `dist/`.
 */
export function tenantGuardrailProblems(platform: PlatformSpec, files: RenderedFiles): string[] {
  const problems: string[] = [];
  const enforce = podSecurityLabelKeys('enforce').level;
  for (const cluster of platform.clusters) {
    const objects = clusterObjects(files, cluster.name);
    for (const o of objects) {
      if (o.kind === 'Secret' && (o.data !== undefined || o.stringData !== undefined)) {
        problems.push(`${cluster.name}: Secret ${o.metadata.namespace}/${o.metadata.name} carries data; secrets come from the store (ExternalSecret)`);
      }
    }
    for (const p of placementsOn(platform, cluster)) {
      const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === p.namespace);
      const level = (ns?.metadata.labels as Record<string, string> | undefined)?.[enforce];
      if (level !== p.spec.podSecurity.level) {
        problems.push(`${cluster.name}: namespace ${p.namespace} enforces Pod Security "${level ?? 'none'}", its environment declares "${p.spec.podSecurity.level}"`);
      }
      if ((ns?.metadata.labels as Record<string, string> | undefined)?.[LABELS.tenant] !== p.tenant.metadata.name) {
        problems.push(`${cluster.name}: namespace ${p.namespace} is not labelled ${LABELS.tenant}=${p.tenant.metadata.name}`);
      }
      for (const kind of ['ResourceQuota', 'LimitRange']) {
        if (!objects.some((o) => o.kind === kind && o.metadata.namespace === p.namespace)) {
          problems.push(`${cluster.name}: namespace ${p.namespace} has no ${kind}`);
        }
      }
    }
  }
  return problems;
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}
