/**
 * Schemas for resource amounts shared by tenant quotas, LimitRanges and the
 * platform defaults.
 */
import { z } from 'zod';
import { count, quantity } from './fields';

/**
 * A resource list as LimitRange and container resources spell it, by resource
 * name: `cpu` (cores, e.g. `500m`), `memory` and `ephemeral-storage` (bytes,
 * e.g. `512Mi`).
 */
export const resourceList = z.strictObject({
  'cpu': quantity.optional(),
  'memory': quantity.optional(),
  'ephemeral-storage': quantity.optional(),
});
export type ResourceList = z.output<typeof resourceList>;

/** Requests and limits for one compute resource in a ResourceQuota. */
export const requestsAndLimits = z.strictObject({
  requests: quantity,
  limits: quantity,
});

/**
 * A tenant environment's ResourceQuota. `cpu` is in cores, `memory`,
 * `ephemeral-storage` and `storage` in bytes (Kubernetes quantities); the
 * rest are object counts.
 *
 * Source for the quota resource names: Kubernetes docs, "Resource Quotas".
 */
export function quotaSchema(defaults: QuotaCounts) {
  return z.strictObject({
    'cpu': requestsAndLimits,
    'memory': requestsAndLimits,
    'ephemeral-storage': requestsAndLimits.optional(),
    /** Total persistent storage requested by PersistentVolumeClaims (`requests.storage`). */
    'storage': quantity.optional(),
    'persistentVolumeClaims': count.default(defaults.persistentVolumeClaims),
    'pods': count.default(defaults.pods),
    'services': count.default(defaults.services),
    /** `services.loadbalancers`; 0 forbids Services of type LoadBalancer. */
    'loadBalancers': count.default(defaults.loadBalancers),
    /** `services.nodeports`; 0 forbids NodePort Services. */
    'nodePorts': count.default(defaults.nodePorts),
    'configMaps': count.default(defaults.configMaps),
    'secrets': count.default(defaults.secrets),
    /** Object counts, `count/<resource>.<group>`, e.g. `{ deployments.apps: 30 }`, over the platform's and the library's defaults. */
    'objectCounts': z.record(objectCountKey, count).default({}),
  });
}

const objectCountKey = z.string().regex(/^[a-z0-9]+(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, { message: 'must be <resource>[.<group>] such as deployments.apps or jobs.batch' });

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
export const limitRangeSchema = z.strictObject({
  container: z.strictObject({
    defaultRequest: resourceList.optional(),
    default: resourceList.optional(),
    max: resourceList.optional(),
    min: resourceList.optional(),
  }).optional(),
  persistentVolumeClaim: z.strictObject({
    min: quantity.optional(),
    max: quantity.optional(),
  }).optional(),
});
export type LimitRangeInput = z.output<typeof limitRangeSchema>;
