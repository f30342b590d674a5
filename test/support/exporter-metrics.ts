/**
 * The metric names each exporter exposes that platform rules may use, with
 * where the names come from. A rule test fails when an expression names a
 * metric its exporter does not expose (a typo, or a metric renamed upstream).
 */

/** Metric names by exporter. */
export const EXPORTER_METRICS: Readonly<Record<string, readonly string[]>> = {
  /** kube-state-metrics docs/metrics (workload/pod-metrics.md, resourcequota-metrics.md, namespace-metrics.md, node-metrics.md, persistentvolumeclaim-metrics.md). */
  'kube-state-metrics': [
    'kube_namespace_labels', 'kube_namespace_status_phase',
    'kube_resourcequota',
    'kube_pod_info', 'kube_pod_owner', 'kube_pod_status_phase', 'kube_pod_container_status_waiting_reason',
    'kube_pod_container_status_restarts_total', 'kube_pod_container_resource_requests', 'kube_pod_container_resource_limits',
    'kube_node_status_allocatable', 'kube_node_status_capacity',
    'kube_persistentvolumeclaim_access_mode', 'kube_persistentvolumeclaim_info',
  ],
  /** Kubernetes metrics reference (kubelet: volume stats). */
  'kubelet': [
    'kubelet_volume_stats_available_bytes', 'kubelet_volume_stats_capacity_bytes', 'kubelet_volume_stats_used_bytes',
    'kubelet_volume_stats_inodes', 'kubelet_volume_stats_inodes_free', 'kubelet_volume_stats_inodes_used',
  ],
  /** cAdvisor docs/storage/prometheus.md (exposed by the kubelet at /metrics/cadvisor). */
  'cadvisor': ['container_memory_working_set_bytes', 'container_cpu_usage_seconds_total', 'container_oom_events_total'],
  /** node_exporter meminfo and filesystem collectors. */
  'node-exporter': ['node_memory_MemAvailable_bytes', 'node_memory_MemTotal_bytes', 'node_filesystem_avail_bytes', 'node_filesystem_size_bytes'],
  /** cert-manager docs, "Prometheus Metrics" (certificate metrics). */
  'cert-manager': ['certmanager_certificate_expiration_timestamp_seconds', 'certmanager_certificate_ready_status', 'certmanager_certificate_renewal_timestamp_seconds'],
  /** Kubernetes metrics reference (kube-apiserver; apiserver_request_sli_duration_seconds since 1.27). */
  'apiserver': [
    'apiserver_request_total', 'apiserver_request_duration_seconds_bucket', 'apiserver_request_duration_seconds_count',
    'apiserver_request_sli_duration_seconds_bucket', 'apiserver_request_sli_duration_seconds_count', 'apiserver_request_sli_duration_seconds_sum',
  ],
  /** fluent-plugin-prometheus lib/fluent/plugin/in_prometheus_output_monitor.rb. */
  'fluentd': [
    'fluentd_output_status_buffer_total_bytes', 'fluentd_output_status_buffer_stage_length', 'fluentd_output_status_buffer_stage_byte_size',
    'fluentd_output_status_buffer_queue_length', 'fluentd_output_status_buffer_queue_byte_size', 'fluentd_output_status_buffer_available_space_ratio',
    'fluentd_output_status_buffer_newest_timekey', 'fluentd_output_status_buffer_oldest_timekey', 'fluentd_output_status_retry_count',
    'fluentd_output_status_num_errors', 'fluentd_output_status_emit_count', 'fluentd_output_status_emit_records', 'fluentd_output_status_write_count',
    'fluentd_output_status_rollback_count', 'fluentd_output_status_flush_time_count', 'fluentd_output_status_slow_flush_count',
    'fluentd_output_status_retry_wait',
  ],
  /** Argo CD docs, "Metrics" (application controller). */
  'argocd': ['argocd_app_info', 'argocd_app_sync_total', 'argocd_app_reconcile_bucket', 'argocd_app_k8s_request_total'],
  /** Flux docs, "Flux controllers metrics" (gotk_reconcile_*, gotk_suspend_status) and "Monitoring with kube-state-metrics" (gotk_resource_info). */
  'flux': ['gotk_reconcile_condition', 'gotk_reconcile_duration_seconds_bucket', 'gotk_suspend_status', 'gotk_resource_info'],
  /** Prometheus itself: the synthetic target-health series. */
  'prometheus': ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'],
};

/** Which exporters each platform rule group draws on. */
export const GROUP_EXPORTERS: Readonly<Record<string, readonly string[]>> = {
  'platform.certificates': ['cert-manager'],
  'platform.storage': ['kubelet', 'kube-state-metrics'],
  'platform.quotas': ['kube-state-metrics'],
  'platform.nodes': ['kube-state-metrics', 'node-exporter'],
  'platform.workloads': ['kube-state-metrics'],
  'platform.apiserver-slo': ['apiserver'],
  'platform.logging': ['fluentd', 'prometheus'],
  'platform.gitops': ['argocd', 'flux'],
};
