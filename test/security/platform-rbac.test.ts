/**
 * Platform RBAC: what platform admins, security auditors and break-glass get,
 * and — over the whole rendered fixture organisation — that no tenant group ever
 * gets a ClusterRoleBinding, a wildcard, or bind/escalate/impersonate.
 */
import { Testing } from 'cdk8s';
import { PlatformRoles, platformAdminRules, securityAuditorRules } from '../../src/security/rbac/platform-roles';
import { PolicyRule, rulesAllow } from '../../src/security/rbac-authorizer';
import { TENANT_ROLES } from '../../src/spec/tenant';
import { fixtureObjects, fixturePlatform } from '../support/platform';

const READ = ['get', 'list', 'watch'];

describe('platform roles', () => {
  test('the security auditor reads everything the platform governs, never Secrets, and writes nothing', () => {
    const rules = securityAuditorRules();
    for (const [group, resource] of [['rbac.authorization.k8s.io', 'clusterrolebindings'], ['admissionregistration.k8s.io', 'validatingadmissionpolicies'],
      ['templates.gatekeeper.sh', 'constrainttemplates'], ['constraints.gatekeeper.sh', 'platformprivileged'], ['', 'namespaces'], ['networking.k8s.io', 'networkpolicies'],
      ['external-secrets.io', 'clustersecretstores'], ['', 'pods'], ['apps', 'deployments']]) {
      for (const verb of READ) expect([group, resource, verb, rulesAllow(rules, { verb, group, resource })]).toEqual([group, resource, verb, true]);
    }
    for (const verb of READ) expect(rulesAllow(rules, { verb, group: '', resource: 'secrets' })).toBe(false);
    expect(rules.flatMap((r) => r.verbs).filter((v) => !READ.includes(v))).toEqual([]);
  });

  test('the platform admin operates (drain, restart, sync) but cannot read Secrets, exec, or change RBAC', () => {
    const rules = platformAdminRules();
    expect(rulesAllow(rules, { verb: 'patch', group: '', resource: 'nodes' })).toBe(true);
    expect(rulesAllow(rules, { verb: 'create', group: '', resource: 'pods', subresource: 'eviction' })).toBe(true);
    expect(rulesAllow(rules, { verb: 'patch', group: 'apps', resource: 'deployments' })).toBe(true);
    expect(rulesAllow(rules, { verb: 'patch', group: 'argoproj.io', resource: 'applications' })).toBe(true);
    expect(rulesAllow(rules, { verb: 'get', group: '', resource: 'secrets' })).toBe(false);
    expect(rulesAllow(rules, { verb: 'create', group: '', resource: 'pods', subresource: 'exec' })).toBe(false);
    expect(rulesAllow(rules, { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' })).toBe(false);
    expect(rulesAllow(rules, { verb: 'delete', group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicies' })).toBe(false);
  });

  test('renders two ClusterRoles and three bindings; only break-glass gets cluster-admin', () => {
    const chart = Testing.chart();
    new PlatformRoles(chart, 'R', { access: fixturePlatform().settings.access, groupPrefix: 'oidc:' });
    const out = Testing.synth(chart);
    expect(out).toMatchSnapshot();
    const bindings = out.filter((o) => o.kind === 'ClusterRoleBinding');
    expect(bindings.map((b) => [b.metadata.name, b.roleRef.name, b.subjects.map((s: any) => s.name)])).toEqual([
      ['platform-admin', 'platform-admin', ['oidc:platform-admins']],
      ['security-auditor', 'security-auditor', ['oidc:security-auditors']],
      // Break-glass: a client-certificate group, never prefixed like an OIDC group.
      ['break-glass', 'cluster-admin', ['platform-break-glass']],
    ]);
  });

  test('a group in two platform roles is refused', () => {
    const access = { ...fixturePlatform().settings.access, breakGlass: { groups: ['platform-admins'] } };
    expect(() => new PlatformRoles(Testing.chart(), 'R', { access })).toThrow(/group "platform-admins" is in access.platformAdmin and access.breakGlass/);
  });
});

describe('the whole rendered fixture organisation', () => {
  const objects = fixtureObjects().map((o) => o.object as any);
  const platform = fixturePlatform();
  const rolesByCluster = new Map<string, Map<string, PolicyRule[]>>();
  for (const { path, object } of fixtureObjects()) {
    if (object.kind !== 'ClusterRole' && object.kind !== 'Role') continue;
    const cluster = path.split('/')[1];
    const m = rolesByCluster.get(cluster) ?? new Map();
    m.set(`${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`, ((object as any).rules ?? []).map((r: any) => ({ ...r, nonResourceURLs: r.nonResourceURLs })));
    rolesByCluster.set(cluster, m);
  }
  const tenantGroups = new Set<string>();
  for (const c of platform.clusters) {
    for (const t of platform.tenants) for (const role of TENANT_ROLES) for (const g of t.spec.access[role]?.groups ?? []) tenantGroups.add(`${c.oidc.groupPrefix}${g}`);
  }

  test('finds tenant groups and their bindings to check', () => {
    expect(tenantGroups.size).toBeGreaterThan(8);
    expect(objects.filter((o) => o.kind === 'RoleBinding' && o.subjects.some((s: any) => tenantGroups.has(s.name))).length).toBeGreaterThan(20);
  });

  test('no tenant group is a subject of any ClusterRoleBinding', () => {
    const found = objects.filter((o) => o.kind === 'ClusterRoleBinding')
      .flatMap((b) => b.subjects.filter((s: any) => tenantGroups.has(s.name)).map((s: any) => `${b.metadata.name}: ${s.name}`));
    expect(found).toEqual([]);
  });

  test('every role bound to a tenant group has no wildcard and no bind, escalate or impersonate', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const { path, object } of fixtureObjects()) {
      const b = object as any;
      if (b.kind !== 'RoleBinding' || !b.subjects.some((s: any) => tenantGroups.has(s.name))) continue;
      const cluster = path.split('/')[1];
      const key = b.roleRef.kind === 'ClusterRole' ? `ClusterRole//${b.roleRef.name}` : `Role/${b.metadata.namespace}/${b.roleRef.name}`;
      const rules = rolesByCluster.get(cluster)?.get(key);
      if (!rules) { problems.push(`${path}: binds ${key}, which the platform does not render`); continue; }
      checked++;
      for (const r of rules) {
        const where = `${path} → ${key}`;
        if (r.verbs.some((v) => v === '*' || ['bind', 'escalate', 'impersonate'].includes(v))) problems.push(`${where}: verbs ${r.verbs.join(',')}`);
        if ((r.resources ?? []).some((x) => x.includes('*'))) problems.push(`${where}: resources ${r.resources!.join(',')}`);
        if ((r.apiGroups ?? []).includes('*')) problems.push(`${where}: apiGroups *`);
        if ((r.nonResourceURLs ?? []).length > 0) problems.push(`${where}: nonResourceURLs`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  test('cluster-admin is bound only to the break-glass group', () => {
    const bound = objects.filter((o) => (o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding') && o.roleRef.name === 'cluster-admin');
    expect(bound.map((b) => b.metadata.name)).toEqual(fixturePlatform().clusters.map(() => 'break-glass'));
    expect([...new Set(bound.flatMap((b) => b.subjects.map((s: any) => s.name)))]).toEqual(['platform-break-glass']);
  });

  test('the tenant roles handle ExternalSecrets: viewers read, developers and admins manage; viewers never read Secrets', () => {
    const roles = rolesByCluster.get('prod-eu1')!;
    const viewer = roles.get('ClusterRole//tenant-viewer')!;
    const developer = roles.get('ClusterRole//tenant-developer')!;
    expect(rulesAllow(viewer, { verb: 'list', group: 'external-secrets.io', resource: 'externalsecrets' })).toBe(true);
    expect(rulesAllow(viewer, { verb: 'create', group: 'external-secrets.io', resource: 'externalsecrets' })).toBe(false);
    expect(rulesAllow(viewer, { verb: 'get', group: '', resource: 'secrets' })).toBe(false);
    expect(rulesAllow(developer, { verb: 'create', group: 'external-secrets.io', resource: 'externalsecrets' })).toBe(true);
    expect(rulesAllow(roles.get('ClusterRole//tenant-admin')!, { verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' })).toBe(false);
  });
});
