/**
 * The tenant roles give exactly the intended access, evaluated with the RBAC
 * authorizer on the ClusterRoles as rendered.
 */
import { Testing } from 'cdk8s';
import { AccessRequest, PolicyRule, rulesAllow, uncoveredGrants } from '../../src/security/rbac-authorizer';
import { GUARDRAILS, TenantClusterRoles } from '../../src/tenancy/tenant-roles';
import { fixtureObjects } from '../support/platform';

const rendered = fixtureObjects('clusters/prod-eu1/platform/tenancy/');
function rulesOf(name: string): PolicyRule[] {
  const role = rendered.find((o) => o.object.kind === 'ClusterRole' && o.object.metadata.name === name);
  if (!role) throw new Error(`ClusterRole ${name} not rendered`);
  return (role.object as unknown as { rules: PolicyRule[] }).rules;
}
const viewer = rulesOf('tenant-viewer');
const developer = rulesOf('tenant-developer');
const admin = rulesOf('tenant-admin');
const roles = { viewer, developer, admin };

const can = (rules: PolicyRule[], verb: string, resource: string, group = '', subresource?: string): boolean =>
  rulesAllow(rules, { verb, group, resource, subresource });

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

describe('tenant-viewer', () => {
  test('reads workloads, config and events', () => {
    for (const [group, resource] of [['', 'pods'], ['', 'configmaps'], ['', 'events'], ['apps', 'deployments'], ['batch', 'jobs'], ['networking.k8s.io', 'ingresses']]) {
      for (const verb of ['get', 'list', 'watch']) expect(can(viewer, verb, resource, group)).toBe(true);
    }
    expect(can(viewer, 'get', 'pods', '', 'log')).toBe(true);
  });

  test('cannot get, list or watch Secrets', () => {
    for (const verb of ['get', 'list', 'watch']) expect(can(viewer, verb, 'secrets')).toBe(false);
  });

  test('cannot change anything', () => {
    for (const verb of WRITE_VERBS) {
      for (const [group, resource] of [['', 'pods'], ['', 'configmaps'], ['apps', 'deployments'], ['', 'secrets']]) {
        expect(can(viewer, verb, resource, group)).toBe(false);
      }
    }
    expect(can(viewer, 'create', 'pods', '', 'exec')).toBe(false);
  });
});

describe('tenant-developer', () => {
  test('deploys workloads, Services, Ingresses, ConfigMaps and Secrets', () => {
    for (const [group, resource] of [['apps', 'deployments'], ['apps', 'statefulsets'], ['batch', 'cronjobs'], ['', 'services'], ['', 'configmaps'], ['', 'secrets'], ['networking.k8s.io', 'ingresses'], ['autoscaling', 'horizontalpodautoscalers'], ['policy', 'poddisruptionbudgets']]) {
      for (const verb of ['create', 'update', 'patch', 'delete']) expect(can(developer, verb, resource, group)).toBe(true);
    }
    expect(can(developer, 'create', 'pods', '', 'exec')).toBe(true);
    expect(can(developer, 'get', 'secrets')).toBe(true);
  });

  test('cannot change RBAC: no rolebindings or roles, no bind, escalate or impersonate', () => {
    for (const verb of WRITE_VERBS) {
      expect(can(developer, verb, 'rolebindings', 'rbac.authorization.k8s.io')).toBe(false);
      expect(can(developer, verb, 'roles', 'rbac.authorization.k8s.io')).toBe(false);
    }
    expect(can(developer, 'bind', 'clusterroles', 'rbac.authorization.k8s.io')).toBe(false);
    expect(can(developer, 'escalate', 'roles', 'rbac.authorization.k8s.io')).toBe(false);
    expect(can(developer, 'impersonate', 'serviceaccounts')).toBe(false);
  });
});

describe('tenant-admin', () => {
  test('manages RoleBindings but not Roles', () => {
    for (const verb of ['create', 'update', 'delete']) expect(can(admin, verb, 'rolebindings', 'rbac.authorization.k8s.io')).toBe(true);
    for (const verb of WRITE_VERBS) expect(can(admin, verb, 'roles', 'rbac.authorization.k8s.io')).toBe(false);
  });

  test('may bind the three tenant roles: it holds every permission they grant (escalation prevention)', () => {
    expect(uncoveredGrants(admin, admin)).toEqual([]);
    expect(uncoveredGrants(admin, developer)).toEqual([]);
    expect(uncoveredGrants(admin, viewer)).toEqual([]);
  });

  test('may not bind a role that grants more, and holds no bind or escalate verb to get around that', () => {
    const edit: PolicyRule[] = [{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['delete'] }];
    expect(uncoveredGrants(admin, edit)).toEqual(['delete networking.k8s.io/networkpolicies']);
    const clusterAdmin: PolicyRule[] = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];
    expect(uncoveredGrants(admin, clusterAdmin)).not.toEqual([]);
    expect(can(admin, 'bind', 'clusterroles', 'rbac.authorization.k8s.io')).toBe(false);
    expect(can(admin, 'bind', 'roles', 'rbac.authorization.k8s.io')).toBe(false);
    expect(can(admin, 'escalate', 'clusterroles', 'rbac.authorization.k8s.io')).toBe(false);
  });
});

describe('every tenant role', () => {
  test.each(Object.entries(roles))('%s cannot change the guardrails (Namespace, ResourceQuota, LimitRange, NetworkPolicy)', (_role, rules) => {
    for (const { group, resource } of GUARDRAILS) {
      for (const verb of WRITE_VERBS) {
        const req: AccessRequest = { verb, group, resource };
        expect(rulesAllow(rules, req)).toBe(false);
      }
    }
  });

  test.each(Object.entries(roles))('%s cannot create or change FlowSchemas or PriorityLevelConfigurations (API Priority and Fairness)', (_role, rules) => {
    for (const resource of ['flowschemas', 'prioritylevelconfigurations']) {
      for (const verb of WRITE_VERBS) expect([resource, verb, can(rules, verb, resource, 'flowcontrol.apiserver.k8s.io')]).toEqual([resource, verb, false]);
      expect(can(rules, 'patch', resource, 'flowcontrol.apiserver.k8s.io', 'status')).toBe(false);
    }
  });

  test.each(Object.entries(roles))('%s uses no wildcard verb, resource or group', (_role, rules) => {
    for (const r of rules) {
      expect(r.verbs).not.toContain('*');
      expect(r.resources ?? []).not.toContain('*');
      expect(r.apiGroups ?? []).not.toContain('*');
    }
  });

  test('roles nest: viewer ⊂ developer ⊂ admin', () => {
    expect(uncoveredGrants(developer, viewer)).toEqual([]);
    expect(uncoveredGrants(admin, developer)).toEqual([]);
    expect(uncoveredGrants(viewer, developer).length).toBeGreaterThan(0);
  });
});

describe('TenantClusterRoles extra rules', () => {
  test('adds rules for custom resources', () => {
    const chart = Testing.chart();
    new TenantClusterRoles(chart, 'Roles', {
      extraRules: { developer: [{ apiGroups: ['monitoring.coreos.com'], resources: ['servicemonitors'], verbs: ['create', 'get'] }] },
    });
    const dev = Testing.synth(chart).find((o) => o.metadata.name === 'tenant-developer');
    expect(rulesAllow(dev.rules, { verb: 'create', group: 'monitoring.coreos.com', resource: 'servicemonitors' })).toBe(true);
  });

  test('refuses extra rules that write a guardrail', () => {
    const chart = Testing.chart();
    expect(() => new TenantClusterRoles(chart, 'Roles', {
      extraRules: { admin: [{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['delete'] }] },
    })).toThrow(/extraRules.admin grants delete on a guardrail \(networkpolicies\)/);
  });
});
