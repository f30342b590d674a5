/**
 * Tenant roles and the Prometheus Operator resources: developers (and the
 * gitops-deploy ServiceAccount) declare ServiceMonitors and PodMonitors;
 * nobody below the platform edits the PrometheusRules and
 * AlertmanagerConfigs rendered from the tenant file; the admin can still
 * bind every tenant role (escalation prevention).
 */
import { MONITORING_TENANT_RULES } from '../../src/observability/tenant-roles';
import { rulesAllow, uncoveredGrants } from '../../src/security/rbac-authorizer';
import { tenantRoleRules } from '../../src/tenancy/tenant-roles';
import { fixtureObjects } from '../support/platform';

const role = (name: 'admin' | 'developer' | 'viewer') => [...tenantRoleRules(name), ...MONITORING_TENANT_RULES[name]];
const GROUP = 'monitoring.coreos.com';

describe('tenant roles and monitoring resources', () => {
  test('developers create ServiceMonitors and PodMonitors; viewers only read them', () => {
    for (const resource of ['servicemonitors', 'podmonitors']) {
      expect(rulesAllow(role('developer'), { verb: 'create', group: GROUP, resource })).toBe(true);
      expect(rulesAllow(role('viewer'), { verb: 'create', group: GROUP, resource })).toBe(false);
      expect(rulesAllow(role('viewer'), { verb: 'list', group: GROUP, resource })).toBe(true);
    }
  });

  test('no tenant role changes PrometheusRules or AlertmanagerConfigs, or touches Prometheus itself', () => {
    for (const name of ['admin', 'developer', 'viewer'] as const) {
      for (const resource of ['prometheusrules', 'alertmanagerconfigs', 'prometheuses', 'alertmanagers']) {
        for (const verb of ['create', 'update', 'patch', 'delete']) expect(rulesAllow(role(name), { verb, group: GROUP, resource })).toBe(false);
      }
      expect(rulesAllow(role(name), { verb: 'get', group: GROUP, resource: 'prometheuses' })).toBe(false);
    }
  });

  test('admin ⊇ developer ⊇ viewer, so the admin can still bind every tenant role', () => {
    expect(uncoveredGrants(role('admin'), role('developer'))).toEqual([]);
    expect(uncoveredGrants(role('developer'), role('viewer'))).toEqual([]);
  });

  test('the rendered tenant ClusterRoles carry the rules', () => {
    const developer = fixtureObjects('clusters/prod-eu1/platform/tenancy/').find(({ object }) => object.metadata.name === 'tenant-developer')!.object;
    expect(rulesAllow((developer as any).rules, { verb: 'create', group: GROUP, resource: 'servicemonitors' })).toBe(true);
  });
});
