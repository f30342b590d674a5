/**
 * kube-state-metrics: metrics about the state of Kubernetes objects, for
 * Prometheus. Runs as its own add-on (not as kube-prometheus-stack's
 * subchart) so that it is sized and made highly available like the others.
 *
 * Chart: prometheus-community/kube-state-metrics.
 */
import { AddonDefinition } from './addon';
import { metricsRule } from './rules';
import { HelmServiceMonitor, HelmWorkloadValues, podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['kube-state-metrics'];

/** The typed values of the kube-state-metrics chart the platform sets. */
export interface KubeStateMetricsValues extends HelmWorkloadValues {
  readonly prometheus: { readonly monitor: HelmServiceMonitor & { readonly honorLabels: boolean } };
  readonly metricLabelsAllowlist: readonly string[];
}

export const kubeStateMetrics: AddonDefinition = {
  name: 'kube-state-metrics',
  description: 'Metrics about Kubernetes objects (deployments, pods, quotas) for Prometheus.',
  namespace: 'monitoring',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    exporter: { ref: pins.images.exporter, knobs: [{ registry: 'image.registry', repository: 'image.repository', tag: 'image.tag' }] },
  },
  workloads: [{
    name: 'exporter', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'small',
    podLabels: podLabels('kube-state-metrics', 'kube-state-metrics'),
    knobs: { replicas: 'replicas', pdb: { path: 'podDisruptionBudget', shape: 'plain' }, topologySpread: 'topologySpreadConstraints', resources: 'resources', podSecurityContext: 'securityContext', securityContext: 'containerSecurityContext', priorityClassName: 'priorityClassName' },
    probes: { knobs: { liveness: 'livenessProbe', readiness: 'readinessProbe' } },
  }],
  releases: [{
    name: 'kube-state-metrics',
    chart: pins.chart,
    values: (ctx): KubeStateMetricsValues => ({
      prometheus: { monitor: { enabled: ctx.enabled.has('kube-prometheus-stack'), honorLabels: true } },
      metricLabelsAllowlist: ['namespaces=[platform.cdk8s.io/tenant,platform.cdk8s.io/environment,platform.cdk8s.io/cost-center]'],
    }),
  }],
  network: [metricsRule([8080, 8081])],
};
