/**
 * The `tenancy` platform component: the cluster-wide objects every tenant
 * relies on (the tenant ClusterRoles bound in tenant namespaces).
 */
import { PlatformComponent, WAVES } from '../app/component';
import { EXTERNAL_SECRETS_TENANT_RULES } from '../security/secrets/tenant-secret-rules';
import { TenantClusterRoles } from './tenant-roles';

/**
 * Renders `platform/tenancy/`: ClusterRoles `tenant-admin`, `tenant-developer`,
 * `tenant-viewer`, including ExternalSecrets (developers and admins manage
 * them, viewers read them).
 */
export const tenancyComponent: PlatformComponent = {
  name: 'tenancy',
  wave: WAVES.platform,
  build(scope) {
    new TenantClusterRoles(scope, 'TenantRoles', { extraRules: EXTERNAL_SECRETS_TENANT_RULES });
  },
};
