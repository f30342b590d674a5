/**
 * The LimitRange of one tenant environment.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { LimitRangeInput, ResourceList } from '../spec/resources';

export interface TenantLimitRangeProps {
  readonly namespace: string;
  /** Container defaults and bounds (CPU in cores, memory in bytes) and PVC storage bounds. */
  readonly limitRange: LimitRangeInput;
  /**
   * Object name.
   * @default 'tenant-limits'
   */
  readonly name?: string;
}

function quantities(list?: ResourceList): Record<string, k8s.Quantity> | undefined {
  if (!list) return undefined;
  const entries = Object.entries(list).filter(([, v]) => v !== undefined) as [string, string][];
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
}

/**
 * A LimitRange giving containers default requests and limits and bounding
 * containers and PersistentVolumeClaims. Required so a ResourceQuota on
 * requests/limits does not reject pods that set none.
 *
 * Source: Kubernetes docs, "Limit Ranges".
 */
export class TenantLimitRange extends Construct {
  constructor(scope: Construct, id: string, props: TenantLimitRangeProps) {
    super(scope, id);
    const limits: k8s.LimitRangeItem[] = [];
    const c = props.limitRange.container;
    if (c) {
      limits.push({
        type: 'Container',
        defaultRequest: quantities(c.defaultRequest),
        default: quantities(c.default),
        max: quantities(c.max),
        min: quantities(c.min),
      });
    }
    const pvc = props.limitRange.persistentVolumeClaim;
    if (pvc && (pvc.min || pvc.max)) {
      limits.push({
        type: 'PersistentVolumeClaim',
        min: pvc.min ? { storage: k8s.Quantity.fromString(pvc.min) } : undefined,
        max: pvc.max ? { storage: k8s.Quantity.fromString(pvc.max) } : undefined,
      });
    }
    new k8s.KubeLimitRange(this, 'Resource', {
      metadata: { name: props.name ?? 'tenant-limits', namespace: props.namespace },
      spec: { limits },
    });
  }
}
