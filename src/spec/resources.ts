/**
 * Schemas for resource amounts shared by tenant quotas, LimitRanges and the
 * platform defaults.
 */
import { z } from 'zod';
import { count, quantity } from './fields';
import { documented } from './json-forms';

const cores = (what: string, example: string) => documented(quantity.optional(), `${what} in CPU cores: a Kubernetes quantity such as 500m (0.5 core) or 2.`, example);
const bytes = (what: string, example: string) => documented(quantity.optional(), `${what} in bytes: a Kubernetes quantity such as 512Mi or 4Gi.`, example);

function listOf(what: string, example: { cpu: string; memory: string }) {
  return documented(z.strictObject({
    'cpu': cores(`CPU ${what}`, example.cpu),
    'memory': bytes(`Memory ${what}`, example.memory),
    'ephemeral-storage': bytes(`Ephemeral storage ${what}`, '1Gi'),
  }), `Per-container ${what} by resource name.`, example);
}

/**
 * A resource list as LimitRange and container resources spell it, by resource
 * name: `cpu` (cores, e.g. `500m`), `memory` and `ephemeral-storage` (bytes,
 * e.g. `512Mi`).
 */
export const resourceList = listOf('amount', { cpu: '500m', memory: '512Mi' });
export type ResourceList = z.output<typeof resourceList>;

/** Requests and limits for one compute resource in a ResourceQuota. */
export function requestsAndLimits(resource: 'cpu' | 'memory' | 'ephemeral-storage', example: { requests: string; limits: string }) {
  const unit = resource === 'cpu' ? 'CPU cores, a Kubernetes quantity such as 4 or 500m' : 'bytes, a Kubernetes quantity such as 8Gi';
  return documented(z.strictObject({
    requests: documented(quantity, `Sum of the ${resource} requests of all pods in the namespace (\`requests.${resource}\`), in ${unit}.`, example.requests),
    limits: documented(quantity, `Sum of the ${resource} limits of all pods in the namespace (\`limits.${resource}\`), in ${unit}; at least the requests.`, example.limits),
  }), `${resource} requests and limits of the namespace's ResourceQuota.`, example);
}

/**
 * A tenant environment's ResourceQuota. `cpu` is in cores, `memory`,
 * `ephemeral-storage` and `storage` in bytes (Kubernetes quantities); the
 * rest are object counts.
 *
 * Source for the quota resource names: Kubernetes docs, "Resource Quotas".
 */
export function quotaSchema(defaults: QuotaCounts) {
  const objects = (key: Exclude<keyof QuotaCounts, 'objectCounts'>, what: string, example: number) =>
    documented(count.default(defaults[key]), `Most ${what} in the namespace; default ${defaults[key]} (the platform's tenantDefaults.quota).`, example);
  return documented(z.strictObject({
    'cpu': requestsAndLimits('cpu', { requests: '4', limits: '8' }),
    'memory': requestsAndLimits('memory', { requests: '8Gi', limits: '16Gi' }),
    'ephemeral-storage': requestsAndLimits('ephemeral-storage', { requests: '10Gi', limits: '20Gi' }).optional(),
    'storage': documented(quantity.optional(), 'Total storage all PersistentVolumeClaims of the namespace may request (`requests.storage`), in bytes: a Kubernetes quantity such as 100Gi.', '100Gi'),
    'persistentVolumeClaims': objects('persistentVolumeClaims', 'PersistentVolumeClaims', 10),
    'pods': objects('pods', 'pods', 50),
    'services': objects('services', 'Services', 10),
    'loadBalancers': objects('loadBalancers', 'Services of type LoadBalancer (`services.loadbalancers`; 0 forbids them)', 0),
    'nodePorts': objects('nodePorts', 'NodePort Services (`services.nodeports`; 0 forbids them)', 0),
    'configMaps': objects('configMaps', 'ConfigMaps', 50),
    'secrets': objects('secrets', 'Secrets', 50),
    'objectCounts': documented(z.record(
      objectCountKey,
      documented(count, 'Most objects of this resource in the namespace.', 30),
    ).default({}), 'Object counts, `count/<resource>.<group>` in the ResourceQuota, by `<resource>.<group>`, over the platform\'s tenantDefaults.quota.objectCounts and the library\'s defaults (every kind a tenant role can create has one).', { 'deployments.apps': 30 }),
  }), 'The namespace\'s ResourceQuota: cpu and memory requests and limits are required; object counts default to the platform\'s.', {
    cpu: { requests: '4', limits: '8' }, memory: { requests: '8Gi', limits: '16Gi' },
  });
}

const objectCountKey = z.string().regex(/^(?=.{1,63}$)[a-z0-9]+(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, { message: 'must be <resource>[.<group>] such as deployments.apps or jobs.batch, at most 63 characters' });

/**
 * Count quotas (`count/<resource>.<group>`) for every other kind a tenant role
 * can create — including the custom resources tenants create — so that no
 * kind is unbounded in a shared API server and etcd. The platform's
 * `tenantDefaults.quota.objectCounts` and an environment's `quota.objectCounts`
 * override them per key. A test keeps this list in step with the tenant
 * roles. Source: Kubernetes docs, "Resource Quotas" → "Object count quota".
 */
export const DEFAULT_OBJECT_COUNTS: Readonly<Record<string, number>> = {
  'serviceaccounts': 20,
  'deployments.apps': 50,
  'statefulsets.apps': 20,
  // Each Deployment keeps revisionHistoryLimit (10) old ReplicaSets.
  'replicasets.apps': 500,
  'jobs.batch': 100,
  'cronjobs.batch': 20,
  'horizontalpodautoscalers.autoscaling': 50,
  'ingresses.networking.k8s.io': 30,
  'poddisruptionbudgets.policy': 50,
  'rolebindings.rbac.authorization.k8s.io': 20,
  'externalsecrets.external-secrets.io': 50,
  'servicemonitors.monitoring.coreos.com': 30,
  'podmonitors.monitoring.coreos.com': 30,
  'certificates.cert-manager.io': 30,
};

/** Object counts a platform gives every tenant environment unless its file says otherwise. */
export const quotaCounts = z.strictObject({
  persistentVolumeClaims: count,
  pods: count,
  services: count,
  loadBalancers: count,
  nodePorts: count,
  configMaps: count,
  secrets: count,
  /** Count quotas per kind, over {@link DEFAULT_OBJECT_COUNTS}. */
  objectCounts: z.record(objectCountKey, count).default({}),
});
export type QuotaCounts = z.output<typeof quotaCounts>;

/**
 * A tenant environment's LimitRange: per-container `defaultRequest` (requests
 * injected when a container sets none), `default` (limits injected), `max`
 * and `min`; and per-PersistentVolumeClaim storage bounds.
 */
export const limitRangeSchema = documented(z.strictObject({
  container: documented(z.strictObject({
    defaultRequest: listOf('requests injected when a container sets none (LimitRange `defaultRequest`)', { cpu: '100m', memory: '128Mi' }).optional(),
    default: listOf('limits injected when a container sets none (LimitRange `default`)', { cpu: '500m', memory: '512Mi' }).optional(),
    max: listOf('maximum limits', { cpu: '4', memory: '8Gi' }).optional(),
    min: listOf('minimum requests', { cpu: '10m', memory: '16Mi' }).optional(),
  }).optional(), 'Per-container bounds and defaults; merged over the platform\'s, min ≤ default request ≤ default limit ≤ max.', { max: { cpu: '4', memory: '8Gi' } }),
  persistentVolumeClaim: documented(z.strictObject({
    min: documented(quantity.optional(), 'Smallest storage request of a PersistentVolumeClaim, in bytes (e.g. 1Gi).', '1Gi'),
    max: documented(quantity.optional(), 'Largest storage request of a PersistentVolumeClaim, in bytes (e.g. 100Gi); at least min.', '100Gi'),
  }).optional(), 'Bounds of each PersistentVolumeClaim\'s storage request.', { max: '100Gi' }),
}), 'The namespace\'s LimitRange, merged over the platform\'s tenantDefaults.limitRange.', { container: { max: { cpu: '4', memory: '8Gi' } } });
export type LimitRangeInput = z.output<typeof limitRangeSchema>;
