/**
 * The audit policy: first-match-wins evaluation, the production rules
 * against sample requests, tenant rules (raise only, never for sensitive
 * resources), the rendered file against the audit.k8s.io/v1 Policy schema.
 */
import Ajv from 'ajv';
import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { AuditPolicy, AUDIT_POLICY_FILE, auditRuleProblems } from '../../src/security/audit/audit-policy';
import { auditDecision, auditLevel, AuditRequest, AuditRule, ruleMatches, sensitiveLevelViolations } from '../../src/spec/audit-rules';
import { productionAuditRules } from '../../src/security/audit/production-rules';
import { ConfigFile } from '../../src/render/config-file';
import { DefinitionError } from '../../src/spec/problems';
import { loadPlatform } from '../../src/definition/load';
import { securityPlatform, securitySources } from '../support/security-platform';
import { fixtureFiles } from '../support/platform';

/**
 * audit.k8s.io/v1 Policy, derived from k8s.io/apiserver/pkg/apis/audit/v1/types.go
 * (Policy, PolicyRule, GroupResources; Level and Stage enums), strict.
 */
const STAGES = { enum: ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] };
const strings = { type: 'array', items: { type: 'string' } };
const POLICY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'rules'],
  properties: {
    apiVersion: { const: 'audit.k8s.io/v1' },
    kind: { const: 'Policy' },
    metadata: { type: 'object' },
    omitStages: { type: 'array', items: STAGES },
    omitManagedFields: { type: 'boolean' },
    rules: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['level'],
        properties: {
          level: { enum: ['None', 'Metadata', 'Request', 'RequestResponse'] },
          users: strings,
          userGroups: strings,
          verbs: strings,
          resources: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, properties: { group: { type: 'string' }, resources: strings, resourceNames: strings } },
          },
          namespaces: strings,
          nonResourceURLs: strings,
          omitStages: { type: 'array', items: STAGES },
          omitManagedFields: { type: 'boolean' },
        },
      },
    },
  },
};
const validatePolicy = new Ajv({ allErrors: true, strict: false }).compile(POLICY_SCHEMA);

const user = (over: Partial<AuditRequest>): AuditRequest => ({ user: 'oidc:jo@example.com', groups: ['oidc:payments-developers'], verb: 'get', group: '', resource: 'pods', namespace: 'payments-prod', ...over });

describe('audit rule evaluation (first match wins)', () => {
  const rules: AuditRule[] = [
    { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'], resources: [{ group: '', resources: ['endpoints'] }] },
    { level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }] },
    { level: 'RequestResponse', resources: [{ group: '', resources: ['*'] }] },
  ];

  test('the first matching rule decides, later ones are not consulted', () => {
    expect(auditDecision(rules, user({ resource: 'secrets' }))).toEqual({ level: 'Metadata', rule: 1 });
    expect(auditDecision(rules, user({ resource: 'configmaps' }))).toEqual({ level: 'RequestResponse', rule: 2 });
    expect(auditDecision(rules, user({ user: 'system:kube-proxy', verb: 'watch', resource: 'endpoints' }))).toEqual({ level: 'None', rule: 0 });
    expect(auditDecision(rules, user({ verb: 'watch', resource: 'endpoints' }))).toEqual({ level: 'RequestResponse', rule: 2 });
  });

  test('no matching rule means None', () => {
    expect(auditDecision(rules, user({ group: 'apps', resource: 'deployments' }))).toEqual({ level: 'None', rule: -1 });
  });

  test('subresources match only by their combined name or a wildcard form', () => {
    const r = (resources: string[]): AuditRule => ({ level: 'Request', resources: [{ group: '', resources }] });
    expect(ruleMatches(r(['pods']), user({ subresource: 'exec' }))).toBe(false);
    expect(ruleMatches(r(['pods/exec']), user({ subresource: 'exec' }))).toBe(true);
    expect(ruleMatches(r(['*/exec']), user({ subresource: 'exec' }))).toBe(true);
    expect(ruleMatches(r(['pods/*']), user({ subresource: 'log' }))).toBe(true);
    expect(ruleMatches(r(['*']), user({ subresource: 'log' }))).toBe(true);
  });

  test('namespaces, groups, resource names and non-resource URLs', () => {
    expect(ruleMatches({ level: 'None', namespaces: ['kube-system'] }, user({}))).toBe(false);
    expect(ruleMatches({ level: 'None', namespaces: [''] }, user({ resource: 'nodes', namespace: '' }))).toBe(true);
    expect(ruleMatches({ level: 'None', userGroups: ['system:nodes'] }, user({}))).toBe(false);
    expect(ruleMatches({ level: 'None', resources: [{ group: '', resources: ['configmaps'], resourceNames: ['a'] }] }, user({ resource: 'configmaps', name: 'b' }))).toBe(false);
    expect(ruleMatches({ level: 'None', nonResourceURLs: ['/healthz*'] }, { user: 'x', verb: 'get', path: '/healthz/etcd' })).toBe(true);
    expect(ruleMatches({ level: 'None', nonResourceURLs: ['/healthz*'] }, user({}))).toBe(false);
    expect(ruleMatches({ level: 'None', resources: [{ group: '' }] }, { user: 'x', verb: 'get', path: '/version' })).toBe(false);
  });
});

describe('production audit rules', () => {
  const rules = productionAuditRules();
  const cases: [string, AuditRequest, string][] = [
    ['Secret read', user({ resource: 'secrets' }), 'Metadata'],
    ['Secret write', user({ verb: 'update', resource: 'secrets' }), 'Metadata'],
    ['ConfigMap write by an admin', user({ user: 'oidc:admin', verb: 'patch', resource: 'configmaps' }), 'Metadata'],
    ['ServiceAccount token request', user({ verb: 'create', resource: 'serviceaccounts', subresource: 'token' }), 'Metadata'],
    ['TokenReview', user({ verb: 'create', group: 'authentication.k8s.io', resource: 'tokenreviews', namespace: '' }), 'Metadata'],
    ['kube-proxy watching endpoints', user({ user: 'system:kube-proxy', verb: 'watch', resource: 'endpoints' }), 'None'],
    ['kube-proxy watching EndpointSlices', user({ user: 'system:kube-proxy', verb: 'watch', group: 'discovery.k8s.io', resource: 'endpointslices' }), 'None'],
    ['node reading its Node', user({ user: 'system:node:n1', groups: ['system:nodes'], resource: 'nodes', name: 'n1', namespace: '' }), 'None'],
    ['controller-manager updating kube-system endpoints', user({ user: 'system:kube-controller-manager', verb: 'update', resource: 'endpoints', namespace: 'kube-system' }), 'None'],
    ['scheduler renewing its lease', user({ user: 'system:kube-scheduler', verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-system' }), 'None'],
    ['health probe', { user: 'system:anonymous', verb: 'get', path: '/readyz' }, 'None'],
    ['/livez subpath', { user: 'system:anonymous', verb: 'get', path: '/livez/etcd' }, 'None'],
    ['/version', { user: 'system:anonymous', verb: 'get', path: '/version' }, 'None'],
    ['events', user({ verb: 'create', resource: 'events' }), 'None'],
    ['exec', user({ verb: 'create', resource: 'pods', subresource: 'exec' }), 'Metadata'],
    ['attach', user({ verb: 'create', resource: 'pods', subresource: 'attach' }), 'Metadata'],
    ['port-forward', user({ verb: 'create', resource: 'pods', subresource: 'portforward' }), 'Metadata'],
    ['service proxy', user({ verb: 'get', resource: 'services', subresource: 'proxy' }), 'Metadata'],
    ['RoleBinding change', user({ verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings' }), 'RequestResponse'],
    ['ClusterRole delete', user({ verb: 'delete', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', namespace: '' }), 'RequestResponse'],
    ['NetworkPolicy patch', user({ verb: 'patch', group: 'networking.k8s.io', resource: 'networkpolicies' }), 'RequestResponse'],
    ['ResourceQuota update', user({ verb: 'update', resource: 'resourcequotas' }), 'RequestResponse'],
    ['Namespace create', user({ verb: 'create', resource: 'namespaces', namespace: '' }), 'RequestResponse'],
    ['ValidatingAdmissionPolicy delete', user({ verb: 'delete', group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicies', namespace: '' }), 'RequestResponse'],
    ['Gatekeeper Constraint change', user({ verb: 'update', group: 'constraints.gatekeeper.sh', resource: 'platformprivileged', namespace: '' }), 'RequestResponse'],
    ['RBAC read', user({ verb: 'list', group: 'rbac.authorization.k8s.io', resource: 'rolebindings' }), 'Metadata'],
    ['Deployment update', user({ verb: 'update', group: 'apps', resource: 'deployments' }), 'Request'],
    ['Pod read', user({ resource: 'pods' }), 'Metadata'],
    ['discovery', { user: 'oidc:jo', verb: 'get', path: '/apis' }, 'Metadata'],
  ];
  test.each(cases)('%s → %s', (_name, req, level) => {
    expect(auditLevel(rules, req)).toBe(level);
  });

  test('no rule records a sensitive resource above Metadata', () => {
    expect(sensitiveLevelViolations(rules)).toEqual([]);
  });

  test('tenant rules raise the level in their namespace only, never for sensitive resources or guardrails', () => {
    const tenant: AuditRule = { level: 'RequestResponse', namespaces: ['payments-prod'], resources: [{ group: '', resources: ['*'] }] };
    const withTenant = productionAuditRules([tenant]);
    expect(auditLevel(withTenant, user({ verb: 'update', resource: 'services' }))).toBe('RequestResponse');
    expect(auditLevel(withTenant, user({ verb: 'update', resource: 'services', namespace: 'checkout-prod' }))).toBe('Request');
    expect(auditLevel(withTenant, user({ resource: 'secrets' }))).toBe('Metadata');
    expect(auditLevel(withTenant, user({ verb: 'create', resource: 'pods', subresource: 'exec' }))).toBe('Metadata');
    expect(auditLevel(withTenant, user({ verb: 'create', resource: 'events' }))).toBe('None');
  });
});

describe('AuditPolicy', () => {
  test('renders audit-policy.yaml with the rules in order and RequestReceived omitted', () => {
    const chart = Testing.chart();
    const p = new AuditPolicy(chart, 'Audit');
    const file = p.node.findAll().find(ConfigFile.isConfigFile)!;
    expect(file.fileName).toBe(AUDIT_POLICY_FILE);
    const doc = file.content as any;
    expect(validatePolicy(doc)).toBe(true);
    expect(doc.omitStages).toEqual(['RequestReceived']);
    expect(doc.rules.map((r: any) => r.level)).toEqual(productionAuditRules().map((r) => r.level));
    expect(doc).toMatchSnapshot();
  });

  test('refuses rules that would record a Secret body, or can never match', () => {
    const chart = Testing.chart();
    expect(() => new AuditPolicy(chart, 'Bad', { rules: [{ level: 'Request', resources: [{ group: '' }] }, ...productionAuditRules()] }))
      .toThrow(/AuditPolicy Bad: invalid rules:\n {2}rules\[0\] records Request for secrets, configmaps, serviceaccounts\/token/);
    expect(auditRuleProblems([{ level: 'None', nonResourceURLs: ['/x'], namespaces: ['a'] }]))
      .toEqual(['rules[0] sets nonResourceURLs together with resources or namespaces, so it can never match; split it in two rules']);
    expect(auditRuleProblems([{ level: 'Metadata', users: ['x'], resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Request', resources: [{ group: '', resources: ['secrets'] }] }]))
      .toEqual(['rules[1] records Request for secrets; Secrets, ConfigMaps and tokens are logged at Metadata at most (CIS 3.2.2)']);
    expect(auditRuleProblems([{ level: 'Loud' as any }], ['Later' as any])).toHaveLength(2);
  });

  test('the rendered policies of the fixture organisation are valid and carry the tenants\' rules', () => {
    for (const [path, text] of fixtureFiles()) {
      if (!path.endsWith(`control-plane/${AUDIT_POLICY_FILE}`)) continue;
      const doc = parse(text);
      expect([path, validatePolicy(doc), validatePolicy.errors ?? null]).toEqual([path, true, null]);
    }
    const prod = parse(fixtureFiles().get(`clusters/prod-eu1/control-plane/${AUDIT_POLICY_FILE}`)!);
    expect(prod.rules.filter((r: any) => r.namespaces?.includes('payments-prod'))).toEqual([
      { level: 'RequestResponse', verbs: ['create', 'update', 'patch', 'delete'], resources: [{ group: 'apps', resources: ['deployments', 'statefulsets'] }], namespaces: ['payments-prod'] },
      { level: 'Request', verbs: ['get'], resources: [{ group: '', resources: ['pods/log'] }], namespaces: ['payments-prod'] },
    ]);
    const rules = prod.rules as AuditRule[];
    expect(auditLevel(rules, user({ verb: 'patch', group: 'apps', resource: 'deployments' }))).toBe('RequestResponse');
    expect(auditLevel(rules, user({ verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'checkout-prod' }))).toBe('Request');
  });

  test('the test platform\'s tenant rule is in its clusters\' policies', () => {
    const doc = parse(securityPlatform().files.get(`clusters/vap-ga/control-plane/${AUDIT_POLICY_FILE}`)!);
    expect(auditLevel(doc.rules, user({ verb: 'list', group: 'apps', resource: 'deployments', namespace: 'shop-prod' }))).toBe('Request');
  });
});

describe('tenant audit rules in the definition', () => {
  const withAudit = (audit: string) => {
    const sources = securitySources();
    const shop = sources.tenantFiles.find((f) => f.file.endsWith('shop.yaml'))!;
    const text = shop.text.replace(/ {6}audit:\n(.*\n)*? {6}externalSecrets:/, `      audit:\n${audit}      externalSecrets:`);
    return () => loadPlatform({ ...sources, tenantFiles: [...sources.tenantFiles.filter((f) => f !== shop), { ...shop, text }] });
  };

  test('a level above Metadata for Secrets, ConfigMaps or tokens is a problem naming file, path and value', () => {
    const load = withAudit([
      '        - level: Request',
      '          resources: [{ group: "", resources: [pods, secrets] }, { group: authentication.k8s.io, resources: ["*"] }]',
      '        - level: RequestResponse',
      '          resources: [{ group: "", resources: ["serviceaccounts/*"] }]',
      '',
    ].join('\n'));
    let error: DefinitionError | undefined;
    try { load(); } catch (e) { error = e as DefinitionError; }
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error!.problems.map((p) => [p.file, p.path, p.value])).toEqual([
      ['tenants/shop.yaml', 'spec.environments.prod.audit[0].resources[0].resources[1]', 'secrets'],
      ['tenants/shop.yaml', 'spec.environments.prod.audit[0].resources[1].resources[0]', '*'],
      ['tenants/shop.yaml', 'spec.environments.prod.audit[1].resources[0].resources[0]', 'serviceaccounts/*'],
    ]);
    expect(error!.message).toMatch(/would record secrets at Request; Secrets, ConfigMaps, TokenReviews and service account tokens are logged at Metadata at most/);
    expect(error!.problems.every((p) => p.line !== undefined)).toBe(true);
  });

  test('tenants can only raise the level, and must name resources', () => {
    const load = withAudit([
      '        - level: None',
      '          resources: [{ group: apps, resources: [deployments] }]',
      '        - level: Request',
      '          resources: [{ group: "" }]',
      '',
    ].join('\n'));
    expect(load).toThrow(/audit\[0\]\.level: must be one of: Request, RequestResponse \(a tenant can only raise the level\) \(got "None"\)/);
    expect(load).toThrow(/audit\[1\]\.resources\[0\]\.resources: is required/);
  });
});
