/**
 * The parameters and sections each fluentd plugin the platform uses accepts,
 * so tests can reject a parameter the plugin does not know (fluentd only
 * warns about those and carries on — a misspelt `retry_max_time` would
 * silently mean "retry with the default").
 *
 * Sources (parameter lists of each plugin's documentation):
 * - fluentd docs: "Config File Syntax" (@type, @id, @label, @log_level),
 *   "system configuration", in_tail, in_http, filter_grep, filter_parser,
 *   filter_record_transformer, out_stdout, "Buffer Section Configurations",
 *   "Parse Section Configurations" (parser_regexp, parser_json),
 *   "Format Section Configurations" (formatter_json), storage_local;
 * - plugin READMEs: fluent-plugin-systemd (in_systemd), fluent-plugin-prometheus
 *   (in_prometheus, in_prometheus_output_monitor), fluent-plugin-concat,
 *   fluent-plugin-kubernetes_metadata_filter, fluent-plugin-rewrite-tag-filter,
 *   fluent-plugin-elasticsearch, fluent-plugin-opensearch,
 *   fluent-plugin-splunk-hec, fluent-plugin-grafana-loki, fluent-plugin-s3.
 */

/** A section: its parameters (`'any'` for free-form key/value sections) and nested sections. */
export interface SectionSpec {
  readonly params: readonly string[] | 'any';
  /** Nested sections; `'typed'` means the section has its own `@type` looked up in {@link TYPED_SECTIONS}. */
  readonly sections?: Readonly<Record<string, SectionSpec | 'typed'>>;
}

/** Parameters every plugin directive accepts. */
export const COMMON_PARAMS = ['@type', '@id', '@label', '@log_level'];

const GREP_RULE: SectionSpec = { params: ['key', 'pattern'] };
const GREP_GROUP: SectionSpec = { params: [], sections: { regexp: GREP_RULE, exclude: GREP_RULE } };

/** Plugins by `<directive>/<@type>`. */
export const PLUGINS: Readonly<Record<string, SectionSpec>> = {
  'source/tail': {
    params: ['path', 'tag', 'exclude_path', 'refresh_interval', 'limit_recently_modified', 'skip_refresh_on_startup', 'read_from_head',
      'encoding', 'from_encoding', 'read_lines_limit', 'read_bytes_limit_per_second', 'max_line_size', 'multiline_flush_interval',
      'pos_file', 'pos_file_compaction_interval', 'path_key', 'rotate_wait', 'enable_watch_timer', 'enable_stat_watcher',
      'open_on_every_update', 'emit_unmatched_lines', 'ignore_repeated_permission_error', 'follow_inodes', 'path_timezone'],
    sections: { parse: 'typed' },
  },
  'source/http': {
    params: ['port', 'bind', 'body_size_limit', 'keepalive_timeout', 'add_http_headers', 'add_remote_addr', 'cors_allow_origins',
      'cors_allow_credentials', 'respond_with_empty_img', 'use_204_response', 'dump_error_log', 'add_query_params'],
    sections: { parse: 'typed', transport: { params: ['protocol', 'version', 'cert_path', 'private_key_path', 'ca_path', 'client_cert_auth'] } },
  },
  'source/systemd': {
    params: ['path', 'filters', 'matches', 'read_from_head', 'tag'],
    sections: {
      storage: 'typed',
      entry: { params: ['field_map', 'field_map_strict', 'fields_strip_underscores', 'fields_lowercase'] },
    },
  },
  'source/prometheus': { params: ['bind', 'port', 'metrics_path', 'aggregated_metrics_path'], sections: { transport: { params: ['protocol'] } } },
  'source/prometheus_output_monitor': { params: ['interval', 'gauge_all'], sections: { labels: { params: 'any' } } },
  'filter/concat': {
    params: ['key', 'separator', 'n_lines', 'multiline_start_regexp', 'multiline_end_regexp', 'continuous_line_regexp',
      'stream_identity_key', 'flush_interval', 'timeout_label', 'use_first_timestamp', 'partial_key', 'partial_value',
      'keep_partial_key', 'use_partial_metadata', 'keep_partial_metadata', 'partial_metadata_format', 'use_partial_cri_logtag',
      'partial_cri_logtag_key', 'partial_cri_stream_key'],
  },
  'filter/kubernetes_metadata': {
    params: ['kubernetes_url', 'cache_size', 'cache_ttl', 'watch', 'apiVersion', 'client_cert', 'client_key', 'ca_file', 'verify_ssl',
      'tag_to_kubernetes_name_regexp', 'bearer_token_file', 'secret_dir', 'de_dot', 'de_dot_separator', 'de_slash', 'de_slash_separator',
      'annotation_match', 'stats_interval', 'allow_orphans', 'orphaned_namespace_name', 'orphaned_namespace_id', 'lookup_from_k8s_field',
      'skip_labels', 'skip_container_metadata', 'skip_master_url', 'skip_namespace_metadata', 'watch_retry_interval',
      'open_timeout', 'read_timeout'],
  },
  'filter/grep': { params: [], sections: { regexp: GREP_RULE, exclude: GREP_RULE, and: GREP_GROUP, or: GREP_GROUP } },
  'filter/parser': {
    params: ['key_name', 'reserve_time', 'reserve_data', 'remove_key_name_field', 'replace_invalid_sequence', 'inject_key_prefix',
      'hash_value_field', 'emit_invalid_record_to_error'],
    sections: { parse: 'typed' },
  },
  'filter/record_transformer': {
    params: ['enable_ruby', 'auto_typecast', 'renew_record', 'renew_time_key', 'keep_keys', 'remove_keys'],
    sections: { record: { params: 'any' } },
  },
  'match/rewrite_tag_filter': {
    params: ['capitalize_regex_backreference', 'remove_tag_prefix', 'hostname_command'],
    sections: { rule: { params: ['key', 'pattern', 'tag', 'invert'] } },
  },
  'match/elasticsearch': {
    params: ['host', 'port', 'hosts', 'scheme', 'path', 'user', 'password', 'index_name', 'logstash_format', 'logstash_prefix',
      'logstash_prefix_separator', 'logstash_dateformat', 'include_tag_key', 'tag_key', 'ssl_verify', 'ssl_version', 'ca_file',
      'suppress_type_name', 'reconnect_on_error', 'reload_on_failure', 'reload_connections', 'request_timeout', 'include_timestamp',
      'time_key', 'id_key', 'log_es_400_reason', 'default_elasticsearch_version', 'verify_es_version_at_startup', 'data_stream_name'],
    sections: { buffer: 'typed' },
  },
  'match/opensearch': {
    params: ['host', 'port', 'hosts', 'scheme', 'path', 'user', 'password', 'index_name', 'logstash_format', 'logstash_prefix',
      'logstash_prefix_separator', 'logstash_dateformat', 'include_tag_key', 'tag_key', 'ssl_verify', 'ssl_version', 'ca_file',
      'suppress_type_name', 'reconnect_on_error', 'reload_on_failure', 'reload_connections', 'request_timeout', 'include_timestamp',
      'time_key', 'id_key', 'log_os_400_reason', 'data_stream_name'],
    sections: { buffer: 'typed' },
  },
  'match/splunk_hec': {
    params: ['protocol', 'hec_host', 'hec_port', 'hec_endpoint', 'full_url', 'hec_token', 'index', 'index_key', 'source', 'source_key',
      'sourcetype', 'sourcetype_key', 'host', 'host_key', 'insecure_ssl', 'ca_file', 'ca_path', 'client_cert', 'client_key',
      'idle_timeout', 'read_timeout', 'open_timeout', 'gzip_compression', 'consume_chunk_on_4xx_errors', 'keep_keys'],
    sections: { format: 'typed', fields: { params: 'any' }, buffer: 'typed' },
  },
  'match/loki': {
    params: ['url', 'username', 'password', 'tenant', 'bearer_token_file', 'extra_labels', 'line_format', 'remove_keys',
      'drop_single_key', 'include_thread_label', 'cert', 'key', 'ca_cert', 'insecure_tls', 'custom_headers'],
    sections: { label: { params: 'any' }, buffer: 'typed' },
  },
  'match/s3': {
    params: ['aws_key_id', 'aws_sec_key', 's3_bucket', 's3_region', 's3_endpoint', 'path', 's3_object_key_format', 'store_as',
      'auto_create_bucket', 'check_bucket', 'check_object', 'use_server_side_encryption', 'ssekms_key_id', 'acl', 'storage_class',
      'force_path_style', 'check_apikey_on_start'],
    sections: { format: 'typed', buffer: 'typed', assume_role_credentials: { params: ['role_arn', 'role_session_name'] }, web_identity_credentials: { params: ['role_arn', 'role_session_name', 'web_identity_token_file'] } },
  },
  'match/stdout': { params: ['output_type'], sections: { format: 'typed' } },
};

const PARSE_COMMON = ['types', 'time_key', 'null_value_pattern', 'null_empty_string', 'estimate_current_event', 'keep_time_key',
  'timeout', 'time_type', 'time_format', 'localtime', 'utc', 'timezone', 'force_localtime'];

/** Sections with their own `@type`, by `<section>/<@type>`. */
export const TYPED_SECTIONS: Readonly<Record<string, readonly string[]>> = {
  'buffer/file': ['@type', 'path', 'path_suffix', 'timekey', 'timekey_wait', 'timekey_use_utc', 'timekey_zone', 'chunk_limit_size',
    'chunk_limit_records', 'total_limit_size', 'queue_limit_length', 'chunk_full_threshold', 'queued_chunks_limit_size', 'compress',
    'flush_at_shutdown', 'flush_mode', 'flush_interval', 'flush_thread_count', 'flush_thread_interval', 'flush_thread_burst_interval',
    'delayed_commit_timeout', 'overflow_action', 'retry_timeout', 'retry_forever', 'retry_max_times', 'retry_secondary_threshold',
    'retry_type', 'retry_wait', 'retry_exponential_backoff_base', 'retry_max_interval', 'retry_randomize', 'disable_chunk_backup'],
  'parse/regexp': ['@type', 'expression', 'ignorecase', 'multiline', ...PARSE_COMMON],
  'parse/json': ['@type', 'json_parser', 'stream_buffer_size', ...PARSE_COMMON],
  'format/json': ['@type', 'json_parser', 'add_newline'],
  'storage/local': ['@type', 'path', 'mode', 'dir_mode', 'pretty_print'],
};

/** Directives whose elements must carry `@type`. */
export const TYPED_DIRECTIVES = ['source', 'filter', 'match', 'buffer', 'parse', 'format', 'storage'];

/** Parameters of `<system>`. */
export const SYSTEM_PARAMS = ['log_level', 'suppress_repeated_stacktrace', 'emit_error_log_interval', 'ignore_repeated_log_interval',
  'workers', 'root_dir', 'rpc_endpoint', 'enable_input_metrics', 'process_name'];
