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
import { Directive, directive, env, json, ParamValue } from './config';
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

/** The `<buffer>` section of an output. */
export function bufferDirective(id: string, b: BufferSettings, chunkKeys?: string, extra: Record<string, ParamValue> = {}): Directive {
  return directive('buffer', chunkKeys, {
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

/**
 * The `<match pattern>` section writing `dest`.
 *
 * @param pattern the tag pattern the section matches
 * @param comment comment lines written above it
 */
export function outputDirective(dest: Destination, pattern: string, comment: readonly string[]): Directive {
  const o = dest.output;
  const s = dest.scope;
  const head = { '@type': OUTPUT_PLUGIN[o.type], '@id': dest.id };
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
        logstash_prefix: `${o.indexPrefix}-${s.index}`,
        logstash_dateformat: '%Y.%m.%d',
        suppress_type_name: true,
        reconnect_on_error: true,
        reload_on_failure: true,
        reload_connections: false,
        request_timeout: '30s',
        [o.type === 'elasticsearch' ? 'log_es_400_reason' : 'log_os_400_reason']: true,
      }, [bufferDirective(dest.id, dest.buffer)], comment);
    case 'splunk':
      return directive('match', pattern, {
        ...head,
        protocol: 'https',
        hec_host: o.host,
        hec_port: o.port,
        hec_token: secret(dest, 'token'),
        index: `${o.indexPrefix}-${s.index}`,
        sourcetype: o.sourcetype,
        insecure_ssl: false,
      }, [directive('format', undefined, { '@type': 'json' }), bufferDirective(dest.id, dest.buffer)], comment);
    case 'loki':
      return directive('match', pattern, {
        ...head,
        url: o.url,
        tenant: o.orgId ?? s.lokiOrg,
        username: secret(dest, 'username'),
        password: secret(dest, 'password'),
        extra_labels: json({ ...s.labels }),
        line_format: 'json',
      }, [bufferDirective(dest.id, dest.buffer)], comment);
    case 's3':
      return directive('match', pattern, {
        ...head,
        s3_bucket: o.bucket,
        s3_region: o.region,
        s3_endpoint: o.endpoint,
        aws_key_id: secret(dest, 'access-key-id'),
        aws_sec_key: secret(dest, 'secret-access-key'),
        path: `${o.prefix}/${s.path}/`,
        s3_object_key_format: '%{path}%{time_slice}_%{index}.%{file_extension}',
        store_as: 'gzip',
      }, [
        directive('format', undefined, { '@type': 'json' }),
        bufferDirective(dest.id, dest.buffer, 'time', { timekey: '1h', timekey_wait: '10m', timekey_use_utc: true }),
      ], comment);
  }
}
