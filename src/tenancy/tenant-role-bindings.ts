/**
 * RoleBindings that give a tenant's OIDC groups its roles in one namespace,
 * and the deploy ServiceAccount its GitOps sync uses.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { TENANT_ROLES, TenantRole } from '../spec/tenant';
import { tenantRoleName } from './tenant-roles';

/** Name of the ServiceAccount a tenant's GitOps sync applies as, in each tenant namespace. */
export const DEPLOY_SERVICE_ACCOUNT = 'gitops-deploy';

export interface TenantRoleBindingsProps {
  readonly namespace: string;
  /** OIDC groups per role, without the cluster's prefix. Roles without groups get no binding. */
  readonly access: Partial<Record<TenantRole, { readonly groups: readonly string[] }>>;
  /**
   * Prefix the API server adds to OIDC groups (`--oidc-groups-prefix`), e.g. `oidc:`.
   * @default ''
   */
  readonly groupPrefix?: string;
}

/**
 * One RoleBinding per tenant role (named like the ClusterRole it binds), plus
 * the `gitops-deploy` ServiceAccount bound to `tenant-developer`.
 */
export class TenantRoleBindings extends Construct {
  constructor(scope: Construct, id: string, props: TenantRoleBindingsProps) {
    super(scope, id);
    const prefix = props.groupPrefix ?? '';
    for (const role of TENANT_ROLES) {
      const groups = props.access[role]?.groups ?? [];
      if (groups.length === 0) continue;
      new k8s.KubeRoleBinding(this, role, {
        metadata: { name: tenantRoleName(role), namespace: props.namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: tenantRoleName(role) },
        subjects: [...groups].sort().map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `${prefix}${g}` })),
      });
    }
    new k8s.KubeServiceAccount(this, 'DeployServiceAccount', {
      metadata: { name: DEPLOY_SERVICE_ACCOUNT, namespace: props.namespace },
      automountServiceAccountToken: false,
    });
    new k8s.KubeRoleBinding(this, 'DeployBinding', {
      metadata: { name: DEPLOY_SERVICE_ACCOUNT, namespace: props.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: tenantRoleName('developer') },
      subjects: [{ kind: 'ServiceAccount', name: DEPLOY_SERVICE_ACCOUNT, namespace: props.namespace }],
    });
  }
}
