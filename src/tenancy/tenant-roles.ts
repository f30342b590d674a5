/**
 * The tenant roles — viewer, developer, admin — as least-privilege RBAC rules,
 * and the ClusterRoles that carry them (bound per namespace by RoleBindings).
 *
 * Why not the built-in `view`, `edit` and `admin` ClusterRoles: `edit` and
 * `admin` allow changing NetworkPolicies (so a tenant could delete its own
 * default-deny), and `admin` allows editing Roles and, through aggregation,
 * whatever later gets aggregated into it. These roles list every resource
 * explicitly: no wildcard verbs, resources or groups, and no tenant role may
 * write the guardrails (Namespace, ResourceQuota, LimitRange, NetworkPolicy).
 *
 * Source: Kubernetes docs, "Using RBAC Authorization" (user-facing roles;
 * "Privilege escalation prevention and bootstrapping": restrictions on role
 * binding creation or update).
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { TenantRole } from '../spec/tenant';
import { PolicyRule } from '../security/rbac-authorizer';

export const READ = ['get', 'list', 'watch'] as const;
export const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;

/** ClusterRole name of a tenant role, e.g. `tenant-developer`. */
export function tenantRoleName(role: TenantRole): string {
  return `tenant-${role}`;
}

/** Resources tenants may read, by API group. Secrets are deliberately absent. */
const READABLE: Record<string, string[]> = {
  '': ['configmaps', 'endpoints', 'events', 'limitranges', 'persistentvolumeclaims', 'pods', 'pods/log',
    'replicationcontrollers', 'resourcequotas', 'serviceaccounts', 'services'],
  'apps': ['controllerrevisions', 'daemonsets', 'deployments', 'replicasets', 'statefulsets'],
  'autoscaling': ['horizontalpodautoscalers'],
  'batch': ['cronjobs', 'jobs'],
  'discovery.k8s.io': ['endpointslices'],
  'events.k8s.io': ['events'],
  'networking.k8s.io': ['ingresses', 'networkpolicies'],
  'policy': ['poddisruptionbudgets'],
  'rbac.authorization.k8s.io': ['rolebindings', 'roles'],
};

/** Resources developers may change, by API group. No RBAC and no guardrails. */
const WRITABLE: Record<string, string[]> = {
  '': ['configmaps', 'persistentvolumeclaims', 'pods', 'secrets', 'serviceaccounts', 'services'],
  'apps': ['deployments', 'deployments/scale', 'statefulsets', 'statefulsets/scale'],
  'autoscaling': ['horizontalpodautoscalers'],
  'batch': ['cronjobs', 'jobs'],
  'networking.k8s.io': ['ingresses'],
  'policy': ['poddisruptionbudgets'],
};

/** Objects that are guardrails: set by the platform, never changed by a tenant role. */
export const GUARDRAILS: readonly { group: string; resource: string }[] = [
  { group: '', resource: 'namespaces' },
  { group: '', resource: 'resourcequotas' },
  { group: '', resource: 'limitranges' },
  { group: 'networking.k8s.io', resource: 'networkpolicies' },
];

function byGroup(resources: Record<string, string[]>, verbs: readonly string[]): PolicyRule[] {
  return Object.keys(resources).sort().map((group) => ({
    apiGroups: [group],
    resources: [...resources[group]].sort(),
    verbs: [...verbs],
  }));
}

/**
 * The RBAC rules of a tenant role.
 *
 * - viewer: read the namespace's workloads, config and events; never Secrets.
 * - developer: viewer, plus read/write workloads, Services, Ingresses,
 *   ConfigMaps and Secrets, and `pods/exec`, `pods/portforward`; no RBAC.
 * - admin: developer, plus RoleBindings. No `bind` or `escalate` verb: the
 *   API server lets a user create a RoleBinding only to a role whose every
 *   permission the user already holds, and the admin holds exactly the
 *   permissions of the three tenant roles (admin ⊇ developer ⊇ viewer), so
 *   those are the roles it can grant — and no role that could change RBAC
 *   rules or guardrails.
 */
export function tenantRoleRules(role: TenantRole): PolicyRule[] {
  const viewer: PolicyRule[] = [
    { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
    ...byGroup(READABLE, READ),
  ];
  if (role === 'viewer') return viewer;
  const developer: PolicyRule[] = [
    ...viewer,
    { apiGroups: [''], resources: ['secrets'], verbs: [...READ] },
    ...byGroup(WRITABLE, WRITE),
    { apiGroups: [''], resources: ['pods/exec', 'pods/portforward'], verbs: ['create', 'get'] },
  ];
  if (role === 'developer') return developer;
  return [
    ...developer,
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: [...WRITE] },
  ];
}

export interface TenantClusterRolesProps {
  /**
   * Extra rules per role, e.g. for custom resources an add-on brings
   * (ExternalSecrets, ServiceMonitors). They must not name guardrails.
   * @default {}
   */
  readonly extraRules?: Partial<Record<TenantRole, readonly PolicyRule[]>>;
}

/**
 * The three tenant ClusterRoles (`tenant-admin`, `tenant-developer`,
 * `tenant-viewer`), bound in tenant namespaces by RoleBindings.
 *
 * @throws Error when an extra rule grants a write verb on a guardrail
 */
export class TenantClusterRoles extends Construct {
  constructor(scope: Construct, id: string, props: TenantClusterRolesProps = {}) {
    super(scope, id);
    for (const role of ['admin', 'developer', 'viewer'] as const) {
      const extra = props.extraRules?.[role] ?? [];
      for (const rule of extra) {
        const hitsGuardrail = GUARDRAILS.some((g) => (rule.apiGroups ?? []).includes(g.group)
          && (rule.resources ?? []).includes(g.resource));
        if (hitsGuardrail && rule.verbs.some((v) => v !== 'get' && v !== 'list' && v !== 'watch')) {
          throw new Error(`TenantClusterRoles: extraRules.${role} grants ${rule.verbs.join(',')} on a guardrail (${(rule.resources ?? []).join(',')}); tenant roles may only read guardrails`);
        }
      }
      new k8s.KubeClusterRole(this, role, {
        metadata: { name: tenantRoleName(role) },
        rules: [...tenantRoleRules(role), ...extra].map((r) => ({
          apiGroups: r.apiGroups ? [...r.apiGroups] : undefined,
          resources: r.resources ? [...r.resources] : undefined,
          resourceNames: r.resourceNames ? [...r.resourceNames] : undefined,
          nonResourceUrLs: r.nonResourceURLs ? [...r.nonResourceURLs] : undefined,
          verbs: [...r.verbs],
        })),
      });
    }
  }
}

/** Extra tenant-role rules of several components, per role, in the order given. */
export function combineRoleRules(
  ...sets: readonly Partial<Record<TenantRole, readonly PolicyRule[]>>[]
): Partial<Record<TenantRole, readonly PolicyRule[]>> {
  const out: Partial<Record<TenantRole, PolicyRule[]>> = {};
  for (const set of sets) {
    for (const role of ['admin', 'developer', 'viewer'] as const) {
      const rules = set[role];
      if (rules) out[role] = [...(out[role] ?? []), ...rules];
    }
  }
  return out;
}
