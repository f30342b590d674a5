/**
 * A small summary of one cluster's rendered objects, for the overview
 * (`dist/README.md`): the tenant namespaces with their owners, OIDC groups,
 * Ingress domains, alert routes, Pod Security level, quota and network
 * allowances; the platform components with their objects; the add-ons with
 * their chart versions; and which tenant namespaces may reach which.
 *
 * Everything is read from the rendered objects — what Argo CD or Flux will
 * apply — so the overview shows add-ons and policies from any component, and
 * can be computed per cluster on any render thread (plain, cloneable data).
 */
import { KubeObject } from '../render/manifests';
import { isQuantity, parseQuantity } from '../spec/quantity';
import { ALLOWANCE_ANNOTATIONS } from '../security/admission/tenant-admission';
import { ANNOTATIONS, LABELS, podSecurityLabelKeys } from '../tenancy/labels';
import { evaluateNetworkPolicies, NamespaceAllowances, reach, Scope } from './network-reachability';

/** One tenant namespace on the cluster. */
export interface NamespaceDigest {
  readonly name: string;
  readonly tenant: string;
  /** `platform.cdk8s.io/environment` label, when set. */
  readonly environment?: string;
  /** Pod Security Admission `enforce` level; undefined when the label is missing (the cluster default applies). */
  readonly podSecurity?: string;
  /** `spec.hard` of the namespace's ResourceQuotas, merged (the lowest value wins when two quotas set one resource). */
  readonly quota: Readonly<Record<string, string>>;
  /** Other namespaces (or selectors, or `all namespaces`) whose pods the namespace accepts traffic from. */
  readonly acceptsFrom: readonly string[];
  /** Destinations outside the cluster its pods may reach (`ipBlock` egress peers). */
  readonly egressExternal: readonly string[];
  /** E-mail addresses of the tenant's owners (the Namespace's owners annotation). */
  readonly owners: readonly string[];
  /** Domains its Ingress hosts may use (the Namespace's allowance annotation read by the admission policies). */
  readonly ingressDomains: readonly string[];
  /** The groups bound to each role in the namespace (RoleBindings' Group subjects), by role name. */
  readonly access: readonly { readonly role: string; readonly groups: readonly string[] }[];
  /** Alert routes of its AlertmanagerConfigs: `severity=critical → opsgenie (team checkout-oncall)`. */
  readonly alertRoutes: readonly string[];
}

/** One platform component: a folder `platform/<name>/` of the cluster, whatever renders it (Helm chart or plain objects). */
export interface ComponentDigest {
  readonly name: string;
  /** Objects rendered into the folder. */
  readonly objects: number;
  /** Object count per kind, by kind. */
  readonly kinds: Readonly<Record<string, number>>;
}

/** One add-on: a Helm chart installed by an Argo CD Application or a Flux HelmRelease. */
export interface AddonDigest {
  /** Application / HelmRelease name. */
  readonly name: string;
  readonly chart: string;
  /** Chart version (Application `targetRevision`, HelmRelease `chart.spec.version`); `(latest)` when unpinned. */
  readonly version: string;
  /** Chart repository URL, or the Flux source it comes from (`HelmRepository/<name>`) when its URL is not rendered. */
  readonly repository: string;
  /** Namespace the chart is installed into. */
  readonly namespace?: string;
  readonly installedBy: 'Argo CD Application' | 'Flux HelmRelease';
}

/** A pair of tenant namespaces where pods of `from` may open connections to pods of `to`. */
export interface ReachablePair {
  readonly from: string;
  readonly to: string;
  /** `all`: every pod and port; `partial`: some pods or ports. */
  readonly scope: Scope;
}

/** The overview data of one cluster. */
export interface ClusterDigest {
  readonly cluster: string;
  /** Tenant namespaces (Namespaces labelled with a tenant), by name. */
  readonly namespaces: readonly NamespaceDigest[];
  /** Add-ons by name. */
  readonly addons: readonly AddonDigest[];
  /** Platform components (folders under `platform/`) by name. */
  readonly components: readonly ComponentDigest[];
  /** Reachable pairs of distinct tenant namespaces, by `from` then `to`. */
  readonly reachable: readonly ReachablePair[];
}

/** True for the objects {@link digestCluster} reads (the rest can be dropped before it runs). */
export function isDigestInput(o: KubeObject): boolean {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  switch (o.kind) {
    case 'Namespace':
    case 'ResourceQuota':
      return group === '';
    case 'NetworkPolicy':
      return group === 'networking.k8s.io';
    case 'RoleBinding':
      return group === 'rbac.authorization.k8s.io' && o.metadata.labels?.[LABELS.tenant] !== undefined;
    case 'AlertmanagerConfig':
      return group === 'monitoring.coreos.com';
    case 'Application':
      return group === 'argoproj.io';
    case 'HelmRelease':
      return group === 'helm.toolkit.fluxcd.io';
    case 'HelmRepository':
    case 'OCIRepository':
      return group === 'source.toolkit.fluxcd.io';
    default:
      return false;
  }
}

/**
 * Summarises the rendered objects of one cluster.
 *
 * @param cluster the cluster's name
 * @param objects every object rendered for the cluster (any order), or at
 *   least those {@link isDigestInput} accepts
 * @param components object counts per kind of each folder under the
 *   cluster's `platform/` (component name → kind → count)
 */
export function digestCluster(
  cluster: string, objects: Iterable<KubeObject>, components: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(),
): ClusterDigest {
  const namespaces: KubeObject[] = [];
  const bindings = new Map<string, KubeObject[]>();
  const alertConfigs = new Map<string, KubeObject[]>();
  const quotas = new Map<string, Record<string, string>>();
  const policies: KubeObject[] = [];
  const applications: KubeObject[] = [];
  const helmReleases: KubeObject[] = [];
  const helmRepositories = new Map<string, string>();
  for (const o of objects) {
    const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
    if (group === '' && o.kind === 'Namespace') namespaces.push(o);
    else if (group === '' && o.kind === 'ResourceQuota') mergeQuota(quotas, o);
    else if (group === 'networking.k8s.io' && o.kind === 'NetworkPolicy') policies.push(o);
    else if (group === 'rbac.authorization.k8s.io' && o.kind === 'RoleBinding') push(bindings, o.metadata.namespace ?? '', o);
    else if (group === 'monitoring.coreos.com' && o.kind === 'AlertmanagerConfig') push(alertConfigs, o.metadata.namespace ?? '', o);
    else if (group === 'argoproj.io' && o.kind === 'Application') applications.push(o);
    else if (group === 'helm.toolkit.fluxcd.io' && o.kind === 'HelmRelease') helmReleases.push(o);
    else if (group === 'source.toolkit.fluxcd.io' && (o.kind === 'HelmRepository' || o.kind === 'OCIRepository')) {
      const url = (o.spec as { url?: string } | undefined)?.url;
      if (url) helmRepositories.set(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, url);
    }
  }

  const tenantNamespaces = namespaces
    .filter((n) => n.metadata.labels?.[LABELS.tenant])
    .sort((a, b) => compare(a.metadata.name!, b.metadata.name!));
  const allowances = evaluateNetworkPolicies(
    namespaces.map((n) => ({ name: n.metadata.name!, labels: n.metadata.labels })), policies);
  const tenantNames = tenantNamespaces.map((n) => n.metadata.name!);

  const digests: NamespaceDigest[] = tenantNamespaces.map((n) => {
    const name = n.metadata.name!;
    const a = allowances.get(name)!;
    return {
      name,
      tenant: n.metadata.labels![LABELS.tenant],
      environment: n.metadata.labels![LABELS.environment],
      podSecurity: n.metadata.labels![podSecurityLabelKeys('enforce').level],
      quota: quotas.get(name) ?? {},
      acceptsFrom: acceptsFrom(name, a),
      egressExternal: a.egress.everyone ? ['anywhere'] : [...a.egress.external],
      owners: list(n.metadata.annotations?.[ANNOTATIONS.owners]),
      ingressDomains: list(n.metadata.annotations?.[ALLOWANCE_ANNOTATIONS.ingressDomains]),
      access: accessOf(bindings.get(name) ?? []),
      alertRoutes: (alertConfigs.get(name) ?? []).flatMap(alertRoutesOf),
    };
  });

  const reachable: ReachablePair[] = [];
  for (const from of tenantNames) {
    for (const to of reachableFrom(from, tenantNames, allowances)) {
      reachable.push(to);
    }
  }

  const addons: AddonDigest[] = [
    ...applications.flatMap((a) => applicationAddons(a)),
    ...helmReleases.map((r) => helmReleaseAddon(r, helmRepositories)),
  ].sort((a, b) => compare(a.name, b.name) || compare(a.chart, b.chart));

  const componentDigests: ComponentDigest[] = [...components]
    .map(([name, kinds]) => ({
      name,
      objects: [...kinds.values()].reduce((a, b) => a + b, 0),
      kinds: Object.fromEntries([...kinds].sort(([a], [b]) => compare(a, b))),
    }))
    .sort((a, b) => compare(a.name, b.name));

  return { cluster, namespaces: digests, addons, components: componentDigests, reachable };
}

function push<T>(into: Map<string, T[]>, key: string, value: T): void {
  const list = into.get(key) ?? [];
  list.push(value);
  into.set(key, list);
}

/** A comma-separated annotation as a list (empty when missing or empty). */
function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

/** Group subjects of the namespace's RoleBindings, per role they bind (ServiceAccounts and users left out). */
function accessOf(bindings: readonly KubeObject[]): { role: string; groups: string[] }[] {
  const byRole = new Map<string, Set<string>>();
  for (const b of bindings) {
    const role = (b.roleRef as { name?: string } | undefined)?.name ?? '';
    const groups = ((b.subjects ?? []) as { kind?: string; name?: string }[]).filter((s) => s.kind === 'Group').map((s) => s.name!);
    if (groups.length === 0) continue;
    const set = byRole.get(role) ?? new Set<string>();
    for (const g of groups) set.add(g);
    byRole.set(role, set);
  }
  return [...byRole].sort(([a], [b]) => compare(a, b)).map(([role, groups]) => ({ role, groups: [...groups].sort(compare) }));
}

/** Receiver integrations as Prometheus Operator's AlertmanagerConfig spells them (`<type>Configs`). */
const RECEIVER_TYPES = ['pagerduty', 'opsgenie', 'slack', 'msteams', 'msteamsv2', 'webhook', 'email', 'victorops', 'pushover', 'telegram', 'discord', 'sns', 'webex', 'wechat'];

/**
 * The routes of an AlertmanagerConfig as text, one per child route:
 * `severity=critical → opsgenie (team checkout-oncall)`, with the Slack
 * channel or e-mail address where the receiver names one.
 * Source: Prometheus Operator API, `monitoring.coreos.com/v1alpha1` AlertmanagerConfig.
 */
function alertRoutesOf(config: KubeObject): string[] {
  const spec = (config.spec ?? {}) as { route?: { receiver?: string; routes?: Route[] }; receivers?: Record<string, unknown>[] };
  const receivers = new Map((spec.receivers ?? []).map((r) => [r.name as string, r]));
  const describe = (name: string | undefined) => {
    const r = receivers.get(name ?? '');
    if (!r) return name ?? '(none)';
    const parts = RECEIVER_TYPES.flatMap((t) => ((r[`${t}Configs`] ?? []) as Record<string, any>[]).map((c) => {
      const detail = c.channel ?? c.to ?? (Array.isArray(c.responders) ? c.responders.map((x: { type?: string; name?: string }) => `${x.type ?? ''} ${x.name ?? ''}`.trim()).join(', ') : undefined);
      return detail ? `${t} (${detail})` : t;
    }));
    return parts.length > 0 ? parts.join(', ') : `${name} (no integration)`;
  };
  const routes = spec.route?.routes ?? [];
  if (routes.length === 0) return spec.route?.receiver ? [`every alert → ${describe(spec.route.receiver)}`] : [];
  return routes.map((r) => {
    const matchers = (r.matchers ?? []).map((m) => `${m.name}${m.matchType ?? '='}${m.value}`).join(', ') || 'every alert';
    return `${matchers} → ${describe(r.receiver)}`;
  });
}

interface Route {
  readonly receiver?: string;
  readonly matchers?: readonly { readonly name: string; readonly matchType?: string; readonly value: string }[];
}

/** Code-point order, the same on every machine (unlike `localeCompare`). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mergeQuota(quotas: Map<string, Record<string, string>>, quota: KubeObject): void {
  const ns = quota.metadata.namespace;
  const hard = (quota.spec as { hard?: Record<string, string | number> } | undefined)?.hard;
  if (!ns || !hard) return;
  const merged = quotas.get(ns) ?? {};
  for (const [k, v] of Object.entries(hard)) {
    const value = String(v);
    // Two quotas on one resource: the API server enforces both, so the lower one binds.
    merged[k] = merged[k] === undefined ? value : lowerQuantity(merged[k], value);
  }
  quotas.set(ns, merged);
}

function lowerQuantity(a: string, b: string): string {
  if (!isQuantity(a) || !isQuantity(b)) return a;
  return parseQuantity(b) < parseQuantity(a) ? b : a;
}

function acceptsFrom(name: string, a: NamespaceAllowances): string[] {
  if (a.ingress.everyone) return [a.ingress.everyone === 'all' ? 'all namespaces' : 'all namespaces (some pods or ports)'];
  const out: string[] = [];
  for (const [ns, scope] of [...a.ingress.namespaces].sort(([x], [y]) => compare(x, y))) {
    if (ns === name) continue;
    out.push(scope === 'all' ? ns : `${ns} (some pods or ports)`);
  }
  for (const s of a.ingress.unmatched) out.push(`namespaces with ${s} (none rendered)`);
  return out;
}

function reachableFrom(from: string, tenants: readonly string[], allowances: ReadonlyMap<string, NamespaceAllowances>): ReachablePair[] {
  const a = allowances.get(from)!;
  // Only namespaces the egress side names can be reached, unless egress is open.
  const candidates = a.egress.everyone ? tenants : tenants.filter((t) => a.egress.namespaces.has(t));
  const out: ReachablePair[] = [];
  for (const to of candidates) {
    if (to === from) continue;
    const scope = reach(allowances, from, to);
    if (scope) out.push({ from, to, scope });
  }
  return out;
}

interface HelmSource { repoURL?: string; chart?: string; targetRevision?: string }

function applicationAddons(app: KubeObject): AddonDigest[] {
  const spec = (app.spec ?? {}) as { source?: HelmSource; sources?: HelmSource[]; destination?: { namespace?: string } };
  const sources = [...(spec.source ? [spec.source] : []), ...(spec.sources ?? [])].filter((s) => s.chart);
  return sources.map((s) => ({
    name: app.metadata.name!,
    chart: s.chart!,
    version: s.targetRevision || '(latest)',
    repository: s.repoURL ?? '',
    namespace: spec.destination?.namespace,
    installedBy: 'Argo CD Application' as const,
  }));
}

function helmReleaseAddon(release: KubeObject, repositories: ReadonlyMap<string, string>): AddonDigest {
  const spec = (release.spec ?? {}) as {
    chart?: { spec?: { chart?: string; version?: string; sourceRef?: { kind?: string; name?: string; namespace?: string } } };
    chartRef?: { kind?: string; name?: string; namespace?: string };
    targetNamespace?: string;
  };
  const chartSpec = spec.chart?.spec;
  const ref = chartSpec?.sourceRef ?? spec.chartRef;
  const refKey = ref ? `${ref.kind}/${ref.namespace ?? release.metadata.namespace ?? ''}/${ref.name}` : '';
  return {
    name: release.metadata.name!,
    chart: chartSpec?.chart ?? (ref ? `${ref.kind}/${ref.name}` : ''),
    version: chartSpec?.version || '(latest)',
    repository: repositories.get(refKey) ?? (ref ? `${ref.kind}/${ref.name}` : ''),
    namespace: spec.targetNamespace ?? release.metadata.namespace,
    installedBy: 'Flux HelmRelease',
  };
}
