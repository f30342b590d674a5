/**
 * What a tenant environment is allowed on its cluster, as the admission
 * policies read it: from annotations on the tenant Namespace
 * (ValidatingAdmissionPolicy, via `namespaceObject`) or from per-tenant
 * Constraint parameters (Gatekeeper, whose CEL engine sees only the
 * namespace's name).
 */
import { Placement } from '../../spec/model';
import { ingressDomainsOf } from '../../spec/model';
import { PLATFORM_DOMAIN } from '../../tenancy/labels';

/** The values the tenant-scoped policies are parameterised with. */
export interface TenantAdmission {
  /** Tenant name; objects must carry it in `platform.cdk8s.io/tenant`. */
  readonly tenant: string;
  /** Domains Ingress hosts may equal or lie under. */
  readonly ingressDomains: readonly string[];
  /** StorageClasses PersistentVolumeClaims may name. */
  readonly storageClasses: readonly string[];
  /** PriorityClasses pods may name. */
  readonly priorityClasses: readonly string[];
  /** Whether Services of type LoadBalancer are allowed (the quota allows at least one). */
  readonly loadBalancers: boolean;
}

/** What `placement` is allowed. */
export function tenantAdmission(placement: Placement): TenantAdmission {
  const { spec, cluster, tenant } = placement;
  return {
    tenant: tenant.metadata.name,
    ingressDomains: ingressDomainsOf(tenant.metadata.name, cluster, spec.ingressDomains),
    storageClasses: [...spec.storageClasses],
    priorityClasses: [...spec.priorityClasses],
    loadBalancers: spec.quota.loadBalancers > 0,
  };
}

/** Annotation keys on a tenant Namespace that carry its allowances (values comma-separated). */
export const ALLOWANCE_ANNOTATIONS = {
  ingressDomains: `${PLATFORM_DOMAIN}/allowed-ingress-domains`,
  storageClasses: `${PLATFORM_DOMAIN}/allowed-storage-classes`,
  priorityClasses: `${PLATFORM_DOMAIN}/allowed-priority-classes`,
  loadBalancers: `${PLATFORM_DOMAIN}/load-balancers`,
} as const;

/**
 * The allowance annotations of a tenant Namespace: lists comma-separated,
 * `load-balancers` is `allowed` or `forbidden`. No tenant role may change a
 * Namespace, so a tenant cannot widen them.
 */
export function allowanceAnnotations(a: TenantAdmission): Record<string, string> {
  return {
    [ALLOWANCE_ANNOTATIONS.ingressDomains]: a.ingressDomains.join(','),
    [ALLOWANCE_ANNOTATIONS.storageClasses]: a.storageClasses.join(','),
    [ALLOWANCE_ANNOTATIONS.priorityClasses]: a.priorityClasses.join(','),
    [ALLOWANCE_ANNOTATIONS.loadBalancers]: a.loadBalancers ? 'allowed' : 'forbidden',
  };
}
