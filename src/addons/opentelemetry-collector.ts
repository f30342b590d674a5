/**
 * OpenTelemetry Collector: receives traces, metrics and logs over OTLP from
 * tenant workloads and forwards them to the tracing backend.
 *
 * Chart: open-telemetry/opentelemetry-collector (values: `mode`,
 * `image.repository`, `presets`, `config`).
 */
import { AddonDefinition } from './addon';
import { httpsEgressRule, metricsRule } from './rules';
import { HelmWorkloadValues, podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['opentelemetry-collector'];

/** The typed values of the opentelemetry-collector chart the platform sets. */
export interface OpenTelemetryCollectorValues extends HelmWorkloadValues {
  readonly mode: 'deployment' | 'daemonset' | 'statefulset';
  readonly presets: { readonly kubernetesAttributes: { readonly enabled: boolean } };
  readonly serviceMonitor: { readonly enabled: boolean };
}

export const openTelemetryCollector: AddonDefinition = {
  name: 'opentelemetry-collector',
  description: 'OTLP gateway for traces, metrics and logs of tenant workloads.',
  namespace: 'opentelemetry',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    collector: { ref: pins.images.collector, knobs: [{ repository: 'image.repository', tag: 'image.tag' }] },
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
    values: (ctx): OpenTelemetryCollectorValues => ({
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
