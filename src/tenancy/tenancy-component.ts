/**
 * The `tenancy` platform component: the cluster-wide objects every tenant
 * relies on (the tenant ClusterRoles bound in tenant namespaces).
 */
import { PlatformComponent, WAVES } from '../contracts/component';
import { TenantClusterRoles, TenantClusterRolesProps } from './tenant-roles';

/**
 * The tenancy component — `platform/tenancy/` with the ClusterRoles
 * `tenant-admin`, `tenant-developer`, `tenant-viewer` — with extra
 * tenant-role rules for the custom resources other components let tenants
 * use (ExternalSecrets, ServiceMonitors…).
 */
export function createTenancyComponent(props: TenantClusterRolesProps = {}): PlatformComponent {
  return {
    name: 'tenancy',
    wave: WAVES.platform,
    build(scope) {
      new TenantClusterRoles(scope, 'TenantRoles', props);
    },
  };
}
