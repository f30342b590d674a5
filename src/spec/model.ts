/**
 * The validated platform: plain typed data with defaults applied, no cdk8s
 * types. Everything downstream (constructs, GitOps wiring, the renderer) reads
 * this and nothing else.
 */
import { ClusterSpec } from './cluster';
import { PlatformSettings } from './settings';
import { TenantEnvironmentSpec, TenantSpec } from './tenant';

/** The whole validated platform definition. */
export interface PlatformSpec {
  readonly settings: PlatformSettings;
  /** Clusters in declaration order. */
  readonly clusters: readonly ClusterSpec[];
  /** Tenants sorted by name. */
  readonly tenants: readonly TenantSpec[];
}

/** One tenant environment placed on one cluster: one namespace. */
export interface Placement {
  readonly tenant: TenantSpec;
  /** Environment name, e.g. `prod`. */
  readonly environment: string;
  /** The environment's settings, LimitRange merged with the platform defaults. */
  readonly spec: TenantEnvironmentSpec;
  readonly cluster: ClusterSpec;
  /** The namespace this placement owns on the cluster. */
  readonly namespace: string;
}

/** The namespace a tenant environment owns: its `namespace`, else `<tenant>-<environment>`. */
export function namespaceOf(tenant: string, environment: string, env: { readonly namespace?: string }): string {
  return env.namespace ?? `${tenant}-${environment}`;
}

/**
 * The tenants a tenant environment accepts traffic from on one cluster: its
 * `network.allowFrom` tenants whose allowance applies there (no `clusters`,
 * or `clusters` naming it).
 */
export function allowedTenantsOn(env: TenantEnvironmentSpec, cluster: string): string[] {
  return env.network.allowFrom.flatMap((a) => ('tenant' in a && (!a.clusters || a.clusters.includes(cluster)) ? [a.tenant] : []));
}

/**
 * Every tenant environment placed on `cluster`, ordered by tenant name and then
 * by the platform's environment order.
 */
export function placementsOn(platform: PlatformSpec, cluster: ClusterSpec): Placement[] {
  // Indexed once per platform, so rendering every cluster stays linear in the
  // number of placements rather than clusters × tenants.
  let byCluster = placementIndex.get(platform);
  if (!byCluster) {
    byCluster = new Map();
    for (const tenant of platform.tenants) {
      for (const p of tenantPlacements(platform, tenant)) {
        const list = byCluster.get(p.cluster.name) ?? [];
        list.push(p);
        byCluster.set(p.cluster.name, list);
      }
    }
    placementIndex.set(platform, byCluster);
  }
  return [...(byCluster.get(cluster.name) ?? [])];
}

const placementIndex = new WeakMap<PlatformSpec, Map<string, Placement[]>>();

/** Every placement of one tenant, in environment order then cluster order. */
export function tenantPlacements(platform: PlatformSpec, tenant: TenantSpec): Placement[] {
  const out: Placement[] = [];
  for (const environment of platform.settings.environments) {
    const spec = tenant.spec.environments[environment];
    if (!spec) continue;
    for (const clusterName of spec.clusters) {
      const cluster = platform.clusters.find((c) => c.name === clusterName);
      if (!cluster) continue;
      out.push({ tenant, environment, spec, cluster, namespace: namespaceOf(tenant.metadata.name, environment, spec) });
    }
  }
  return out;
}

/** The Ingress domains a tenant environment may use on a cluster: `<tenant>.<ingressDomain>` and its own. */
export function ingressDomainsOf(tenant: string, cluster: ClusterSpec, declared: readonly string[]): string[] {
  return [`${tenant}.${cluster.ingressDomain}`, ...declared];
}
