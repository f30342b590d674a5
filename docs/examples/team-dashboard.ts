// docs/examples/team-dashboard.ts — a part of every tenant environment.
import { ClusterContext, Construct, k8s, Placement, TenantPart } from 'cdk8s-platform';

/**
 * A Grafana dashboard per tenant environment (a ConfigMap the Grafana
 * sidecar picks up by its `grafana_dashboard` label), rendered into the
 * tenant's folder next to its namespace and policies.
 */
export const teamDashboard: TenantPart = {
  name: 'dashboard',
  build(scope: Construct, placement: Placement, _ctx: ClusterContext) {
    new k8s.KubeConfigMap(scope, 'Dashboard', {
      metadata: {
        name: `${placement.namespace}-dashboard`,
        namespace: placement.namespace,
        labels: { grafana_dashboard: '1' },
      },
      data: { 'dashboard.json': JSON.stringify({ title: `${placement.tenant.metadata.name} (${placement.environment})`, panels: [] }) },
    });
  },
};
