/**
 * The observability objects a tenant owns in each of its namespaces,
 * rendered into the tenant's folder: the RoleBinding that lets the tenant
 * Prometheus discover its targets, its SLO rules (a PrometheusRule) and its
 * alert routing (an AlertmanagerConfig with an ExternalSecret).
 */
import { Construct } from 'constructs';
import { ClusterContext, TenantPart } from '../contracts/component';
import { Placement } from '../spec/model';
import { TenantAlertmanagerConfig } from './alerting/tenant-alertmanager-config';
import { RulesResource } from './monitoring/rules';
import { TENANT_MONITORING_LABELS } from './monitoring/selection';
import { tenantSloGroups } from './monitoring/tenant-slo';
import { secretStoreOf, TENANT_SECRET_STORE, tenantSecretKeyPrefix } from '../spec/secrets';
import { TenantPrometheusDiscovery } from './monitoring/tenant-prometheus';
import { tenantMonitoringEnabled } from './tenant-monitoring-component';

function inEnvironment(environments: readonly string[] | undefined, environment: string): boolean {
  return !environments || environments.includes(environment);
}

/**
 * Adds, for `placement`, PrometheusRule `<tenant>-slos` when the tenant
 * declares SLOs for the environment, and AlertmanagerConfig `<tenant>-alerts`
 * when it declares receivers for it. Needs `settings.observability`.
 */
export function buildTenantObservability(scope: Construct, placement: Placement, ctx: ClusterContext): void {
  const observability = ctx.platform.settings.observability;
  if (!observability) return;
  // The tenant Prometheus' discovery RoleBinding, wherever that Prometheus runs.
  if (tenantMonitoringEnabled(ctx)) {
    new TenantPrometheusDiscovery(scope, 'PrometheusDiscovery', { namespace: placement.namespace, monitoringNamespace: ctx.platform.settings.namespaces.monitoring });
  }
  const tenant = placement.tenant.metadata.name;
  const spec = placement.tenant.spec;
  const slos = spec.slos.filter((s) => inEnvironment(s.environments, placement.environment));
  if (slos.length > 0) {
    new RulesResource(scope, 'Slos', {
      name: `${tenant}-slos`,
      namespace: placement.namespace,
      labels: TENANT_MONITORING_LABELS,
      groups: tenantSloGroups(tenant, placement.namespace, slos),
      runbookBaseURL: observability.alerting.runbookBaseURL,
    });
  }
  if (spec.alerting && inEnvironment(spec.alerting.environments, placement.environment)) {
    new TenantAlertmanagerConfig(scope, 'Alerting', {
      tenant, namespace: placement.namespace, receivers: spec.alerting,
      secretStoreName: TENANT_SECRET_STORE.store,
      secretKeyPrefix: tenantSecretKeyPrefix(secretStoreOf(placement.cluster), tenant, placement.environment),
    });
  }
}

/** The tenant part registered in the standard render options. */
export const tenantObservabilityPart: TenantPart = {
  name: 'observability',
  enabledOn: (ctx) => ctx.platform.settings.observability !== undefined,
  build: buildTenantObservability,
};
