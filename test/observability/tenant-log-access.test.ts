/**
 * Per-tenant log access at the backend: each tenant's role reads its own
 * indices and no other tenant's, with the backends' own index-pattern
 * semantics, and the indices the pipeline writes are the ones the role covers.
 */
import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { TenantNamespace } from '../../src/tenancy/tenant-namespace';
import {
  elasticsearchRole, elasticsearchRoleMapping, openSearchRoles, openSearchRolesMapping, tenantLogAccess, TenantLogAccess,
} from '../../src/observability/backend/tenant-log-access';
import { parseFluentdConfig } from '../support/fluentd-config';
import { expandChunkPlaceholders, simulate } from '../support/fluentd-router';
import { fluentdConfigOf, loadTest, settingsWith, tenantDoc } from '../support/observability';
import { fixtureFiles } from '../support/platform';

/**
 * Whether an index name matches a role's index pattern, as Elasticsearch
 * (`Automatons.patterns`: `/…/` is a Lucene regular expression, otherwise `*`
 * any characters, `?` one character, `\` escapes) and the OpenSearch security
 * plugin (`WildcardMatcher`: the same `*`, `?` and `/regex/`) evaluate it.
 */
function indexPatternMatches(pattern: string, index: string): boolean {
  if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) return new RegExp(`^(?:${pattern.slice(1, -1)})$`).test(index);
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(index);
}

const PREFIX_PAIRS = ['pay', 'payments', 'pay-ments', 'payments-prod', 'pay-prod', 'p', 'platform', 'node', 'a', 'a-b', 'audit', 'unclassified'];
const DATE = '2026.11.30';

/** The index a record of `namespace` lands in, from the rendered configuration (simulated routing, placeholders expanded). */
function indexOf(text: string, namespace: string, tenant?: string, environment = 'prod'): string {
  const root = parseFluentdConfig(text);
  const file = `web-1_${namespace}_app-${'0'.repeat(64)}.log`;
  const r = simulate(root, {
    source: 'in.containers', tag: `kubernetes.var.log.containers.${file}`, record: { log: 'x', stream: 'stdout', logtag: 'F' },
    pod: { namespace, pod: 'web-1', container: 'app', labels: {},
      namespaceLabels: tenant ? { 'platform.cdk8s.io/tenant': tenant, 'platform.cdk8s.io/environment': environment } : {} },
  });
  return `${expandChunkPlaceholders(r.output!.params.logstash_prefix, r.record)}-${DATE}`;
}

describe('per-tenant log access at the backend', () => {
  const platform = loadTest(settingsWith(), PREFIX_PAIRS.map((t) => tenantDoc(t)));
  const text = fluentdConfigOf(platform);
  const access = tenantLogAccess({ type: 'elasticsearch', indexPrefix: 'k8s' } as never, platform.tenants);

  test('each tenant role matches the indices the pipeline writes for that tenant, and no other tenant\'s or platform index', () => {
    const written = new Map(PREFIX_PAIRS.map((t) => [t, indexOf(text, `${t}-prod`, t)]));
    const platformIndices = [indexOf(text, 'kube-system'), indexOf(text, 'stray-namespace')];
    expect(platformIndices).toEqual([`k8s-platform-${DATE}`, `k8s-unclassified-${DATE}`]);
    for (const a of access) {
      for (const [tenant, index] of written) expect([a.tenant, tenant, indexPatternMatches(a.indexPattern, index)]).toEqual([a.tenant, tenant, tenant === a.tenant]);
      for (const index of platformIndices) expect(indexPatternMatches(a.indexPattern, index)).toBe(false);
    }
    expect(written.get('pay')).toBe(`k8s-pay_prod-${DATE}`);
  });

  test('no tenant\'s pattern matches another tenant\'s indices, for any tenant names and environments', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
    fc.assert(fc.property(fc.uniqueArray(label, { minLength: 2, maxLength: 6 }), fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('k8s', 'logs', 'k8s-a'),
      (tenants, environments, prefix) => {
        const all = tenants.map((t) => ({ tenant: t, role: `tenant-${t}-logs`, indexPattern: `${prefix}-${t}_*`, groups: [] })) as TenantLogAccess[];
        for (const a of all) {
          for (const t of tenants) {
            for (const e of environments) expect(indexPatternMatches(a.indexPattern, `${prefix}-${t}_${e}-${DATE}`)).toBe(t === a.tenant);
          }
          for (const scope of ['platform', 'node', 'unclassified', 'audit']) expect(indexPatternMatches(a.indexPattern, `${prefix}-${scope}-${DATE}`)).toBe(false);
        }
      }), { numRuns: 300 });
  });

  test('a tenant cannot route its records into another tenant\'s indices through its namespace labels: the platform\'s labels win', () => {
    const chart = Testing.chart();
    new TenantNamespace(chart, 'Ns', {
      name: 'mallory-prod', tenant: 'mallory', environment: 'prod', costCenter: 'cc-1', podSecurityVersion: 'v1.30',
      labels: { 'platform.cdk8s.io/tenant': 'pay', 'platform.cdk8s.io/environment': 'prod' },
    });
    const labels = (Testing.synth(chart) as Array<{ metadata: { labels: Record<string, string> } }>)[0].metadata.labels;
    expect(indexOf(text, 'mallory-prod', labels['platform.cdk8s.io/tenant'], labels['platform.cdk8s.io/environment'])).toBe(`k8s-mallory_prod-${DATE}`);
  });

  test('the matcher itself follows the backends: * any, ? one character, /regex/', () => {
    expect(indexPatternMatches('k8s-pay_*', 'k8s-pay_prod-2026.11.30')).toBe(true);
    expect(indexPatternMatches('k8s-pay*', 'k8s-payments_prod-2026.11.30')).toBe(true);
    expect(indexPatternMatches('k8s-pa?_*', 'k8s-pay_prod')).toBe(true);
    expect(indexPatternMatches('/k8s-pay_.*/', 'k8s-pay_prod')).toBe(true);
    expect(indexPatternMatches('/k8s-pay_.*/', 'k8s-payments_prod')).toBe(false);
  });

  test('roles grant read only, mapped to every OIDC group of the tenant', () => {
    const pay = access.find((a) => a.tenant === 'pay')!;
    expect(elasticsearchRole(pay)).toEqual({
      cluster: [], indices: [{ names: ['k8s-pay_*'], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false }],
      metadata: { 'platform.cdk8s.io/tenant': 'pay' },
    });
    expect(elasticsearchRoleMapping(pay)).toEqual({
      enabled: true, roles: ['tenant-pay-logs'], rules: { any: [{ field: { groups: 'team-pay-admins' } }] }, metadata: { 'platform.cdk8s.io/tenant': 'pay' },
    });
    expect(openSearchRoles([pay])).toEqual({
      '_meta': { type: 'roles', config_version: 2 },
      'tenant-pay-logs': { reserved: false, description: 'Tenant pay: read its own log indices', cluster_permissions: [], index_permissions: [{ index_patterns: ['k8s-pay_*'], allowed_actions: ['read'] }] },
    });
    expect(openSearchRolesMapping([pay])).toEqual({
      '_meta': { type: 'rolesmapping', config_version: 2 },
      'tenant-pay-logs': { reserved: false, backend_roles: ['team-pay-admins'], users: [], hosts: [] },
    });
  });

  test('tenants whose records all go to their own output get no role on the platform backend', () => {
    const own = loadTest(settingsWith(), [tenantDoc('a'), tenantDoc('b', { logging: { outputs: { es: { type: 'elasticsearch', host: 'es.b.example.com' } }, default: 'es' } })]);
    expect(tenantLogAccess({ type: 'elasticsearch', indexPrefix: 'k8s' } as never, own.tenants).map((a) => a.tenant)).toEqual(['a']);
  });

  test('the fixture organisation renders the role files into the unsynced logging-backend/ folder of each cluster', () => {
    const files = [...fixtureFiles()].map(([p]) => p).filter((p) => p.includes('/logging-backend/'));
    expect(files.length).toBeGreaterThan(0);
    const role = [...fixtureFiles()].find(([p]) => p.endsWith('/prod-eu1/logging-backend/elasticsearch-role-tenant-checkout-logs.json'));
    expect(JSON.parse(role![1])).toMatchObject({ indices: [{ names: ['k8s-checkout_*'] }] });
    // Not synced: no Argo CD Application or Flux Kustomization points at the folder.
    expect([...fixtureFiles()].filter(([p, t]) => p.includes('/bootstrap/') && t.includes('logging-backend')).map(([p]) => p)).toEqual([]);
  });
});
