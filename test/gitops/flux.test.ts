/**
 * Flux wiring of the default platform's Flux cluster (staging-eu1).
 */
import { defaultObjects } from '../support/platform';

const bootstrap = defaultObjects('clusters/staging-eu1/bootstrap/').map((o) => o.object);
const kustomizations = bootstrap.filter((o) => o.kind === 'Kustomization');

describe('Flux bootstrap', () => {
  test('a GitRepository for the platform repository', () => {
    const repo = bootstrap.find((o) => o.kind === 'GitRepository')!;
    expect(repo.metadata).toMatchObject({ name: 'platform', namespace: 'flux-system' });
    expect(repo.spec).toMatchObject({ url: 'https://git.example.com/platform/cdk8s-platform.git', ref: { branch: 'main' } });
  });

  test('one Kustomization per folder, reading the platform repository', () => {
    expect(kustomizations.map((k) => (k.spec as any).path).sort()).toEqual([
      './dist/clusters/staging-eu1/platform/tenancy',
      './dist/clusters/staging-eu1/tenants/checkout',
      './dist/clusters/staging-eu1/tenants/data-analytics',
      './dist/clusters/staging-eu1/tenants/payments',
    ]);
    for (const k of kustomizations) {
      expect(k.spec).toMatchObject({ prune: true, sourceRef: { kind: 'GitRepository', name: 'platform' } });
      expect(k.metadata.namespace).toBe('flux-system');
    }
  });

  test('tenant folders depend on the platform components; platform components wait for readiness', () => {
    for (const k of kustomizations) {
      const spec = k.spec as any;
      if (k.metadata.name!.startsWith('tenant-')) {
        expect(spec.dependsOn).toEqual([{ name: 'platform-tenancy' }]);
        expect(spec.wait).toBe(false);
      } else {
        expect(spec.dependsOn).toBeUndefined();
        expect(spec.wait).toBe(true);
      }
    }
  });
});

describe('tenant sync on Flux', () => {
  test('the tenant Kustomization applies as the tenant\'s ServiceAccount, in its namespace', () => {
    const objects = defaultObjects('clusters/staging-eu1/tenants/payments/').map((o) => o.object);
    const k = objects.find((o) => o.kind === 'Kustomization')!;
    expect(k.metadata).toMatchObject({ name: 'workloads', namespace: 'payments-staging' });
    expect(k.spec).toMatchObject({
      serviceAccountName: 'gitops-deploy',
      targetNamespace: 'payments-staging',
      path: './deploy/staging',
      sourceRef: { kind: 'GitRepository', name: 'workloads' },
    });
    const repo = objects.find((o) => o.kind === 'GitRepository')!;
    expect(repo.metadata).toMatchObject({ name: 'workloads', namespace: 'payments-staging' });
    expect(repo.spec).toMatchObject({ url: 'https://git.example.com/payments/deploy.git', ref: { branch: 'main' } });
    const sa = objects.find((o) => o.kind === 'ServiceAccount')!;
    expect(sa.metadata).toMatchObject({ name: 'gitops-deploy', namespace: 'payments-staging' });
    const binding = objects.find((o) => o.kind === 'RoleBinding' && o.metadata.name === 'gitops-deploy')!;
    expect(binding).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'tenant-developer' },
      subjects: [{ kind: 'ServiceAccount', name: 'gitops-deploy', namespace: 'payments-staging' }],
    });
  });

  test('no Argo CD objects on a Flux cluster, no Flux objects on an Argo CD cluster', () => {
    expect(defaultObjects('clusters/staging-eu1/').some((o) => o.object.apiVersion.startsWith('argoproj.io/'))).toBe(false);
    expect(defaultObjects('clusters/prod-eu1/').some((o) => o.object.apiVersion.includes('fluxcd.io'))).toBe(false);
  });
});
