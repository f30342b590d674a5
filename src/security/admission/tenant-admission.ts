/**
 * What a tenant environment is allowed on its cluster, and what the cluster
 * gives every tenant, as the admission policies read it: tenant values from
 * annotations on the tenant Namespace (ValidatingAdmissionPolicy, via
 * `namespaceObject`) or from per-tenant Constraint parameters (Gatekeeper,
 * whose CEL engine sees only the namespace's name); cluster values written
 * into the policies.
 */
import { tenantIssuers } from '../../addons/cluster-issuers';
import { ClusterSpec } from '../../spec/cluster';
import { Placement } from '../../spec/model';
import { ingressDomainsOf } from '../../spec/model';
import { tenantSecretKeyPrefix } from '../../spec/secrets';
import { TENANT_ROLES } from '../../spec/tenant';
import { PLATFORM_DOMAIN } from '../../tenancy/labels';
import { allowedRegistries } from './registries';

/** The values the tenant-scoped policies are parameterised with. */
export interface TenantAdmission {
  /** Tenant name; objects must carry it in `platform.cdk8s.io/tenant`. */
  readonly tenant: string;
  /** Prefix of the secret store keys the namespace reads (`<tenant>/<environment>/`, or `` with a store per environment). */
  readonly secretKeyPrefix: string;
  /** Domains Ingress hosts, DNS names and certificates may equal or lie under. */
  readonly ingressDomains: readonly string[];
  /** StorageClasses PersistentVolumeClaims may name. */
  readonly storageClasses: readonly string[];
  /** PriorityClasses pods may name. */
  readonly priorityClasses: readonly string[];
  /** Whether Services of type LoadBalancer are allowed (the quota allows at least one). */
  readonly loadBalancers: boolean;
  /** The tenant's OIDC groups, with the cluster's prefix: the only groups RoleBindings may name. */
  readonly tenantGroups: readonly string[];
  /** Taint keys granted beyond the defaults. */
  readonly tolerations: readonly string[];
  /** Ingress controller annotations granted beyond the allow-list. */
  readonly ingressAnnotations: readonly string[];
  /** Isolation controls the environment is excepted from. */
  readonly exceptions: readonly string[];
}

/** The values the policies take from the cluster. */
export interface ClusterAdmission {
  readonly allowedRegistries: readonly string[];
  /** ClusterIssuers tenant certificates may name. */
  readonly tenantIssuers: readonly string[];
  /** Shortest tenant ExternalSecret refresh interval. */
  readonly minRefreshInterval: string;
}

/** What `placement` is allowed. */
export function tenantAdmission(placement: Placement): TenantAdmission {
  const { spec, cluster, tenant, environment } = placement;
  const name = tenant.metadata.name;
  const prefix = cluster.oidc.groupPrefix;
  return {
    tenant: name,
    secretKeyPrefix: cluster.secretStore ? tenantSecretKeyPrefix(cluster.secretStore, name, environment) : `${name}/${environment}/`,
    ingressDomains: ingressDomainsOf(name, cluster, spec.ingressDomains),
    storageClasses: [...spec.storageClasses],
    priorityClasses: [...spec.priorityClasses],
    loadBalancers: spec.quota.loadBalancers > 0,
    tenantGroups: [...new Set(TENANT_ROLES.flatMap((r) => tenant.spec.access[r]?.groups ?? []).map((g) => `${prefix}${g}`))].sort(),
    tolerations: spec.isolation.tolerations.map((t) => t.key),
    ingressAnnotations: spec.isolation.ingressAnnotations.map((a) => a.annotation),
    exceptions: spec.isolation.exceptions.map((e) => e.control),
  };
}

/** What `cluster` gives the policies. */
export function clusterAdmission(cluster: ClusterSpec): ClusterAdmission {
  return {
    allowedRegistries: allowedRegistries(cluster),
    tenantIssuers: tenantIssuers(cluster),
    minRefreshInterval: cluster.secretStore?.tenantMinRefreshInterval ?? '5m',
  };
}

/**
 * Annotation keys on a tenant Namespace that carry its allowances. Lists are
 * separated by {@link ANNOTATION_LIST_SEPARATOR}, except groups, separated
 * by a space (group names cannot contain white space, but may contain commas).
 */
export const ALLOWANCE_ANNOTATIONS = {
  secretKeyPrefix: `${PLATFORM_DOMAIN}/secret-key-prefix`,
  ingressDomains: `${PLATFORM_DOMAIN}/allowed-ingress-domains`,
  storageClasses: `${PLATFORM_DOMAIN}/allowed-storage-classes`,
  priorityClasses: `${PLATFORM_DOMAIN}/allowed-priority-classes`,
  loadBalancers: `${PLATFORM_DOMAIN}/load-balancers`,
  tenantGroups: `${PLATFORM_DOMAIN}/allowed-groups`,
  tolerations: `${PLATFORM_DOMAIN}/allowed-tolerations`,
  ingressAnnotations: `${PLATFORM_DOMAIN}/allowed-ingress-annotations`,
  exceptions: `${PLATFORM_DOMAIN}/isolation-exceptions`,
} as const;

/** Separator of list annotations. */
export const ANNOTATION_LIST_SEPARATOR = ',';

/** Separator of each list annotation. */
export function annotationSeparator(key: keyof typeof ALLOWANCE_ANNOTATIONS): string {
  return key === 'tenantGroups' ? ' ' : ANNOTATION_LIST_SEPARATOR;
}

/**
 * The allowance annotations of a tenant Namespace: lists joined by their
 * separator, `load-balancers` is `allowed` or `forbidden`. No tenant role may
 * change a Namespace, so a tenant cannot widen them.
 */
export function allowanceAnnotations(a: TenantAdmission): Record<string, string> {
  const list = (key: keyof typeof ALLOWANCE_ANNOTATIONS, values: readonly string[]) => values.join(annotationSeparator(key));
  return {
    [ALLOWANCE_ANNOTATIONS.secretKeyPrefix]: a.secretKeyPrefix,
    [ALLOWANCE_ANNOTATIONS.ingressDomains]: list('ingressDomains', a.ingressDomains),
    [ALLOWANCE_ANNOTATIONS.storageClasses]: list('storageClasses', a.storageClasses),
    [ALLOWANCE_ANNOTATIONS.priorityClasses]: list('priorityClasses', a.priorityClasses),
    [ALLOWANCE_ANNOTATIONS.loadBalancers]: a.loadBalancers ? 'allowed' : 'forbidden',
    [ALLOWANCE_ANNOTATIONS.tenantGroups]: list('tenantGroups', a.tenantGroups),
    [ALLOWANCE_ANNOTATIONS.tolerations]: list('tolerations', a.tolerations),
    [ALLOWANCE_ANNOTATIONS.ingressAnnotations]: list('ingressAnnotations', a.ingressAnnotations),
    [ALLOWANCE_ANNOTATIONS.exceptions]: list('exceptions', a.exceptions),
  };
}
