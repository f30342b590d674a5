/**
 * Flux wiring of the fixture organisation's Flux cluster (staging-eu1).
 */
import { fixtureFiles, fixtureObjects } from '../support/platform';

/** The folders of a cluster that GitOps syncs (platform/<component>, tenants/<tenant>). */
function syncedFolders(cluster: string): string[] {
  const folders = new Set<string>();
  for (const p of fixtureFiles().keys()) {
    const m = new RegExp(`^clusters/${cluster}/((platform|tenants)/[^/]+)/`).exec(p);
    if (m) folders.add(`./dist/clusters/${cluster}/${m[1]}`);
  }
  return [...folders].sort();
}

const bootstrap = fixtureObjects('clusters/staging-eu1/bootstrap/').map((o) => o.object);
const kustomizations = bootstrap.filter((o) => o.kind === 'Kustomization');

describe('Flux bootstrap', () => {
  test('a GitRepository for the platform repository', () => {
    const repo = bootstrap.find((o) => o.kind === 'GitRepository')!;
    expect(repo.metadata).toMatchObject({ name: 'platform', namespace: 'flux-system' });
    expect(repo.spec).toMatchObject({ url: 'https://git.example.com/platform/cdk8s-platform.git', ref: { branch: 'main' } });
  });

  test('one Kustomization per folder, reading the platform repository', () => {
    expect(kustomizations.map((k) => (k.spec as any).path).sort()).toEqual(syncedFolders('staging-eu1'));
    expect(syncedFolders('staging-eu1')).toEqual(expect.arrayContaining([
      './dist/clusters/staging-eu1/platform/tenancy',
      './dist/clusters/staging-eu1/tenants/payments',
    ]));
    for (const k of kustomizations) {
      expect(k.spec).toMatchObject({ prune: true, sourceRef: { kind: 'GitRepository', name: 'platform' } });
      expect(k.metadata.namespace).toBe('flux-system');
    }
  });

  test('dependencies are what a folder needs, never a chain through unrelated components', () => {
    const deps = new Map(kustomizations.map((k) => [k.metadata.name!, ((k.spec as any).dependsOn ?? []).map((d: { name: string }) => d.name) as string[]]));
    expect(deps.get('platform-certificates')).toEqual(['platform-cert-manager']);
    expect(deps.get('platform-admission-constraints')).toEqual(['platform-admission']);
    expect(deps.get('platform-admission')).toEqual(['platform-gatekeeper']);
    for (const t of [...deps.keys()].filter((n) => n.startsWith('tenant-'))) {
      // Tenants need only the add-ons whose kinds they use (ExternalSecrets, monitoring objects).
      expect(deps.get(t)!.every((d) => ['platform-external-secrets', 'platform-kube-prometheus-stack', 'platform-tenancy', 'platform-foundation'].includes(d))).toBe(true);
    }
  });

  test('platform components apply as kustomize-controller (the lock-down\'s default ServiceAccount has no rights)', () => {
    for (const k of kustomizations) expect((k.spec as any).serviceAccountName).toBe('kustomize-controller');
    const releases = fixtureObjects('clusters/staging-eu1/platform/').map((o) => o.object).filter((o) => o.kind === 'HelmRelease');
    expect(releases.length).toBeGreaterThan(5);
    for (const r of releases) expect((r.spec as any).serviceAccountName).toBe('helm-controller');
  });

  test('platform components wait for readiness; the ConstraintTemplates\' folder for the CRDs Gatekeeper creates', () => {
    for (const k of kustomizations) {
      const spec = k.spec as any;
      if (k.metadata.name === 'platform-admission') {
        expect(spec.wait).toBe(false);
        expect(spec.healthChecks.map((h: any) => h.name)).toContain('platformprivileged.constraints.gatekeeper.sh');
      } else {
        expect(spec.wait).toBe(k.metadata.name!.startsWith('platform-'));
      }
    }
  });
});

describe('tenant sync on Flux', () => {
  test('the tenant Kustomization applies as the tenant\'s ServiceAccount, in its namespace', () => {
    const objects = fixtureObjects('clusters/staging-eu1/tenants/payments/').map((o) => o.object);
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
    expect(fixtureObjects('clusters/staging-eu1/').some((o) => o.object.apiVersion.startsWith('argoproj.io/'))).toBe(false);
    expect(fixtureObjects('clusters/prod-eu1/').some((o) => o.object.apiVersion.includes('fluxcd.io'))).toBe(false);
  });
});
