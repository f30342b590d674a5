/**
 * metrics-server: the resource metrics API (`kubectl top`, HorizontalPodAutoscaler).
 *
 * Chart: kubernetes-sigs/metrics-server (values: `replicas`,
 * `podDisruptionBudget`, `image.repository`, `args`).
 */
import { MetricsServerChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { appVersionTag, joinedImage } from './image-composition';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['metrics-server'];

export const metricsServer: AddonDefinition = {
  name: 'metrics-server',
  description: 'Resource metrics API for kubectl top and HorizontalPodAutoscalers.',
  namespace: 'metrics-server',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: [],
  images: {
    server: { ref: pins.images.server, knobs: [{ repository: 'image.repository', tag: 'image.tag' }], pulled: joinedImage({ repository: 'image.repository', tag: 'image.tag', defaultTag: () => appVersionTag(pins.chart, 'v') }, 'metrics-server 3.13.0 templates/_helpers.tpl "metrics-server.image": "<image.repository>:<image.tag or v<appVersion>>"') },
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
    values: (ctx): MetricsServerChartValues => ({
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
