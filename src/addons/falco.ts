/**
 * Falco: runtime threat detection from kernel events (modern eBPF probe),
 * one pod per node.
 *
 * Chart: falcosecurity/falco (values: `driver.kind`, `image.*`,
 * `falcoctl.image.*`, `falcoctl.config.*`, `falco.json_output`).
 */
import { FalcoChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { appVersionTag, composedImage, joinedImage } from './image-composition';
import { formatImage } from './image-ref';
import { getPath } from './knobs';
import { metricsRule } from './rules';
import { VERSIONS } from './versions';

const pins = VERSIONS['falco'];

/**
 * Artifact names of the falcosecurity index
 * (https://falcosecurity.github.io/falcoctl/index.yaml, the chart's default
 * `falcoctl.config.indexes`) that the chart's defaults name, with the
 * repository each resolves to.
 */
const FALCOSECURITY_INDEX: Readonly<Record<string, string>> = {
  'falco-rules': 'ghcr.io/falcosecurity/rules/falco-rules',
  'container': 'ghcr.io/falcosecurity/plugins/plugin/container',
  'k8smeta': 'ghcr.io/falcosecurity/plugins/plugin/k8smeta',
};

/** A falcoctl reference as falcoctl resolves it: `name:tag` through the index, a reference with a registry host as written. */
function resolveFalcoctlRef(ref: string): string {
  if (ref.includes('/')) return ref;
  const [name, tag] = ref.split(':');
  const repository = FALCOSECURITY_INDEX[name];
  return repository ? `${repository}:${tag}` : ref;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * The artifacts the falcoctl containers fetch (falco 6.0.0): the
 * `falcoctl-artifact-install` init container installs
 * `falcoctl.config.artifact.install.refs`, to which templates/_helpers.tpl
 * "falco.containerPlugin" appends `collectors.containerEngine.pluginRef`
 * when a container collector is on (driver and collectors enabled, and
 * docker, containerd, crio or containerEngine enabled) and
 * "k8smeta.configuration" appends `collectors.kubernetes.pluginRef` with
 * `collectors.kubernetes.enabled`; the `falcoctl-artifact-follow` sidecar
 * polls `falcoctl.config.artifact.follow.refs`. The ConfigMap and both
 * containers render only with `falcoctl.artifact.install.enabled` /
 * `follow.enabled` (templates/falcoctl-configmap.yaml, pod-template.tpl).
 *
 * @param values the release's values coalesced over the chart's defaults
 * @returns references with their registry host, as falcoctl resolves them
 */
export function falcoctlArtifacts(values: unknown): string[] {
  const on = (path: string) => getPath(values, path) === true;
  const out: string[] = [];
  if (on('falcoctl.artifact.install.enabled')) {
    out.push(...strings(getPath(values, 'falcoctl.config.artifact.install.refs')));
    if (on('driver.enabled') && on('collectors.enabled')) {
      if (['docker', 'containerd', 'crio', 'containerEngine'].some((c) => on(`collectors.${c}.enabled`))) out.push(String(getPath(values, 'collectors.containerEngine.pluginRef')));
      if (on('collectors.kubernetes.enabled')) out.push(String(getPath(values, 'collectors.kubernetes.pluginRef')));
    }
  }
  if (on('falcoctl.artifact.follow.enabled')) out.push(...strings(getPath(values, 'falcoctl.config.artifact.follow.refs')));
  return [...new Set(out.map(resolveFalcoctlRef))];
}

/** The artifact of `falcoctlArtifacts(values)` in `repository`, or ''. */
function artifactIn(values: unknown, repository: string): string {
  return falcoctlArtifacts(values).find((r) => r.split(':')[0].endsWith(`/${repository}`)) ?? '';
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
    falco: { ref: pins.images.falco, knobs: [{ registry: 'image.registry', repository: 'image.repository', tag: 'image.tag' }], pulled: joinedImage({ registry: 'image.registry', repository: 'image.repository', tag: 'image.tag', defaultTag: () => appVersionTag(pins.chart) }, 'falco 6.0.0 templates/_helpers.tpl "falco.image": "[<registry>/]<repository>:<tag or appVersion>"') },
    falcoctl: { ref: pins.images.falcoctl, knobs: [{ registry: 'falcoctl.image.registry', repository: 'falcoctl.image.repository', tag: 'falcoctl.image.tag' }], pulled: joinedImage({ registry: 'falcoctl.image.registry', repository: 'falcoctl.image.repository', tag: 'falcoctl.image.tag' }, 'falco 6.0.0 templates/_helpers.tpl "falcoctl.image": "<registry>/<repository>:<tag>" (init container and follower sidecar)') },
    /**
     * The Falco rules, an OCI artifact falcoctl installs and follows: a full
     * reference, so that falcoctl fetches it from the cluster's registry (the
     * mirror when air-gapped) instead of resolving `falco-rules:4` through the
     * falcosecurity index on the internet.
     */
    rules: {
      ref: pins.images.rules,
      knobs: [{ full: 'falcoctl.config.artifact.install.refs.0' }, { full: 'falcoctl.config.artifact.follow.refs.0' }],
      pulled: composedImage('falco 6.0.0 templates/falcoctl-configmap.yaml: falcoctl.config.artifact.install.refs (falcoctlArtifacts)', (v) => artifactIn(v, 'falco-rules')),
    },
    /** The container plugin (an OCI artifact), which the chart adds to falcoctl's install refs for the container collectors. */
    containerPlugin: {
      ref: pins.images.containerPlugin,
      knobs: [{ full: 'collectors.containerEngine.pluginRef' }],
      pulled: composedImage('falco 6.0.0 templates/_helpers.tpl "falco.containerPlugin": collectors.containerEngine.pluginRef (falcoctlArtifacts)', (v) => artifactIn(v, 'container')),
    },
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
    values: (ctx): FalcoChartValues => {
      const rules = formatImage(ctx.image('rules'));
      // Air-gapped: every reference is a full one in the mirror, so falcoctl
      // needs no index (the chart's default index is on the internet) and
      // resolves no dependencies through one; the container plugin the
      // rules need is installed by its own reference.
      const airGapped = Boolean(ctx.cluster.mirrors);
      return {
        driver: { kind: 'modern_ebpf' },
        tty: false,
        falco: { json_output: true, priority: 'notice' },
        metrics: { enabled: true },
        serviceMonitor: { create: ctx.enabled.has('kube-prometheus-stack') },
        falcoctl: {
          config: {
            ...(airGapped ? { indexes: [] } : {}),
            artifact: {
              install: { refs: [rules], ...(airGapped ? { resolveDeps: false } : {}) },
              follow: { refs: [rules] },
            },
          },
        },
      };
    },
  }],
  runtimeArtifacts: falcoctlArtifacts,
  network: [metricsRule([8765])],
};
