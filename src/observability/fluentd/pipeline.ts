/**
 * The whole fluentd configuration of one cluster, built from its
 * {@link RoutingTable}:
 *
 * - sources: container logs (`in_tail` on `/var/log/containers/*.log`, CRI
 *   format), the API-server audit log (`in_tail` on the audit file, and the
 *   webhook backend over `in_http` when enabled), node logs (`in_systemd`),
 *   and the Prometheus metrics endpoint with the output monitor;
 * - one `<label>` per kind of record, so routes never mix: `@CONTAINERS`,
 *   `@AUDIT` (its own output and buffer — a flood of application logs cannot
 *   delay the audit trail), `@NODE`, and `@FLUENT_LOG` for fluentd's own logs;
 * - in `@CONTAINERS`: CRI partial-line joining, Kubernetes metadata,
 *   exclusions, JSON parsing into `payload` (so a log line cannot overwrite
 *   the routing fields), then routing by namespace (`rewrite_tag_filter`) to
 *   `tenant.<tenant>.<environment>[.<output>]`, `platform.<namespace>` or
 *   `unclassified`, then by container name or pod label within a tenant,
 *   then one output section per destination, and the catch-all `**` last.
 *
 * Routing semantics relied upon: fluentd delivers an event to the first
 * `<match>` (in file order, within its label) whose pattern matches the
 * tag; `rewrite_tag_filter` applies its first matching `<rule>` and re-emits
 * the record with the new tag into the same label (fluentd lib/fluent/match.rb;
 * fluent-plugin-rewrite-tag-filter out_rewrite_tag_filter.rb).
 */
import { Directive, directive, json, regexp } from './config';
import { outputDirective } from './outputs';
import { RoutingTable, TenantNamespaceRouting } from './routing';

/** Port of the Prometheus metrics endpoint (fluent-plugin-prometheus default). */
export const METRICS_PORT = 24231;
/** Where the pipeline keeps its read positions (a hostPath). */
export const POSITION_ROOT = '/var/lib/fluentd/pos';
/** Pod name prefix of fluentd itself, whose own container logs are not tailed (to avoid a feedback loop). */
export const FLUENTD_NAME = 'fluentd';

function alternatives(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.*+?^${}()|[\]\\/]/g, (c) => `\\${c}`)).join('|');
}

/** Regular expression matching exactly one of `values` (anchored; special characters escaped). */
export function exactly(values: readonly string[]): string {
  return values.length === 1 ? `\\A${alternatives(values)}\\z` : `\\A(?:${alternatives(values)})\\z`;
}

/**
 * Record accessor of a nested field: dot notation (`$.kubernetes.namespace_name`)
 * when every key is letters, digits, `_`, `-` and `/`, else bracket notation
 * (`$["kubernetes"]["labels"]["app.kubernetes.io/name"]`).
 */
export function accessor(...path: string[]): string {
  if (path.every((p) => /^[A-Za-z0-9_/-]+$/.test(p))) return `$.${path.join('.')}`;
  return `$${path.map((p) => `[${JSON.stringify(p)}]`).join('')}`;
}

const NAMESPACE = accessor('kubernetes', 'namespace_name');
const CONTAINER = accessor('kubernetes', 'container_name');

/** The key kubernetes_metadata gives a pod label in the record (`de_dot`: `.` becomes `_`). */
export function podLabelField(key: string): string {
  return key.replace(/\./g, '_');
}

function rule(key: string, pattern: string, tag: string, invert = false): Directive {
  return directive('rule', undefined, { key, pattern: regexp(pattern), tag, invert: invert ? true : undefined });
}

function tenantTag(t: TenantNamespaceRouting): string {
  return `tenant.${t.tenant}.${t.environment}`;
}

/** The platform's tenant default, in tags: `_` cannot occur in an output name (a DNS label). */
const TENANT_DEFAULT_TAG = '_platform';

/** The tag of records bound for a tenant destination: `tenant.<tenant>.<environment>.<output name or _platform>`. */
function tagOf(t: TenantNamespaceRouting, dest: TenantNamespaceRouting['fallback']): string {
  return `${tenantTag(t)}.${dest.owner.kind === 'tenant' ? dest.outputName : TENANT_DEFAULT_TAG}`;
}

function recordCluster(table: RoutingTable): Directive {
  return directive('filter', '**', { '@type': 'record_transformer' }, [directive('record', undefined, { cluster: table.cluster })]);
}

function sources(table: RoutingTable): Directive[] {
  const { auditLog, nodeLogs } = table.logging;
  const out: Directive[] = [
    directive('source', undefined, { '@type': 'prometheus', '@id': 'in.prometheus', 'bind': '0.0.0.0', 'port': METRICS_PORT, 'metrics_path': '/metrics' },
      [], ['Metrics for Prometheus (fluent-plugin-prometheus), scraped through the PodMonitor.']),
    directive('source', undefined, { '@type': 'prometheus_output_monitor', '@id': 'in.prometheus-output-monitor', 'interval': '10s' },
      [directive('labels', undefined, { cluster: table.cluster })]),
    directive('source', undefined, {
      '@type': 'tail',
      '@id': 'in.containers',
      '@label': '@CONTAINERS',
      'path': '/var/log/containers/*.log',
      'exclude_path': json([`/var/log/containers/${FLUENTD_NAME}-*_${table.logging.namespace}_*.log`]),
      'pos_file': `${POSITION_ROOT}/containers.pos`,
      'tag': 'kubernetes.*',
      'read_from_head': true,
      'follow_inodes': true,
      'refresh_interval': '5s',
    }, [directive('parse', undefined, {
      '@type': 'regexp',
      'expression': regexp('^(?<time>[^ ]+) (?<stream>stdout|stderr) (?<logtag>[FP]) (?<log>.*)$'),
      'time_key': 'time',
      'time_format': '%Y-%m-%dT%H:%M:%S.%N%:z',
    })], ['Container logs written by the container runtime in CRI format.']),
    directive('source', undefined, {
      '@type': 'tail',
      '@id': 'in.audit-log',
      '@label': '@AUDIT',
      'path': auditLog.path,
      'pos_file': `${POSITION_ROOT}/audit.pos`,
      'tag': 'audit.kube-apiserver',
      'read_from_head': true,
      'follow_inodes': true,
    }, [directive('parse', undefined, {
      '@type': 'json',
      'time_key': 'stageTimestamp',
      'time_type': 'string',
      'time_format': '%Y-%m-%dT%H:%M:%S.%NZ',
      'keep_time_key': true,
    })], ['API-server audit log (file backend; present on control-plane nodes).']),
  ];
  if (auditLog.webhook) {
    out.push(directive('source', undefined, {
      '@type': 'http',
      '@id': 'in.audit-webhook',
      '@label': '@AUDIT',
      'bind': '0.0.0.0',
      'port': auditLog.webhook.port,
      'body_size_limit': '32m',
    }, [directive('parse', undefined, { '@type': 'json' })],
    ['API-server audit webhook backend: POST /audit.webhook (tag audit.webhook), one EventList per request.']));
  }
  for (const unit of nodeLogs.systemdUnits) {
    const name = unit.replace(/\.service$/, '');
    out.push(directive('source', undefined, {
      '@type': 'systemd',
      '@id': `in.journal.${name}`,
      '@label': '@NODE',
      'path': nodeLogs.journalPath,
      'matches': json([{ _SYSTEMD_UNIT: unit }]),
      'read_from_head': true,
      'tag': `node.${name}`,
    }, [
      directive('storage', undefined, { '@type': 'local', 'path': `${POSITION_ROOT}/journal-${name}.json` }),
      directive('entry', undefined, { fields_strip_underscores: true, fields_lowercase: true }),
    ], unit === nodeLogs.systemdUnits[0] ? ['Node logs from the systemd journal.'] : undefined));
  }
  return out;
}

function exclusions(table: RoutingTable): Directive[] {
  if (table.exclusions.length === 0) return [];
  const blocks = table.exclusions.map((e) => directive('and', undefined, {}, [
    ...(e.namespaces ? [directive('exclude', undefined, { key: NAMESPACE, pattern: regexp(exactly(e.namespaces)) })] : []),
    ...(e.containers ? [directive('exclude', undefined, { key: CONTAINER, pattern: regexp(exactly(e.containers)) })] : []),
    directive('exclude', undefined, { key: 'log', pattern: regexp(e.pattern) }),
  ], [e.description]));
  return [directive('filter', 'kubernetes.**', { '@type': 'grep', '@id': 'filter.exclude-noise' }, blocks, ['Noisy records dropped before routing.'])];
}

function namespaceRouting(table: RoutingTable): Directive {
  const rules: Directive[] = [];
  if (table.platformNamespaces.length > 0) {
    rules.push(rule(NAMESPACE, `\\A(${alternatives(table.platformNamespaces)})\\z`, 'platform.$1'));
  }
  for (const t of table.tenants) {
    rules.push(rule(NAMESPACE, exactly([t.namespace]), t.rules.length > 0 ? tenantTag(t) : tagOf(t, t.fallback)));
  }
  rules.push(rule(NAMESPACE, '\\A(.+)\\z', 'unclassified.$1'));
  rules.push(rule(NAMESPACE, '.', 'unclassified', true));
  return directive('match', 'kubernetes.**', { '@type': 'rewrite_tag_filter', '@id': 'route.namespace' }, rules,
    ['Route by namespace: platform namespaces, then each tenant namespace, then everything else (unclassified).']);
}

function tenantRouting(t: TenantNamespaceRouting): Directive | undefined {
  if (t.rules.length === 0) return undefined;
  const rules = t.rules.map((r) => ('containers' in r.match
    ? rule(CONTAINER, exactly(r.match.containers), tagOf(t, r.destination))
    : rule(accessor('kubernetes', 'labels', podLabelField(r.match.podLabel.key)), exactly(r.match.podLabel.values), tagOf(t, r.destination))));
  rules.push(rule(NAMESPACE, exactly([t.namespace]), tagOf(t, t.fallback)));
  return directive('match', tenantTag(t), { '@type': 'rewrite_tag_filter', '@id': `route.tenant.${t.tenant}.${t.environment}` }, rules,
    [`Tenant ${t.tenant}, environment ${t.environment} (namespace ${t.namespace}): routes by container or pod label, first match wins.`]);
}

function containerLabel(table: RoutingTable): Directive {
  const children: Directive[] = [
    directive('filter', 'kubernetes.**', {
      '@type': 'concat', '@id': 'filter.cri-partial-lines', 'key': 'log',
      'use_partial_cri_logtag': true, 'partial_cri_logtag_key': 'logtag', 'partial_cri_stream_key': 'stream', 'separator': '',
    }, [], ['Join lines the runtime split (CRI logtag P).']),
    directive('filter', 'kubernetes.**', {
      '@type': 'kubernetes_metadata', '@id': 'filter.kubernetes-metadata',
      'skip_master_url': true, 'skip_container_metadata': true, 'de_dot': true, 'de_dot_separator': '_', 'watch': true,
    }, [], ['Namespace, pod, container and pod labels from the API server (read-only).']),
    ...exclusions(table),
    directive('filter', 'kubernetes.**', {
      '@type': 'parser', '@id': 'filter.parse-json', 'key_name': 'log', 'hash_value_field': 'payload',
      'reserve_data': true, 'remove_key_name_field': true, 'emit_invalid_record_to_error': false,
    }, [directive('parse', undefined, { '@type': 'json' })],
    ['JSON log lines are parsed into "payload"; a log line can never overwrite the routing fields.']),
    recordCluster(table),
    namespaceRouting(table),
  ];
  for (const t of table.tenants) {
    const r = tenantRouting(t);
    if (r) children.push(r);
  }
  for (const t of table.tenants) {
    const dests = [...new Map([...t.rules.map((r) => r.destination), t.fallback].map((d) => [d.id, d])).values()];
    for (const dest of dests) {
      const owner = dest.owner.kind === 'tenant' ? `tenant output ${dest.outputName}` : `platform output ${dest.outputName} (tenant default)`;
      children.push(outputDirective(dest, tagOf(t, dest), [`Tenant ${t.tenant}, environment ${t.environment}: ${owner}, index ${dest.scope.index}.`]));
    }
  }
  children.push(outputDirective(table.platform, 'platform.**', [`Platform namespaces: platform output ${table.platform.outputName}.`]));
  children.push(outputDirective(table.catchAll, '**', [`Catch-all, always last: namespaces nobody owns, platform output ${table.catchAll.outputName}.`]));
  return directive('label', '@CONTAINERS', {}, children);
}

/**
 * The top-level directives of the cluster's fluentd configuration, in order.
 */
export function pipelineDirectives(table: RoutingTable): Directive[] {
  return [
    directive('system', undefined, { log_level: 'info' }),
    ...sources(table),
    containerLabel(table),
    directive('label', '@AUDIT', {}, [
      recordCluster(table),
      outputDirective(table.audit, '**', [`Audit events: SIEM output ${table.audit.outputName}, own buffer.`]),
    ]),
    directive('label', '@NODE', {}, [
      recordCluster(table),
      outputDirective(table.node, '**', [`Node logs: platform output ${table.node.outputName}.`]),
    ]),
    directive('label', '@FLUENT_LOG', {}, [
      directive('match', 'fluent.**', { '@type': 'stdout', '@id': 'out.fluentd-own-logs' }),
    ]),
  ];
}
