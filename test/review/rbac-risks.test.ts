/**
 * RBAC risk flags: roles granting more, ClusterRoleBindings, cluster-admin,
 * RoleBindings with more subjects — and no flag for narrowing or unrelated edits.
 */
import { KubeObject } from '../../src/render/manifests';
import { changed, flagsOf, rulesOf } from './support';

const role: KubeObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'tenant-developer' },
  rules: [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list'] }],
} as KubeObject;

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', roleName: string, subjects: { kind: string; name: string; namespace?: string }[]): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name: 'b', ...(kind === 'RoleBinding' ? { namespace: 'team-prod' } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
  subjects: subjects.map((s) => ({ apiGroup: s.kind === 'Group' ? 'rbac.authorization.k8s.io' : undefined, ...s })),
} as KubeObject);

describe('rbac-broadened', () => {
  test('flags a new verb, naming the grant', () => {
    const after = changed(role, (r) => { (r as any).rules[0].verbs.push('delete'); });
    const flags = flagsOf([role], [after]);
    expect(rulesOf(flags)).toEqual(['rbac-broadened']);
    expect(flags[0].level).toBe('high');
    expect(flags[0].message).toMatch(/delete pods/);
  });

  test('flags a new resource and a new API group', () => {
    const after = changed(role, (r) => { (r as any).rules.push({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] }); });
    expect(flagsOf([role], [after])[0].message).toMatch(/get apps\/deployments/);
  });

  test('flags a wildcard that replaces an explicit list', () => {
    const after = changed(role, (r) => { (r as any).rules[0].verbs = ['*']; });
    expect(flagsOf([role], [after])[0].message).toMatch(/\* pods/);
  });

  test('flags lifted resourceNames', () => {
    const named = changed(role, (r) => { (r as any).rules[0].resourceNames = ['one']; });
    expect(rulesOf(flagsOf([named], [role]))).toEqual(['rbac-broadened']);
  });

  test('flags a ClusterRole newly aggregated into admin', () => {
    const after = changed(role, (r) => { r.metadata.labels = { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }; });
    expect(flagsOf([role], [after])[0].message).toMatch(/aggregated into admin/);
  });

  test('does not flag fewer grants, reordering, or a new (unbound) role', () => {
    const fewer = changed(role, (r) => { (r as any).rules[0].verbs = ['get']; });
    const reordered = changed(role, (r) => { (r as any).rules[0].resources = ['services', 'pods']; });
    const annotated = changed(role, (r) => { r.metadata.annotations = { note: 'x' }; });
    expect(flagsOf([role], [fewer])).toEqual([]);
    expect(flagsOf([role], [reordered])).toEqual([]);
    expect(flagsOf([role], [annotated])).toEqual([]);
    expect(flagsOf([], [role])).toEqual([]);
  });
});

describe('bindings', () => {
  const admins = [{ kind: 'Group', name: 'oidc:team-admins' }];

  test('a new ClusterRoleBinding is high', () => {
    const flags = flagsOf([], [binding('ClusterRoleBinding', 'view', admins)]);
    expect(rulesOf(flags)).toEqual(['cluster-role-binding-added']);
    expect(flags[0].message).toMatch(/ClusterRole view for Group oidc:team-admins, cluster-wide/);
  });

  test('a ClusterRoleBinding that gains a subject or another role is flagged', () => {
    const before = binding('ClusterRoleBinding', 'view', admins);
    expect(rulesOf(flagsOf([before], [binding('ClusterRoleBinding', 'view', [...admins, { kind: 'Group', name: 'oidc:all' }])])))
      .toEqual(['cluster-role-binding-added']);
    expect(flagsOf([before], [binding('ClusterRoleBinding', 'edit', admins)])[0].message).toMatch(/now binds ClusterRole edit \(was ClusterRole view\)/);
  });

  test('binding cluster-admin is its own high flag', () => {
    expect(rulesOf(flagsOf([], [binding('RoleBinding', 'cluster-admin', admins)]))).toEqual(['cluster-admin-bound']);
    expect(rulesOf(flagsOf([binding('ClusterRoleBinding', 'view', admins)], [binding('ClusterRoleBinding', 'cluster-admin', admins)])))
      .toEqual(['cluster-admin-bound']);
  });

  test('a new RoleBinding is low; an existing one with more subjects is medium', () => {
    const rb = binding('RoleBinding', 'tenant-viewer', admins);
    const added = flagsOf([], [rb]);
    expect(added.map((f) => [f.rule, f.level])).toEqual([['role-binding-added', 'low']]);
    expect(added[0].message).toMatch(/in team-prod/);
    const more = binding('RoleBinding', 'tenant-viewer', [...admins, { kind: 'User', name: 'mallory' }]);
    expect(flagsOf([rb], [more]).map((f) => [f.rule, f.level, f.message]))
      .toEqual([['role-binding-broadened', 'medium', 'grants ClusterRole tenant-viewer to more subjects in team-prod: User mallory']]);
  });

  test('does not flag removed subjects, removed bindings or reordered subjects', () => {
    const two = binding('ClusterRoleBinding', 'view', [...admins, { kind: 'User', name: 'a' }]);
    const swapped = binding('ClusterRoleBinding', 'view', [{ kind: 'User', name: 'a' }, ...admins]);
    expect(flagsOf([two], [binding('ClusterRoleBinding', 'view', admins)])).toEqual([]);
    expect(flagsOf([two], [])).toEqual([]);
    expect(flagsOf([two], [swapped])).toEqual([]);
  });
});
