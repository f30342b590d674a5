/**
 * The `rbac` platform component: `platform/rbac/` with the platform's own
 * ClusterRoles and ClusterRoleBindings (platform admins, security auditors,
 * break-glass).
 */
import { PlatformComponent, WAVES } from '../../contracts/component';
import { PlatformRoles } from './platform-roles';

/** Renders `platform/rbac/` on every cluster. */
export const rbacComponent: PlatformComponent = {
  name: 'rbac',
  wave: WAVES.platform,
  build(scope, ctx) {
    new PlatformRoles(scope, 'PlatformRoles', { access: ctx.platform.settings.access, groupPrefix: ctx.cluster.oidc.groupPrefix });
  },
};
