/**
 * Policies on tenant RoleBindings: only the tenant ClusterRoles, and only
 * the tenant's own groups and its own namespace's ServiceAccounts as
 * subjects.
 *
 * The RBAC escalation check lets a tenant admin bind any subject to a role
 * it holds; without this policy it could grant its namespace to
 * `system:authenticated` (every user of the cluster), to another tenant's
 * group, or to a ServiceAccount of another namespace (whose pods would then
 * act in this one). Sources: Kubernetes docs "Using RBAC Authorization"
 * (subjects; `system:serviceaccounts:<namespace>`; privilege escalation
 * prevention) and "RBAC Good Practices".
 */
import { TENANT_ROLES } from '../../../spec/tenant';
import { tenantRoleName } from '../../../tenancy/tenant-roles';
import { celStringList } from '../../cel';
import { AdmissionPolicyDefinition } from '../policy-types';

const ROLES = TENANT_ROLES.map(tenantRoleName);

const roleBindings: AdmissionPolicyDefinition = {
  name: 'tenant-role-bindings',
  description: `RoleBindings in tenant namespaces grant only the ${ROLES.join(', ')} ClusterRoles, to the tenant's own groups and its namespace's ServiceAccounts.`,
  scope: 'tenants',
  match: [{ group: 'rbac.authorization.k8s.io', version: 'v1', resources: ['rolebindings'], kinds: ['RoleBinding'] }],
  parameters: ['tenantGroups'],
  variables: [
    {
      name: 'foreignSubjects',
      expression: "has(object.subjects) ? object.subjects.filter(s, !("
        + "(s.kind == 'Group' && (s.name in variables.tenantGroups || s.name == 'system:serviceaccounts:' + object.metadata.namespace))"
        + " || (s.kind == 'ServiceAccount' && has(s.namespace) && s.namespace == object.metadata.namespace)"
        + ")).map(s, s.kind + ' ' + s.name + (has(s.namespace) && s.namespace != '' ? ' in ' + s.namespace : '')) : []",
    },
  ],
  validations: [
    {
      expression: `object.roleRef.kind == 'ClusterRole' && object.roleRef.name in ${celStringList(ROLES)}`,
      messageExpression: `'RoleBindings may only grant the ClusterRoles ${ROLES.join(', ')}; got ' + object.roleRef.kind + ' ' + object.roleRef.name`,
      message: `RoleBindings may only grant the ClusterRoles ${ROLES.join(', ')}`,
    },
    {
      expression: 'size(variables.foreignSubjects) == 0',
      messageExpression: "'RoleBindings may only name the tenant\\'s groups (' + variables.tenantGroups.join(', ') + ') and ServiceAccounts of ' + object.metadata.namespace + '; not allowed: ' + variables.foreignSubjects.join(', ')",
      message: 'RoleBindings may only name the tenant\'s groups and its namespace\'s ServiceAccounts',
    },
  ],
};

/** The RBAC policies of the library. */
export const RBAC_POLICIES: readonly AdmissionPolicyDefinition[] = [roleBindings];
