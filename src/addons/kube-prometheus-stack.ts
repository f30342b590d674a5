/**
 * kube-prometheus-stack: the Prometheus Operator, Prometheus, Alertmanager,
 * Grafana and node-exporter. Brings the monitoring.coreos.com CRDs, so it
 * syncs first; add-ons with ServiceMonitors and the PrometheusRules come after.
 * kube-state-metrics runs as its own add-on (the chart's subchart is off).
 *
 * Chart: prometheus-community/kube-prometheus-stack (values:
 * `prometheusOperator.*`, `prometheus.prometheusSpec.*`,
 * `alertmanager.alertmanagerSpec.*`, `grafana.*`, `prometheus-node-exporter.*`).
 */
import { KubePrometheusStackChartValues } from '../../imports/charts';
import { observabilityStackValues } from '../observability/monitoring/stack-values';
import { AddonContext, AddonDefinition } from './addon';
import { appVersionTag, composedImage, ImageComposition, valueString } from './image-composition';
import { webhookRule } from './rules';
import { VERSIONS } from './versions';

const pins = VERSIONS['kube-prometheus-stack'];

/** The StorageClass platform volumes use: the cluster's default class, when it declares one. */
export function defaultStorageClass(ctx: AddonContext): string | undefined {
  return ctx.cluster.storage?.classes.find((c) => c.default)?.name;
}

function volumeClaim(ctx: AddonContext, size: string) {
  return {
    volumeClaimTemplate: {
      spec: {
        storageClassName: defaultStorageClass(ctx),
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: size } },
      },
    },
  };
}

/**
 * The idiom of kube-prometheus-stack 88.3.0 and its subcharts:
 * `<global.imageRegistry or <prefix>.registry>/<prefix>.repository:<tag or
 * default><suffix>[@sha256:<sha> | @<digest>]`.
 */
function kpsImage(prefix: string, source: string, opts: { defaultTag?: () => string; suffixWhen?: string; digestKey?: 'sha' | 'digest' } = {}): ImageComposition {
  return composedImage(source, (v) => {
    const s = (p: string) => valueString(v, `${prefix}.${p}`);
    const registry = valueString(v, 'global.imageRegistry') || s('registry');
    const suffix = opts.suffixWhen && valueString(v, opts.suffixWhen) === 'true' ? '-distroless' : '';
    const digest = opts.digestKey === 'digest' ? (s('digest') ? `@${s('digest')}` : '') : (s('sha') ? `@sha256:${s('sha')}` : '');
    return `${registry}/${s('repository')}:${s('tag') || opts.defaultTag?.() || ''}${suffix}${digest}`;
  });
}

const KPS = 'kube-prometheus-stack 88.3.0';
/**
 * The appVersion tags of the subcharts (prometheus-node-exporter 4.56.1,
 * grafana 12.10.4), which their templates default to: `imports/charts/`
 * records the parent chart's appVersion only.
 */
const NODE_EXPORTER_APP_TAG = 'v1.12.1';
const GRAFANA_APP_TAG = '13.1.3';

export const kubePrometheusStack: AddonDefinition = {
  name: 'kube-prometheus-stack',
  description: 'Metrics, alerting and dashboards: Prometheus Operator, Prometheus, Alertmanager, Grafana, node-exporter.',
  namespace: 'monitoring',
  podSecurity: {
    level: 'privileged',
    justification: 'node-exporter reads host metrics with hostNetwork, hostPID and read-only host /proc, /sys and / mounts (prometheus-node-exporter chart DaemonSet)',
  },
  crds: ['prometheuses.monitoring.coreos.com', 'alertmanagers.monitoring.coreos.com', 'alertmanagerconfigs.monitoring.coreos.com', 'servicemonitors.monitoring.coreos.com', 'podmonitors.monitoring.coreos.com', 'prometheusrules.monitoring.coreos.com', 'probes.monitoring.coreos.com', 'scrapeconfigs.monitoring.coreos.com', 'thanosrulers.monitoring.coreos.com', 'prometheusagents.monitoring.coreos.com'],
  dependsOn: [],
  images: {
    operator: { ref: pins.images.operator, knobs: [{ registry: 'prometheusOperator.image.registry', repository: 'prometheusOperator.image.repository', tag: 'prometheusOperator.image.tag' }], pulled: kpsImage('prometheusOperator.image', `${KPS} templates/prometheus-operator/deployment.yaml`, { defaultTag: () => appVersionTag(pins.chart) }) },
    configReloader: { ref: pins.images.configReloader, knobs: [{ registry: 'prometheusOperator.prometheusConfigReloader.image.registry', repository: 'prometheusOperator.prometheusConfigReloader.image.repository', tag: 'prometheusOperator.prometheusConfigReloader.image.tag' }], pulled: kpsImage('prometheusOperator.prometheusConfigReloader.image', `${KPS} templates/prometheus-operator/deployment.yaml --prometheus-config-reloader`, { defaultTag: () => appVersionTag(pins.chart) }) },
    webhookCertgen: { ref: pins.images.webhookCertgen, knobs: [{ registry: 'prometheusOperator.admissionWebhooks.patch.image.registry', repository: 'prometheusOperator.admissionWebhooks.patch.image.repository', tag: 'prometheusOperator.admissionWebhooks.patch.image.tag' }], pulled: kpsImage('prometheusOperator.admissionWebhooks.patch.image', `${KPS} templates/prometheus-operator/admission-webhooks/job-patch/job-createSecret.yaml`) },
    prometheus: { ref: pins.images.prometheus, knobs: [{ registry: 'prometheus.prometheusSpec.image.registry', repository: 'prometheus.prometheusSpec.image.repository', tag: 'prometheus.prometheusSpec.image.tag' }], pulled: kpsImage('prometheus.prometheusSpec.image', `${KPS} templates/prometheus/prometheus.yaml`) },
    alertmanager: { ref: pins.images.alertmanager, knobs: [{ registry: 'alertmanager.alertmanagerSpec.image.registry', repository: 'alertmanager.alertmanagerSpec.image.repository', tag: 'alertmanager.alertmanagerSpec.image.tag' }], pulled: kpsImage('alertmanager.alertmanagerSpec.image', `${KPS} templates/alertmanager/alertmanager.yaml`) },
    /** The chart appends `-distroless` to the tag when `image.distroless` (kube-prometheus-stack sets it true): the knob gets the tag without it. */
    nodeExporter: { ref: pins.images.nodeExporter, knobs: [{ registry: 'prometheus-node-exporter.image.registry', repository: 'prometheus-node-exporter.image.repository', tag: 'prometheus-node-exporter.image.tag', tagSuffix: '-distroless' }], pulled: kpsImage('prometheus-node-exporter.image', 'prometheus-node-exporter 4.56.1 templates/_helpers.tpl "prometheus-node-exporter.image": "<registry>/<repository>:<tag or v<appVersion>><-distroless when image.distroless>[@<digest>]"', { defaultTag: () => NODE_EXPORTER_APP_TAG, suffixWhen: 'prometheus-node-exporter.image.distroless', digestKey: 'digest' }) },
    grafana: { ref: pins.images.grafana, knobs: [{ registry: 'grafana.image.registry', repository: 'grafana.image.repository', tag: 'grafana.image.tag' }], pulled: kpsImage('grafana.image', 'grafana 12.10.4 templates/_pod.tpl: "<registry>/<repository>:<tag or appVersion>[@sha256:<sha>]"', { defaultTag: () => GRAFANA_APP_TAG }) },
    grafanaSidecar: { ref: pins.images.grafanaSidecar, knobs: [{ registry: 'grafana.sidecar.image.registry', repository: 'grafana.sidecar.image.repository', tag: 'grafana.sidecar.image.tag' }], pulled: kpsImage('grafana.sidecar.image', 'grafana 12.10.4 templates/_pod.tpl: sidecar "<registry>/<repository>:<tag>[@sha256:<sha>]"') },
  },
  workloads: [
    {
      name: 'prometheus-operator', kind: 'Deployment', size: 'small',
      replication: { mode: 'single', reason: 'the Prometheus Operator has no leader election; two replicas would reconcile the same objects concurrently, and a restart only delays configuration changes while Prometheus keeps scraping (prometheus-operator docs, "High Availability")' },
      podLabels: { 'app': 'kube-prometheus-stack-operator', 'release': 'kube-prometheus-stack' },
      knobs: { resources: 'prometheusOperator.resources', podSecurityContext: 'prometheusOperator.securityContext', securityContext: 'prometheusOperator.containerSecurityContext', priorityClassName: 'prometheusOperator.priorityClassName' },
      probes: { builtIn: 'templates/prometheus-operator/deployment.yaml defines liveness and readiness probes on /healthz' },
    },
    {
      name: 'prometheus', kind: 'StatefulSet', replication: { mode: 'replicated' }, size: 'large',
      podLabels: { 'app.kubernetes.io/name': 'prometheus', 'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus' },
      knobs: { replicas: 'prometheus.prometheusSpec.replicas', pdb: { path: 'prometheus.podDisruptionBudget', shape: 'enabled' }, topologySpread: 'prometheus.prometheusSpec.topologySpreadConstraints', resources: 'prometheus.prometheusSpec.resources', podSecurityContext: 'prometheus.prometheusSpec.securityContext', priorityClassName: 'prometheus.prometheusSpec.priorityClassName' },
      probes: { builtIn: 'the Prometheus Operator adds startup, liveness and readiness probes on /-/healthy and /-/ready to every Prometheus pod' },
    },
    {
      name: 'alertmanager', kind: 'StatefulSet', replication: { mode: 'quorum' }, size: 'small',
      podLabels: { 'app.kubernetes.io/name': 'alertmanager', 'alertmanager': 'kube-prometheus-stack-alertmanager' },
      knobs: { replicas: 'alertmanager.alertmanagerSpec.replicas', pdb: { path: 'alertmanager.podDisruptionBudget', shape: 'enabled' }, topologySpread: 'alertmanager.alertmanagerSpec.topologySpreadConstraints', resources: 'alertmanager.alertmanagerSpec.resources', podSecurityContext: 'alertmanager.alertmanagerSpec.securityContext', priorityClassName: 'alertmanager.alertmanagerSpec.priorityClassName' },
      probes: { builtIn: 'the Prometheus Operator adds liveness and readiness probes on /-/healthy and /-/ready to every Alertmanager pod' },
    },
    {
      name: 'grafana', kind: 'Deployment', size: 'medium',
      replication: { mode: 'single', reason: 'Grafana keeps users and sessions in its embedded SQLite database, which one replica at a time may use; dashboards and data sources are provisioned from ConfigMaps, so a restart loses nothing (Grafana docs, "Set up Grafana for high availability")' },
      podLabels: { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'kube-prometheus-stack' },
      knobs: { resources: 'grafana.resources', podSecurityContext: 'grafana.securityContext', securityContext: 'grafana.containerSecurityContext', priorityClassName: 'grafana.priorityClassName' },
      probes: { knobs: { liveness: 'grafana.livenessProbe', readiness: 'grafana.readinessProbe' } },
      securityContextExtra: { readOnlyRootFilesystem: false },
    },
    {
      name: 'node-exporter', kind: 'DaemonSet', replication: { mode: 'daemon' }, size: 'tiny',
      podLabels: { 'app.kubernetes.io/name': 'prometheus-node-exporter' },
      knobs: { resources: 'prometheus-node-exporter.resources', priorityClassName: 'prometheus-node-exporter.priorityClassName' },
      probes: { builtIn: 'prometheus-node-exporter daemonset.yaml defines liveness and readiness probes on /' },
    },
  ],
  releases: [{
    name: 'kube-prometheus-stack',
    chart: pins.chart,
    values: (ctx): KubePrometheusStackChartValues => {
      // Remote write, rule and monitor selection and the platform alert
      // routes come from the observability definition, when the platform has one.
      const monitoring = ctx.platform.settings.observability ? observabilityStackValues(ctx.platform, ctx.cluster) : undefined;
      return {
        crds: { enabled: true },
        kubeStateMetrics: { enabled: false },
        nodeExporter: { enabled: true },
        prometheusOperator: { admissionWebhooks: { failurePolicy: 'Fail', patch: { enabled: true } } },
        prometheus: {
          prometheusSpec: {
            retention: ctx.profile.metrics.retention,
            replicaExternalLabelName: 'prometheus_replica',
            ruleSelectorNilUsesHelmValues: false,
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            externalLabels: { cluster: ctx.cluster.name, environment: ctx.cluster.environment },
            storageSpec: volumeClaim(ctx, ctx.profile.metrics.storage),
            ...monitoring?.prometheus.prometheusSpec,
          },
        },
        alertmanager: {
          // The whole Alertmanager configuration file (templates/alertmanager/secret.yaml).
          config: monitoring ? { ...monitoring.alertmanager.config } : undefined,
          alertmanagerSpec: { storage: volumeClaim(ctx, ctx.profile.alertmanagerStorage), ...monitoring?.alertmanager.alertmanagerSpec },
        },
        grafana: { enabled: true, defaultDashboardsTimezone: 'utc', persistence: { enabled: false } },
      };
    },
  }],
  network: [
    webhookRule([10250]),
    { name: 'scrape', description: 'Allow Prometheus to scrape targets in every namespace.', direction: 'egress', peer: { allNamespaces: true }, ports: [] },
    { name: 'node-metrics', description: 'Allow Prometheus to scrape kubelets and node-exporters on the node network (TCP 10250, 9100).', direction: 'egress', peer: { anywhere: true }, ports: [10250, 9100] },
    { name: 'alert-receivers', description: 'Allow Alertmanager to notify receivers over HTTPS and SMTP submission (TCP 443, 587).', direction: 'egress', peer: { anywhere: true }, ports: [443, 587] },
  ],
};
