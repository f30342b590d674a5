/**
 * What the kube-prometheus-stack add-on must pass through to Prometheus,
 * Alertmanager and kube-state-metrics for the platform's monitoring objects
 * to work: long-term retention by remote write, external labels, which
 * rules and monitors the platform Prometheus selects, the platform
 * Alertmanager routes and tenant AlertmanagerConfig selection, and the
 * namespace label kube-state-metrics exports.
 *
 * Field names are those of the Prometheus and Alertmanager custom resources
 * (monitoring.coreos.com/v1) and the chart's values.
 */
import { toJson_PrometheusSpecRemoteWrite, PrometheusSpecRemoteWrite } from '../../../imports/monitoring.coreos.com';
import { ClusterSpec } from '../../spec/cluster';
import { PlatformSpec } from '../../spec/model';
import { RemoteWrite } from '../../spec/observability';
import { AmConfig, platformAlertmanagerConfig, PLATFORM_RECEIVERS_SECRET } from '../alerting/platform-alertmanager';
import { PLATFORM_NAMESPACES, TENANT_NAMESPACE_LABEL, TENANT_NAMESPACES } from './selection';

/** Secret (monitoring namespace) with the remote-write credentials. */
export const REMOTE_WRITE_SECRET = 'prometheus-remote-write';

/** The tenant header of each receiver kind. Sources: Thanos "Receive" docs; Grafana Mimir "About authentication and authorization". */
const TENANT_HEADER: Record<RemoteWrite['kind'], string | undefined> = {
  thanos: 'THANOS-TENANT',
  mimir: 'X-Scope-OrgID',
  prometheus: undefined,
};

/** The Secret keys a remote-write endpoint's credentials are stored under. */
export function remoteWriteSecretKeys(rw: RemoteWrite): Array<{ secretKey: string; ref: NonNullable<RemoteWrite['bearerToken']> }> {
  const out: Array<{ secretKey: string; ref: NonNullable<RemoteWrite['bearerToken']> }> = [];
  if (rw.basicAuth) out.push({ secretKey: `${rw.name}-username`, ref: rw.basicAuth.username }, { secretKey: `${rw.name}-password`, ref: rw.basicAuth.password });
  if (rw.bearerToken) out.push({ secretKey: `${rw.name}-token`, ref: rw.bearerToken });
  return out;
}

/**
 * `prometheus.prometheusSpec.remoteWrite` for `cluster`: one entry per
 * declared endpoint, credentials by reference to {@link REMOTE_WRITE_SECRET},
 * the tenant header for Thanos or Mimir, and queue settings sized for a
 * platform Prometheus (10 000 samples per shard queue, batches of 2 000, up
 * to 50 shards).
 *
 * @returns remote-write entries in the Prometheus CRD's JSON field names
 */
export function prometheusRemoteWrite(cluster: ClusterSpec): Record<string, unknown>[] {
  return cluster.observability.remoteWrite.map((rw) => {
    const header = TENANT_HEADER[rw.kind];
    const spec: PrometheusSpecRemoteWrite = {
      name: rw.name,
      url: rw.url,
      headers: header && rw.tenant ? { [header]: rw.tenant } : undefined,
      basicAuth: rw.basicAuth ? {
        username: { name: REMOTE_WRITE_SECRET, key: `${rw.name}-username` },
        password: { name: REMOTE_WRITE_SECRET, key: `${rw.name}-password` },
      } : undefined,
      authorization: rw.bearerToken ? { type: 'Bearer', credentials: { name: REMOTE_WRITE_SECRET, key: `${rw.name}-token` } } : undefined,
      queueConfig: { capacity: 10000, maxSamplesPerSend: 2000, maxShards: 50 },
      sendExemplars: true,
    };
    return toJson_PrometheusSpecRemoteWrite(spec)!;
  });
}

/** Labels every sample of the cluster carries in long-term storage. */
export function externalLabels(cluster: ClusterSpec): Record<string, string> {
  return { cluster: cluster.name, environment: cluster.environment };
}

/** The values the kube-prometheus-stack add-on must merge into its Helm values. */
export interface ObservabilityStackValues {
  readonly prometheus: { readonly prometheusSpec: Record<string, unknown> };
  readonly alertmanager: { readonly config: AmConfig; readonly alertmanagerSpec: Record<string, unknown> };
  readonly 'kube-state-metrics': { readonly metricLabelsAllowlist: readonly string[] };
}

/**
 * The kube-prometheus-stack values for `cluster`.
 *
 * - `prometheus.prometheusSpec`: `externalLabels`, `remoteWrite`, and the
 *   selection of the platform Prometheus — every PrometheusRule,
 *   ServiceMonitor and PodMonitor in a namespace without the tenant label
 *   (platform, add-on and system namespaces), whatever its labels, so the
 *   chart's own rules (Watchdog included) and monitors and every add-on's are
 *   loaded, and nothing a tenant writes is. Tenant namespaces are the tenant
 *   Prometheus' (`tenant-prometheus.ts`), which enforces what the platform
 *   Prometheus cannot (its chart monitors read files; see there).
 *   How the chart turns these values into the Prometheus' selectors
 *   (`templates/prometheus/prometheus.yaml`, 88.3.0): a non-empty selector is
 *   written as given; an empty one (`{}`, false in a Go template) becomes
 *   `matchLabels: { release: <release> }` when `*SelectorNilUsesHelmValues`
 *   is true and `{}` otherwise — so the add-on sets those flags to false;
 * - `alertmanager.config` ({@link platformAlertmanagerConfig}) and
 *   `alertmanager.alertmanagerSpec`: the receivers' Secret mounted, tenant
 *   AlertmanagerConfigs selected in tenant namespaces, `OnNamespace` matching;
 * - `kube-state-metrics.metricLabelsAllowlist`: the tenant label of namespaces.
 *
 * @throws Error when the platform has no `settings.observability`
 */
export function observabilityStackValues(platform: PlatformSpec, cluster: ClusterSpec): ObservabilityStackValues {
  const observability = platform.settings.observability;
  if (!observability) throw new Error('observabilityStackValues: the platform declares no settings.observability');
  return {
    prometheus: {
      prometheusSpec: {
        externalLabels: externalLabels(cluster),
        remoteWrite: prometheusRemoteWrite(cluster),
        ruleSelector: {},
        ruleNamespaceSelector: PLATFORM_NAMESPACES,
        serviceMonitorSelector: {},
        serviceMonitorNamespaceSelector: PLATFORM_NAMESPACES,
        podMonitorSelector: {},
        podMonitorNamespaceSelector: PLATFORM_NAMESPACES,
      },
    },
    alertmanager: {
      config: platformAlertmanagerConfig(observability.alerting),
      alertmanagerSpec: {
        secrets: [PLATFORM_RECEIVERS_SECRET],
        alertmanagerConfigSelector: {},
        alertmanagerConfigNamespaceSelector: TENANT_NAMESPACES,
        alertmanagerConfigMatcherStrategy: { type: 'OnNamespace' },
      },
    },
    'kube-state-metrics': { metricLabelsAllowlist: [`namespaces=[${TENANT_NAMESPACE_LABEL}]`] },
  };
}
