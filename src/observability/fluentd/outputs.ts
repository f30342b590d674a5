/**
 * Turns a {@link Destination} into its fluentd output section — the output
 * plugin's parameters and a file `<buffer>` with retry and overflow settings
 * — and lists the secrets it reads from the environment.
 *
 * Parameter names are those of each plugin's documentation:
 * fluent-plugin-elasticsearch, fluent-plugin-opensearch,
 * fluent-plugin-splunk-hec, fluent-plugin-grafana-loki, fluent-plugin-s3, and
 * fluentd's "Buffer Section Configurations".
 */
import { BufferSettings } from '../../spec/logging';
import { SecretRef } from '../../spec/observability-fields';
import { Directive, directive, env, ParamValue } from './config';
import { OUTPUT_PLUGIN } from './plugins';
import { Destination, OutputOwner } from './routing';

/** Folder of the file buffers on the node (a hostPath, so chunks survive pod restarts). */
export const BUFFER_ROOT = '/var/lib/fluentd/buffer';

/** A secret one output reads: where it comes from and the environment variable fluentd reads it from. */
export interface SecretBinding {
  /** Environment variable, e.g. `FLUENTD_TENANT_PAYMENTS_PAYMENTS_ES_PASSWORD`. */
  readonly envName: string;
  /** Kubernetes Secret (made by an ExternalSecret) and key holding it. */
  readonly secretName: string;
  readonly secretKey: string;
  /** The secret store entry (key relative to the owner: tenants' keys get their prefix added later). */
  readonly ref: SecretRef;
  readonly owner: OutputOwner;
}

const envPart = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** Name of the Secret holding the output credentials of `owner`. */
export function outputSecretName(owner: OutputOwner): string {
  return owner.kind === 'platform' ? 'fluentd-platform-outputs' : `fluentd-tenant-${owner.tenant}`;
}

/** The binding of one credential field of one output. */
export function secretBinding(owner: OutputOwner, outputName: string, field: string, ref: SecretRef): SecretBinding {
  const ownerPart = owner.kind === 'platform' ? 'PLATFORM' : `TENANT_${envPart(owner.tenant)}`;
  return {
    envName: `FLUENTD_${ownerPart}_${envPart(outputName)}_${envPart(field)}`,
    secretName: outputSecretName(owner),
    secretKey: `${outputName}-${field}`,
    ref,
    owner,
  };
}

/** The credentials an output reads, by field name. */
export function credentialsOf(dest: Destination): SecretBinding[] {
  const o = dest.output;
  const fields: Array<[string, SecretRef | undefined]> = [];
  switch (o.type) {
    case 'elasticsearch':
    case 'opensearch':
    case 'loki':
      fields.push(['username', o.username], ['password', o.password]);
      break;
    case 'splunk':
      fields.push(['token', o.token]);
      break;
    case 's3':
      fields.push(['access-key-id', o.accessKeyId], ['secret-access-key', o.secretAccessKey]);
      break;
  }
  return fields.filter((f): f is [string, SecretRef] => f[1] !== undefined)
    .map(([field, ref]) => secretBinding(dest.owner, dest.outputName, field, ref));
}

function secret(dest: Destination, field: string): ParamValue | undefined {
  const b = credentialsOf(dest).find((c) => c.secretKey === `${dest.outputName}-${field}`);
  return b ? env(b.envName) : undefined;
}

/**
 * Record fields the pipeline sets from the routing tag before the outputs
 * (see `pipeline.ts`), from which each output takes where a record goes:
 * - `log_scope`: `<tenant>_<environment>`, `platform`, `node`, `unclassified` or `audit` (index suffix, buffer chunk key);
 * - `log_path`: `<tenant>/<environment>` or the scope (S3 path below the output's prefix);
 * - `log_org`: the tenant, or `platform` (Loki tenant when the output names none);
 * - `tenant`, `environment`: set for tenant records only.
 */
export const RECORD_FIELDS = { scope: 'log_scope', path: 'log_path', org: 'log_org', tenant: 'tenant', environment: 'environment' } as const;

const placeholder = (field: string) => `\${${field}}`;

/**
 * The `<buffer>` section of an output.
 *
 * @param chunkKeys buffer chunk keys: one chunk (and one flush) per distinct value, so one scope's
 *   records never share a chunk with another's
 */
export function bufferDirective(id: string, b: BufferSettings, chunkKeys: readonly string[], extra: Record<string, ParamValue> = {}): Directive {
  return directive('buffer', chunkKeys.join(','), {
    '@type': 'file',
    'path': `${BUFFER_ROOT}/${id}`,
    ...extra,
    'flush_mode': 'interval',
    'flush_interval': b.flushInterval,
    'flush_thread_count': b.flushThreadCount,
    'flush_at_shutdown': true,
    'chunk_limit_size': b.chunkLimitSize,
    'total_limit_size': b.totalLimitSize,
    'overflow_action': b.overflowAction,
    'retry_type': b.retryType,
    'retry_wait': b.retryWait,
    'retry_max_interval': b.retryMaxInterval,
    'retry_forever': b.retryForever ? true : undefined,
    'retry_max_times': b.retryForever ? undefined : (b.retryMaxTimes ?? 17),
  });
}

/** Record field a Splunk output reads its index from (`index_key`), set per Splunk destination by {@link outputFilters}. */
function splunkIndexField(dest: Destination): string {
  return `splunk_index_${dest.id.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/**
 * Filters a destination needs right before its output section, matching the
 * same tags: a Splunk output reads its index from a record field holding
 * `<indexPrefix>-<log_scope>` (fluent-plugin-splunk-hec 1.3.3 expands only
 * `${tag}` in `index`, so the prefix is joined here, with
 * filter_record_transformer's `${record["…"]}` placeholder).
 */
export function outputFilters(dest: Destination, pattern: string): Directive[] {
  if (dest.output.type !== 'splunk') return [];
  return [directive('filter', pattern, { '@type': 'record_transformer', '@id': `filter.${dest.id}` }, [
    directive('record', undefined, { [splunkIndexField(dest)]: `${dest.output.indexPrefix}-\${record["${RECORD_FIELDS.scope}"]}` }),
  ])];
}

/**
 * The `<match pattern>` section writing `dest`. The index, path, Loki
 * tenant and labels come from the record fields {@link RECORD_FIELDS}
 * through buffer chunk keys and placeholders, so one section serves every
 * tenant that shares the output.
 *
 * Sources of the placeholder behaviour: fluentd 1.19.3 lib/fluent/plugin/output.rb
 * `extract_placeholders` (`${key}` for a record chunk key); fluent-plugin-elasticsearch 5.4.4 and
 * fluent-plugin-opensearch 1.1.6 expand `logstash_prefix` with it; fluent-plugin-s3 1.8.5 expands `path`;
 * fluent-plugin-grafana-loki expands `tenant` and reads stream labels from `<label>` (record accessors).
 *
 * @param pattern the tag pattern the section matches
 * @param comment comment lines written above it
 */
export function outputDirective(dest: Destination, pattern: string, comment: readonly string[]): Directive {
  const o = dest.output;
  const head = { '@type': OUTPUT_PLUGIN[o.type], '@id': dest.id };
  const scope = RECORD_FIELDS.scope;
  switch (o.type) {
    case 'elasticsearch':
    case 'opensearch':
      return directive('match', pattern, {
        ...head,
        host: o.host,
        port: o.port,
        scheme: o.scheme,
        user: secret(dest, 'username'),
        password: secret(dest, 'password'),
        ssl_verify: true,
        logstash_format: true,
        logstash_prefix: `${o.indexPrefix}-${placeholder(scope)}`,
        logstash_dateformat: '%Y.%m.%d',
        suppress_type_name: true,
        reconnect_on_error: true,
        reload_on_failure: true,
        reload_connections: false,
        request_timeout: '30s',
        [o.type === 'elasticsearch' ? 'log_es_400_reason' : 'log_os_400_reason']: true,
      }, [bufferDirective(dest.id, dest.buffer, [scope])], comment);
    case 'splunk':
      return directive('match', pattern, {
        ...head,
        protocol: 'https',
        hec_host: o.host,
        hec_port: o.port,
        hec_token: secret(dest, 'token'),
        index_key: splunkIndexField(dest),
        sourcetype: o.sourcetype,
        insecure_ssl: false,
      }, [directive('format', undefined, { '@type': 'json' }), bufferDirective(dest.id, dest.buffer, [scope])], comment);
    case 'loki':
      return directive('match', pattern, {
        ...head,
        url: o.url,
        tenant: o.orgId ?? placeholder(RECORD_FIELDS.org),
        username: secret(dest, 'username'),
        password: secret(dest, 'password'),
        line_format: 'json',
      }, [
        directive('label', undefined, { cluster: 'cluster', scope, tenant: RECORD_FIELDS.tenant, environment: RECORD_FIELDS.environment }),
        bufferDirective(dest.id, dest.buffer, o.orgId ? [scope] : [scope, RECORD_FIELDS.org]),
      ], comment);
    case 's3':
      return directive('match', pattern, {
        ...head,
        s3_bucket: o.bucket,
        s3_region: o.region,
        s3_endpoint: o.endpoint,
        aws_key_id: secret(dest, 'access-key-id'),
        aws_sec_key: secret(dest, 'secret-access-key'),
        path: `${o.prefix}/${placeholder(RECORD_FIELDS.path)}/`,
        // ${chunk_id}: two flush threads must never write the same object key (fluent-plugin-s3 1.8.5 warns without it).
        s3_object_key_format: '%{path}%{time_slice}_%{index}_${chunk_id}.%{file_extension}',
        store_as: 'gzip',
      }, [
        directive('format', undefined, { '@type': 'json' }),
        bufferDirective(dest.id, dest.buffer, ['time', RECORD_FIELDS.path], { timekey: '1h', timekey_wait: '10m', timekey_use_utc: true }),
      ], comment);
  }
}
