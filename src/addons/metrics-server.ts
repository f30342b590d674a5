/**
 * metrics-server: the resource metrics API (`kubectl top`, HorizontalPodAutoscaler).
 *
 * Chart: kubernetes-sigs/metrics-server (values: `replicas`,
 * `podDisruptionBudget`, `image.repository`, `args`).
 */
import { AddonDefinition } from './addon';
import { HelmWorkloadValues, podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['metrics-server'];

/** The typed values of the metrics-server chart the platform sets. */
export interface MetricsServerValues extends HelmWorkloadValues {
  readonly args: readonly string[];
  readonly metrics: { readonly enabled: boolean };
  readonly serviceMonitor: { readonly enabled: boolean };
}

export const metricsServer: AddonDefinition = {
  name: 'metrics-server',
  description: 'Resource metrics API for kubectl top and HorizontalPodAutoscalers.',
  namespace: 'metrics-server',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: [],
  images: {
    server: { ref: pins.images.server, knobs: [{ repository: 'image.repository', tag: 'image.tag' }] },
  },
  workloads: [{
    name: 'server', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'small',
    podLabels: podLabels('metrics-server', 'metrics-server'),
    knobs: { replicas: 'replicas', pdb: { path: 'podDisruptionBudget', shape: 'enabled' }, topologySpread: 'topologySpreadConstraints', resources: 'resources', podSecurityContext: 'podSecurityContext', securityContext: 'securityContext', priorityClassName: 'priorityClassName' },
    probes: { knobs: { liveness: 'livenessProbe', readiness: 'readinessProbe' } },
  }],
  releases: [{
    name: 'metrics-server',
    chart: pins.chart,
    values: (ctx): MetricsServerValues => ({
      args: ['--kubelet-preferred-address-types=InternalIP'],
      metrics: { enabled: true },
      serviceMonitor: { enabled: ctx.enabled.has('kube-prometheus-stack') },
    }),
  }],
  network: [
    { name: 'api-server', description: 'Allow the API server to call the metrics API (aggregated API, TCP 10250).', direction: 'ingress', peer: { anywhere: true }, ports: [10250] },
    { name: 'kubelets', description: 'Allow scraping kubelets on the node network (TCP 10250).', direction: 'egress', peer: { anywhere: true }, ports: [10250] },
  ],
};
