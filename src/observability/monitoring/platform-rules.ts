/**
 * The platform's alerting rules, one group per concern. Each alert carries
 * `severity`, `team` and (added by {@link RulesResource}) `runbook_url`.
 * Alerts about objects in tenant namespaces carry the tenant as their team
 * (from the namespace's `platform.cdk8s.io/tenant` label, exported by
 * kube-state-metrics), so the tenant's own receivers get them.
 *
 * Metric names and job labels are those of kube-state-metrics, the kubelet,
 * node-exporter, cert-manager, the API server, fluent-plugin-prometheus,
 * Argo CD and Flux as scraped by kube-prometheus-stack; expressions follow
 * kube-prometheus (kubernetes-mixin) where one exists.
 */
import { GitOpsEngineName } from '../../spec/cluster';
import { apiServerSloGroup } from './apiserver-slo';
import { selector } from './promql';
import { RuleGroup } from './rules';
import { TENANT_PROM_LABEL } from './selection';

const KSM = { job: 'kube-state-metrics' };
const KUBELET = { job: 'kubelet', metrics_path: '/metrics' };
const NODE_EXPORTER = { job: 'node-exporter' };

/** `* on (namespace) group_left (<tenant label>) <namespace→tenant>`: adds the tenant label of each namespace. */
export function withTenant(expr: string): string {
  return `(\n${expr}\n)\n* on (namespace) group_left (${TENANT_PROM_LABEL})\nmax by (namespace, ${TENANT_PROM_LABEL}) (${selector('kube_namespace_labels', KSM)})`;
}

/** The team of an alert on a namespaced object: the namespace's tenant, else `platformTeam`. */
export function tenantTeam(platformTeam: string): string {
  return `{{ if $labels.${TENANT_PROM_LABEL} }}{{ $labels.${TENANT_PROM_LABEL} }}{{ else }}${platformTeam}{{ end }}`;
}

/** cert-manager: certificates expiring within 14 days, or not ready. */
export function certificatesGroup(team: string): RuleGroup {
  return {
    name: 'platform.certificates',
    rules: [
      {
        alert: 'CertificateExpiringSoon',
        expr: `(\n  max by (namespace, name) (certmanager_certificate_expiration_timestamp_seconds)\n  - time()\n) < 14 * 24 * 3600`,
        for: '1h',
        severity: 'warning',
        team,
        summary: 'A certificate expires within 14 days.',
        description: 'Certificate {{ $labels.namespace }}/{{ $labels.name }} expires in {{ $value | humanizeDuration }} and has not been renewed.',
      },
      {
        alert: 'CertificateNotReady',
        expr: `max by (namespace, name) (${selector('certmanager_certificate_ready_status', { condition: 'False' })}) == 1`,
        for: '15m',
        severity: 'warning',
        team,
        summary: 'A certificate is not ready.',
        description: 'Certificate {{ $labels.namespace }}/{{ $labels.name }} has not been ready for 15 minutes; check its CertificateRequest and issuer.',
      },
    ],
  };
}

/** Kubelet volume stats: a PersistentVolume predicted to fill within 5 days, or almost full. */
export function storageGroup(platformTeam: string): RuleGroup {
  const available = selector('kubelet_volume_stats_available_bytes', KUBELET);
  const capacity = selector('kubelet_volume_stats_capacity_bytes', KUBELET);
  const used = selector('kubelet_volume_stats_used_bytes', KUBELET);
  const readOnly = `unless on (namespace, persistentvolumeclaim)\n${selector('kube_persistentvolumeclaim_access_mode', { ...KSM, access_mode: 'ReadOnlyMany' })} == 1`;
  return {
    name: 'platform.storage',
    rules: [
      {
        alert: 'PersistentVolumeFillingUp',
        expr: withTenant(`(\n  ${available} / ${capacity}\n) < 0.15\nand\n${used} > 0\nand\npredict_linear(${available}[6h], 5 * 24 * 3600) < 0\n${readOnly}`),
        for: '1h',
        severity: 'warning',
        team: tenantTeam(platformTeam),
        summary: 'A PersistentVolume is predicted to fill up within 5 days.',
        description: 'PersistentVolumeClaim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has {{ $value | humanizePercentage }} free and, at the growth of the last 6 hours, fills up within 5 days.',
      },
      {
        alert: 'PersistentVolumeAlmostFull',
        expr: withTenant(`(\n  ${available} / ${capacity}\n) < 0.03\nand\n${used} > 0\n${readOnly}`),
        for: '5m',
        severity: 'critical',
        team: tenantTeam(platformTeam),
        summary: 'A PersistentVolume is almost full.',
        description: 'PersistentVolumeClaim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has only {{ $value | humanizePercentage }} free.',
      },
    ],
  };
}

/** kube-state-metrics: a tenant's ResourceQuota above 90 %. */
export function quotasGroup(platformTeam: string): RuleGroup {
  return {
    name: 'platform.quotas',
    rules: [{
      alert: 'TenantQuotaAlmostFull',
      expr: `(\n  ${selector('kube_resourcequota', { ...KSM, type: 'used' })}\n  / ignoring (instance, job, type)\n  (${selector('kube_resourcequota', { ...KSM, type: 'hard' })} > 0)\n)\n`
        + `* on (namespace) group_left (${TENANT_PROM_LABEL})\nmax by (namespace, ${TENANT_PROM_LABEL}) (${selector('kube_namespace_labels', { ...KSM, [TENANT_PROM_LABEL]: { ne: '' } })})\n> 0.9`,
      for: '15m',
      severity: 'warning',
      team: tenantTeam(platformTeam),
      summary: 'A tenant namespace has used more than 90 % of a ResourceQuota.',
      description: 'Namespace {{ $labels.namespace }} uses {{ $value | humanizePercentage }} of its {{ $labels.resource }} quota ({{ $labels.resourcequota }}); new workloads will be rejected when it is exhausted.',
    }],
  };
}

/** Nodes: memory requests beyond what survives a node loss, limits overcommitted per node, memory nearly exhausted. */
export function nodesGroup(team: string): RuleGroup {
  const active = `on (namespace, pod) group_left ()\nmax by (namespace, pod) (${selector('kube_pod_status_phase', { ...KSM, phase: { re: 'Pending|Running' } })} == 1)`;
  const allocatable = selector('kube_node_status_allocatable', { ...KSM, resource: 'memory' });
  return {
    name: 'platform.nodes',
    rules: [
      {
        alert: 'ClusterMemoryOvercommitted',
        expr: `sum(${selector('kube_pod_container_resource_requests', { ...KSM, resource: 'memory' })} * ${active})\n`
          + `>\nsum(${allocatable}) - max(${allocatable})`,
        for: '10m',
        severity: 'warning',
        team,
        summary: 'Memory requests no longer fit if a node fails.',
        description: 'Pods request more memory than the cluster keeps after losing its largest node; add capacity.',
      },
      {
        alert: 'NodeMemoryOvercommitted',
        expr: `sum by (node) (${selector('kube_pod_container_resource_limits', { ...KSM, resource: 'memory' })} * ${active})\n`
          + `/\nsum by (node) (${allocatable})\n> 1.5`,
        for: '15m',
        severity: 'warning',
        team,
        summary: 'Memory limits on a node exceed 150 % of its allocatable memory.',
        description: 'Memory limits on node {{ $labels.node }} add up to {{ $value | humanizePercentage }} of its allocatable memory; pods risk out-of-memory kills under load.',
      },
      {
        alert: 'NodeMemoryExhausted',
        expr: `${selector('node_memory_MemAvailable_bytes', NODE_EXPORTER)}\n/\n${selector('node_memory_MemTotal_bytes', NODE_EXPORTER)}\n< 0.05`,
        for: '10m',
        severity: 'critical',
        team,
        summary: 'A node has less than 5 % memory available.',
        description: 'Node {{ $labels.instance }} has {{ $value | humanizePercentage }} memory available.',
      },
    ],
  };
}

/** Workloads: pods crash-looping, attributed to their tenant. */
export function workloadsGroup(platformTeam: string): RuleGroup {
  return {
    name: 'platform.workloads',
    rules: [{
      alert: 'PodCrashLooping',
      expr: withTenant(`max_over_time(${selector('kube_pod_container_status_waiting_reason', { ...KSM, reason: 'CrashLoopBackOff' })}[5m])`) + '\n>= 1',
      for: '15m',
      severity: 'warning',
      team: tenantTeam(platformTeam),
      summary: 'A container is crash-looping.',
      description: 'Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} has been in CrashLoopBackOff for 15 minutes.',
    }],
  };
}

/** The log pipeline (fluent-plugin-prometheus output monitor): retrying, erroring, not flushing; the audit trail stalled. */
export function loggingGroup(team: string, fluentdJob: string, auditOutputId: string): RuleGroup {
  const m = (metric: string, extra: Record<string, string> = {}) => selector(metric, { job: fluentdJob, ...extra });
  return {
    name: 'platform.logging',
    rules: [
      {
        alert: 'FluentdDown',
        expr: `${selector('up', { job: fluentdJob })} == 0`,
        for: '10m',
        severity: 'warning',
        team,
        summary: 'A fluentd pod cannot be scraped.',
        description: 'fluentd on {{ $labels.pod }} has been down for 10 minutes; logs of its node are not shipped.',
      },
      {
        alert: 'FluentdOutputRetrying',
        expr: `max by (pod, plugin_id, type) (${m('fluentd_output_status_retry_count')}) > 0`,
        for: '15m',
        severity: 'warning',
        team,
        summary: 'A log output keeps retrying.',
        description: 'Output {{ $labels.plugin_id }} ({{ $labels.type }}) on {{ $labels.pod }} has been retrying for 15 minutes; its buffer is filling.',
      },
      {
        alert: 'FluentdOutputErrors',
        expr: `sum by (pod, plugin_id, type) (increase(${m('fluentd_output_status_num_errors')}[15m])) > 0`,
        for: '15m',
        severity: 'warning',
        team,
        summary: 'A log output reports errors.',
        description: 'Output {{ $labels.plugin_id }} ({{ $labels.type }}) on {{ $labels.pod }} failed {{ $value }} times in 15 minutes.',
      },
      {
        alert: 'FluentdBufferNotFlushing',
        expr: `max by (pod, plugin_id, type) (${m('fluentd_output_status_buffer_queue_length')}) > 0\n`
          + `and on (pod, plugin_id, type)\nmax by (pod, plugin_id, type) (changes(${m('fluentd_output_status_write_count')}[15m])) == 0`,
        for: '15m',
        severity: 'critical',
        team,
        summary: 'A log output has queued chunks but wrote nothing for 15 minutes.',
        description: 'Output {{ $labels.plugin_id }} ({{ $labels.type }}) on {{ $labels.pod }} is not flushing; logs are held in its buffer and are dropped when it is full.',
      },
      {
        alert: 'AuditLogShippingStalled',
        expr: `max by (pod) (${m('fluentd_output_status_buffer_queue_length', { plugin_id: auditOutputId })}) > 0\n`
          + `and on (pod)\nmax by (pod) (changes(${m('fluentd_output_status_write_count', { plugin_id: auditOutputId })}[10m])) == 0`,
        for: '10m',
        severity: 'critical',
        team,
        summary: 'The audit log is not reaching the SIEM.',
        description: 'The audit output on {{ $labels.pod }} has queued events but wrote nothing for 10 minutes.',
      },
    ],
  };
}

/** The GitOps engine's objects out of sync or degraded. */
export function gitOpsGroup(team: string, engine: GitOpsEngineName): RuleGroup {
  if (engine === 'argocd') {
    return {
      name: 'platform.gitops',
      rules: [
        {
          alert: 'ArgoCdApplicationOutOfSync',
          expr: `max by (namespace, name, project) (${selector('argocd_app_info', { sync_status: 'OutOfSync' })}) == 1`,
          for: '30m',
          severity: 'warning',
          team,
          summary: 'An Argo CD Application has been out of sync for 30 minutes.',
          description: 'Application {{ $labels.name }} (project {{ $labels.project }}) differs from Git for 30 minutes.',
        },
        {
          alert: 'ArgoCdApplicationDegraded',
          expr: `max by (namespace, name, project, health_status) (${selector('argocd_app_info', { health_status: { re: 'Degraded|Missing' } })}) == 1`,
          for: '15m',
          severity: 'critical',
          team,
          summary: 'An Argo CD Application is degraded.',
          description: 'Application {{ $labels.name }} (project {{ $labels.project }}) has been {{ $labels.health_status }} for 15 minutes.',
        },
      ],
    };
  }
  return {
    name: 'platform.gitops',
    rules: [
      {
        alert: 'FluxResourceNotReady',
        expr: `max by (exported_namespace, name, customresource_kind) (${selector('gotk_resource_info', { ready: 'False' })}) == 1`,
        for: '15m',
        severity: 'critical',
        team,
        summary: 'A Flux object is not ready.',
        description: '{{ $labels.customresource_kind }} {{ $labels.exported_namespace }}/{{ $labels.name }} has not been ready for 15 minutes.',
      },
      {
        alert: 'FluxReconciliationFailing',
        expr: `max by (namespace, name, kind) (${selector('gotk_reconcile_condition', { type: 'Ready', status: 'False' })}) == 1`,
        for: '15m',
        severity: 'warning',
        team,
        summary: 'A Flux reconciliation is failing.',
        description: '{{ $labels.kind }} {{ $labels.namespace }}/{{ $labels.name }} reports Ready=False for 15 minutes.',
      },
      {
        alert: 'FluxResourceSuspended',
        expr: `max by (exported_namespace, name, customresource_kind) (${selector('gotk_resource_info', { suspended: 'true' })}) == 1`,
        for: '24h',
        severity: 'info',
        team,
        summary: 'A Flux object has been suspended for a day.',
        description: '{{ $labels.customresource_kind }} {{ $labels.exported_namespace }}/{{ $labels.name }} has been suspended for 24 hours; Git changes are not applied.',
      },
    ],
  };
}

export interface PlatformRuleGroupsProps {
  /** Team label of platform alerts. */
  readonly team: string;
  readonly engine: GitOpsEngineName;
  /** `job` label of the fluentd targets. */
  readonly fluentdJob: string;
  /** fluentd `@id` of the audit output. */
  readonly auditOutputId: string;
}

/** Every platform rule group, in a stable order. */
export function platformRuleGroups(p: PlatformRuleGroupsProps): RuleGroup[] {
  return [
    certificatesGroup(p.team),
    storageGroup(p.team),
    quotasGroup(p.team),
    nodesGroup(p.team),
    workloadsGroup(p.team),
    apiServerSloGroup(p.team),
    loggingGroup(p.team, p.fluentdJob, p.auditOutputId),
    gitOpsGroup(p.team, p.engine),
  ];
}
