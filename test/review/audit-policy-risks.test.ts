/**
 * Audit policy risk flags, evaluated in rule order (first match) on probe
 * requests: lowered levels, reordering, removed rules, omitted stages, removal.
 */
import { KubeObject } from '../../src/render/manifests';
import { auditDecision, auditRuleMatches, AuditPolicy, AuditRequest } from '../../src/review/risk/audit-policy';
import { flagsOf, rulesOf } from './support';

const secretsRule = { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps'] }] };
const rbacRule = { level: 'RequestResponse', resources: [{ group: 'rbac.authorization.k8s.io' }] };
const healthRule = { level: 'None', nonResourceURLs: ['/healthz*', '/readyz'] };
const catchAll = { level: 'Request' };
const policy = (rules: object[], omitStages = ['RequestReceived']): KubeObject =>
  ({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', omitStages, rules } as unknown as KubeObject);
const base = policy([healthRule, secretsRule, rbacRule, catchAll]);

const req = (over: Partial<AuditRequest> & { resource?: AuditRequest['resource'] }): AuditRequest =>
  ({ user: 'alice', groups: ['devs'], verb: 'get', ...over });

describe('audit rule evaluation', () => {
  test('matches resources, subresources, wildcards, names and non-resource URL prefixes like the API server', () => {
    const pods = { group: '', resource: 'pods', namespace: 'a', name: 'p' };
    expect(auditRuleMatches({ level: 'None', resources: [{ group: '', resources: ['pods'] }] }, req({ resource: pods }))).toBe(true);
    expect(auditRuleMatches({ level: 'None', resources: [{ group: '', resources: ['pods'] }] }, req({ resource: { ...pods, subresource: 'exec' } }))).toBe(false);
    expect(auditRuleMatches({ level: 'None', resources: [{ group: '', resources: ['*/exec'] }] }, req({ resource: { ...pods, subresource: 'exec' } }))).toBe(true);
    expect(auditRuleMatches({ level: 'None', resources: [{ group: '', resources: ['pods/*'] }] }, req({ resource: { ...pods, subresource: 'log' } }))).toBe(true);
    expect(auditRuleMatches({ level: 'None', resources: [{ group: '', resources: ['pods'], resourceNames: ['q'] }] }, req({ resource: pods }))).toBe(false);
    expect(auditRuleMatches({ level: 'None', namespaces: ['b'] }, req({ resource: pods }))).toBe(false);
    expect(auditRuleMatches({ level: 'None', userGroups: ['devs'] }, req({ resource: pods }))).toBe(true);
    expect(auditRuleMatches({ level: 'None', nonResourceURLs: ['/healthz*'] }, req({ nonResourceURL: '/healthz/etcd' }))).toBe(true);
    expect(auditRuleMatches({ level: 'None', nonResourceURLs: ['/healthz*'] }, req({ resource: pods }))).toBe(false);
    expect(auditRuleMatches({ level: 'None', resources: [{ group: '' }] }, req({ nonResourceURL: '/version' }))).toBe(false);
  });

  test('the first matching rule decides; no match records nothing', () => {
    const p = base as unknown as AuditPolicy;
    expect(auditDecision(p, req({ resource: { group: '', resource: 'secrets', namespace: 'a' } })).level).toBe('Metadata');
    expect(auditDecision(p, req({ nonResourceURL: '/readyz' })).level).toBe('None');
    expect(auditDecision({ rules: [] }, req({ nonResourceURL: '/x' }))).toEqual({ level: 'None', stages: [], rule: -1 });
    expect(auditDecision(p, req({ nonResourceURL: '/x' })).stages).toEqual(['ResponseStarted', 'ResponseComplete', 'Panic']);
  });
});

describe('audit-lowered', () => {
  test('flags a rule whose level is lowered', () => {
    const flags = flagsOf([base], [policy([healthRule, secretsRule, { ...rbacRule, level: 'Metadata' }, catchAll])]);
    expect(flags.map((f) => [f.rule, f.level])).toEqual([['audit-lowered', 'high']]);
    expect(flags[0].message).toMatch(/rbac\.authorization\.k8s\.io\/.* at Metadata instead of RequestResponse/);
  });

  test('flags a new rule inserted first that shadows a more detailed one', () => {
    const flags = flagsOf([base], [policy([{ level: 'None', userGroups: ['system:nodes'] }, healthRule, secretsRule, rbacRule, catchAll])]);
    expect(rulesOf(flags).length).toBeGreaterThan(0);
    expect(flags[0].message).toMatch(/system:nodes.* at None instead of/);
  });

  test('flags a removed rule when its requests fall to a lower level, and the policy removed', () => {
    const flags = flagsOf([base], [policy([healthRule, secretsRule, { level: 'None' }])]);
    expect(flags.some((f) => /RequestResponse/.test(f.message))).toBe(true);
    expect(flagsOf([base], [])[0].message).toMatch(/audit Policy removed/);
  });

  test('flags omitted stages', () => {
    expect(flagsOf([base], [policy([healthRule, secretsRule, rbacRule, catchAll], ['RequestReceived', 'ResponseStarted'])])[0].message)
      .toBe('no longer records stage ResponseStarted for any request');
    const ruleOmits = policy([healthRule, secretsRule, { ...rbacRule, omitStages: ['ResponseComplete'] }, catchAll]);
    expect(flagsOf([base], [ruleOmits])[0].message).toMatch(/no longer records stage ResponseComplete of .*rbac/);
  });

  test('does not flag raised levels, equivalent reordering, or a removed rule whose requests stay as detailed', () => {
    expect(flagsOf([base], [policy([healthRule, { ...secretsRule, level: 'Request' }, rbacRule, catchAll])])).toEqual([]);
    expect(flagsOf([base], [policy([healthRule, rbacRule, secretsRule, catchAll])])).toEqual([]);
    const withExtra = policy([healthRule, secretsRule, { level: 'Request', resources: [{ group: 'apps' }] }, rbacRule, catchAll]);
    expect(flagsOf([withExtra], [base])).toEqual([]);
  });
});
