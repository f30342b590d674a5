/**
 * The PriorityClass every platform workload runs with, and the `foundation`
 * component that renders it with the API server's priority level for tenant
 * workloads (API Priority and Fairness).
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PlatformComponent, WAVES } from '../contracts/component';
import { clusterControlOn } from '../spec/isolation';
import { reservedNamespaces } from '../spec/settings';
import { TenantApiFairness } from '../tenancy/api-priority-and-fairness';

/** Name of the platform's PriorityClass. */
export const PLATFORM_PRIORITY_CLASS = 'platform-critical';

/**
 * Value of the platform PriorityClass: above every tenant workload (default
 * 0) and below the built-in `system-cluster-critical` (2000000000) and
 * `system-node-critical` (2000001000), so the cluster's own components still
 * win. User-defined classes may use up to 1000000000.
 * Source: Kubernetes docs, "Pod Priority and Preemption".
 */
export const PLATFORM_PRIORITY = 1_000_000_000;

export interface PlatformPriorityClassProps {
  /** @default PLATFORM_PRIORITY_CLASS */
  readonly name?: string;
  /** @default PLATFORM_PRIORITY */
  readonly value?: number;
}

/**
 * A non-default PriorityClass for platform add-ons: under node pressure the
 * scheduler preempts tenant pods before the ingress controller, Prometheus
 * or cert-manager.
 *
 * @throws Error when `value` is not an integer from 1 to 1000000000
 */
export class PlatformPriorityClass extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PlatformPriorityClassProps = {}) {
    super(scope, id);
    const value = props.value ?? PLATFORM_PRIORITY;
    if (!Number.isInteger(value) || value < 1 || value > 1_000_000_000) {
      throw new Error(`PlatformPriorityClass: value ${value} must be an integer from 1 to 1000000000 (higher values are reserved for system classes)`);
    }
    this.name = props.name ?? PLATFORM_PRIORITY_CLASS;
    new k8s.KubePriorityClass(this, 'Resource', {
      metadata: { name: this.name },
      value,
      globalDefault: false,
      preemptionPolicy: 'PreemptLowerPriority',
      description: 'Platform add-ons (ingress, monitoring, certificates, secrets, backup, policy): scheduled before tenant workloads.',
    });
  }
}

/**
 * Renders `platform/foundation/`, before every add-on: the platform
 * PriorityClass (scheduling priority) and, unless the cluster is excepted
 * from `api-priority-and-fairness`, the API server's priority level and
 * FlowSchemas for tenant workloads (request priority; {@link TenantApiFairness}),
 * so the add-ons' controllers start already apart from tenant traffic.
 */
export const foundationComponent: PlatformComponent = {
  name: 'foundation',
  wave: WAVES.foundation,
  build(scope, ctx) {
    new PlatformPriorityClass(scope, 'PriorityClass');
    if (clusterControlOn(ctx.cluster, 'api-priority-and-fairness')) {
      new TenantApiFairness(scope, 'ApiFairness', {
        kubernetesVersion: ctx.cluster.kubernetesVersion,
        platformNamespaces: reservedNamespaces(ctx.platform.settings),
        priorityLevel: ctx.cluster.isolation.tenantPriorityLevel,
      });
    }
  },
};
