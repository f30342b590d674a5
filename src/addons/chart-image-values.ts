/**
 * The image values of each pinned chart (`values.yaml` blocks with an image
 * repository) that no add-on image knob sets, each with why the cluster does
 * not pull that image and, where a value decides it, the condition a test
 * checks on every cluster's rendered values. Together with the add-ons'
 * `images`, every image value a chart declares is accounted for: a chart
 * upgrade that brings a new image fails the test until it is listed here or
 * becomes an add-on image (and so reaches `dist/images.txt` and the mirror).
 *
 * Facts from the charts' templates at the pinned release tags.
 */
import { getPath } from './knobs';

/** An image value the platform leaves at the chart's default, and why it is not pulled. */
export interface UnpulledImageValue {
  /** The template that renders it and the condition it needs. */
  readonly reason: string;
  /**
   * Whether the chart would render it, from the release's values coalesced
   * over the chart's defaults; a test requires false on every cluster.
   * Absent where nothing in the values decides it (e.g. `helm test` only).
   */
  rendered?(values: unknown): boolean;
}

const on = (path: string) => (v: unknown) => getPath(v, path) === true;

/** By chart name, then the values path of the image block. */
export const UNPULLED_IMAGE_VALUES: Readonly<Record<string, Readonly<Record<string, UnpulledImageValue>>>> = {
  'external-dns': {
    'provider.webhook.image': { reason: 'external-dns 1.19.0 templates/deployment.yaml renders the webhook sidecar only for provider.name "webhook"', rendered: (v) => getPath(v, 'provider.name') === 'webhook' },
  },
  'falco': {
    'driver.loader.initContainer.image': { reason: 'falco 6.0.0 templates/_helpers.tpl "driverLoader.enabled" is false for driver.kind modern_ebpf: no driver loader init container', rendered: (v) => !['modern_ebpf', 'modern-bpf', 'gvisor'].includes(String(getPath(v, 'driver.kind'))) && getPath(v, 'driver.enabled') === true && getPath(v, 'driver.loader.enabled') === true },
  },
  'gatekeeper': {
    'preInstall.crdRepository.image': { reason: 'gatekeeper 3.23.0 templates/upgrade-crds-hook.yaml uses it instead of image.crdRepository only when its repository is set (default null); the crds image covers the Job', rendered: (v) => Boolean(getPath(v, 'preInstall.crdRepository.image.repository')) },
    'postUpgrade.labelNamespace.image': { reason: 'gatekeeper 3.23.0 templates/namespace-post-upgrade.yaml renders only with postUpgrade.labelNamespace.enabled', rendered: on('postUpgrade.labelNamespace.enabled') },
    'postInstall.labelNamespace.image': { reason: 'gatekeeper 3.23.0 templates/namespace-post-install.yaml renders only with postInstall.labelNamespace.enabled (the platform labels its namespaces itself)', rendered: on('postInstall.labelNamespace.enabled') },
    'preUninstall.deleteWebhookConfigurations.image': { reason: 'gatekeeper 3.23.0 templates/webhook-configs-pre-delete.yaml renders only with preUninstall.deleteWebhookConfigurations.enabled', rendered: on('preUninstall.deleteWebhookConfigurations.enabled') },
  },
  'ingress-nginx': {
    'defaultBackend.image': { reason: 'ingress-nginx 4.13.3 templates/default-backend-deployment.yaml renders only with defaultBackend.enabled', rendered: on('defaultBackend.enabled') },
  },
  'istiod': {
    '': { reason: 'the discovery image "<hub or global.hub>/<image>:<tag or global.tag>" (istiod 1.27.1 templates/deployment.yaml): pulled, set through global.hub and global.tag (the pilot image)' },
    'pilot': { reason: 'alias of the root values (istiod 1.27.1 templates/zzy_descope_legacy.yaml): the pilot image' },
  },
  'kube-prometheus-stack': {
    'crds.upgradeJob.image.busybox': { reason: 'kube-prometheus-stack 88.3.0 charts/crds/templates/upgrade/job.yaml renders only with crds.upgradeJob.enabled (CRDs are installed by Helm and Argo CD / Flux)', rendered: on('crds.upgradeJob.enabled') },
    'crds.upgradeJob.image.kubectl': { reason: 'kube-prometheus-stack 88.3.0 charts/crds/templates/upgrade/job.yaml renders only with crds.upgradeJob.enabled', rendered: on('crds.upgradeJob.enabled') },
    'grafana.testFramework.image': { reason: 'grafana 12.10.4 templates/tests/: pods of `helm test` only, never run by Argo CD or Flux installs' },
    'grafana.downloadDashboardsImage': { reason: 'grafana 12.10.4 templates/_pod.tpl renders the download-dashboards init container only for dashboards given by URL or grafana.com id; the platform provisions none', rendered: (v) => getPath(v, 'grafana.dashboards') !== undefined && Object.keys(getPath(v, 'grafana.dashboards') as object).length > 0 },
    'grafana.initChownData.image': { reason: 'grafana 12.10.4 templates/_pod.tpl renders the init-chown-data container only with persistence.enabled and initChownData.enabled', rendered: (v) => getPath(v, 'grafana.persistence.enabled') === true && getPath(v, 'grafana.initChownData.enabled') === true },
    'grafana.imageRenderer.image': { reason: 'grafana 12.10.4 templates/image-renderer-deployment.yaml renders only with imageRenderer.enabled', rendered: on('grafana.imageRenderer.enabled') },
    'kube-state-metrics.image': { reason: 'the kube-state-metrics subchart is off (kubeStateMetrics.enabled false): kube-state-metrics runs as its own add-on', rendered: on('kubeStateMetrics.enabled') },
    'kube-state-metrics.kubeRBACProxy.image': { reason: 'the kube-state-metrics subchart is off (kubeStateMetrics.enabled false)', rendered: on('kubeStateMetrics.enabled') },
    'prometheus-node-exporter.kubeRBACProxy.image': { reason: 'prometheus-node-exporter 4.56.1 templates/daemonset.yaml adds the kube-rbac-proxy container only with kubeRBACProxy.enabled', rendered: on('prometheus-node-exporter.kubeRBACProxy.enabled') },
    'prometheus-node-exporter.permissionInitContainer.image': { reason: 'prometheus-node-exporter 4.56.1 templates/daemonset.yaml adds the permission init container only when permissionInitContainer.fixes (rapl, slabinfo) or extraCommands are set', rendered: (v) => getPath(v, 'prometheus-node-exporter.permissionInitContainer.fixes.rapl') === true || getPath(v, 'prometheus-node-exporter.permissionInitContainer.fixes.slabinfo') === true || ((getPath(v, 'prometheus-node-exporter.permissionInitContainer.extraCommands') as unknown[] | undefined) ?? []).length > 0 },
    'prometheusOperator.admissionWebhooks.deployment.image': { reason: 'kube-prometheus-stack 88.3.0 templates/prometheus-operator/admission-webhooks/deployment/deployment.yaml renders only with admissionWebhooks.deployment.enabled (the operator serves the webhook itself)', rendered: on('prometheusOperator.admissionWebhooks.deployment.enabled') },
    'prometheusOperator.thanosImage': { reason: 'kube-prometheus-stack 88.3.0 passes it as the operator flag --thanos-default-base-image, used only for a Thanos sidecar (prometheus.prometheusSpec.thanos); the platform ships metrics by remote write', rendered: (v) => getPath(v, 'prometheus.prometheusSpec.thanos') !== undefined && Object.keys(getPath(v, 'prometheus.prometheusSpec.thanos') as object).length > 0 },
    'thanosRuler.thanosRulerSpec.image': { reason: 'kube-prometheus-stack 88.3.0 templates/thanos-ruler/ renders only with thanosRuler.enabled', rendered: on('thanosRuler.enabled') },
  },
  'kube-state-metrics': {
    'kubeRBACProxy.image': { reason: 'kube-state-metrics 6.1.0 templates/deployment.yaml adds the kube-rbac-proxy containers only with kubeRBACProxy.enabled', rendered: on('kubeRBACProxy.enabled') },
  },
  'metrics-server': {
    'addonResizer.image': { reason: 'metrics-server 3.13.0 templates/deployment.yaml adds the addon-resizer container only with addonResizer.enabled', rendered: on('addonResizer.enabled') },
  },
};
