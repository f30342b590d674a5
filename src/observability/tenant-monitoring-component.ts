/**
 * The `tenant-monitoring` platform component: the tenant Prometheus
 * (`platform/tenant-monitoring/`), which loads the monitors and rules of
 * tenant namespaces with prometheus-operator's multi-tenancy enforcement
 * (see `monitoring/tenant-prometheus.ts`). Rendered where the platform has
 * an observability definition and the cluster runs kube-prometheus-stack
 * (its operator reconciles the Prometheus, its Alertmanager takes the alerts).
 */
import { ClusterContext, PlatformComponent, WAVES } from '../contracts/component';
import { defaultStorageClass } from '../addons/kube-prometheus-stack';
import { addonContext, upstreamImageRef } from '../addons/addon-context';
import { CATALOG } from '../addons/catalog';
import { enabledAddons } from '../addons/enablement';
import { PLATFORM_PRIORITY_CLASS } from '../addons/platform-priority-class';
import { TenantPrometheus } from './monitoring/tenant-prometheus';

/**
 * Whether the cluster runs the tenant Prometheus; tenant namespaces get its
 * discovery RoleBinding on the same condition (`tenant-observability.ts`).
 */
export function tenantMonitoringEnabled(ctx: ClusterContext): boolean {
  return ctx.platform.settings.observability !== undefined && enabledAddons(ctx.cluster).has('kube-prometheus-stack');
}

/** Renders `platform/tenant-monitoring/`. */
export const tenantMonitoringComponent: PlatformComponent = {
  name: 'tenant-monitoring',
  wave: WAVES.platform,
  enabledOn: tenantMonitoringEnabled,
  images: (ctx) => [upstreamImageRef(CATALOG['kube-prometheus-stack'].images.prometheus.ref, ctx.cluster)],
  build(scope, ctx) {
    const actx = addonContext(CATALOG['kube-prometheus-stack'], ctx.platform, ctx.cluster);
    new TenantPrometheus(scope, 'Prometheus', {
      cluster: ctx.cluster,
      namespace: ctx.platform.settings.namespaces.monitoring,
      settings: ctx.platform.settings.observability!.tenantMonitoring,
      profile: actx.profile,
      // Upstream reference: the mirror pass points it at an air-gapped cluster's mirror.
      image: upstreamImageRef(CATALOG['kube-prometheus-stack'].images.prometheus.ref, ctx.cluster),
      priorityClassName: PLATFORM_PRIORITY_CLASS,
      storageClassName: defaultStorageClass(actx),
    });
  },
};
