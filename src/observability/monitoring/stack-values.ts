/**
 * What the kube-prometheus-stack add-on must pass through to Prometheus,
 * Alertmanager and kube-state-metrics for the platform's monitoring objects
 * to work: long-term retention by remote write, external labels, which
 * rules and monitors to select, namespace enforcement for tenant objects,
 * the platform Alertmanager routes and tenant AlertmanagerConfig selection,
 * and the namespace label kube-state-metrics exports.
 *
 * Field names are those of the Prometheus and Alertmanager custom resources
 * (monitoring.coreos.com/v1) and the chart's values.
 */
import { toJson_PrometheusSpecRemoteWrite, PrometheusSpecRemoteWrite } from '../../../imports/monitoring.coreos.com';
import { ClusterSpec } from '../../spec/cluster';
import { PlatformSpec } from '../../spec/model';
import { RemoteWrite } from '../../spec/observability';
import { AmConfig, platformAlertmanagerConfig, PLATFORM_RECEIVERS_SECRET } from '../alerting/platform-alertmanager';
import { MONITORING_LABEL, TENANT_NAMESPACE_LABEL } from './selection';

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
 * - `prometheus.prometheusSpec`: `externalLabels`, `remoteWrite`, rule and
 *   monitor selectors (every namespace; rules labelled `platform.cdk8s.io/monitoring`),
 *   `enforcedNamespaceLabel: namespace` so tenant rules and monitors only see
 *   their namespace, the platform's own rules excluded from enforcement;
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
  const monitoring = platform.settings.namespaces.monitoring;
  const tenantNamespaces = { matchExpressions: [{ key: TENANT_NAMESPACE_LABEL, operator: 'Exists' }] };
  return {
    prometheus: {
      prometheusSpec: {
        externalLabels: externalLabels(cluster),
        remoteWrite: prometheusRemoteWrite(cluster),
        ruleSelector: { matchExpressions: [{ key: MONITORING_LABEL, operator: 'Exists' }] },
        ruleNamespaceSelector: {},
        serviceMonitorSelector: {},
        serviceMonitorNamespaceSelector: {},
        podMonitorSelector: {},
        podMonitorNamespaceSelector: {},
        enforcedNamespaceLabel: 'namespace',
        excludedFromEnforcement: [{ group: 'monitoring.coreos.com', resource: 'prometheusrules', namespace: monitoring }],
      },
    },
    alertmanager: {
      config: platformAlertmanagerConfig(observability.alerting),
      alertmanagerSpec: {
        secrets: [PLATFORM_RECEIVERS_SECRET],
        alertmanagerConfigSelector: {},
        alertmanagerConfigNamespaceSelector: tenantNamespaces,
        alertmanagerConfigMatcherStrategy: { type: 'OnNamespace' },
      },
    },
    'kube-state-metrics': { metricLabelsAllowlist: [`namespaces=[${TENANT_NAMESPACE_LABEL}]`] },
  };
}
