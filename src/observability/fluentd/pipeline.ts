/**
 * The whole fluentd configuration of one cluster, built from its
 * {@link RoutingTable}:
 *
 * - sources: container logs (`in_tail` on `/var/log/containers/*.log`, CRI
 *   format), the API-server audit log (`in_tail` on the audit file, and the
 *   webhook backend over `in_http` when enabled), node logs (`in_systemd`),
 *   and the Prometheus metrics endpoint with the output monitor;
 * - `@CONTAINERS`: CRI partial-line joining, Kubernetes metadata (pod and
 *   namespace labels, keys with their dots: kubernetes_metadata 3.x has no
 *   `de_dot`), one grep filter per exclusion, JSON parsing into `payload`
 *   (so a log line cannot overwrite the routing fields), then routing
 *   (`rewrite_tag_filter`) by namespace: platform namespaces, namespaces of
 *   tenants with routes of their own (by container name or pod label, then
 *   their default), every other namespace with the platform's tenant and
 *   environment labels to the tenant default, the rest to the catch-all.
 *   The last hop emits into `@OUTPUTS` with the destination tag;
 * - `@OUTPUTS`: the record fields each output reads (scope, path, Loki
 *   tenant) set from the tag, then one output section per destination, the
 *   catch-all's last (it also matches every other tag);
 * - `@AUDIT` (its own output and buffer — a flood of application logs
 *   cannot delay the audit trail) and `@FLUENT_LOG` for fluentd's own logs.
 * Node logs enter `@OUTPUTS` directly with their destination tag.
 *
 * Tags after routing: `p.<platform output>.<tenant>.<environment>`,
 * `p.<platform output>.<platform|node|unclassified>`,
 * `t.<tenant>.<tenant output>.<environment>`. Tenant, environment and
 * output names are DNS labels, so a tag part never holds a dot.
 *
 * Routing semantics relied upon: fluentd delivers an event to the first
 * `<match>` (in file order, within its label) whose pattern matches the
 * tag, after the filters before it that match the tag;
 * `rewrite_tag_filter` applies its first matching `<rule>` and re-emits the
 * record with the new tag into the same label, or the rule's `label`
 * (fluentd 1.19.3 lib/fluent/event_router.rb, lib/fluent/match.rb;
 * fluent-plugin-rewrite-tag-filter 2.4.0 out_rewrite_tag_filter.rb, which
 * also expands `$1` and `${tag_parts[n]}`); filter_record_transformer
 * expands `${tag_parts[n]}` without `enable_ruby`.
 */
import { Directive, directive, json, regexp } from './config';
import { outputDirective, outputFilters, RECORD_FIELDS } from './outputs';
import { allDestinations, Destination, RoutingTable, TenantNamespaceRouting } from './routing';
import { LABELS } from '../../tenancy/labels';

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

/** Label carrying the routing of records into the outputs. */
export const OUTPUTS_LABEL = '@OUTPUTS';

/** A DNS label captured whole (tenant and environment label values). */
const DNS_LABEL_CAPTURE = '\\A([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\\z';

function rule(key: string, pattern: string, tag: string, opts: { invert?: boolean; label?: string } = {}): Directive {
  return directive('rule', undefined, { key, pattern: regexp(pattern), tag, label: opts.label, invert: opts.invert ? true : undefined });
}

/** Tag of a tenant namespace with routes of its own, before its routes are applied. */
function customTag(t: TenantNamespaceRouting): string {
  return `custom.${t.tenant}.${t.environment}`;
}

/** Destination tag of a tenant record: `p.<output>.<tenant>.<environment>` or `t.<tenant>.<output>.<environment>`. */
function tenantDestinationTag(dest: Destination, tenant: string, environment: string): string {
  return dest.owner.kind === 'platform' ? `${dest.tag}.${tenant}.${environment}` : `${dest.tag}.${environment}`;
}

const TENANT_LABEL = accessor('kubernetes', 'namespace_labels', LABELS.tenant);
const ENVIRONMENT_LABEL = accessor('kubernetes', 'namespace_labels', LABELS.environment);

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
      '@label': OUTPUTS_LABEL,
      'path': nodeLogs.journalPath,
      'matches': json([{ _SYSTEMD_UNIT: unit }]),
      'read_from_head': true,
      'tag': `${table.node.tag}.node`,
    }, [
      directive('storage', undefined, { '@type': 'local', 'path': `${POSITION_ROOT}/journal-${name}.json` }),
      directive('entry', undefined, { fields_strip_underscores: true, fields_lowercase: true }),
    ], unit === nodeLogs.systemdUnits[0] ? ['Node logs from the systemd journal.'] : undefined));
  }
  return out;
}

/**
 * One grep filter per exclusion: fluentd merges the `<and>` blocks of one
 * grep filter into a single condition and refuses a key repeated across
 * them (filter_grep.rb), so exclusions cannot share a filter.
 */
function exclusions(table: RoutingTable): Directive[] {
  return table.exclusions.map((e, i) => directive('filter', 'kubernetes.**', { '@type': 'grep', '@id': `filter.exclude.${i + 1}` }, [
    directive('and', undefined, {}, [
      ...(e.namespaces ? [directive('exclude', undefined, { key: NAMESPACE, pattern: regexp(exactly(e.namespaces)) })] : []),
      ...(e.containers ? [directive('exclude', undefined, { key: CONTAINER, pattern: regexp(exactly(e.containers)) })] : []),
      directive('exclude', undefined, { key: 'log', pattern: regexp(e.pattern) }),
    ]),
  ], [`Dropped before routing: ${e.description}`]));
}

function namespaceRouting(table: RoutingTable): Directive {
  const to = { label: OUTPUTS_LABEL };
  const rules: Directive[] = [];
  if (table.platformNamespaces.length > 0) rules.push(rule(NAMESPACE, exactly(table.platformNamespaces), `${table.platform.tag}.platform`, to));
  for (const t of table.tenants) rules.push(rule(NAMESPACE, exactly([t.namespace]), customTag(t)));
  rules.push(rule(TENANT_LABEL, DNS_LABEL_CAPTURE, 'tenant.$1'));
  rules.push(rule(NAMESPACE, '.', `${table.catchAll.tag}.unclassified`, to));
  rules.push(rule(NAMESPACE, '.', `${table.catchAll.tag}.unclassified`, { ...to, invert: true }));
  return directive('match', 'kubernetes.**', { '@type': 'rewrite_tag_filter', '@id': 'route.namespace' }, rules, [
    'Route by namespace: platform namespaces; namespaces of tenants with routes of their own; every other namespace carrying',
    `the platform's tenant label (${LABELS.tenant}, set on tenant namespaces only) to the tenant default; the rest to the catch-all.`,
  ]);
}

function environmentRouting(table: RoutingTable): Directive {
  const to = { label: OUTPUTS_LABEL };
  return directive('match', 'tenant.*', { '@type': 'rewrite_tag_filter', '@id': 'route.environment' }, [
    rule(ENVIRONMENT_LABEL, DNS_LABEL_CAPTURE, `${table.tenantDefault.tag}.\${tag_parts[1]}.$1`, to),
    rule(ENVIRONMENT_LABEL, DNS_LABEL_CAPTURE, `${table.catchAll.tag}.unclassified`, { ...to, invert: true }),
  ], [`Tenant namespaces without routes of their own: the tenant default (platform output ${table.tenantDefault.outputName}), scope <tenant>_<environment> from the namespace labels.`]);
}

function tenantRouting(t: TenantNamespaceRouting): Directive {
  const to = { label: OUTPUTS_LABEL };
  const rules = t.rules.map((r) => {
    const tag = tenantDestinationTag(r.destination, t.tenant, t.environment);
    return 'containers' in r.match
      ? rule(CONTAINER, exactly(r.match.containers), tag, to)
      : rule(accessor('kubernetes', 'labels', r.match.podLabel.key), exactly(r.match.podLabel.values), tag, to);
  });
  rules.push(rule(NAMESPACE, exactly([t.namespace]), tenantDestinationTag(t.fallback, t.tenant, t.environment), to));
  return directive('match', customTag(t), { '@type': 'rewrite_tag_filter', '@id': `route.tenant.${t.tenant}.${t.environment}` }, rules,
    [`Tenant ${t.tenant}, environment ${t.environment} (namespace ${t.namespace}): routes by container or pod label, first match wins.`]);
}

function containerLabel(table: RoutingTable): Directive {
  return directive('label', '@CONTAINERS', {}, [
    directive('filter', 'kubernetes.**', {
      '@type': 'concat', '@id': 'filter.cri-partial-lines', 'key': 'log',
      'use_partial_cri_logtag': true, 'partial_cri_logtag_key': 'logtag', 'partial_cri_stream_key': 'stream', 'separator': '',
    }, [], ['Join lines the runtime split (CRI logtag P).']),
    directive('filter', 'kubernetes.**', {
      '@type': 'kubernetes_metadata', '@id': 'filter.kubernetes-metadata',
      'skip_master_url': true, 'skip_container_metadata': true, 'watch': true,
    }, [], ['Namespace, pod, container, pod labels and namespace labels from the API server (read-only); label keys keep their dots.']),
    ...exclusions(table),
    directive('filter', 'kubernetes.**', {
      '@type': 'parser', '@id': 'filter.parse-json', 'key_name': 'log', 'hash_value_field': 'payload',
      'reserve_data': true, 'remove_key_name_field': true, 'emit_invalid_record_to_error': false,
    }, [directive('parse', undefined, { '@type': 'json' })],
    ['JSON log lines are parsed into "payload"; a log line can never overwrite the routing fields.']),
    namespaceRouting(table),
    environmentRouting(table),
    ...table.tenants.map(tenantRouting),
  ]);
}

/** Sets the record fields outputs read, from the destination tag (tag_parts: 0 `p`/`t`, then output/tenant names). */
function scopeFields(pattern: string, fields: Record<string, string>, comment?: string): Directive {
  return directive('filter', pattern, { '@type': 'record_transformer', '@id': `filter.scope.${pattern.replace(/\*/g, 'x')}` },
    [directive('record', undefined, fields)], comment ? [comment] : undefined);
}

function outputsLabel(table: RoutingTable): Directive {
  const F = RECORD_FIELDS;
  const tenantFields = (tenant: number, environment: number) => ({
    [F.scope]: `\${tag_parts[${tenant}]}_\${tag_parts[${environment}]}`,
    [F.path]: `\${tag_parts[${tenant}]}/\${tag_parts[${environment}]}`,
    [F.org]: `\${tag_parts[${tenant}]}`,
    [F.tenant]: `\${tag_parts[${tenant}]}`,
    [F.environment]: `\${tag_parts[${environment}]}`,
  });
  const children: Directive[] = [
    recordCluster(table),
    scopeFields('p.*.*', { [F.scope]: '${tag_parts[2]}', [F.path]: '${tag_parts[2]}', [F.org]: 'platform' },
      'Where each record goes, from its destination tag: platform scopes (platform, node, unclassified)…'),
    scopeFields('p.*.*.*', tenantFields(2, 3), '…tenant records on a platform output…'),
    scopeFields('t.*.*.*', tenantFields(1, 3), '…and tenant records on the tenant\'s own output.'),
  ];
  // Every output but the audit's (its own label), the catch-all's last.
  const dests = allDestinations(table).filter((d) => d !== table.audit);
  const last = dests[dests.length - 1];
  const patternOf = (d: Destination) => (d === last ? '**' : `${d.tag}.**`);
  // Splunk index fields: the catch-all's (matching every tag) first, so the specific ones set after it win.
  for (const d of [last, ...dests.slice(0, -1)]) children.push(...outputFilters(d, patternOf(d)));
  for (const d of dests) {
    const who = d.owner.kind === 'tenant' ? `tenant ${d.owner.tenant} output ${d.outputName}` : `platform output ${d.outputName}`;
    const comment = d === last
      ? [`${who}: ${roles(table, d).join(', ')}; last, so it also takes any tag no other section matches.`]
      : [`${who}: ${roles(table, d).join(', ') || 'tenant routes'}.`];
    children.push(outputDirective(d, patternOf(d), comment));
  }
  return directive('label', OUTPUTS_LABEL, {}, children);
}

/** What a platform destination serves, for its comment. */
function roles(table: RoutingTable, d: Destination): string[] {
  if (d.owner.kind === 'tenant') return [];
  const served: [Destination, string][] = [[table.platform, 'platform namespaces'], [table.node, 'node logs'], [table.tenantDefault, 'tenant default'], [table.catchAll, 'catch-all']];
  return served.filter(([x]) => x.id === d.id).map(([, what]) => what);
}

/**
 * The top-level directives of the cluster's fluentd configuration, in order.
 */
export function pipelineDirectives(table: RoutingTable): Directive[] {
  return [
    directive('system', undefined, { log_level: 'info' }),
    ...sources(table),
    containerLabel(table),
    outputsLabel(table),
    directive('label', '@AUDIT', {}, [
      recordCluster(table),
      directive('filter', '**', { '@type': 'record_transformer', '@id': 'filter.scope.audit' },
        [directive('record', undefined, { [RECORD_FIELDS.scope]: 'audit', [RECORD_FIELDS.path]: 'audit', [RECORD_FIELDS.org]: 'platform' })]),
      ...outputFilters(table.audit, '**'),
      outputDirective(table.audit, '**', [`Audit events: SIEM output ${table.audit.outputName}, own buffer.`]),
    ]),
    directive('label', '@FLUENT_LOG', {}, [
      directive('match', 'fluent.**', { '@type': 'stdout', '@id': 'out.fluentd-own-logs' }),
    ]),
  ];
}
