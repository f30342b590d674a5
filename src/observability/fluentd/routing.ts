/**
 * The routing table of one cluster's log pipeline, as plain data: the
 * destinations (one fluentd output section per distinct endpoint: each
 * platform output in use, the audit output, each tenant output in use), and
 * which destination receives the records of each kind of namespace.
 *
 * Routing is by destination, not by tenant: every tenant namespace that
 * declares no routes and no default output of its own shares the platform's
 * `tenantDefault` output, which takes the index, path, Loki tenant and labels
 * from the record (the tenant and environment labels of the namespace, which
 * kubernetes_metadata attaches). Only tenants that declare their own outputs,
 * routes or default appear in the table by name.
 *
 * Pure functions of the validated definition; {@link pipelineDirectives}
 * turns the table into fluentd configuration.
 */
import { ClusterSpec } from '../../spec/cluster';
import { BufferSettings, LogOutput, LoggingSettings } from '../../spec/logging';
import { Placement } from '../../spec/model';
import { ObservabilitySettings } from '../../spec/observability';

/** The fluentd `@id` of the audit output (its metrics carry it as `plugin_id`). */
export const AUDIT_OUTPUT_ID = 'out.audit';

/** Who owns an output: the platform, or one tenant. */
export type OutputOwner = { readonly kind: 'platform' } | { readonly kind: 'tenant'; readonly tenant: string };

/**
 * One fluentd output section: an output of the definition with its own
 * buffer. Records reach it with a tag starting with {@link Destination.tag}.
 */
export interface Destination {
  /** The fluentd `@id`, unique in the pipeline: `out.platform.<output>`, `out.tenant.<tenant>.<output>` or `out.audit`. */
  readonly id: string;
  /** Tag prefix of its records: `p.<output>` (platform output) or `t.<tenant>.<output>` (tenant output); `audit` for the audit output. */
  readonly tag: string;
  readonly owner: OutputOwner;
  /** The output's name in the definition (tenant's `outputs` or the platform's). */
  readonly outputName: string;
  readonly output: LogOutput;
  readonly buffer: BufferSettings;
}

/** A tenant route: records of the namespace matching `match` go to `destination`. */
export interface TenantRule {
  readonly match: { readonly containers: readonly string[] } | { readonly podLabel: { readonly key: string; readonly values: readonly string[] } };
  readonly destination: Destination;
}

/** The routing of one namespace of a tenant that declares its own logging routes or default output. */
export interface TenantNamespaceRouting {
  readonly tenant: string;
  readonly environment: string;
  readonly namespace: string;
  /** Routes in order; first match wins. */
  readonly rules: readonly TenantRule[];
  /** Where records no rule claims go: the tenant's `default` output, or the platform's tenant default. */
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
  /** Tenant namespaces with routes or a default output of their own; every other tenant namespace takes {@link tenantDefault}. */
  readonly tenants: readonly TenantNamespaceRouting[];
  /** Container logs of tenant namespaces that declare nothing (scope `<tenant>_<environment>`). */
  readonly tenantDefault: Destination;
  /** Container logs of platform namespaces (scope `platform`). */
  readonly platform: Destination;
  /** Node (systemd journal) logs (scope `node`). */
  readonly node: Destination;
  /** The API-server audit log (scope `audit`), always its own output section and buffer. */
  readonly audit: Destination;
  /** Container logs of namespaces nobody owns (scope `unclassified`); its section comes last and matches every tag. */
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

/**
 * Builds the routing table of `cluster`.
 *
 * @param placements the tenant environments placed on the cluster
 * @param namespaces the platform's namespaces (system, GitOps, add-ons): `logPlatformNamespaces`; call
 *   `clusterRoutingTable` (logging-component.ts) rather than this
 * @throws Error when a destination or route names an output that is not declared
 *   (the definition checks report this first, with file and line)
 */
export function routingTable(
  observability: ObservabilitySettings, cluster: ClusterSpec, placements: readonly Placement[], namespaces: readonly string[],
): RoutingTable {
  const logging = clusterLogging(observability, cluster);
  const { application, audit, tenantOutput } = logging.buffers;
  const d = logging.destinations;
  const platformDests = new Map<string, Destination>();
  const platformDest = (name: string): Destination => {
    let dest = platformDests.get(name);
    if (!dest) {
      dest = { id: `out.platform.${name}`, tag: `p.${name}`, owner: { kind: 'platform' }, outputName: name, output: platformOutput(logging, name), buffer: application };
      platformDests.set(name, dest);
    }
    return dest;
  };
  const tenantDefault = platformDest(d.tenantDefault);

  const tenants: TenantNamespaceRouting[] = [];
  const exclusions: Exclusion[] = logging.exclude.map((e) => ({ ...e }));
  const tenantExclusions = new Map<string, Exclusion>();
  const tenantDests = new Map<string, Destination>();
  for (const p of placements) {
    const tenant = p.tenant.metadata.name;
    const spec = p.tenant.spec.logging;
    spec?.exclude.forEach((e, i) => {
      const key = `${tenant}\u0000${i}`;
      const seen = tenantExclusions.get(key);
      tenantExclusions.set(key, { ...e, namespaces: [...(seen?.namespaces ?? []), p.namespace] });
    });
    const rules = (spec?.routes ?? []).filter((r) => !r.environments || r.environments.includes(p.environment));
    if (rules.length === 0 && spec?.default === undefined) continue;
    const destination = (name: string | undefined): Destination => {
      if (name === undefined) return tenantDefault;
      const key = `${tenant}\u0000${name}`;
      let dest = tenantDests.get(key);
      if (!dest) {
        const output = spec?.outputs[name];
        if (!output) throw new Error(`logging: tenant ${tenant} routes to output "${name}", which it does not declare`);
        dest = { id: `out.tenant.${tenant}.${name}`, tag: `t.${tenant}.${name}`, owner: { kind: 'tenant', tenant }, outputName: name, output, buffer: tenantOutput };
        tenantDests.set(key, dest);
      }
      return dest;
    };
    tenants.push({
      tenant, environment: p.environment, namespace: p.namespace,
      rules: rules.map((r) => ({ match: r.match, destination: destination(r.output) })),
      fallback: destination(spec?.default),
    });
  }
  exclusions.push(...tenantExclusions.values());

  const auditDest: Destination = {
    id: AUDIT_OUTPUT_ID, tag: 'audit', owner: { kind: 'platform' }, outputName: d.audit, output: platformOutput(logging, d.audit), buffer: audit,
  };
  return {
    cluster: cluster.name,
    logging,
    platformNamespaces: [...new Set(namespaces)].sort(),
    tenants,
    tenantDefault,
    platform: platformDest(d.platform),
    node: platformDest(d.platform),
    audit: auditDest,
    catchAll: platformDest(d.catchAll),
    exclusions,
  };
}

/**
 * Every destination of the table once, in pipeline order: the audit output,
 * tenant outputs, platform outputs, and the catch-all's output last.
 */
export function allDestinations(table: RoutingTable): Destination[] {
  const seen = new Map<string, Destination>();
  const add = (dest: Destination) => { if (!seen.has(dest.id)) seen.set(dest.id, dest); };
  add(table.audit);
  for (const t of table.tenants) {
    for (const r of t.rules) if (r.destination.owner.kind === 'tenant') add(r.destination);
    if (t.fallback.owner.kind === 'tenant') add(t.fallback);
  }
  for (const dest of [table.tenantDefault, table.platform, table.node]) if (dest.id !== table.catchAll.id) add(dest);
  add(table.catchAll);
  return [...seen.values()];
}
