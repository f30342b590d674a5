/**
 * Where each tenant namespace's container logs go on one cluster, for the
 * overview: the log pipeline's routing table (`clusterRoutingTable`, the one the
 * fluentd configuration is rendered from), read per namespace. Namespaces
 * that declare no routes or default output of their own share the platform's
 * tenant default, which writes under the scope `<tenant>_<environment>`.
 */
import { Destination } from '../observability/fluentd/routing';
import { clusterRoutingTable } from '../observability/logging-component';
import { ClusterSpec } from '../spec/cluster';
import { PlatformSpec, placementsOn } from '../spec/model';

/** The log routing of one tenant namespace. */
export interface TenantLogDestination {
  readonly tenant: string;
  readonly environment: string;
  /** Where records no route claims go. */
  readonly fallback: Destination;
  /** Routes by container or pod label, in order. */
  readonly routes: number;
  /** Outputs the routes name, distinct, in route order. */
  readonly routeOutputs: readonly string[];
}

/**
 * The log routing of every tenant namespace of `cluster`.
 *
 * @returns namespace → routing; empty when the platform declares no log pipeline
 */
export function tenantLogDestinations(platform: PlatformSpec, cluster: ClusterSpec): Map<string, TenantLogDestination> {
  const observability = platform.settings.observability;
  const out = new Map<string, TenantLogDestination>();
  if (!observability) return out;
  const table = clusterRoutingTable(platform, cluster);
  const own = new Map(table.tenants.map((t) => [t.namespace, t]));
  for (const p of placementsOn(platform, cluster)) {
    const t = own.get(p.namespace);
    out.set(p.namespace, {
      tenant: p.tenant.metadata.name,
      environment: p.environment,
      fallback: t?.fallback ?? table.tenantDefault,
      routes: t?.rules.length ?? 0,
      routeOutputs: [...new Set((t?.rules ?? []).map((r) => r.destination.outputName))],
    });
  }
  return out;
}

/**
 * Where one tenant namespace's records land on a destination, as a reader
 * looks for it: the output's name and kind, where it writes and under which
 * index, path or Loki tenant (the record fields the pipeline sets, see
 * `RECORD_FIELDS`), e.g. `logs (elasticsearch es.example.com, index logs-payments_prod-*)`.
 */
export function describeDestination(d: Destination, log: Pick<TenantLogDestination, 'tenant' | 'environment'>): string {
  const o = d.output;
  const scope = { index: `${log.tenant}_${log.environment}`, path: `${log.tenant}/${log.environment}`, lokiOrg: log.tenant };
  const owner = d.owner.kind === 'tenant' ? 'own output ' : '';
  switch (o.type) {
    case 'elasticsearch':
    case 'opensearch':
      return `${owner}${d.outputName} (${o.type} ${o.host}, index ${o.indexPrefix}-${scope.index}-*)`;
    case 'splunk':
      return `${owner}${d.outputName} (splunk ${o.host}, index ${o.indexPrefix}-${scope.index})`;
    case 'loki':
      return `${owner}${d.outputName} (loki ${o.url}, tenant ${o.orgId ?? scope.lokiOrg})`;
    case 's3':
      return `${owner}${d.outputName} (s3 ${o.bucket}/${o.prefix}/${scope.path}/)`;
  }
}
