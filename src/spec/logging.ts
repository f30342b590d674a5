/**
 * The log pipeline part of the platform definition: log outputs
 * (Elasticsearch, OpenSearch, Splunk HEC, Loki, S3), file-buffer settings,
 * the platform's destinations and the catch-all (settings and clusters), and
 * what a tenant declares in its file (its own outputs, routes by container or
 * pod label, noisy records to drop).
 *
 * Credentials are never written here: every secret is a {@link secretRef} to
 * the external secret store, read by an ExternalSecret and handed to fluentd
 * as an environment variable.
 */
import { z } from 'zod';
import { cidr, dnsLabel, port, prose, quantity } from './fields';
import { documented, refineWith } from './json-forms';
import { LABEL_VALUE } from './names';
import {
  endpointUrl, fluentdDuration, fluentdSize, hostName, labelKey, logPattern, secretRef,
} from './observability-fields';

/** Where the API server writes its audit log (file backend, `--audit-log-path`), on control-plane nodes. */
export const AUDIT_LOG_PATH = '/var/log/kubernetes/audit/audit.log';

/** Output kinds a log destination can be. */
export const LOG_OUTPUT_TYPES = ['elasticsearch', 'opensearch', 'splunk', 'loki', 's3'] as const;
export type LogOutputType = (typeof LOG_OUTPUT_TYPES)[number];

/** An index (or index-prefix) name: lower-case letters, digits, `-` and `_`. */
const indexPrefix = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'must be lower-case letters, digits, "-" and "_", starting with a letter or digit' })
  .max(40, { message: 'must be at most 40 characters' });

const outputHost = documented(hostName, 'Host name (or IPv4 address) of the endpoint, without scheme or port.', 'logs.example.com');
const basicAuth = {
  username: documented(secretRef.optional(), 'User name (basic auth), from the secret store.', { key: 'logging/elasticsearch', property: 'username' }),
  password: documented(secretRef.optional(), 'Password (basic auth), from the secret store.', { key: 'logging/elasticsearch', property: 'password' }),
};

function searchOutput<T extends 'elasticsearch' | 'opensearch'>(type: T, plugin: string) {
  return documented(z.strictObject({
    type: documented(z.literal(type), `Output kind: ${type} (${plugin}).`, type),
    host: outputHost,
    port: documented(port.default(9200), 'HTTP port; default 9200.', 9243),
    scheme: documented(z.enum(['https', 'http']).default('https'), 'https (default) or http.', 'https'),
    ...basicAuth,
    indexPrefix: documented(indexPrefix.default('logs'),
      'Indices are `<indexPrefix>-<scope>-YYYY.MM.DD`, scope being `<tenant>_<environment>` (`_` cannot occur in a tenant name, so one tenant\'s index pattern never matches another\'s), `platform`, `node`, `audit` or `unclassified`: lower-case letters, digits, "-" and "_", at most 40.', 'loyalty'),
  }), `An ${type} cluster (${plugin}).`, { type, host: 'logs.example.com', port: 9243 });
}

/** Elasticsearch (fluent-plugin-elasticsearch). */
export const elasticsearchOutput = searchOutput('elasticsearch', 'fluent-plugin-elasticsearch');
/** OpenSearch (fluent-plugin-opensearch). */
export const opensearchOutput = searchOutput('opensearch', 'fluent-plugin-opensearch');

/** Splunk HTTP Event Collector (fluent-plugin-splunk-hec). */
export const splunkOutput = documented(z.strictObject({
  type: documented(z.literal('splunk'), 'Output kind: splunk (HTTP Event Collector, fluent-plugin-splunk-hec).', 'splunk'),
  host: outputHost,
  port: documented(port.default(8088), 'HEC port; default 8088.', 8088),
  token: documented(secretRef, 'HEC token, from the secret store.', { key: 'logging/splunk', property: 'token' }),
  indexPrefix: documented(indexPrefix.default('k8s'), 'Events go to the Splunk index `<indexPrefix>-<scope>` (scope as for Elasticsearch), which must exist in Splunk; default k8s.', 'loyalty'),
  sourcetype: documented(z.string().regex(/^[A-Za-z0-9_:.-]+$/, { message: 'must be letters, digits, "_", ":", "." and "-"' }).default('_json'),
    'Splunk sourcetype; default _json.', '_json'),
}), 'A Splunk HTTP Event Collector (fluent-plugin-splunk-hec).', { type: 'splunk', host: 'splunk.example.com', token: { key: 'logging/splunk', property: 'token' } });

/** Grafana Loki (fluent-plugin-grafana-loki). */
export const lokiOutput = documented(z.strictObject({
  type: documented(z.literal('loki'), 'Output kind: loki (fluent-plugin-grafana-loki).', 'loki'),
  url: documented(endpointUrl, 'Loki base URL, https (http only for in-cluster *.svc endpoints).', 'https://loki.example.com'),
  orgId: documented(z.string().regex(/^[A-Za-z0-9_.-]+$/, { message: 'must be letters, digits, "_", "." and "-"' }).optional(),
    'Loki tenant (`X-Scope-OrgID`); default: the tenant\'s name, or platform.', 'loyalty'),
  username: documented(secretRef.optional(), 'User name (basic auth), from the secret store.', { key: 'logging/loki', property: 'username' }),
  password: documented(secretRef.optional(), 'Password (basic auth), from the secret store.', { key: 'logging/loki', property: 'password' }),
}), 'A Grafana Loki endpoint (fluent-plugin-grafana-loki).', { type: 'loki', url: 'https://loki.example.com' });

/** S3 archive (fluent-plugin-s3), one object per hour and destination. */
export const s3Output = documented(refineWith(z.strictObject({
  type: documented(z.literal('s3'), 'Output kind: s3 (fluent-plugin-s3), one object per hour and destination.', 's3'),
  bucket: documented(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name: 3–63 lower-case letters, digits, "." and "-"' }),
    'S3 bucket name: 3–63 lower-case letters, digits, "." and "-".', 'loyalty-logs'),
  region: documented(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as eu-west-1' }), 'AWS region of the bucket.', 'eu-west-1'),
  prefix: documented(z.string().regex(/^[a-z0-9][a-z0-9/_-]*[a-z0-9]$/, { message: 'must be lower-case letters, digits, "/", "_" and "-"' }).default('logs'),
    'Objects are written under `<prefix>/<scope path>/`; default logs.', 'archive'),
  endpoint: documented(endpointUrl.optional(), 'An S3-compatible endpoint other than AWS, https.', 'https://s3.example.com'),
  accessKeyId: documented(secretRef.optional(), 'Static access key ID, from the secret store; set with secretAccessKey, or omit both to use the node\'s or pod\'s AWS identity.', { key: 'logging/s3', property: 'access-key-id' }),
  secretAccessKey: documented(secretRef.optional(), 'Static secret access key, from the secret store; set with accessKeyId.', { key: 'logging/s3', property: 'secret-access-key' }),
}), (o, issue) => {
  if ((o.accessKeyId === undefined) !== (o.secretAccessKey === undefined)) {
    issue([o.accessKeyId === undefined ? 'accessKeyId' : 'secretAccessKey'], 'accessKeyId and secretAccessKey go together: set both or neither');
  }
}, { dependencies: { accessKeyId: ['secretAccessKey'], secretAccessKey: ['accessKeyId'] } }),
'An S3 bucket archive (fluent-plugin-s3).', { type: 's3', bucket: 'loyalty-logs', region: 'eu-west-1' });

const OUTPUTS = { elasticsearch: elasticsearchOutput, opensearch: opensearchOutput, splunk: splunkOutput, loki: lokiOutput, s3: s3Output } as const;

/**
 * One log destination of the given types (default: every type).
 *
 * @param types the output types allowed, e.g. those the log collector image has plugins for
 * @param why appended to the message when a type outside `types` is used
 */
function logOutputOf(types: readonly LogOutputType[] = LOG_OUTPUT_TYPES, why = '') {
  const allowed = LOG_OUTPUT_TYPES.filter((t) => types.includes(t));
  const options = allowed.map((t) => OUTPUTS[t]) as unknown as [typeof elasticsearchOutput, ...(typeof elasticsearchOutput)[]];
  return z.discriminatedUnion('type', options, {
    error: () => `must be an output with type ${allowed.join(', ')}${why}`,
  }) as unknown as typeof logOutputSchema;
}

/** One log destination. */
export const logOutputSchema = z.discriminatedUnion('type', [elasticsearchOutput, opensearchOutput, splunkOutput, lokiOutput, s3Output], {
  error: () => `must be an output with type ${LOG_OUTPUT_TYPES.join(', ')}`,
});
export type LogOutput = z.output<typeof logOutputSchema>;

/** Name of an output in `outputs`. */
export const outputName = dnsLabel(40);

/**
 * A fluentd file buffer with its retry and overflow behaviour. Field names
 * follow the fluentd `<buffer>` parameters in camelCase. Source: fluentd
 * docs, "Buffer Section Configurations" / "Buffer Plugins".
 */
export const bufferSchema = z.strictObject({
  /** Maximum size of one chunk (`chunk_limit_size`). */
  chunkLimitSize: fluentdSize.default('8m'),
  /** Maximum size of the whole buffer on disk (`total_limit_size`). */
  totalLimitSize: fluentdSize.default('512m'),
  /** How often chunks are flushed (`flush_interval`, with `flush_mode interval`). */
  flushInterval: fluentdDuration.default('5s'),
  /** Parallel flushes (`flush_thread_count`). */
  flushThreadCount: z.number().int().min(1).max(16).default(2),
  retryType: z.enum(['exponential_backoff', 'periodic']).default('exponential_backoff'),
  /** First wait before a retry (`retry_wait`). */
  retryWait: fluentdDuration.default('1s'),
  /** Longest wait between retries (`retry_max_interval`). */
  retryMaxInterval: fluentdDuration.default('60s'),
  /** Retries before a chunk is discarded (`retry_max_times`); default 17 unless `retryForever`. */
  retryMaxTimes: z.number().int().min(0).optional(),
  /** Never discard a chunk (`retry_forever`). */
  retryForever: z.boolean().default(false),
  /** What happens when the buffer is full (`overflow_action`). */
  overflowAction: z.enum(['throw_exception', 'block', 'drop_oldest_chunk']).default('drop_oldest_chunk'),
});
export type BufferSettings = z.output<typeof bufferSchema>;

/** Buffer defaults for application, platform and node logs: bounded retries, drop the oldest chunk when full. */
export const APPLICATION_BUFFER_DEFAULTS: z.input<typeof bufferSchema> = {};
/**
 * Buffer defaults for a tenant's own output (one per output a tenant declares
 * and routes to on the cluster): smaller than the platform's, since every
 * node keeps one for each of them.
 */
export const TENANT_OUTPUT_BUFFER_DEFAULTS: z.input<typeof bufferSchema> = { totalLimitSize: '128m' };
/**
 * Buffer defaults for the audit log: retry forever and block its own input
 * when full, so no audit event is dropped; a bigger buffer, flushed every second.
 */
export const AUDIT_BUFFER_DEFAULTS: z.input<typeof bufferSchema> = {
  totalLimitSize: '2g', flushInterval: '1s', retryForever: true, overflowAction: 'block',
};

/** A rule dropping noisy records before routing; every field given must match (logical and). */
export const platformExclusion = z.strictObject({
  /** Why these records are dropped. */
  description: prose(10, 'description'),
  namespaces: z.array(dnsLabel()).min(1).optional(),
  containers: z.array(dnsLabel()).min(1).optional(),
  /** Regular expression on the log line (`log` field). */
  pattern: logPattern,
});

/** The platform's destinations, each naming an output. */
const destinations = {
  /** Platform namespaces and node (systemd) logs. */
  platform: outputName,
  /** The API-server audit log (the SIEM). */
  audit: outputName,
  /** Tenants that declare no default output of their own; one index per tenant and environment. */
  tenantDefault: outputName,
  /** Records of namespaces no tenant and no platform component owns. */
  catchAll: outputName,
};

/** The audit webhook input: an HTTP port the API server's webhook backend posts EventLists to. */
export const auditWebhookSchema = z.strictObject({
  port: port.default(9880),
  /** CIDRs of the control-plane nodes (the API server runs on the host network); nothing else may connect. */
  allowFrom: z.array(cidr).min(1, { message: 'must list the control-plane node CIDRs' }),
});

/** Container resources of the fluentd DaemonSet. */
const fluentdResources = z.strictObject({
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  limits: z.strictObject({ memory: quantity }),
});

/** The platform's logging settings (`settings.observability.logging`). */
export const loggingSettingsSchema = z.strictObject({
  /** Namespace fluentd runs in; must be one of the platform namespaces. */
  namespace: dnsLabel().default('logging'),
  /**
   * The fluentd image and the plugin gems it ships; default: the pinned
   * upstream fluentd-kubernetes-daemonset image (see FLUENTD_IMAGE).
   */
  image: z.strictObject({
    reference: z.string().regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)+(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$/, { message: 'must be an image reference such as registry.example.com/platform/fluentd:v1.19.3-1' }),
    plugins: z.array(z.string().regex(/^fluent-plugin-[a-z0-9_-]+$/, { message: 'must be a plugin gem name such as fluent-plugin-s3' })).min(1),
  }).optional(),
  /** Destinations by name. */
  outputs: z.record(outputName, logOutputSchema),
  destinations: z.strictObject(destinations),
  /** Noisy records dropped on every cluster. */
  exclude: z.array(platformExclusion).default([]),
  buffers: z.strictObject({
    /** Platform outputs (platform namespaces, node logs, the tenant default and the catch-all), one buffer per output in use. */
    application: bufferSchema.prefault(APPLICATION_BUFFER_DEFAULTS),
    /** Each tenant's own outputs, one buffer per output in use on the cluster. */
    tenantOutput: bufferSchema.prefault(TENANT_OUTPUT_BUFFER_DEFAULTS),
    /** The audit output. */
    audit: bufferSchema.prefault(AUDIT_BUFFER_DEFAULTS),
  }).prefault({}),
  /**
   * Disk each node may use for all file buffers together: the sum of every
   * output section's `totalLimitSize` (audit + each platform output in use +
   * each tenant output in use on the cluster).
   */
  bufferDiskLimit: fluentdSize.default('20g'),
  auditLog: z.strictObject({
    /** The audit log file (API-server `--audit-log-path`). */
    path: z.string().regex(/^\/[A-Za-z0-9._/-]+$/, { message: 'must be an absolute file path' }).default(AUDIT_LOG_PATH),
    /**
     * Also accept audit events from the API-server webhook backend
     * (`--audit-webhook-config-file`), on an HTTP port reachable only from `allowFrom`.
     */
    webhook: auditWebhookSchema.optional(),
  }).prefault({}),
  nodeLogs: z.strictObject({
    /** systemd units whose journal is shipped as node logs. */
    systemdUnits: z.array(z.string().regex(/^[A-Za-z0-9@._-]+\.service$/, { message: 'must be a systemd unit such as kubelet.service' })).default(['kubelet.service', 'containerd.service']),
    /** Journal folder on the nodes. */
    journalPath: z.string().regex(/^\/[A-Za-z0-9._/-]+$/, { message: 'must be an absolute path' }).default('/var/log/journal'),
  }).prefault({}),
  resources: fluentdResources.default({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } }),
});
export type LoggingSettings = z.output<typeof loggingSettingsSchema>;
export type LogDestinationRole = keyof typeof destinations;

/** A cluster's logging overrides (`clusters[].observability.logging`). */
export const clusterLoggingSchema = z.strictObject({
  /** Outputs added to (or replacing, by name) the platform's outputs on this cluster, e.g. a regional SIEM. */
  outputs: z.record(outputName, logOutputSchema).default({}),
  /** Destinations overridden on this cluster. */
  destinations: z.strictObject(destinations).partial().default({}),
  /** Accept audit events from this cluster's API-server webhook backend (its control-plane CIDRs). */
  auditWebhook: auditWebhookSchema.optional(),
});

const labelValueString = z.string().min(1).regex(LABEL_VALUE, { message: 'must be a label value: ≤ 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric' });

/**
 * Builds the schema of a tenant's `spec.logging`, with the platform's
 * environment names and the output types its log collector can write to.
 */
export function tenantLoggingSchema(environment: z.ZodType<string>, outputTypes: readonly LogOutputType[] = LOG_OUTPUT_TYPES) {
  const missing = LOG_OUTPUT_TYPES.filter((t) => !outputTypes.includes(t));
  const output = logOutputOf(outputTypes, missing.length > 0
    ? ` (the platform's log collector image has no plugin for ${missing.join(', ')}; a platform engineer adds one in settings.observability.logging.image)`
    : '');
  const name = (description: string) => documented(outputName, description, 'loyalty-logs');
  const route = documented(z.strictObject({
    description: documented(z.string().optional(), 'What the route is for.', 'audit trail kept apart'),
    match: documented(z.union([
      documented(z.strictObject({
        containers: documented(z.array(documented(dnsLabel(), 'Container name.', 'audit')).min(1, { message: 'must list at least one container' }), 'Records of these containers.', ['audit']),
      }), 'Match by container name.', { containers: ['audit'] }),
      documented(z.strictObject({
        podLabel: documented(z.strictObject({
          key: documented(labelKey, 'Pod label key.', 'app.kubernetes.io/component'),
          values: documented(z.array(documented(labelValueString, 'Label value.', 'audit')).min(1, { message: 'must list at least one value' }), 'Matching label values.', ['audit']),
        }), 'Records of pods with this label and one of these values.', { key: 'app.kubernetes.io/component', values: ['audit'] }),
      }), 'Match by one pod label.', { podLabel: { key: 'app.kubernetes.io/component', values: ['audit'] } }),
    ], { message: 'must be { containers: [...] } or { podLabel: { key, values: [...] } }' }),
    'Which records: by container name, or by one pod label.', { containers: ['audit'] }),
    output: name('Name of one of the tenant\'s own outputs (a key of outputs).'),
    environments: documented(z.array(environment).min(1).optional(), 'Environments the route applies in (the tenant\'s own); default all.', ['prod']),
  }), 'One route: records it matches go to its output.', { match: { containers: ['audit'] }, output: 'loyalty-logs' });
  return documented(z.strictObject({
    outputs: documented(z.record(outputName, output).default({}),
      'The tenant\'s own destinations, by name (DNS-1123 label, at most 40 characters).',
      { 'loyalty-logs': { type: 'elasticsearch', host: 'loyalty-logs.example.com', port: 9243, indexPrefix: 'loyalty' } }),
    default: name('Output for records no route claims (a key of outputs); default: the platform\'s tenant default (an index per tenant and environment).').optional(),
    routes: documented(z.array(route).default([]), 'Routes in order; the first whose match fits a record wins.', [{ match: { containers: ['audit'] }, output: 'loyalty-logs' }]),
    exclude: documented(z.array(documented(z.strictObject({
      description: documented(prose(10, 'description'), 'Why these records are dropped (at least 10 characters).', 'load-balancer health checks'),
      containers: documented(z.array(documented(dnsLabel(), 'Container name.', 'api')).min(1).optional(), 'Only records of these containers; default all.', ['api']),
      pattern: documented(logPattern, 'Regular expression on the log line; one line, no "#{".', 'GET /healthz'),
    }), 'Records to drop: every field given must match.', { description: 'load-balancer health checks', pattern: 'GET /healthz' })).default([]),
    'Noisy records of this tenant dropped before routing.', [{ description: 'load-balancer health checks', containers: ['api'], pattern: 'GET /healthz' }]),
  }), 'Where the tenant\'s logs go: its own outputs, routes by container or pod label, records to drop.', { default: 'loyalty-logs', outputs: { 'loyalty-logs': { type: 'elasticsearch', host: 'loyalty-logs.example.com' } } });
}
export type TenantLogging = z.output<ReturnType<typeof tenantLoggingSchema>>;
