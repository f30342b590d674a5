/**
 * The routing table of one cluster's log pipeline, as plain data: which
 * destination receives the records of each tenant namespace (by container
 * name or pod label, then the tenant's default), of the platform namespaces,
 * of the node logs, of the audit log, and of everything else (the catch-all).
 *
 * Pure functions of the validated definition; {@link pipelineDirectives}
 * turns the table into fluentd configuration.
 */
import { ClusterSpec } from '../../spec/cluster';
import { BufferSettings, LogOutput, LoggingSettings } from '../../spec/logging';
import { Placement } from '../../spec/model';
import { ObservabilitySettings } from '../../spec/observability';
import { PlatformSettings, platformNamespaces } from '../../spec/settings';

/** The fluentd `@id` of the audit output (its metrics carry it as `plugin_id`). */
export const AUDIT_OUTPUT_ID = 'out.audit';

/** Who owns an output: the platform, or one tenant. */
export type OutputOwner = { readonly kind: 'platform' } | { readonly kind: 'tenant'; readonly tenant: string };

/**
 * What one destination writes to within its output: the index (Elasticsearch,
 * OpenSearch, Splunk), the object path (S3), the Loki tenant and labels.
 */
export interface DestinationScope {
  /** Index suffix, e.g. `payments-prod`, `platform`, `audit`, `unclassified`. */
  readonly index: string;
  /** S3 path below the output's prefix, e.g. `payments/prod`. */
  readonly path: string;
  /** Loki tenant when the output names none. */
  readonly lokiOrg: string;
  /** Labels describing the records (cluster, tenant, environment). */
  readonly labels: Readonly<Record<string, string>>;
}

/** One fluentd output section: an output of the definition, written to one scope, with its own buffer. */
export interface Destination {
  /** The fluentd `@id`, unique in the pipeline, e.g. `out.tenant.payments.prod.payments-es`. */
  readonly id: string;
  readonly owner: OutputOwner;
  /** The output's name in the definition (tenant's `outputs` or the platform's). */
  readonly outputName: string;
  readonly output: LogOutput;
  readonly scope: DestinationScope;
  readonly buffer: BufferSettings;
}

/** A tenant route: records of the namespace matching `match` go to `destination`. */
export interface TenantRule {
  readonly match: { readonly containers: readonly string[] } | { readonly podLabel: { readonly key: string; readonly values: readonly string[] } };
  readonly destination: Destination;
}

/** The routing of one tenant namespace. */
export interface TenantNamespaceRouting {
  readonly tenant: string;
  readonly environment: string;
  readonly namespace: string;
  /** Routes in order; first match wins. */
  readonly rules: readonly TenantRule[];
  /** Where records no rule claims go. */
  readonly fallback: Destination;
}

/** Records dropped before routing: every given field must match (logical and). */
export interface Exclusion {
  readonly description: string;
  readonly namespaces?: readonly string[];
  readonly containers?: readonly string[];
  /** Regular expression on the log line. */
  readonly pattern: string;
}

/** The routing of one cluster. */
export interface RoutingTable {
  readonly cluster: string;
  readonly logging: LoggingSettings;
  /** Namespaces owned by the platform (system, GitOps, add-ons), sorted. */
  readonly platformNamespaces: readonly string[];
  readonly tenants: readonly TenantNamespaceRouting[];
  /** Container logs of platform namespaces. */
  readonly platform: Destination;
  /** Node (systemd journal) logs. */
  readonly node: Destination;
  /** The API-server audit log. */
  readonly audit: Destination;
  /** Container logs of namespaces nobody owns. */
  readonly catchAll: Destination;
  readonly exclusions: readonly Exclusion[];
}

/** The logging settings in effect on `cluster`: the platform's, with the cluster's outputs, destinations and audit webhook over them. */
export function clusterLogging(settings: ObservabilitySettings, cluster: ClusterSpec): LoggingSettings {
  const own = cluster.observability.logging;
  return {
    ...settings.logging,
    outputs: { ...settings.logging.outputs, ...own.outputs },
    destinations: { ...settings.logging.destinations, ...own.destinations },
    auditLog: own.auditWebhook ? { ...settings.logging.auditLog, webhook: own.auditWebhook } : settings.logging.auditLog,
  };
}

function platformOutput(logging: LoggingSettings, name: string): LogOutput {
  const output = logging.outputs[name];
  if (!output) throw new Error(`logging: destination names output "${name}", which is not declared; declared: ${Object.keys(logging.outputs).sort().join(', ')}`);
  return output;
}

function platformScope(cluster: string, index: string): DestinationScope {
  return { index, path: index, lokiOrg: 'platform', labels: { cluster, scope: index } };
}

/**
 * Builds the routing table of `cluster`.
 *
 * @param placements the tenant environments placed on the cluster
 * @throws Error when a destination or route names an output that is not declared
 *   (the definition checks report this first, with file and line)
 */
export function routingTable(
  platform: PlatformSettings, observability: ObservabilitySettings, cluster: ClusterSpec, placements: readonly Placement[],
): RoutingTable {
  const logging = clusterLogging(observability, cluster);
  const { application, audit } = logging.buffers;
  const d = logging.destinations;
  const platformDest = (id: string, name: string, index: string, buffer: BufferSettings): Destination => ({
    id, owner: { kind: 'platform' }, outputName: name, output: platformOutput(logging, name), scope: platformScope(cluster.name, index), buffer,
  });

  const tenants: TenantNamespaceRouting[] = [];
  const exclusions: Exclusion[] = logging.exclude.map((e) => ({ ...e }));
  for (const p of placements) {
    const tenant = p.tenant.metadata.name;
    const spec = p.tenant.spec.logging;
    const scope: DestinationScope = {
      index: `${tenant}-${p.environment}`,
      path: `${tenant}/${p.environment}`,
      lokiOrg: tenant,
      labels: { cluster: cluster.name, tenant, environment: p.environment },
    };
    const destinations = new Map<string, Destination>();
    const destination = (name: string | undefined): Destination => {
      const key = name ?? '';
      let dest = destinations.get(key);
      if (!dest) {
        if (name === undefined) {
          dest = { id: `out.tenant.${tenant}.${p.environment}`, owner: { kind: 'platform' }, outputName: d.tenantDefault, output: platformOutput(logging, d.tenantDefault), scope, buffer: application };
        } else {
          const output = spec?.outputs[name];
          if (!output) throw new Error(`logging: tenant ${tenant} routes to output "${name}", which it does not declare`);
          dest = { id: `out.tenant.${tenant}.${p.environment}.${name}`, owner: { kind: 'tenant', tenant }, outputName: name, output, scope, buffer: application };
        }
        destinations.set(key, dest);
      }
      return dest;
    };
    const rules = (spec?.routes ?? [])
      .filter((r) => !r.environments || r.environments.includes(p.environment))
      .map((r) => ({ match: r.match, destination: destination(r.output) }));
    tenants.push({ tenant, environment: p.environment, namespace: p.namespace, rules, fallback: destination(spec?.default) });
    for (const e of spec?.exclude ?? []) exclusions.push({ ...e, namespaces: [p.namespace] });
  }

  return {
    cluster: cluster.name,
    logging,
    platformNamespaces: platformNamespaces(platform),
    tenants,
    platform: platformDest('out.platform', d.platform, 'platform', application),
    node: platformDest('out.node', d.platform, 'node', application),
    audit: platformDest(AUDIT_OUTPUT_ID, d.audit, 'audit', audit),
    catchAll: platformDest('out.catch-all', d.catchAll, 'unclassified', application),
    exclusions,
  };
}

/** Every destination of the table, in pipeline order (audit, node, tenants, platform, catch-all). */
export function allDestinations(table: RoutingTable): Destination[] {
  const seen = new Map<string, Destination>();
  const add = (dest: Destination) => { if (!seen.has(dest.id)) seen.set(dest.id, dest); };
  add(table.audit);
  add(table.node);
  for (const t of table.tenants) {
    for (const r of t.rules) add(r.destination);
    add(t.fallback);
  }
  add(table.platform);
  add(table.catchAll);
  return [...seen.values()];
}
