/**
 * The tenant Prometheus: a second Prometheus, beside the platform's
 * (kube-prometheus-stack's), that loads only what lives in tenant
 * namespaces — the ServiceMonitors and PodMonitors tenants write and the SLO
 * rules rendered for them — with prometheus-operator's multi-tenancy
 * enforcement on:
 *
 * - `arbitraryFSAccessThroughSMs.deny`: a ServiceMonitor that reads a file
 *   of the Prometheus container (`bearerTokenFile`, `tlsConfig`
 *   `caFile`/`certFile`/`keyFile`) is rejected, so no tenant can make
 *   Prometheus send its own service-account token to a tenant pod;
 * - `ignoreNamespaceSelectors`: a monitor discovers targets in its own
 *   namespace only (`namespaceSelector: { any: true }` is ignored);
 * - `enforcedNamespaceLabel: namespace`: every sample, recorded series and
 *   alert carries the namespace of the object it came from, and every vector
 *   selector of a tenant rule is restricted to it; `overrideHonorLabels`
 *   and `overrideHonorTimestamps` stop scraped data from claiming labels or
 *   times of its own;
 * - `enforced*Limit`: samples per scrape, targets per job, labels, label
 *   lengths, body size and dropped targets kept, from
 *   `settings.observability.tenantMonitoring` (restricted defaults);
 * - no Probes and no ScrapeConfigs (null selectors select none): both can
 *   name arbitrary addresses.
 *
 * Why a second Prometheus rather than enforcement on the platform's: the
 * enforced limits and the file-system denial apply to every monitor a
 * Prometheus loads, and kube-prometheus-stack 88.3.0's own ServiceMonitors
 * need them (`templates/exporters/kube-api-server/servicemonitor.yaml` and
 * the kubelet one read `/var/run/secrets/kubernetes.io/serviceaccount/token`
 * and `ca.crt`; kube-state-metrics and the API server return far more
 * samples per scrape than a tenant job should). Separate, tenants cannot
 * exhaust the Prometheus the platform's own alerts run on either.
 * `excludedFromEnforcement` stays empty: the platform's monitors are never
 * loaded here. The same split is OpenShift's user-workload monitoring.
 *
 * Alerts go to the platform Alertmanager (kube-prometheus-stack's Service
 * `kube-prometheus-stack-alertmanager`, port `http-web`:
 * `templates/alertmanager/service.yaml`), where tenant AlertmanagerConfigs
 * route them with the `OnNamespace` matcher strategy.
 *
 * Service discovery: the Prometheus' ServiceAccount is bound, by a
 * RoleBinding in each tenant namespace ({@link TenantPrometheusDiscovery}),
 * to a ClusterRole that reads Services, Endpoints, EndpointSlices and Pods:
 * it cannot even list what runs in platform namespaces.
 *
 * Source: prometheus-operator v0.93.0 Prometheus CRD field docs and
 * `pkg/prometheus` (see `operator-semantics.ts`); Prometheus docs,
 * "Configuration" (`sample_limit`, `target_limit`, `label_limit`,
 * `body_size_limit`, `keep_dropped_targets`).
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Prometheus, PrometheusSpecAlertingAlertmanagersApiVersion, PrometheusSpecAlertingAlertmanagersPort, PrometheusSpecResourcesLimits,
  PrometheusSpecResourcesRequests, PrometheusSpecStorageVolumeClaimTemplateSpecResourcesRequests, ServiceMonitor,
} from '../../../imports/monitoring.coreos.com';
import { Profile } from '../../addons/profiles';
import { ClusterSpec } from '../../spec/cluster';
import { TenantMonitoringSettings } from '../../spec/tenant-monitoring';
import { PLATFORM_MONITORING_LABELS, TENANT_NAMESPACES } from './selection';
import { externalLabels, prometheusRemoteWrite } from './stack-values';

/** Name of the tenant Prometheus, its ServiceAccount, Service and ServiceMonitor. */
export const TENANT_PROMETHEUS = 'prometheus-tenants';
/** ClusterRole the tenant Prometheus is bound to in each tenant namespace. */
export const TENANT_PROMETHEUS_DISCOVERY_ROLE = 'prometheus-tenants-discovery';
/** The platform Alertmanager's Service and port (kube-prometheus-stack 88.3.0, release `kube-prometheus-stack`). */
export const PLATFORM_ALERTMANAGER = { name: 'kube-prometheus-stack-alertmanager', port: 'http-web' } as const;
/** The label tenant alerts and series are attributed by. */
export const ENFORCED_NAMESPACE_LABEL = 'namespace';

/** Pod labels the operator sets on a Prometheus' pods (`operator.prometheus.io/name` is the Prometheus' name). */
export const TENANT_PROMETHEUS_POD_LABELS = { 'app.kubernetes.io/name': 'prometheus', 'operator.prometheus.io/name': TENANT_PROMETHEUS } as const;

export interface TenantPrometheusProps {
  readonly cluster: ClusterSpec;
  /** The monitoring namespace (where the platform Prometheus and Alertmanager run). */
  readonly namespace: string;
  readonly settings: TenantMonitoringSettings;
  readonly profile: Profile;
  /** The Prometheus image, e.g. `quay.io/prometheus/prometheus:v3.13.2-distroless` (the add-on's pin). */
  readonly image: string;
  readonly priorityClassName: string;
  /** StorageClass of its volume. @default - the cluster's default class */
  readonly storageClassName?: string;
}

/**
 * The tenant Prometheus and what it needs in the monitoring namespace:
 * ServiceAccount, discovery ClusterRole, Prometheus, Service and the
 * ServiceMonitor the platform Prometheus scrapes it with, and, in the
 * medium and enterprise profiles, a PodDisruptionBudget.
 */
export class TenantPrometheus extends Construct {
  constructor(scope: Construct, id: string, props: TenantPrometheusProps) {
    super(scope, id);
    const { namespace, profile } = props;
    const version = /:(v\d+\.\d+\.\d+)/.exec(props.image)?.[1];
    if (!version) throw new Error(`TenantPrometheus: image "${props.image}" has no vX.Y.Z tag; the operator needs the Prometheus version`);

    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: TENANT_PROMETHEUS, namespace } });
    new k8s.KubeClusterRole(this, 'DiscoveryRole', {
      metadata: { name: TENANT_PROMETHEUS_DISCOVERY_ROLE },
      rules: [
        { apiGroups: [''], resources: ['endpoints', 'pods', 'services'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
      ],
    });

    const resources = profile.resources.large;
    const l = props.settings.limits;
    const tenantNamespaces = { matchExpressions: TENANT_NAMESPACES.matchExpressions!.map((e) => ({ key: e.key, operator: e.operator })) };
    new Prometheus(this, 'Prometheus', {
      metadata: { name: TENANT_PROMETHEUS, namespace },
      spec: {
        image: props.image,
        version,
        replicas: profile.replicas.replicated,
        serviceAccountName: TENANT_PROMETHEUS,
        priorityClassName: props.priorityClassName,
        retention: profile.metrics.retention,
        replicaExternalLabelName: 'prometheus_replica',
        externalLabels: { ...externalLabels(props.cluster), prometheus: 'tenants' },
        remoteWrite: prometheusRemoteWrite(props.cluster) as any,
        alerting: { alertmanagers: [{ namespace, name: PLATFORM_ALERTMANAGER.name, port: PrometheusSpecAlertingAlertmanagersPort.fromString(PLATFORM_ALERTMANAGER.port), apiVersion: PrometheusSpecAlertingAlertmanagersApiVersion.V2 }] },
        resources: {
          requests: { cpu: PrometheusSpecResourcesRequests.fromString(resources.requests.cpu), memory: PrometheusSpecResourcesRequests.fromString(resources.requests.memory) },
          limits: { cpu: PrometheusSpecResourcesLimits.fromString(resources.limits.cpu), memory: PrometheusSpecResourcesLimits.fromString(resources.limits.memory) },
        },
        securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 2000, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
        storage: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: props.storageClassName,
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: PrometheusSpecStorageVolumeClaimTemplateSpecResourcesRequests.fromString(profile.metrics.storage) } },
            },
          },
        },
        topologySpreadConstraints: profile.highAvailability ? [{
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { ...TENANT_PROMETHEUS_POD_LABELS } },
        }] as any : undefined,
        // Tenant namespaces only; no Probes, no ScrapeConfigs (null selectors).
        serviceMonitorSelector: {},
        serviceMonitorNamespaceSelector: tenantNamespaces,
        podMonitorSelector: {},
        podMonitorNamespaceSelector: tenantNamespaces,
        ruleSelector: {},
        ruleNamespaceSelector: tenantNamespaces,
        // Multi-tenancy enforcement.
        arbitraryFsAccessThroughSMs: { deny: true },
        ignoreNamespaceSelectors: true,
        overrideHonorLabels: true,
        overrideHonorTimestamps: true,
        enforcedNamespaceLabel: ENFORCED_NAMESPACE_LABEL,
        enforcedSampleLimit: l.samplesPerScrape,
        enforcedTargetLimit: l.targetsPerScrapeJob,
        enforcedLabelLimit: l.labelsPerSample,
        enforcedLabelNameLengthLimit: l.labelNameLength,
        enforcedLabelValueLengthLimit: l.labelValueLength,
        enforcedBodySizeLimit: `${l.bodySizeMiB}MiB`,
        enforcedKeepDroppedTargets: l.keepDroppedTargets,
      },
    });

    new k8s.KubeService(this, 'Service', {
      metadata: { name: TENANT_PROMETHEUS, namespace, labels: { ...TENANT_PROMETHEUS_POD_LABELS } },
      spec: { selector: { ...TENANT_PROMETHEUS_POD_LABELS }, ports: [{ name: 'http-web', port: 9090, targetPort: k8s.IntOrString.fromString('web') }] },
    });
    new ServiceMonitor(this, 'SelfMonitor', {
      metadata: { name: TENANT_PROMETHEUS, namespace, labels: { ...PLATFORM_MONITORING_LABELS } },
      spec: {
        selector: { matchLabels: { ...TENANT_PROMETHEUS_POD_LABELS } },
        endpoints: [{ port: 'http-web', path: '/metrics', interval: '30s' }],
      },
    });
    if (profile.highAvailability && profile.replicas.replicated > 1) {
      new k8s.KubePodDisruptionBudget(this, 'Pdb', {
        metadata: { name: TENANT_PROMETHEUS, namespace },
        spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: { ...TENANT_PROMETHEUS_POD_LABELS } } },
      });
    }
  }
}

export interface TenantPrometheusDiscoveryProps {
  /** The tenant namespace. */
  readonly namespace: string;
  /** The namespace the tenant Prometheus runs in. */
  readonly monitoringNamespace: string;
}

/**
 * The RoleBinding in one tenant namespace that lets the tenant Prometheus
 * discover targets there (ClusterRole {@link TENANT_PROMETHEUS_DISCOVERY_ROLE}).
 */
export class TenantPrometheusDiscovery extends Construct {
  constructor(scope: Construct, id: string, props: TenantPrometheusDiscoveryProps) {
    super(scope, id);
    new k8s.KubeRoleBinding(this, 'Resource', {
      metadata: { name: TENANT_PROMETHEUS, namespace: props.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: TENANT_PROMETHEUS_DISCOVERY_ROLE },
      subjects: [{ kind: 'ServiceAccount', name: TENANT_PROMETHEUS, namespace: props.monitoringNamespace }],
    });
  }
}
