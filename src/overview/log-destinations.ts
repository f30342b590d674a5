/**
 * Where each tenant namespace's container logs go on one cluster, for the
 * overview: the log pipeline's routing table (`routingTable`, the one the
 * fluentd configuration is rendered from), read per namespace.
 */
import { Destination, routingTable } from '../observability/fluentd/routing';
import { ClusterSpec } from '../spec/cluster';
import { PlatformSpec, placementsOn } from '../spec/model';

/** The log routing of one tenant namespace. */
export interface TenantLogDestination {
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
  const table = routingTable(platform.settings, observability, cluster, placementsOn(platform, cluster));
  for (const t of table.tenants) {
    out.set(t.namespace, {
      fallback: t.fallback,
      routes: t.rules.length,
      routeOutputs: [...new Set(t.rules.map((r) => r.destination.outputName))],
    });
  }
  return out;
}

/**
 * A destination as a reader looks for it: the output's name and kind, where
 * it writes and under which index, path or Loki tenant, e.g.
 * `logs (elasticsearch es.example.com, index logs-payments-prod-*)`.
 */
export function describeDestination(d: Destination): string {
  const o = d.output;
  const owner = d.owner.kind === 'tenant' ? 'own output ' : '';
  switch (o.type) {
    case 'elasticsearch':
    case 'opensearch':
      return `${owner}${d.outputName} (${o.type} ${o.host}, index ${o.indexPrefix}-${d.scope.index}-*)`;
    case 'splunk':
      return `${owner}${d.outputName} (splunk ${o.host}, index ${o.indexPrefix}-${d.scope.index})`;
    case 'loki':
      return `${owner}${d.outputName} (loki ${o.url}, tenant ${o.orgId ?? d.scope.lokiOrg})`;
    case 's3':
      return `${owner}${d.outputName} (s3 ${o.bucket}/${o.prefix}/${d.scope.path}/)`;
  }
}
