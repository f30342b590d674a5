/**
 * Synthetic fleets for the benchmark: a platform definition (settings,
 * clusters, tenant files as YAML text) with a given number of tenant
 * placements spread over clusters, in the shape real definitions have.
 *
 * Every tenant has one environment on one cluster, so tenants = placements
 * (issue 2's "N tenants" and issue 6's "N placements" are the same fleets).
 * A placement renders about 16 objects: Namespace, ResourceQuota, LimitRange,
 * 5 standard NetworkPolicies, 3 group RoleBindings, the deploy
 * ServiceAccount and RoleBinding, the tenant sync (Argo CD Application or Flux
 * GitRepository + Kustomization), plus the cluster's bootstrap objects for the
 * tenant (AppProject and folder Application, or Kustomization); every fourth
 * tenant accepts traffic from its neighbour and every third declares an
 * external egress CIDR, which adds allowance policies. Each cluster also gets
 * the add-ons of the default platform's cluster of its environment (a few
 * hundred objects per cluster).
 *
 * Settings are the default platform's, unchanged: default log buffers, the
 * default buffer disk limit.
 *
 * {@link tenantsOnOneCluster} builds the other shape: N tenants with two
 * environments each (dev and prod), all on one dev and one prod cluster,
 * so each cluster carries N tenants, each with alert routing.
 */
import { stringify } from 'yaml';
import { ClusterInput } from '../src/spec/cluster';
import { PlatformSources, TenantFile } from '../src/definition/load';
import { clusters as defaultClusters } from '../platform/clusters';
import { settings } from '../platform/settings';

/** Tenant placements per cluster in the synthetic fleets. */
export const PLACEMENTS_PER_CLUSTER = 500;

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

/** Number of clusters a fleet of `placements` placements is spread over (at least 2). */
export function clusterCount(placements: number): number {
  return Math.max(2, Math.round(placements / PLACEMENTS_PER_CLUSTER));
}

/**
 * The sources of a synthetic fleet.
 *
 * @param placements number of tenant placements (= tenants), at least 1
 * @returns settings and clusters (every third cluster on Flux, the rest on
 *   Argo CD; environments dev, staging, prod in turn, each like the default
 *   platform's cluster of that environment) and one tenant file per tenant
 */
export function syntheticFleet(placements: number): PlatformSources {
  const n = clusterCount(placements);
  const clusters: ClusterInput[] = [];
  for (let i = 0; i < n; i++) {
    const environment = ENVIRONMENTS[i % ENVIRONMENTS.length];
    const name = `${environment}-c${String(i).padStart(3, '0')}`;
    clusters.push(clusterLike(environment, name, i % 3 === 2 ? 'flux' : 'argocd'));
  }
  const tenantFiles: TenantFile[] = [];
  for (let i = 0; i < placements; i++) {
    const cluster = clusters[i % n];
    // The neighbour on the same cluster (and so the same environment), when there is one.
    const neighbour = i - n >= 0 ? tenantName(i - n) : undefined;
    const env: Record<string, unknown> = {
      clusters: [cluster.name],
      quota: {
        cpu: { requests: String(2 + (i % 8)), limits: String(4 + 2 * (i % 8)) },
        memory: { requests: `${4 + (i % 8)}Gi`, limits: `${8 + 2 * (i % 8)}Gi` },
        storage: `${10 * (1 + (i % 5))}Gi`,
      },
    };
    const network: Record<string, unknown> = {};
    if (neighbour && i % 4 === 0) network.allowFrom = [{ tenant: neighbour }];
    if (i % 3 === 0) network.egress = [{ cidr: `10.${i % 200}.${(i >> 8) % 256}.0/24`, ports: [{ port: 5432 }], description: 'database' }];
    if (Object.keys(network).length > 0) env.network = network;
    tenantFiles.push(tenantFile(i, { [cluster.environment]: env }));
  }
  return { settings, settingsFile: 'bench/fleet.ts', clusters, clustersFile: 'bench/fleet.ts', tenantFiles };
}

/**
 * `tenants` tenants with a dev and a prod environment each, on one dev and
 * one prod cluster (the default platform's, renamed): every cluster carries
 * all the tenants.
 *
 * @param tenants number of tenants, at least 1
 */
export function tenantsOnOneCluster(tenants: number): PlatformSources {
  const clusters = [clusterLike('dev', 'dev-one', 'flux'), clusterLike('prod', 'prod-one', 'argocd')];
  const tenantFiles: TenantFile[] = [];
  for (let i = 0; i < tenants; i++) {
    const name = tenantName(i);
    const env = (environment: string) => ({
      clusters: [`${environment}-one`],
      quota: { cpu: { requests: '2', limits: '4' }, memory: { requests: '4Gi', limits: '8Gi' }, storage: '20Gi' },
      ...(i % 3 === 0 ? { network: { egress: [{ cidr: `10.${i % 200}.${(i >> 8) % 256}.0/24`, ports: [{ port: 5432 }], description: 'database' }] } } : {}),
    });
    // Alert routing per tenant (an AlertmanagerConfig per namespace), so its size at N tenants is measured too.
    tenantFiles.push(tenantFile(i, { dev: env('dev'), prod: env('prod') }, {
      alerting: { critical: { pagerduty: { routingKey: { key: 'alerting/pagerduty' } } }, warning: { slack: { apiURL: { key: 'alerting/slack' }, channel: `#${name}` } } },
    }));
  }
  return { settings, settingsFile: 'bench/fleet.ts', clusters, clustersFile: 'bench/fleet.ts', tenantFiles };
}

/**
 * A cluster like the default platform's cluster of `environment` (add-ons,
 * storage, backup…) under another name, so fleets stay valid as the definition grows.
 */
function clusterLike(environment: string, name: string, engine: 'argocd' | 'flux'): ClusterInput {
  const template = defaultClusters.find((c) => c.environment === environment)!;
  return { ...template, name, ingressDomain: `${name}.apps.example.com`, gitops: { engine, repoURL: 'https://git.example.com/platform/fleet.git', branch: 'main' } };
}

/** The tenant file of synthetic tenant `i` with these environments and extra `spec` fields. */
function tenantFile(i: number, environments: Record<string, unknown>, extra: Record<string, unknown> = {}): TenantFile {
  const name = tenantName(i);
  return { file: `tenants/${name}.yaml`, text: stringify({
    apiVersion: 'platform.cdk8s.io/v1alpha1',
    kind: 'Tenant',
    metadata: { name },
    spec: {
      owners: [{ name: `Owner ${i}`, email: `owner${i}@example.com` }],
      costCenter: `cc-${1000 + (i % 900)}`,
      access: { admin: { groups: [`${name}-admins`] }, developer: { groups: [`${name}-developers`] }, viewer: { groups: [`${name}-viewers`] } },
      source: { repoURL: `https://git.example.com/${name}/deploy.git` },
      ...extra,
      environments,
    },
  }) };
}

function tenantName(i: number): string {
  return `team-${String(i).padStart(5, '0')}`;
}
