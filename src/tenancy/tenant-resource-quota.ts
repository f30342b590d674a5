/**
 * The ResourceQuota of one tenant environment.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DEFAULT_OBJECT_COUNTS } from '../spec/resources';
import { TenantEnvironmentSpec } from '../spec/tenant';

export interface TenantResourceQuotaProps {
  readonly namespace: string;
  /** The environment's quota: CPU in cores, memory and storage in bytes (quantities), counts as numbers. */
  readonly quota: TenantEnvironmentSpec['quota'];
  /**
   * The platform's count quotas (`tenantDefaults.quota.objectCounts`).
   * @default {}
   */
  readonly defaultCounts?: Readonly<Record<string, number>>;
  /**
   * Object name.
   * @default 'tenant-quota'
   */
  readonly name?: string;
}

/**
 * Maps the tenant quota to `ResourceQuota.spec.hard`: compute, storage, the
 * named counts, and a count quota for every other tenant-creatable kind
 * (the environment's `objectCounts` over `defaultCounts`, the platform's,
 * over {@link DEFAULT_OBJECT_COUNTS}).
 * Source for the resource names: Kubernetes docs, "Resource Quotas".
 */
export function quotaHard(quota: TenantEnvironmentSpec['quota'], defaultCounts: Readonly<Record<string, number>> = {}): Record<string, string> {
  const hard: Record<string, string> = {
    'requests.cpu': quota.cpu.requests,
    'limits.cpu': quota.cpu.limits,
    'requests.memory': quota.memory.requests,
    'limits.memory': quota.memory.limits,
    'pods': String(quota.pods),
    'services': String(quota.services),
    'services.loadbalancers': String(quota.loadBalancers),
    'services.nodeports': String(quota.nodePorts),
    'persistentvolumeclaims': String(quota.persistentVolumeClaims),
    'configmaps': String(quota.configMaps),
    'secrets': String(quota.secrets),
  };
  const eph = quota['ephemeral-storage'];
  if (eph) {
    hard['requests.ephemeral-storage'] = eph.requests;
    hard['limits.ephemeral-storage'] = eph.limits;
  }
  if (quota.storage) hard['requests.storage'] = quota.storage;
  const counts = { ...DEFAULT_OBJECT_COUNTS, ...defaultCounts, ...quota.objectCounts };
  for (const resource of Object.keys(counts).sort()) {
    hard[`count/${resource}`] = String(counts[resource]);
  }
  return hard;
}

/** A ResourceQuota capping a tenant namespace's compute, storage and object counts. */
export class TenantResourceQuota extends Construct {
  constructor(scope: Construct, id: string, props: TenantResourceQuotaProps) {
    super(scope, id);
    const hard = Object.fromEntries(
      Object.entries(quotaHard(props.quota, props.defaultCounts)).map(([k, v]) => [k, k8s.Quantity.fromString(v)]),
    );
    new k8s.KubeResourceQuota(this, 'Resource', {
      metadata: { name: props.name ?? 'tenant-quota', namespace: props.namespace },
      spec: { hard },
    });
  }
}
