/**
 * What the tenant roles may do with ExternalSecrets (external-secrets.io):
 * developers and admins manage them, viewers read them. ExternalSecrets
 * hold store keys, never secret values, so reading them reveals nothing a
 * viewer may not see. The admission policy `external-secret-keys` limits
 * the keys to the tenant's own.
 */
import { PolicyRule } from '../rbac-authorizer';
import { TenantRole } from '../../spec/tenant';
import { READ, WRITE } from '../../tenancy/tenant-roles';

const GROUP = 'external-secrets.io';

/** Extra tenant role rules for ExternalSecrets, for `TenantClusterRoles({ extraRules })`. */
export const EXTERNAL_SECRETS_TENANT_RULES: Record<TenantRole, readonly PolicyRule[]> = {
  viewer: [{ apiGroups: [GROUP], resources: ['externalsecrets'], verbs: [...READ] }],
  developer: [{ apiGroups: [GROUP], resources: ['externalsecrets'], verbs: [...READ, ...WRITE] }],
  admin: [{ apiGroups: [GROUP], resources: ['externalsecrets'], verbs: [...READ, ...WRITE] }],
};
