/**
 * RBAC risks: roles that grant more, ClusterRoleBindings, cluster-admin, and
 * RoleBindings that bind more subjects or a role that grants more. A binding
 * moved to a role with no more permissions (both roles rendered, neither
 * aggregated) is not flagged; removed roles and bindings only take access away.
 *
 * "Grants more" is decided with the RBAC authorizer's own rule evaluation
 * (`uncoveredGrants`): every permission a new rule grants that no old rule
 * allowed. A wildcard in a new rule is only covered by a wildcard before.
 * Source: Kubernetes docs, "Using RBAC Authorization" (aggregated ClusterRoles,
 * default roles and role bindings).
 */
import { PolicyRule, uncoveredGrants } from '../../security/rbac-authorizer';
import { DistChange } from '../dist-diff';
import { deepEqual } from '../value-diff';
import { brief, flag, RiskContext, shortList, sides } from './detector';
import { RiskFlag } from './rules';

const RBAC = 'rbac.authorization.k8s.io';
const AGGREGATE_LABEL = /^rbac\.authorization\.k8s\.io\/aggregate-to-(.+)$/;

interface Subject { kind: string; name: string; namespace?: string }
interface RoleRef { kind: string; name: string }

/** Risk flags for Roles, ClusterRoles, RoleBindings and ClusterRoleBindings. */
export function rbacRisks(change: DistChange, ctx: RiskContext): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  if (group !== RBAC || !after) return [];
  if (kind === 'Role' || kind === 'ClusterRole') return roleRisks(change, before, after);
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    // A binding that now names another role with no more permissions (admin → view) only tightens.
    if (before && !deepEqual(before.roleRef, after.roleRef) && sameSubjectsOrFewer(before, after)) {
      const cluster = change.after!.cluster;
      const namespace = after.metadata?.namespace as string | undefined;
      const oldRules = roleRules(ctx, 'before', cluster, namespace, before.roleRef as RoleRef);
      const newRules = roleRules(ctx, 'after', cluster, namespace, after.roleRef as RoleRef);
      if (oldRules && newRules && uncoveredGrants(oldRules, newRules).length === 0) return [];
    }
    return bindingRisks(change, kind, before, after);
  }
  return [];
}

function sameSubjectsOrFewer(before: Record<string, any>, after: Record<string, any>): boolean {
  const old = (before.subjects ?? []) as Subject[];
  return ((after.subjects ?? []) as Subject[]).every((s) => old.some((o) => sameSubject(o, s)));
}

/** The rules of the role `ref` names on one side of the change, or undefined when that side does not render it. */
function roleRules(ctx: RiskContext, side: 'before' | 'after', cluster: string | undefined, namespace: string | undefined, ref: RoleRef): PolicyRule[] | undefined {
  const found = ref.kind === 'ClusterRole'
    ? ctx[side].find(RBAC, 'ClusterRole', cluster, '')
    : namespace ? ctx[side].find(RBAC, 'Role', cluster, namespace) : [];
  const role = found.find((r) => r.metadata.name === ref.name);
  if (!role || (role as Record<string, any>).aggregationRule) return undefined;
  return rulesOf(role as Record<string, any>);
}

function roleRisks(change: DistChange, before: Record<string, any> | undefined, after: Record<string, any>): RiskFlag[] {
  const out: RiskFlag[] = [];
  const aggregateTo = (o?: Record<string, any>) => Object.entries((o?.metadata?.labels ?? {}) as Record<string, string>)
    .filter(([k, v]) => AGGREGATE_LABEL.test(k) && v === 'true').map(([k]) => AGGREGATE_LABEL.exec(k)![1]);
  const newTargets = aggregateTo(after).filter((t) => !aggregateTo(before).includes(t));
  if (newTargets.length > 0) {
    out.push(flag('rbac-broadened', change, `its rules are now aggregated into ${shortList(newTargets)}, which grant them to everyone bound there`));
  }
  if (!before) return out; // a new role grants nothing until bound
  const gained = uncoveredGrants(rulesOf(before), rulesOf(after));
  if (gained.length > 0) out.push(flag('rbac-broadened', change, `now grants ${shortList(gained)}`));
  const oldSelectors: unknown[] = before.aggregationRule?.clusterRoleSelectors ?? [];
  const newSelectors: unknown[] = after.aggregationRule?.clusterRoleSelectors ?? [];
  const addedSelectors = newSelectors.filter((s) => !oldSelectors.some((o) => deepEqual(o, s)));
  if (addedSelectors.length > 0) {
    out.push(flag('rbac-broadened', change, `aggregates more ClusterRoles: ${shortList(addedSelectors.map((s) => brief(s, 60)))}`));
  }
  return out;
}

function rulesOf(role: Record<string, any>): PolicyRule[] {
  return (role.rules ?? []) as PolicyRule[];
}

function bindingRisks(change: DistChange, kind: string, before: Record<string, any> | undefined, after: Record<string, any>): RiskFlag[] {
  const ref = after.roleRef as RoleRef;
  const subjects = (after.subjects ?? []) as Subject[];
  const oldSubjects = (before?.subjects ?? []) as Subject[];
  const addedSubjects = subjects.filter((s) => !oldSubjects.some((o) => sameSubject(o, s)));
  const refChanged = before !== undefined && !deepEqual(before.roleRef, after.roleRef);
  const who = (list: Subject[]) => shortList(list.map(describeSubject));
  const role = `${ref.kind} ${ref.name}`;

  if (ref.name === 'cluster-admin' && ref.kind === 'ClusterRole' && (!before || refChanged || addedSubjects.length > 0)) {
    return [flag('cluster-admin-bound', change, `grants cluster-admin to ${who(before && !refChanged ? addedSubjects : subjects)}`)];
  }
  if (kind === 'ClusterRoleBinding') {
    if (!before) return [flag('cluster-role-binding-added', change, `new ClusterRoleBinding: ${role} for ${who(subjects)}, cluster-wide`)];
    if (refChanged) return [flag('cluster-role-binding-added', change, `now binds ${role} (was ${before.roleRef.kind} ${before.roleRef.name}) for ${who(subjects)}`)];
    if (addedSubjects.length > 0) return [flag('cluster-role-binding-added', change, `grants ${role} cluster-wide to more subjects: ${who(addedSubjects)}`)];
    return [];
  }
  const where = after.metadata?.namespace ? ` in ${after.metadata.namespace}` : '';
  if (!before) return [flag('role-binding-added', change, `grants ${role} to ${who(subjects)}${where}`)];
  if (refChanged) return [flag('role-binding-broadened', change, `now binds ${role} (was ${before.roleRef.kind} ${before.roleRef.name})${where}`)];
  if (addedSubjects.length > 0) return [flag('role-binding-broadened', change, `grants ${role} to more subjects${where}: ${who(addedSubjects)}`)];
  return [];
}

function sameSubject(a: Subject, b: Subject): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

function describeSubject(s: Subject): string {
  return `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`;
}
