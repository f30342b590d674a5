/**
 * kube-state-metrics: metrics about the state of Kubernetes objects, for
 * Prometheus. Runs as its own add-on (not as kube-prometheus-stack's
 * subchart) so that it is sized and made highly available like the others.
 *
 * Chart: prometheus-community/kube-state-metrics.
 */
import { KubeStateMetricsChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { appVersionTag, composedImage, valueString } from './image-composition';
import { metricsRule } from './rules';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['kube-state-metrics'];

export const kubeStateMetrics: AddonDefinition = {
  name: 'kube-state-metrics',
  description: 'Metrics about Kubernetes objects (deployments, pods, quotas) for Prometheus.',
  namespace: 'monitoring',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    exporter: {
      ref: pins.images.exporter, knobs: [{ registry: 'image.registry', repository: 'image.repository', tag: 'image.tag' }],
      pulled: composedImage('kube-state-metrics 6.1.0 templates/_helpers.tpl "kube-state-metrics.image": "<global.imageRegistry or image.registry>/<image.repository>:<image.tag or v<appVersion>>[@<image.sha>]"', (v) => {
        const sha = valueString(v, 'image.sha');
        return `${valueString(v, 'global.imageRegistry') || valueString(v, 'image.registry')}/${valueString(v, 'image.repository')}:${valueString(v, 'image.tag') || appVersionTag(pins.chart, 'v')}${sha ? `@${sha}` : ''}`;
      }),
    },
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
    values: (ctx): KubeStateMetricsChartValues => ({
      // honorLabels on the http endpoint (the object metrics): keep their namespace/pod labels (templates/servicemonitor.yaml).
      prometheus: { monitor: { enabled: ctx.enabled.has('kube-prometheus-stack'), http: { honorLabels: true } } },
      metricLabelsAllowlist: ['namespaces=[platform.cdk8s.io/tenant,platform.cdk8s.io/environment,platform.cdk8s.io/cost-center]'],
    }),
  }],
  network: [metricsRule([8080, 8081])],
};
