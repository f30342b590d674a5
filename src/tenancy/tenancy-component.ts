/**
 * The `tenancy` platform component: the cluster-wide objects every tenant
 * relies on (the tenant ClusterRoles bound in tenant namespaces).
 */
import { PlatformComponent, WAVES } from '../app/component';
import { TenantClusterRoles, TenantClusterRolesProps } from './tenant-roles';

/**
 * The tenancy component with extra tenant-role rules (for custom resources
 * other components let tenants use).
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

/** Renders `platform/tenancy/`: ClusterRoles `tenant-admin`, `tenant-developer`, `tenant-viewer`. */
export const tenancyComponent: PlatformComponent = createTenancyComponent();
