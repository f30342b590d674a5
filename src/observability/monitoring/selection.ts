/**
 * How the platform's Prometheus and Alertmanager find the monitoring objects
 * this platform renders: one label on every PodMonitor, ServiceMonitor and
 * PrometheusRule of the platform, and the tenant label on tenant namespaces.
 */
import { LABELS, PLATFORM_DOMAIN } from '../../tenancy/labels';
import { LabelSelector } from '../../tenancy/network-policy-evaluator';

/** Label on every platform monitoring object (PodMonitor, PrometheusRule), selected by the platform Prometheus. */
export const MONITORING_LABEL = `${PLATFORM_DOMAIN}/monitoring`;

/** Labels of the platform's own monitoring objects. */
export const PLATFORM_MONITORING_LABELS: Readonly<Record<string, string>> = { [MONITORING_LABEL]: 'platform' };

/** Labels of the monitoring objects rendered for a tenant (its SLO rules). */
export const TENANT_MONITORING_LABELS: Readonly<Record<string, string>> = { [MONITORING_LABEL]: 'tenant' };

/**
 * The namespace label kube-state-metrics must export (`--metric-labels-allowlist=namespaces=[…]`)
 * for rules to attribute a namespace to its tenant; in PromQL it reads `label_platform_cdk8s_io_tenant`.
 */
export const TENANT_NAMESPACE_LABEL = LABELS.tenant;
/** The PromQL label of {@link TENANT_NAMESPACE_LABEL} on `kube_namespace_labels` (kube-state-metrics sanitises the key). */
export const TENANT_PROM_LABEL = `label_${TENANT_NAMESPACE_LABEL.replace(/[^A-Za-z0-9_]/g, '_')}`;


/** Namespaces of tenants: those carrying the tenant label. The tenant Prometheus loads monitors and rules only from these. */
export const TENANT_NAMESPACES: LabelSelector = { matchExpressions: [{ key: TENANT_NAMESPACE_LABEL, operator: 'Exists' }] };

/**
 * Every other namespace (platform, add-on and system namespaces): the
 * platform Prometheus loads monitors and rules only from these, so nothing a
 * tenant writes reaches it. No tenant role may change namespace labels.
 */
export const PLATFORM_NAMESPACES: LabelSelector = { matchExpressions: [{ key: TENANT_NAMESPACE_LABEL, operator: 'DoesNotExist' }] };
