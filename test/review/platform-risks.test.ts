/**
 * The review on the real rendered platform: each change to a rendered
 * security control raises its flag; onboarding a tenant raises nothing above
 * low; an unchanged render raises nothing.
 */
import { parse, stringify } from 'yaml';
import { renderDist } from '../../src/app/synth';
import { diffDist } from '../../src/review/dist-diff';
import { detectRisks } from '../../src/review/risk/detect';
import { loadPlatform } from '../../src/definition/load';
import { fixtureFiles, fixtureSources } from '../support/platform';

/** The default render with one file changed by `edit` (a parsed YAML document). */
function edited(path: string, edit: (doc: any) => void): Map<string, string> {
  const files = new Map(fixtureFiles());
  const doc = parse(files.get(path)!);
  edit(doc);
  files.set(path, stringify(doc));
  return files;
}

const flags = (after: Map<string, string>) => detectRisks(diffDist(fixtureFiles(), after)).map((f) => [f.rule, f.level, f.subject]);

describe('risk flags on the rendered platform', () => {
  test('the same render: no flags', () => {
    expect(detectRisks(diffDist(fixtureFiles(), fixtureFiles()))).toEqual([]);
  });

  test('an audit rule lowered in control-plane/audit-policy.yaml', () => {
    const after = edited('clusters/prod-eu1/control-plane/audit-policy.yaml', (p) => { p.rules[0].level = 'None'; });
    expect(flags(after)).toContainEqual(['audit-lowered', 'high', 'Policy audit-policy']);
  });

  test('a namespace exempted from an admission policy binding', () => {
    const after = edited('clusters/prod-eu1/platform/admission/validatingadmissionpolicybinding-platform-host-path.yaml',
      (b) => { b.spec.matchResources.namespaceSelector.matchExpressions[0].values.push('legacy-app'); });
    const found = detectRisks(diffDist(fixtureFiles(), after));
    expect(found.map((f) => [f.rule, f.message])).toEqual([['admission-exemption-added',
      'matchResources namespaceSelector now excludes kubernetes.io/metadata.name legacy-app']]);
  });

  test('the cluster default Pod Security level lowered, and a namespace exempted', () => {
    const after = edited('clusters/prod-eu1/control-plane/admission-configuration.yaml', (c) => {
      c.plugins[0].configuration.defaults.enforce = 'baseline';
      c.plugins[0].configuration.exemptions.namespaces.push('legacy-app');
    });
    expect(flags(after)).toEqual([
      ['pod-security-lowered', 'high', 'AdmissionConfiguration admission-configuration'],
      ['admission-exemption-added', 'high', 'AdmissionConfiguration admission-configuration'],
    ]);
  });

  test('default-deny removed while the allowance policies still isolate every pod: no effect, no flag', () => {
    const files = new Map(fixtureFiles());
    files.delete('clusters/prod-eu1/tenants/payments/networkpolicy-default-deny.yaml');
    expect(flags(files)).toEqual([]);
  });

  test('every policy of a tenant namespace that stays removed: each one that isolated is flagged', () => {
    const files = new Map(fixtureFiles());
    const removed = [...files.keys()].filter((p) => p.startsWith('clusters/prod-eu1/tenants/payments/networkpolicy-'));
    for (const p of removed) files.delete(p);
    const raised = detectRisks(diffDist(fixtureFiles(), files));
    expect(raised.length).toBe(removed.length);
    expect(new Set(raised.map((f) => `${f.rule} ${f.level} ${f.cluster} ${f.tenant}`))).toEqual(new Set(['network-policy-removed high prod-eu1 payments']));
    expect(raised[0].message).toMatch(/every namespace, any address/);
  });

  test('onboarding a tenant raises nothing above low', () => {
    const sources = fixtureSources();
    const billing = {
      apiVersion: 'platform.cdk8s.io/v1alpha1',
      kind: 'Tenant',
      metadata: { name: 'billing' },
      spec: {
        owners: [{ name: 'Jo Smith', email: 'jo.smith@example.com' }],
        costCenter: 'cc-1234',
        access: { admin: { groups: ['billing-admins'] }, developer: { groups: ['billing-developers'] } },
        source: { repoURL: 'https://git.example.com/billing/deploy.git' },
        environments: {
          dev: { clusters: ['dev-eu1'], quota: { cpu: { requests: '4', limits: '8' }, memory: { requests: '8Gi', limits: '16Gi' } } },
          prod: { clusters: ['prod-eu1'], quota: { cpu: { requests: '16', limits: '32' }, memory: { requests: '32Gi', limits: '64Gi' } } },
        },
      },
    };
    const tenantFiles = [...sources.tenantFiles, { file: 'tenants/billing.yaml', text: stringify(billing) }];
    const after = renderDist(loadPlatform({ ...sources, tenantFiles })).files;
    const raised = detectRisks(diffDist(fixtureFiles(), after));
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.filter((f) => f.level !== 'low')).toEqual([]);
    expect(new Set(raised.map((f) => f.rule))).toEqual(new Set(['role-binding-added']));
  });
});
