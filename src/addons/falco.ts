/**
 * Falco: runtime threat detection from kernel events (modern eBPF probe),
 * one pod per node.
 *
 * Chart: falcosecurity/falco (values: `driver.kind`, `image.*`,
 * `falcoctl.image.*`, `falco.json_output`).
 */
import { FalcoChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { appVersionTag, joinedImage } from './image-composition';
import { metricsRule } from './rules';
import { VERSIONS } from './versions';

const pins = VERSIONS['falco'];

export const falco: AddonDefinition = {
  name: 'falco',
  description: 'Runtime threat detection from kernel events on every node.',
  namespace: 'falco',
  podSecurity: {
    level: 'privileged',
    justification: 'Falco loads the modern eBPF probe into the kernel and reads host /proc and container runtime sockets on every node, which needs privileged pods (Falco docs, "Deploy on Kubernetes")',
  },
  crds: [],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    falco: { ref: pins.images.falco, knobs: [{ registry: 'image.registry', repository: 'image.repository', tag: 'image.tag' }], pulled: joinedImage({ registry: 'image.registry', repository: 'image.repository', tag: 'image.tag', defaultTag: () => appVersionTag(pins.chart) }, 'falco 6.0.0 templates/_helpers.tpl "falco.image": "[<registry>/]<repository>:<tag or appVersion>"') },
    falcoctl: { ref: pins.images.falcoctl, knobs: [{ registry: 'falcoctl.image.registry', repository: 'falcoctl.image.repository', tag: 'falcoctl.image.tag' }], pulled: joinedImage({ registry: 'falcoctl.image.registry', repository: 'falcoctl.image.repository', tag: 'falcoctl.image.tag' }, 'falco 6.0.0 templates/_helpers.tpl "falcoctl.image": "<registry>/<repository>:<tag>" (init container and follower sidecar)') },
  },
  workloads: [{
    name: 'falco', kind: 'DaemonSet', replication: { mode: 'daemon' }, size: 'small',
    podLabels: { 'app.kubernetes.io/name': 'falco', 'app.kubernetes.io/instance': 'falco' },
    knobs: { resources: 'resources', priorityClassName: 'podPriorityClassName' },
    probes: { builtIn: 'the chart defines liveness and readiness probes on the web server /healthz (falco.webserver.enabled, default true)' },
  }],
  releases: [{
    name: 'falco',
    chart: pins.chart,
    values: (ctx): FalcoChartValues => ({
      driver: { kind: 'modern_ebpf' },
      tty: false,
      falco: { json_output: true, priority: 'notice' },
      metrics: { enabled: true },
      serviceMonitor: { create: ctx.enabled.has('kube-prometheus-stack') },
    }),
  }],
  network: [metricsRule([8765])],
};
