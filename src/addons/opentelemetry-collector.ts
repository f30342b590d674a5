/**
 * OpenTelemetry Collector: receives traces, metrics and logs over OTLP from
 * tenant workloads and forwards them to the tracing backend.
 *
 * Chart: open-telemetry/opentelemetry-collector (values: `mode`,
 * `image.repository`, `presets`, `config`).
 */
import { OpentelemetryCollectorChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { appVersionTag, composedImage, valueString } from './image-composition';
import { httpsEgressRule, metricsRule } from './rules';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['opentelemetry-collector'];

export const openTelemetryCollector: AddonDefinition = {
  name: 'opentelemetry-collector',
  description: 'OTLP gateway for traces, metrics and logs of tenant workloads.',
  namespace: 'opentelemetry',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    collector: {
      ref: pins.images.collector, knobs: [{ repository: 'image.repository', tag: 'image.tag' }],
      pulled: composedImage('opentelemetry-collector 0.130.0 templates/_pod.tpl: "[<global.imageRegistry>/]<image.repository>@<image.digest>", else ":<image.tag or appVersion>"', (v) => {
        const registry = valueString(v, 'global.imageRegistry');
        const repository = `${registry ? `${registry}/` : ''}${valueString(v, 'image.repository')}`;
        const digest = valueString(v, 'image.digest');
        return digest ? `${repository}@${digest}` : `${repository}:${valueString(v, 'image.tag') || appVersionTag(pins.chart)}`;
      }),
    },
  },
  workloads: [{
    name: 'collector', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'medium',
    podLabels: { ...podLabels('opentelemetry-collector', 'opentelemetry-collector'), 'component': 'standalone-collector' },
    knobs: { replicas: 'replicaCount', pdb: { path: 'podDisruptionBudget', shape: 'enabled' }, topologySpread: 'topologySpreadConstraints', resources: 'resources', podSecurityContext: 'podSecurityContext', securityContext: 'securityContext', priorityClassName: 'priorityClassName' },
    probes: { knobs: { liveness: 'livenessProbe', readiness: 'readinessProbe' } },
  }],
  releases: [{
    name: 'opentelemetry-collector',
    chart: pins.chart,
    values: (ctx): OpentelemetryCollectorChartValues => ({
      mode: 'deployment',
      presets: { kubernetesAttributes: { enabled: true } },
      serviceMonitor: { enabled: ctx.enabled.has('kube-prometheus-stack') },
    }),
  }],
  network: [
    { name: 'otlp', description: 'Allow OTLP from workloads in every namespace (TCP 4317 gRPC, 4318 HTTP).', direction: 'ingress', peer: { allNamespaces: true }, ports: [4317, 4318] },
    metricsRule([8888]),
    httpsEgressRule('the tracing backend'),
  ],
};
