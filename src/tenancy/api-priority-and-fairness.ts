/**
 * API Priority and Fairness for tenant workloads: one PriorityLevelConfiguration
 * `tenant-workloads`, fair-queued per ServiceAccount, and the FlowSchemas that put
 * every tenant ServiceAccount's requests there while the platform's own
 * ServiceAccounts stay where the API server's defaults put them.
 *
 * Without it every ServiceAccount outside kube-system — a tenant's operator as
 * much as Argo CD, cert-manager or Prometheus — shares the built-in
 * `workload-low` level, one flow per user (FlowSchema `service-accounts`,
 * precedence 9000): a tenant running many ServiceAccounts, or one that floods,
 * takes seats the platform's controllers and the other tenants need.
 *
 * The built-in objects and precedences the figures below are set against are
 * those of the API server's bootstrap configuration,
 * `k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go` (Kubernetes
 * 1.28; unchanged in the fields used here through 1.34): FlowSchemas `exempt`
 * 1 (system:masters), `probes` 2, `system-leader-election` 100,
 * `endpoint-controller` 150, `workload-leader-election` 200,
 * `system-node-high` 400, `system-nodes` 500, `kube-controller-manager` and
 * `kube-scheduler` 800, `kube-system-service-accounts` 900,
 * `service-accounts` 9000 (workload-low, ByUser), `global-default` 9900
 * (global-default, ByUser: every authenticated user), `catch-all` 10000;
 * priority levels (nominalConcurrencyShares / lendablePercent) `catch-all`
 * 5/0, `system` 30/33, `node-high` 40/25, `leader-election` 10/0,
 * `workload-high` 40/50, `workload-low` 100/90, `global-default` 20/50 — 245
 * shares in all; none sets borrowingLimitPercent (no limit).
 *
 * The number of FlowSchemas and subjects is independent of the number of
 * tenants: the API server tries FlowSchemas in order and each subject in
 * turn on every request (Kubernetes docs "API Priority and Fairness" →
 * "FlowSchema"), so one per tenant namespace would cost every request of
 * the cluster time linear in the tenants.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { graduatedKind } from '../render/graduated-kind';
import { kubernetesMinor } from '../spec/cluster';
import { TENANT_PRIORITY_LEVEL_DEFAULTS, TenantPriorityLevelSpec } from '../spec/isolation';

/** Name of the PriorityLevelConfiguration every tenant ServiceAccount's requests share. */
export const TENANT_PRIORITY_LEVEL = 'tenant-workloads';

/** The built-in priority level the platform's own ServiceAccounts stay in (upstream FlowSchema `service-accounts`). */
export const PLATFORM_PRIORITY_LEVEL = 'workload-low';

/**
 * The platform's FlowSchemas, by name, with their matchingPrecedence. All sort
 * after the built-in kube-system schemas (≤ 900), so the control plane, nodes
 * and leader election keep theirs, and before the built-in
 * `service-accounts` (9000), which they take ServiceAccounts from.
 */
export const PLATFORM_FLOW_SCHEMAS = {
  /** The platform and add-on namespaces' ServiceAccounts → `workload-low`, one flow per ServiceAccount (as upstream). */
  'platform-service-accounts': 8000,
  /**
   * Every other ServiceAccount's requests → `tenant-workloads`, one flow per
   * ServiceAccount (ByUser). Not ByNamespace: that distinguishes by the
   * namespace a request names, and the API server classifies requests before
   * it authorises them (k8s.io/apiserver `pkg/server/config.go`
   * DefaultBuildHandlerChain: authentication, impersonation, priority and
   * fairness, then authorization), so a tenant's ServiceAccount could queue
   * requests naming another tenant's namespace — refused later, but waiting
   * in that tenant's flow first — and fill its queues; every request without
   * a namespace (discovery, cluster-wide lists) would also share one flow.
   * Per ServiceAccount, a tenant's flows are its own, at most its
   * `count/serviceaccounts` quota per namespace.
   */
  'tenant-service-accounts': 8100,
} as const;

/**
 * Queuing of the tenant level: 256 queues, hands of 6, 50 requests a queue.
 * The Kubernetes docs' shuffle-sharding table ("API Priority and Fairness" →
 * "Queuing") gives, for 16 flooding flows ("elephants"), the probability that
 * a quiet flow has every queue of its hand taken: 0.024–0.027 with 128
 * queues (workload-low's number; hands of 7–8), 0.00089 with 256 queues and
 * hands of 6. A cluster holds up to 2,000 tenant namespaces and their
 * ServiceAccounts, so several flooding at once is the case to size for; 256
 * queues with upstream's hand of 6 cut that risk about thirty-fold, while
 * one ServiceAccount may still queue at most handSize × queueLengthLimit =
 * 300 requests (upstream's 6 × 50),
 * keeping one flow's latency and memory where upstream has them.
 */
export const TENANT_QUEUING = { queues: 256, handSize: 6, queueLengthLimit: 50 } as const;

/** flowcontrol.apiserver.k8s.io version for a Kubernetes minor: `v1` from 1.29 (GA), `v1beta3` on 1.28 (served 1.26–1.31). */
export function flowControlApiVersion(kubernetesVersion: string): 'flowcontrol.apiserver.k8s.io/v1' | 'flowcontrol.apiserver.k8s.io/v1beta3' {
  return kubernetesMinor(kubernetesVersion) >= 29 ? 'flowcontrol.apiserver.k8s.io/v1' : 'flowcontrol.apiserver.k8s.io/v1beta3';
}

/** FlowSchema `flowcontrol.apiserver.k8s.io/v1` (Kubernetes 1.29+), with the (unchanged) v1beta3 props. */
export const FlowSchemaV1 = graduatedKind<k8s.KubeFlowSchemaV1Beta3Props>(
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema' }, k8s.toJson_KubeFlowSchemaV1Beta3Props);

/** PriorityLevelConfiguration `flowcontrol.apiserver.k8s.io/v1` (Kubernetes 1.29+), with the (unchanged) v1beta3 props. */
export const PriorityLevelConfigurationV1 = graduatedKind<k8s.KubePriorityLevelConfigurationV1Beta3Props>(
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration' }, k8s.toJson_KubePriorityLevelConfigurationV1Beta3Props);

export interface TenantApiFairnessProps {
  /** The cluster's Kubernetes version (`'1.28'`…`'1.34'`): picks the flowcontrol API version. */
  readonly kubernetesVersion: string;
  /**
   * Namespaces whose ServiceAccounts are the platform's and stay in
   * `workload-low`: the platform and add-on namespaces
   * (`reservedNamespaces(settings)`). kube-system is left out: the built-in
   * schemas 100–900 match its ServiceAccounts first.
   */
  readonly platformNamespaces: readonly string[];
  /** @default TENANT_PRIORITY_LEVEL_DEFAULTS */
  readonly priorityLevel?: TenantPriorityLevelSpec;
}

const ALL_RESOURCES = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };
const ALL_NON_RESOURCES = [{ verbs: ['*'], nonResourceUrLs: ['*'] }];
/** Kubernetes puts every ServiceAccount in this group (k8s.io/apiserver/pkg/authentication/serviceaccount: AllServiceAccountsGroup). */
const ALL_SERVICE_ACCOUNTS = { kind: 'Group', group: { name: 'system:serviceaccounts' } };

/**
 * The tenant priority level and the platform's two FlowSchemas (see
 * {@link PLATFORM_FLOW_SCHEMAS}), as `flowcontrol.apiserver.k8s.io/v1` or
 * `/v1beta3` per {@link flowControlApiVersion}.
 *
 * @throws Error when `platformNamespaces` is empty, or a figure of
 *   `priorityLevel` is outside what the API server accepts
 *   (nominalConcurrencyShares 1–1000, lendablePercent 0–100,
 *   borrowingLimitPercent ≥ 0, whole numbers)
 */
export class TenantApiFairness extends Construct {
  constructor(scope: Construct, id: string, props: TenantApiFairnessProps) {
    super(scope, id);
    const level = props.priorityLevel ?? TENANT_PRIORITY_LEVEL_DEFAULTS;
    const bad = [
      !Number.isInteger(level.nominalConcurrencyShares) || level.nominalConcurrencyShares < 1 || level.nominalConcurrencyShares > 1000 ? `nominalConcurrencyShares ${level.nominalConcurrencyShares} (1–1000)` : '',
      !Number.isInteger(level.lendablePercent) || level.lendablePercent < 0 || level.lendablePercent > 100 ? `lendablePercent ${level.lendablePercent} (0–100)` : '',
      !Number.isInteger(level.borrowingLimitPercent) || level.borrowingLimitPercent < 0 ? `borrowingLimitPercent ${level.borrowingLimitPercent} (0 or more)` : '',
    ].filter((m) => m !== '');
    if (bad.length > 0) throw new Error(`TenantApiFairness: priorityLevel ${bad.join(', ')} must be whole numbers in the given ranges`);
    const namespaces = [...new Set(props.platformNamespaces)].filter((n) => n !== 'kube-system').sort();
    if (namespaces.length === 0) throw new Error('TenantApiFairness: platformNamespaces is empty; the platform\'s ServiceAccounts would land in the tenant level');

    const v1 = flowControlApiVersion(props.kubernetesVersion) === 'flowcontrol.apiserver.k8s.io/v1';
    /** A FlowSchema sending every request of `subjects` to `level`, one flow per user (ServiceAccount). */
    const flowSchema = (cid: string, name: keyof typeof PLATFORM_FLOW_SCHEMAS, level: string, subjects: k8s.SubjectV1Beta3[]) => {
      const p: k8s.KubeFlowSchemaV1Beta3Props = {
        metadata: { name },
        spec: {
          matchingPrecedence: PLATFORM_FLOW_SCHEMAS[name],
          priorityLevelConfiguration: { name: level },
          distinguisherMethod: { type: 'ByUser' },
          rules: [{ subjects, resourceRules: [{ ...ALL_RESOURCES, clusterScope: true, namespaces: ['*'] }], nonResourceRules: ALL_NON_RESOURCES }],
        },
      };
      return v1 ? new FlowSchemaV1(this, cid, p) : new k8s.KubeFlowSchemaV1Beta3(this, cid, p);
    };

    const levelProps: k8s.KubePriorityLevelConfigurationV1Beta3Props = {
      metadata: { name: TENANT_PRIORITY_LEVEL },
      spec: {
        type: 'Limited',
        limited: {
          nominalConcurrencyShares: level.nominalConcurrencyShares,
          lendablePercent: level.lendablePercent,
          borrowingLimitPercent: level.borrowingLimitPercent,
          limitResponse: { type: 'Queue', queuing: { ...TENANT_QUEUING } },
        },
      },
    };
    if (v1) new PriorityLevelConfigurationV1(this, 'PriorityLevel', levelProps);
    else new k8s.KubePriorityLevelConfigurationV1Beta3(this, 'PriorityLevel', levelProps);
    flowSchema('PlatformServiceAccounts', 'platform-service-accounts', PLATFORM_PRIORITY_LEVEL,
      namespaces.map((namespace) => ({ kind: 'ServiceAccount', serviceAccount: { namespace, name: '*' } })));
    flowSchema('TenantServiceAccounts', 'tenant-service-accounts', TENANT_PRIORITY_LEVEL, [ALL_SERVICE_ACCOUNTS]);
  }
}
