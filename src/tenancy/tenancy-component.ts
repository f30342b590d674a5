/**
 * The `tenancy` platform component: the cluster-wide objects every tenant
 * relies on (the tenant ClusterRoles bound in tenant namespaces).
 */
import { PlatformComponent, WAVES } from '../app/component';
import { TenantClusterRoles } from './tenant-roles';

/** Renders `platform/tenancy/`: ClusterRoles `tenant-admin`, `tenant-developer`, `tenant-viewer`. */
export const tenancyComponent: PlatformComponent = {
  name: 'tenancy',
  wave: WAVES.platform,
  build(scope) {
    new TenantClusterRoles(scope, 'TenantRoles');
  },
};
