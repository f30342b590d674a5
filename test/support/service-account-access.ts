/**
 * What a subject may do according to the rendered RBAC objects of one
 * cluster: RoleBindings grant their role's rules in their own namespace,
 * ClusterRoleBindings everywhere; rules are evaluated with the project's RBAC
 * authorizer (src/security/rbac-authorizer.ts). Used for the identity a
 * GitOps engine impersonates when it applies a tenant's repository.
 */
import { AccessRequest, PolicyRule, rulesAllow } from '../../src/security/rbac-authorizer';
import { KubeObject } from '../../src/render/manifests';

/** A subject as RBAC bindings name it. */
export interface Subject {
  readonly kind: 'ServiceAccount' | 'User' | 'Group';
  readonly name: string;
  readonly namespace?: string;
}

const same = (a: any, s: Subject) => a.kind === s.kind && a.name === s.name && (s.kind !== 'ServiceAccount' || a.namespace === s.namespace);

/**
 * True when `subject` may make `request` in `namespace` (undefined for a
 * cluster-scoped request) under the bindings and roles among `objects`.
 * Besides its bindings, a ServiceAccount is in the groups
 * `system:serviceaccounts` and `system:serviceaccounts:<namespace>`.
 */
export function subjectAllowed(objects: readonly KubeObject[], subject: Subject, request: AccessRequest, namespace?: string): boolean {
  const groups = subject.kind === 'ServiceAccount'
    ? ['system:serviceaccounts', `system:serviceaccounts:${subject.namespace}`, 'system:authenticated']
    : [];
  const matches = (subjects: any[] = []) => subjects.some((x) => same(x, subject) || (x.kind === 'Group' && groups.includes(x.name)));
  const roles = new Map<string, PolicyRule[]>();
  for (const o of objects) {
    if (o.kind === 'ClusterRole') roles.set(`ClusterRole/${o.metadata.name}`, ((o as any).rules ?? []) as PolicyRule[]);
    if (o.kind === 'Role') roles.set(`Role/${o.metadata.namespace}/${o.metadata.name}`, ((o as any).rules ?? []) as PolicyRule[]);
  }
  const rulesOf = (ref: any, ns?: string) => roles.get(ref.kind === 'ClusterRole' ? `ClusterRole/${ref.name}` : `Role/${ns}/${ref.name}`) ?? [];
  for (const o of objects) {
    const b = o as any;
    if (o.kind === 'ClusterRoleBinding' && matches(b.subjects) && rulesAllow(rulesOf(b.roleRef), request)) return true;
    if (o.kind === 'RoleBinding' && namespace !== undefined && o.metadata.namespace === namespace
      && matches(b.subjects) && rulesAllow(rulesOf(b.roleRef, namespace), request)) return true;
  }
  return false;
}
