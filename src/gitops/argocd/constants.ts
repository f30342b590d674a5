/**
 * Argo CD names and well-known values.
 * Source: Argo CD docs, "Declarative Setup", "Sync Phases and Waves", "Projects".
 */

/** Destination server of the cluster Argo CD runs in. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** Annotation that orders resources and Applications within a sync. */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** Finalizer that makes deleting an Application delete the resources it manages. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** AppProject of the platform's own components (cluster-wide rights). */
export const PLATFORM_PROJECT = 'platform';

/** AppProject of the tenant onboarding folders (guardrails in tenant namespaces only). */
export const TENANTS_PROJECT = 'tenants';

/** AppProject of the fleet ApplicationSet on a hub Argo CD. */
export const FLEET_PROJECT = 'platform-fleet';

/** AppProject of one tenant's own applications. */
export function tenantProjectName(tenant: string): string {
  return `tenant-${tenant}`;
}

/** Retry policy for every Application: 5 attempts, 10 s doubling up to 3 min. */
export const RETRY = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } } as const;
