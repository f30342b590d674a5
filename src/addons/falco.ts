/**
 * Falco: runtime threat detection from kernel events (modern eBPF probe),
 * one pod per node.
 *
 * Chart: falcosecurity/falco (values: `driver.kind`, `image.*`,
 * `falcoctl.image.*`, `falco.json_output`).
 */
import { AddonDefinition } from './addon';
import { metricsRule } from './rules';
import { HelmResources } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['falco'];

/** The typed values of the falco chart the platform sets. */
export interface FalcoValues {
  readonly driver: { readonly kind: 'modern_ebpf' | 'kmod' | 'ebpf' };
  readonly tty: boolean;
  readonly falco: { readonly json_output: boolean; readonly priority: 'debug' | 'info' | 'notice' | 'warning' | 'error' };
  readonly metrics: { readonly enabled: boolean };
  readonly serviceMonitor: { readonly create: boolean };
  readonly resources?: HelmResources;
  readonly priorityClassName?: string;
}

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
    falco: { ref: pins.images.falco, knobs: [{ registry: 'image.registry', repository: 'image.repository', tag: 'image.tag' }] },
    falcoctl: { ref: pins.images.falcoctl, knobs: [{ registry: 'falcoctl.image.registry', repository: 'falcoctl.image.repository', tag: 'falcoctl.image.tag' }] },
  },
  workloads: [{
    name: 'falco', kind: 'DaemonSet', replication: { mode: 'daemon' }, size: 'small',
    podLabels: { 'app.kubernetes.io/name': 'falco', 'app.kubernetes.io/instance': 'falco' },
    knobs: { resources: 'resources', priorityClassName: 'priorityClassName' },
    probes: { builtIn: 'the chart defines liveness and readiness probes on the web server /healthz (falco.webserver.enabled, default true)' },
  }],
  releases: [{
    name: 'falco',
    chart: pins.chart,
    values: (ctx): FalcoValues => ({
      driver: { kind: 'modern_ebpf' },
      tty: false,
      falco: { json_output: true, priority: 'notice' },
      metrics: { enabled: true },
      serviceMonitor: { create: ctx.enabled.has('kube-prometheus-stack') },
    }),
  }],
  network: [metricsRule([8765])],
};
