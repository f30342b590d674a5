/**
 * Definition errors of the security fields: each names file, path, value and
 * what is allowed, and all of them are reported at once.
 */
import { DefinitionError, Problem } from '../../src/spec/problems';
import { loadPlatform, PlatformSources } from '../../src/definition/load';
import { securitySources } from '../support/security-platform';

function problems(change: (s: PlatformSources) => PlatformSources): Problem[] {
  try {
    loadPlatform(change(securitySources()));
  } catch (e) {
    if (e instanceof DefinitionError) return [...e.problems];
    throw e;
  }
  return [];
}

const editTenant = (name: string, edit: (text: string) => string) => (s: PlatformSources): PlatformSources => ({
  ...s,
  tenantFiles: s.tenantFiles.map((f) => (f.file.endsWith(`/${name}.yaml`) ? { ...f, text: edit(f.text) } : f)),
});

describe('security fields of the definition', () => {
  test('the test platform is valid', () => {
    expect(problems((s) => s)).toEqual([]);
  });

  test('CIS audit retention minimums', () => {
    const found = problems((s) => ({ ...s, clusters: s.clusters.map((c, i) => (i === 0 ? { ...c, audit: { log: { maxAgeDays: 7, maxBackups: 3, maxSizeMegabytes: 10 } } } : c)) }));
    expect(found.map((p) => [p.path, p.value, p.message])).toEqual([
      ['clusters[0].audit.log.maxAgeDays', 7, 'must be at least 30 days (CIS 1.2.17)'],
      ['clusters[0].audit.log.maxBackups', 3, 'must be at least 10 files (CIS 1.2.18)'],
      ['clusters[0].audit.log.maxSizeMegabytes', 10, 'must be at least 100 MB (CIS 1.2.19)'],
    ]);
  });

  test('a cluster on its own Dex needs connectors and a secret store; exemptions only for platform namespaces', () => {
    const found = problems((s) => ({
      ...s,
      settings: { ...s.settings, identity: { dex: { connectors: [] } } },
      clusters: s.clusters.map((c, i) => (i === 1 ? {
        ...c, secretStore: undefined,
        admission: { ...c.admission, exemptions: [{ namespace: 'shop-prod', policies: ['privileged'], justification: 'because the shop needs it badly' }] },
      } : c)),
    }));
    const paths = found.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['clusters[0].oidc.issuerURL', 'clusters[1].oidc.issuerURL', 'clusters[1].secretStore', 'clusters[1].admission.exemptions[0].namespace']));
    expect(found.find((p) => p.path === 'clusters[1].admission.exemptions[0].namespace')!.message).toMatch(/must be a platform namespace .*tenant namespaces are never exempt/);
    expect(found.find((p) => p.path === 'clusters[0].oidc.issuerURL')!.message).toMatch(/settings.identity.dex.connectors is empty/);
    // the tenant's ExternalSecrets cannot be read where there is no store
    expect(found.find((p) => p.path === 'spec.environments.prod.clusters[1]')).toMatchObject({ file: 'tenants/shop.yaml', value: 'vap-ga' });
  });

  test('an unknown registry form and an exemption of a tenant-only policy are refused', () => {
    const found = problems((s) => ({
      ...s,
      clusters: s.clusters.map((c, i) => (i === 0 ? { ...c, admission: { allowedRegistries: ['https://registry.example.com'], exemptions: [{ namespace: 'monitoring', policies: ['probes' as any], justification: 'we do not want probes here at all' }] } } : c)),
    }));
    expect(found.map((p) => p.path)).toEqual(['clusters[0].admission.allowedRegistries[0]', 'clusters[0].admission.exemptions[0].policies[0]']);
    expect(found[1].message).toBe('must be one of: allowed-registries, image-tag, privileged, host-namespaces, host-path');
  });

  test('tenants: platform groups, foreign secret keys, overlapping Ingress domains', () => {
    const found = problems((s) => editTenant('batch', (t) => t
      .replace('admin: { groups: [batch-admins] }', 'admin: { groups: [batch-admins, security-auditors] }')
      .replace('      podSecurity:', '      ingressDomains: [api.shop.example.com]\n      externalSecrets:\n        - { name: x, data: [{ secretKey: k, remoteRef: { key: shop/prod/db } }] }\n      podSecurity:'))(s));
    expect(found.map((p) => [p.file, p.path, p.value])).toEqual([
      ['tenants/batch.yaml', 'spec.access.admin.groups[1]', 'security-auditors'],
      ['tenants/batch.yaml', 'spec.environments.prod.ingressDomains[0]', 'api.shop.example.com'],
      ['tenants/batch.yaml', 'spec.environments.prod.externalSecrets[0].data[0].remoteRef.key', 'shop/prod/db'],
      ['tenants/shop.yaml', 'spec.environments.prod.ingressDomains[0]', 'shop.example.com'],
    ]);
    expect(found.find((p) => p.path.endsWith('groups[1]'))!.message).toMatch(/is a platform group \(settings.access.securityAuditor\)/);
    expect(found.find((p) => p.path.endsWith('ingressDomains[0]'))!.message).toMatch(/overlaps shop.example.com \(tenant shop\) on vap-beta/);
    expect(found.find((p) => p.path.endsWith('remoteRef.key'))!.message).toMatch(/must start with "batch\/prod\/"/);
    expect(found.every((p) => p.line !== undefined)).toBe(true);
  });

  test('ExternalSecrets need data or dataFrom and unique names', () => {
    const found = problems(editTenant('batch', (t) => t.replace('      podSecurity:',
      '      externalSecrets:\n        - { name: x }\n        - { name: x, dataFrom: [{ extract: { key: batch/a } }] }\n      podSecurity:')));
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['spec.environments.prod.externalSecrets[0]', 'must declare data or dataFrom'],
      ['spec.environments.prod.externalSecrets[1].name', 'must not declare an ExternalSecret name twice'],
    ]);
  });
});
