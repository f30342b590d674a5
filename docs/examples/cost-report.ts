// docs/examples/cost-report.ts — a platform component of your own.
import { ClusterContext, Construct, k8s, PlatformComponent, WAVES } from 'cdk8s-platform';

/**
 * A ConfigMap per cluster listing every tenant namespace with its cost
 * centre, read by the organisation's chargeback exporter. It renders into
 * `dist/clusters/<cluster>/platform/cost-report/` and syncs with the
 * platform configuration wave.
 */
export const costReport: PlatformComponent = {
  name: 'cost-report',
  wave: WAVES.platform,
  build(scope: Construct, ctx: ClusterContext) {
    new k8s.KubeConfigMap(scope, 'CostCentres', {
      metadata: { name: 'cost-centres', namespace: 'monitoring' },
      data: Object.fromEntries(ctx.placements.map((p) => [p.namespace, p.tenant.spec.costCenter])),
    });
  },
};
