/**
 * Every pinned version of the add-on catalog, in one place (as
 * kube-prometheus keeps `versions.json`): chart repository, chart name and
 * chart version of each Helm release, and the images each chart version
 * pulls by default. Each add-on definition reads its pins from here; bumping
 * an add-on is a one-line change here, `npm run import:charts` when the chart
 * version changes, and a re-render.
 *
 * The image references are what the pinned chart version pulls with its
 * default values (its `values.yaml`, `appVersion` and the template's tag
 * composition: digests it pins, suffixes it appends); they are pinned
 * explicitly so that `dist/images.txt` names exactly what the mirroring job
 * must copy. A test compares every pin with the chart's default
 * (`../shared/charts/`); the deliberate differences are {@link PIN_DEVIATIONS}.
 * Where a chart hard-codes a setting the platform would change, it is said in
 * {@link CHART_HARD_CODED} instead of setting a key the chart ignores.
 */

/** A Helm chart pin. */
export interface ChartPin {
  /** Upstream Helm repository URL. */
  readonly repoURL: string;
  /** Short name of the repository: the folder of the chart mirror it is mirrored into. */
  readonly repoAlias: string;
  readonly chart: string;
  /** Chart version (semver, as the repository index lists it). */
  readonly version: string;
}

const repos = {
  prometheusCommunity: { repoURL: 'https://prometheus-community.github.io/helm-charts', repoAlias: 'prometheus-community' },
  jetstack: { repoURL: 'https://charts.jetstack.io', repoAlias: 'jetstack' },
  ingressNginx: { repoURL: 'https://kubernetes.github.io/ingress-nginx', repoAlias: 'ingress-nginx' },
  externalDns: { repoURL: 'https://kubernetes-sigs.github.io/external-dns', repoAlias: 'external-dns' },
  metricsServer: { repoURL: 'https://kubernetes-sigs.github.io/metrics-server', repoAlias: 'metrics-server' },
  externalSecrets: { repoURL: 'https://charts.external-secrets.io', repoAlias: 'external-secrets' },
  vmwareTanzu: { repoURL: 'https://vmware-tanzu.github.io/helm-charts', repoAlias: 'vmware-tanzu' },
  gatekeeper: { repoURL: 'https://open-policy-agent.github.io/gatekeeper/charts', repoAlias: 'gatekeeper' },
  falcosecurity: { repoURL: 'https://falcosecurity.github.io/charts', repoAlias: 'falcosecurity' },
  dex: { repoURL: 'https://charts.dexidp.io', repoAlias: 'dex' },
  autoscaler: { repoURL: 'https://kubernetes.github.io/autoscaler', repoAlias: 'autoscaler' },
  openTelemetry: { repoURL: 'https://open-telemetry.github.io/opentelemetry-helm-charts', repoAlias: 'open-telemetry' },
  aqua: { repoURL: 'https://aquasecurity.github.io/helm-charts', repoAlias: 'aqua' },
  istio: { repoURL: 'https://istio-release.storage.googleapis.com/charts', repoAlias: 'istio' },
} as const;

/** The pinned versions. */
export const VERSIONS = {
  'kube-prometheus-stack': {
    chart: { ...repos.prometheusCommunity, chart: 'kube-prometheus-stack', version: '88.3.0' },
    images: {
      operator: 'quay.io/prometheus-operator/prometheus-operator:v0.93.0',
      configReloader: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.93.0',
      prometheus: 'quay.io/prometheus/prometheus:v3.13.2-distroless',
      alertmanager: 'quay.io/prometheus/alertmanager:v0.33.1',
      // The chart appends -distroless (image.distroless, true in kube-prometheus-stack): the pulled tag is v1.12.1-distroless.
      nodeExporter: 'quay.io/prometheus/node-exporter:v1.12.1-distroless',
      grafana: 'docker.io/grafana/grafana:13.1.3',
      grafanaSidecar: 'quay.io/kiwigrid/k8s-sidecar:2.10.1',
      webhookCertgen: 'ghcr.io/jkroepke/kube-webhook-certgen:1.8.5',
    },
  },
  'cert-manager': {
    chart: { ...repos.jetstack, chart: 'cert-manager', version: 'v1.21.1' },
    images: {
      controller: 'quay.io/jetstack/cert-manager-controller:v1.21.1',
      webhook: 'quay.io/jetstack/cert-manager-webhook:v1.21.1',
      cainjector: 'quay.io/jetstack/cert-manager-cainjector:v1.21.1',
      startupapicheck: 'quay.io/jetstack/cert-manager-startupapicheck:v1.21.1',
      acmesolver: 'quay.io/jetstack/cert-manager-acmesolver:v1.21.1',
    },
  },
  'ingress-nginx': {
    chart: { ...repos.ingressNginx, chart: 'ingress-nginx', version: '4.13.3' },
    images: {
      controller: 'registry.k8s.io/ingress-nginx/controller:v1.13.3@sha256:1b044f6dcac3afbb59e05d98463f1dec6f3d3fb99940bc12ca5d80270358e3bd',
      webhookCertgen: 'registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.6.3@sha256:3d671cf20a35cd94efc5dcd484970779eb21e7938c98fbc3673693b8a117cf39',
    },
  },
  'external-dns': {
    chart: { ...repos.externalDns, chart: 'external-dns', version: '1.19.0' },
    images: { controller: 'registry.k8s.io/external-dns/external-dns:v0.19.0' },
  },
  'metrics-server': {
    chart: { ...repos.metricsServer, chart: 'metrics-server', version: '3.13.0' },
    images: { server: 'registry.k8s.io/metrics-server/metrics-server:v0.8.0' },
  },
  'kube-state-metrics': {
    chart: { ...repos.prometheusCommunity, chart: 'kube-state-metrics', version: '6.1.0' },
    images: { exporter: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.16.0' },
  },
  'external-secrets': {
    chart: { ...repos.externalSecrets, chart: 'external-secrets', version: '2.9.0' },
    images: { operator: 'ghcr.io/external-secrets/external-secrets:v2.9.0' },
  },
  'velero': {
    chart: { ...repos.vmwareTanzu, chart: 'velero', version: '11.0.0' },
    images: {
      server: 'docker.io/velero/velero:v1.17.0',
      pluginAws: 'docker.io/velero/velero-plugin-for-aws:v1.13.0',
      pluginGcp: 'docker.io/velero/velero-plugin-for-gcp:v1.13.0',
      pluginAzure: 'docker.io/velero/velero-plugin-for-microsoft-azure:v1.13.0',
      /** The chart's default tag is the cluster's Kubernetes `<major>.<minor>`; `<minor>` is filled per cluster. */
      kubectl: 'docker.io/bitnamilegacy/kubectl:<minor>',
    },
  },
  'gatekeeper': {
    chart: { ...repos.gatekeeper, chart: 'gatekeeper', version: '3.23.0' },
    images: {
      gatekeeper: 'docker.io/openpolicyagent/gatekeeper:v3.23.0',
      crds: 'docker.io/openpolicyagent/gatekeeper-crds:v3.23.0',
      probeWebhook: 'docker.io/curlimages/curl:8.20.0',
    },
  },
  'falco': {
    chart: { ...repos.falcosecurity, chart: 'falco', version: '6.0.0' },
    images: {
      falco: 'docker.io/falcosecurity/falco:0.41.1',
      falcoctl: 'docker.io/falcosecurity/falcoctl:0.11.2',
      // OCI artifacts falcoctl installs (not container images; mirrored the same way).
      rules: 'ghcr.io/falcosecurity/rules/falco-rules:4',
      containerPlugin: 'ghcr.io/falcosecurity/plugins/plugin/container:0.2.6',
    },
  },
  'dex': {
    chart: { ...repos.dex, chart: 'dex', version: '0.24.0' },
    images: { dex: 'ghcr.io/dexidp/dex:v2.44.0' },
  },
  'cluster-autoscaler': {
    chart: { ...repos.autoscaler, chart: 'cluster-autoscaler', version: '9.50.1' },
    /** The autoscaler's minor must match the cluster's Kubernetes minor; `<minor>` is filled per cluster. */
    images: { autoscaler: 'registry.k8s.io/autoscaling/cluster-autoscaler:v<minor>.0' },
  },
  'opentelemetry-collector': {
    chart: { ...repos.openTelemetry, chart: 'opentelemetry-collector', version: '0.130.0' },
    images: { collector: 'docker.io/otel/opentelemetry-collector-k8s:0.131.0' },
  },
  'trivy-operator': {
    chart: { ...repos.aqua, chart: 'trivy-operator', version: '0.30.0' },
    images: {
      operator: 'mirror.gcr.io/aquasec/trivy-operator:0.28.0',
      trivy: 'mirror.gcr.io/aquasec/trivy:0.65.0',
      trivyDb: 'mirror.gcr.io/aquasec/trivy-db:2',
      trivyJavaDb: 'mirror.gcr.io/aquasec/trivy-java-db:1',
      policiesBundle: 'mirror.gcr.io/aquasec/trivy-checks:1',
      nodeCollector: 'ghcr.io/aquasecurity/node-collector:0.3.1',
    },
  },
  'istio': {
    base: { ...repos.istio, chart: 'base', version: '1.27.1' },
    istiod: { ...repos.istio, chart: 'istiod', version: '1.27.1' },
    images: {
      pilot: 'docker.io/istio/pilot:1.27.1',
      proxy: 'docker.io/istio/proxyv2:1.27.1',
    },
  },
} as const;

/**
 * Pins that differ from what the pinned chart version pulls by default,
 * each with its reason, by add-on and image key. A test fails on any other
 * difference, and on an entry here that no longer differs.
 */
export const PIN_DEVIATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'cluster-autoscaler': {
    autoscaler: 'the autoscaler minor must equal the cluster\'s Kubernetes minor (autoscaler FAQ, "Which version of Cluster Autoscaler should I use"); the chart defaults to v1.33.0 whatever the cluster runs',
  },
  'velero': {
    pluginAws: 'the chart installs no provider plugin (initContainers is null): the platform adds the plugin of the cluster\'s backup provider at the version the Velero 1.17 compatibility matrix names (velero-plugin-for-aws README)',
    pluginGcp: 'the chart installs no provider plugin (initContainers is null): the platform adds the plugin of the cluster\'s backup provider at the version the Velero 1.17 compatibility matrix names (velero-plugin-for-gcp README)',
    pluginAzure: 'the chart installs no provider plugin (initContainers is null): the platform adds the plugin of the cluster\'s backup provider at the version the Velero 1.17 compatibility matrix names (velero-plugin-for-microsoft-azure README)',
  },
  'opentelemetry-collector': {
    collector: 'the chart declares no default repository (image.repository is ""; its templates fail without one): the platform runs the k8s distribution docker.io/otel/opentelemetry-collector-k8s at the chart\'s appVersion',
  },
};

/**
 * Settings a pinned chart hard-codes that the platform would otherwise set:
 * the platform keeps them as the chart applies them (and checks the result,
 * e.g. with the Pod Security evaluation of the chart's pods) rather than
 * setting keys the chart ignores.
 */
export const CHART_HARD_CODED: Readonly<Record<string, readonly string[]>> = {
  'istio': [
    'istiod 1.27.1 templates/deployment.yaml fixes the discovery container\'s security context (allowPrivilegeEscalation false, readOnlyRootFilesystem, runAsNonRoot, capabilities drop ALL) and sets no pod security context; its only knob is seccompProfile (or pilot.seccompProfile), which the platform sets to RuntimeDefault for the restricted level',
    'istiod 1.27.1 templates/poddisruptionbudget.yaml renders one PodDisruptionBudget from pdb.minAvailable / pdb.maxUnavailable when global.defaultPodDisruptionBudget.enabled; there is no per-component PDB key',
  ],
  'kube-prometheus-stack': [
    'Prometheus and Alertmanager pods are built by the Prometheus Operator v0.93.0 (pkg/prometheus/server/statefulset.go, pkg/alertmanager/statefulset.go), not by the chart: the chart offers only the pod security context (prometheusSpec.securityContext, alertmanagerSpec.securityContext), the operator sets the containers\' security context itself',
    'prometheus-node-exporter 4.56.1 templates/daemonset.yaml runs node-exporter with hostNetwork, hostPID and read-only host mounts; the monitoring namespace is privileged with that justification',
  ],
  'velero': [
    'velero 11.0.0 runs one server replica (templates/deployment.yaml has no replicas knob that makes it highly available) and no PodDisruptionBudget',
  ],
  'gatekeeper': [
    'gatekeeper 3.23.0 hook Jobs (templates/probe-webhook-post-install.yaml, upgrade-crds-hook.yaml) set no pod security context; their containers take postInstall.securityContext / crds.securityContext plus a RuntimeDefault seccomp profile from enableRuntimeDefaultSeccompProfile, which is restricted as the chart ships it',
  ],
  'falco': [
    'falco 6.0.0 runs privileged with host access (templates/pod-template.tpl); its namespace is privileged with that justification',
  ],
};
