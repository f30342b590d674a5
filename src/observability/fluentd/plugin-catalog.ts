/**
 * The parameters and sections fluentd and each plugin the platform uses
 * accept, at the versions the pinned image ships, so that a configuration
 * naming a parameter the plugin does not have is refused before it reaches a
 * cluster. fluentd itself only warns about an unknown parameter ("parameter
 * 'x' in <…> is not used") and carries on with the default: that is how a
 * parameter removed upstream (kubernetes_metadata's `de_dot`) silently
 * changed what a route matches.
 *
 * Versions: the Gemfile.lock of the pinned image,
 * fluent/fluentd-kubernetes-daemonset `docker-image/v1.19/debian-elasticsearch8/Gemfile.lock`
 * at v1.19.3-1.1 (commit 849b9e1e): fluentd 1.19.3, fluent-plugin-concat 2.6.2,
 * fluent-plugin-kubernetes_metadata_filter 3.8.0, fluent-plugin-rewrite-tag-filter 2.4.0,
 * fluent-plugin-elasticsearch 5.4.4, fluent-plugin-prometheus 2.2.2,
 * fluent-plugin-systemd 1.1.1. Plugins the image does not ship (OpenSearch,
 * Splunk HEC, Loki, S3) are described at the release named in their entry;
 * an image that adds them must ship those releases or later compatible ones.
 *
 * Each list is the plugin's `config_param`/`config_section` declarations at
 * that release (the file is named in `source`), plus what it inherits
 * (`Fluent::Plugin::Output`, `Fluent::TimeMixin::Parser`, the buffer
 * plugins). Where the exact release was not available the nearest one is
 * named in `source`, with the difference.
 */

/** A section: its parameters (`'any'` for free-form key/value sections such as `<record>`) and nested sections. */
export interface SectionSpec {
  readonly params: readonly string[] | 'any';
  /** Nested sections; `'typed'` means the section has its own `@type` looked up in {@link TYPED_SECTIONS}. */
  readonly sections?: Readonly<Record<string, SectionSpec | 'typed'>>;
}

/** A plugin as one gem release ships it. */
export interface PluginSpec extends SectionSpec {
  /** The gem (`fluentd` for plugins built into fluentd). */
  readonly gem: string;
  /** The gem version the tables describe. */
  readonly version: string;
  /** Where the facts come from: repository, tag and file. */
  readonly source: string;
  /** Parameters earlier releases had and this one no longer reads, with what changed. */
  readonly removed?: Readonly<Record<string, string>>;
}

/** The fluentd release of the pinned image. */
export const FLUENTD_VERSION = '1.19.3';
const CORE = (file: string) => `fluent/fluentd v${FLUENTD_VERSION} lib/fluent/${file}`;

/** Parameters every plugin directive accepts (fluentd lib/fluent/config/element.rb RESERVED_PARAMETERS). */
export const COMMON_PARAMS = ['@type', '@id', '@label', '@log_level'];

/** `Fluent::Plugin::Output`: parameters of every output, besides the plugin's own (lib/fluent/plugin/output.rb). */
const OUTPUT_BASE = ['time_as_integer', 'slow_flush_log_threshold'];
const OUTPUT_SECTIONS = { buffer: 'typed', secondary: 'typed' } as const;

/** `Fluent::TimeMixin::TIME_FULL_PARAMETERS`, included by every parser (lib/fluent/time.rb). */
const TIME_PARAMS = ['time_type', 'time_format', 'localtime', 'utc', 'timezone', 'time_format_fallbacks'];
/** `Fluent::Plugin::Parser` (lib/fluent/plugin/parser.rb). */
const PARSER_BASE = ['types', 'time_key', 'null_value_pattern', 'null_empty_string', 'estimate_current_event', 'keep_time_key', 'timeout', ...TIME_PARAMS];

/** The `<buffer>` section of `Fluent::Plugin::Output` (lib/fluent/plugin/output.rb) and `Fluent::Plugin::Buffer` (buffer.rb). */
const BUFFER_PARAMS = ['@type', 'timekey', 'timekey_wait', 'timekey_use_utc', 'timekey_zone', 'flush_at_shutdown', 'flush_mode',
  'flush_interval', 'flush_thread_count', 'flush_thread_interval', 'flush_thread_burst_interval', 'delayed_commit_timeout',
  'overflow_action', 'retry_forever', 'retry_timeout', 'retry_max_times', 'retry_secondary_threshold', 'retry_type', 'retry_wait',
  'retry_exponential_backoff_base', 'retry_max_interval', 'retry_randomize',
  'chunk_limit_size', 'total_limit_size', 'queue_limit_length', 'chunk_limit_records', 'chunk_full_threshold',
  'queued_chunks_limit_size', 'compress', 'decompression_size_limit', 'disable_chunk_backup'];

const GREP_RULE: SectionSpec = { params: ['key', 'pattern'] };
const GREP_GROUP: SectionSpec = { params: [], sections: { regexp: GREP_RULE, exclude: GREP_RULE } };

/** fluent-plugin-elasticsearch 5.4.4 and fluent-plugin-opensearch 1.1.6 share most of their parameters. */
const SEARCH_COMMON = ['host', 'port', 'user', 'password', 'path', 'scheme', 'hosts', 'target_index_key', 'time_key_format', 'time_precision',
  'include_timestamp', 'logstash_format', 'logstash_prefix', 'logstash_prefix_separator', 'logstash_dateformat', 'utc_index',
  'suppress_type_name', 'index_name', 'id_key', 'write_operation', 'parent_key', 'routing_key', 'request_timeout', 'reload_connections',
  'reload_on_failure', 'retry_tag', 'resurrect_after', 'time_key', 'time_key_exclude_timestamp', 'ssl_verify', 'client_key', 'client_cert',
  'client_key_pass', 'ca_file', 'remove_keys', 'remove_keys_on_update', 'remove_keys_on_update_key', 'flatten_hashes',
  'flatten_hashes_separator', 'template_name', 'template_file', 'template_overwrite', 'customize_template', 'index_date_pattern',
  'index_separator', 'application_name', 'templates', 'max_retry_putting_template', 'fail_on_putting_template_retry_exceed',
  'include_tag_key', 'tag_key', 'time_parse_error_tag', 'reconnect_on_error', 'pipeline', 'with_transporter_log',
  'emit_error_for_missing_id', 'sniffer_class_name', 'selector_class_name', 'reload_after', 'include_index_in_url', 'http_backend',
  'http_backend_excon_nonblock', 'validate_client_version', 'prefer_oj_serializer', 'unrecoverable_error_types', 'custom_headers',
  'suppress_doc_wrap', 'ignore_exceptions', 'exception_backup', 'bulk_message_request_threshold', 'compression_level',
  'truncate_caches_interval', 'use_legacy_template', 'catch_transport_exception_on_retry', 'target_index_affinity', 'include_chunk_id',
  'chunk_id_key'];

/** Plugins by `<directive>/<@type>`. */
export const PLUGINS: Readonly<Record<string, PluginSpec>> = {
  'source/tail': {
    gem: 'fluentd', version: FLUENTD_VERSION, source: CORE('plugin/in_tail.rb'),
    params: ['path', 'path_delimiter', 'glob_policy', 'tag', 'exclude_path', 'rotate_wait', 'pos_file', 'pos_file_compaction_interval',
      'read_from_head', 'refresh_interval', 'read_lines_limit', 'read_bytes_limit_per_second', 'multiline_flush_interval',
      'emit_unmatched_lines', 'enable_watch_timer', 'enable_stat_watcher', 'encoding', 'from_encoding', 'path_key',
      'open_on_every_update', 'limit_recently_modified', 'skip_refresh_on_startup', 'ignore_repeated_permission_error',
      'path_timezone', 'follow_inodes', 'max_line_size'],
    sections: { parse: 'typed' },
  },
  'source/http': {
    gem: 'fluentd', version: FLUENTD_VERSION, source: CORE('plugin/in_http.rb'),
    params: ['port', 'bind', 'body_size_limit', 'decompression_size_limit', 'keepalive_timeout', 'backlog', 'add_http_headers',
      'add_remote_addr', 'blocking_timeout', 'cors_allow_origins', 'cors_allow_credentials', 'respond_with_empty_img',
      'use_204_response', 'dump_error_log', 'add_query_params', 'add_tag_prefix'],
    sections: {
      parse: 'typed',
      // lib/fluent/plugin_helper/server.rb
      transport: { params: ['protocol', 'version', 'min_version', 'max_version', 'ciphers', 'insecure', 'ca_path', 'cert_path',
        'private_key_path', 'private_key_passphrase', 'client_cert_auth', 'ca_cert_path', 'ca_private_key_path'] },
    },
  },
  'source/systemd': {
    gem: 'fluent-plugin-systemd', version: '1.1.1',
    source: 'fluent-plugin-systemd/fluent-plugin-systemd v1.0.5 lib/fluent/plugin/in_systemd.rb (the newest release available to us; 1.1.x changed dependencies only)',
    params: ['path', 'filters', 'matches', 'read_from_head', 'tag'],
    sections: { storage: 'typed', entry: { params: ['field_map', 'field_map_strict', 'fields_strip_underscores', 'fields_lowercase'] } },
  },
  'source/prometheus': {
    gem: 'fluent-plugin-prometheus', version: '2.2.2', source: 'fluent/fluent-plugin-prometheus v2.2.2 lib/fluent/plugin/in_prometheus.rb',
    params: ['bind', 'port', 'metrics_path', 'aggregated_metrics_path', 'content_encoding'],
    sections: { ssl: { params: ['enable', 'certificate_path', 'private_key_path', 'ca_path', 'extra_conf'] } },
  },
  'source/prometheus_output_monitor': {
    gem: 'fluent-plugin-prometheus', version: '2.2.2', source: 'fluent/fluent-plugin-prometheus v2.2.2 lib/fluent/plugin/in_prometheus_output_monitor.rb',
    params: ['interval', 'gauge_all'],
    sections: { labels: { params: 'any' } },
  },
  'filter/concat': {
    gem: 'fluent-plugin-concat', version: '2.6.2', source: 'fluent-plugins-nursery/fluent-plugin-concat v2.6.2 lib/fluent/plugin/filter_concat.rb',
    params: ['key', 'separator', 'n_lines', 'multiline_start_regexp', 'multiline_end_regexp', 'continuous_line_regexp',
      'stream_identity_key', 'flush_interval', 'timeout_label', 'use_first_timestamp', 'partial_key', 'partial_value',
      'keep_partial_key', 'use_partial_metadata', 'partial_metadata_format', 'keep_partial_metadata', 'use_partial_cri_logtag',
      'partial_cri_logtag_key', 'partial_cri_stream_key', 'buffer_limit_size', 'buffer_overflow_method'],
  },
  'filter/kubernetes_metadata': {
    gem: 'fluent-plugin-kubernetes_metadata_filter', version: '3.8.0',
    source: 'fabric8io/fluent-plugin-kubernetes_metadata_filter v3.7.1 lib/fluent/plugin/filter_kubernetes_metadata.rb '
      + '(3.8.0 is pinned; 3.7.1 is the newest release available to us, and 3.8.0 adds no parameter we use)',
    params: ['kubernetes_url', 'cache_size', 'cache_ttl', 'ignore_nil', 'watch', 'apiVersion', 'client_cert', 'client_key', 'ca_file',
      'verify_ssl', 'open_timeout', 'read_timeout', 'tag_to_kubernetes_name_regexp', 'bearer_token_file', 'secret_dir',
      'annotation_match', 'stats_interval', 'allow_orphans', 'orphaned_namespace_name', 'orphaned_namespace_id',
      'lookup_from_k8s_field', 'ssl_partial_chain', 'skip_labels', 'skip_pod_labels', 'skip_namespace_labels',
      'skip_container_metadata', 'skip_master_url', 'skip_namespace_metadata', 'include_ownerrefs_metadata', 'test_api_adapter',
      'watch_retry_interval', 'watch_retry_exponential_backoff_base', 'watch_retry_max_times'],
    removed: Object.fromEntries(['de_dot', 'de_dot_separator', 'de_slash', 'de_slash_separator', 'use_journal', 'container_name_to_kubernetes_regexp']
      .map((p) => [p, 'removed in 3.0.0 (commit 4171b98, "Performance and deprecation refactorings"): pod and namespace label keys keep their dots and slashes'])),
  },
  'filter/grep': {
    gem: 'fluentd', version: FLUENTD_VERSION, source: CORE('plugin/filter_grep.rb'),
    params: [...Array.from({ length: 20 }, (_, i) => `regexp${i + 1}`), ...Array.from({ length: 20 }, (_, i) => `exclude${i + 1}`)],
    sections: { regexp: GREP_RULE, exclude: GREP_RULE, and: GREP_GROUP, or: GREP_GROUP },
  },
  'filter/parser': {
    gem: 'fluentd', version: FLUENTD_VERSION, source: CORE('plugin/filter_parser.rb'),
    params: ['key_name', 'reserve_data', 'reserve_time', 'remove_key_name_field', 'inject_key_prefix', 'replace_invalid_sequence',
      'hash_value_field', 'emit_invalid_record_to_error'],
    sections: { parse: 'typed' },
  },
  'filter/record_transformer': {
    gem: 'fluentd', version: FLUENTD_VERSION, source: CORE('plugin/filter_record_transformer.rb'),
    params: ['remove_keys', 'keep_keys', 'renew_record', 'renew_time_key', 'enable_ruby', 'auto_typecast'],
    sections: { record: { params: 'any' } },
  },
  'match/rewrite_tag_filter': {
    gem: 'fluent-plugin-rewrite-tag-filter', version: '2.4.0',
    source: 'fluent/fluent-plugin-rewrite-tag-filter v2.4.0 lib/fluent/plugin/out_rewrite_tag_filter.rb',
    params: [...OUTPUT_BASE, 'capitalize_regex_backreference', 'remove_tag_prefix', 'remove_tag_regexp', 'hostname_command', 'emit_mode'],
    sections: { rule: { params: ['key', 'pattern', 'tag', 'label', 'invert'] } },
  },
  'match/elasticsearch': {
    gem: 'fluent-plugin-elasticsearch', version: '5.4.4', source: 'uken/fluent-plugin-elasticsearch v5.4.4 lib/fluent/plugin/out_elasticsearch.rb',
    params: [...OUTPUT_BASE, ...SEARCH_COMMON, 'cloud_id', 'cloud_auth', 'target_type_key', 'type_name', 'rollover_index', 'deflector_alias',
      'index_prefix', 'fail_on_detecting_es_version_retry_exceed', 'max_retry_get_es_version', 'content_type',
      'verify_es_version_at_startup', 'default_elasticsearch_version', 'log_es_400_reason', 'api_key', 'enable_ilm',
      'ilm_policy_id', 'ilm_policy', 'ilm_policies', 'ilm_policy_overwrite'],
    sections: { ...OUTPUT_SECTIONS, metadata: { params: ['include_chunk_id', 'chunk_id_key'] } },
  },
  'match/opensearch': {
    gem: 'fluent-plugin-opensearch', version: '1.1.6', source: 'fluent/fluent-plugin-opensearch v1.1.6 lib/fluent/plugin/out_opensearch.rb',
    params: [...OUTPUT_BASE, ...SEARCH_COMMON, 'fail_on_detecting_os_version_retry_exceed', 'max_retry_get_os_version',
      'unrecoverable_record_types', 'emit_error_label_event', 'verify_os_version_at_startup', 'default_opensearch_version',
      'log_os_400_reason'],
    sections: { ...OUTPUT_SECTIONS, metadata: { params: ['include_chunk_id', 'chunk_id_key'] },
      endpoint: { params: ['region', 'url', 'access_key_id', 'secret_access_key', 'assume_role_arn', 'ecs_container_credentials_relative_uri',
        'assume_role_session_name', 'assume_role_web_identity_token_file', 'sts_credentials_region', 'refresh_credentials_interval', 'aws_service_name'] } },
  },
  'match/splunk_hec': {
    gem: 'fluent-plugin-splunk-hec', version: '1.3.3',
    source: 'splunk/fluent-plugin-splunk-hec 1.3.3 lib/fluent/plugin/out_splunk_hec.rb and its base class out_splunk.rb',
    params: [...OUTPUT_BASE, 'protocol', 'hec_host', 'hec_port', 'hec_endpoint', 'full_url', 'hec_token', 'idle_timeout', 'read_timeout',
      'open_timeout', 'client_cert', 'client_key', 'ca_file', 'ca_path', 'ssl_ciphers', 'require_ssl_min_version', 'insecure_ssl',
      'data_type', 'index', 'index_key', 'metrics_from_event', 'metric_name_key', 'metric_value_key', 'keep_keys', 'gzip_compression',
      'app_name', 'app_version', 'consume_chunk_on_4xx_errors', 'coerce_to_utf8', 'non_utf8_replacement_string', 'custom_headers',
      'host', 'host_key', 'source', 'source_key', 'sourcetype', 'sourcetype_key', 'time_key'],
    sections: { ...OUTPUT_SECTIONS, format: 'typed', fields: { params: 'any' } },
  },
  'match/loki': {
    gem: 'fluent-plugin-grafana-loki', version: 'grafana/loki main (commit 00a52d2d)',
    source: 'grafana/loki clients/cmd/fluentd/lib/fluent/plugin/out_loki.rb at commit 00a52d2d',
    params: [...OUTPUT_BASE, 'url', 'username', 'password', 'bearer_token_file', 'cert', 'key', 'ca_cert', 'ciphers', 'min_version',
      'insecure_tls', 'custom_headers', 'compress', 'tenant', 'extra_labels', 'line_format', 'extract_kubernetes_labels', 'remove_keys',
      'drop_single_key', 'include_thread_label'],
    sections: { ...OUTPUT_SECTIONS, label: { params: 'any' } },
  },
  'match/s3': {
    gem: 'fluent-plugin-s3', version: '1.8.5', source: 'fluent/fluent-plugin-s3 v1.8.5 lib/fluent/plugin/out_s3.rb',
    params: [...OUTPUT_BASE, 'path', 'use_server_side_encryption', 'use_bundled_cert', 'aws_key_id', 'aws_sec_key', 'aws_iam_retries',
      's3_bucket', 's3_region', 's3_endpoint', 'enable_transfer_acceleration', 'enable_dual_stack', 'ssl_verify_peer', 'ssl_ca_bundle',
      'ssl_ca_directory', 's3_object_key_format', 'force_path_style', 'store_as', 'auto_create_bucket', 'check_apikey_on_start',
      'proxy_uri', 'reduced_redundancy', 'storage_class', 'acl', 'grant_full_control', 'grant_read', 'grant_read_acp', 'grant_write_acp',
      'hex_random_length', 'index_format', 'overwrite', 'check_bucket', 'check_object', 'ssekms_key_id', 'sse_customer_algorithm',
      'sse_customer_key', 'sse_customer_key_md5', 'compute_checksums', 'signature_version', 'warn_for_delay', 'tagging',
      'checksum_algorithm'],
    sections: {
      ...OUTPUT_SECTIONS, format: 'typed', inject: { params: ['hostname_key', 'hostname', 'worker_id_key', 'tag_key', 'time_key', ...TIME_PARAMS] },
      assume_role_credentials: { params: ['role_arn', 'role_session_name', 'policy', 'duration_seconds', 'external_id', 'sts_region', 'sts_http_proxy', 'sts_endpoint_url'] },
      web_identity_credentials: { params: ['role_arn', 'role_session_name', 'web_identity_token_file', 'policy', 'duration_seconds', 'sts_region', 'sts_http_proxy', 'sts_endpoint_url'] },
    },
  },
  'match/stdout': {
    gem: 'fluentd', version: FLUENTD_VERSION, source: CORE('plugin/out_stdout.rb'),
    params: [...OUTPUT_BASE, 'use_logger'],
    sections: { ...OUTPUT_SECTIONS, format: 'typed', inject: { params: ['hostname_key', 'hostname', 'worker_id_key', 'tag_key', 'time_key', ...TIME_PARAMS] } },
  },
};

/** Sections with their own `@type`, by `<section>/<@type>`, with the file each list comes from. */
export const TYPED_SECTIONS: Readonly<Record<string, { readonly params: readonly string[]; readonly source: string }>> = {
  'buffer/file': {
    params: [...BUFFER_PARAMS, 'path', 'path_suffix', 'file_permission', 'dir_permission'],
    source: CORE('plugin/output.rb, plugin/buffer.rb, plugin/buf_file.rb'),
  },
  'buffer/memory': { params: BUFFER_PARAMS, source: CORE('plugin/output.rb, plugin/buffer.rb, plugin/buf_memory.rb') },
  'parse/regexp': { params: ['@type', 'expression', 'ignorecase', 'multiline', ...PARSER_BASE], source: CORE('plugin/parser_regexp.rb, plugin/parser.rb, time.rb') },
  'parse/json': { params: ['@type', 'json_parser', 'stream_buffer_size', ...PARSER_BASE], source: CORE('plugin/parser_json.rb, plugin/parser.rb, time.rb') },
  'format/json': { params: ['@type', 'json_parser', 'add_newline', 'newline', ...TIME_PARAMS], source: CORE('plugin/formatter_json.rb, plugin/formatter.rb (Newline::Mixin, TimeMixin::Formatter), time.rb') },
  'storage/local': { params: ['@type', 'path', 'mode', 'dir_mode', 'pretty_print'], source: CORE('plugin/storage_local.rb') },
};

/** Directives whose elements must carry `@type`. */
export const TYPED_DIRECTIVES = ['source', 'filter', 'match', 'buffer', 'parse', 'format', 'storage'];

/** Parameters of `<system>` (lib/fluent/system_config.rb). */
export const SYSTEM_PARAMS = ['workers', 'restart_worker_interval', 'root_dir', 'log_level', 'suppress_repeated_stacktrace',
  'ignore_repeated_log_interval', 'ignore_same_log_interval', 'emit_error_log_interval', 'suppress_config_dump', 'log_event_verbose',
  'without_source', 'with_source_only', 'rpc_endpoint', 'enable_get_dump', 'process_name', 'strict_config_value',
  'enable_msgpack_time_support', 'disable_shared_socket', 'enable_input_metrics', 'enable_size_metrics', 'enable_jit',
  'file_permission', 'dir_permission', 'config_include_dir'];
