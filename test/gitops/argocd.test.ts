/**
 * Argo CD wiring of the fixture organisation, judged by what it permits and the
 * order it syncs in.
 */
import { IN_CLUSTER, SYNC_WAVE } from '../../src/gitops/argocd/constants';
import { AppProjectSpec, projectAcceptsSource, projectPermits } from '../../src/gitops/argocd/app-project-rules';
import { fixtureFiles, fixtureObjects } from '../support/platform';

const bootstrap = fixtureObjects('clusters/prod-eu1/bootstrap/').map((o) => o.object);
const project = (name: string) => bootstrap.find((o) => o.kind === 'AppProject' && o.metadata.name === name)!.spec as AppProjectSpec;
const apps = bootstrap.filter((o) => o.kind === 'Application');

describe('tenant AppProject', () => {
  const payments = project('tenant-payments');

  test('permits the tenant\'s own namespace on this cluster', () => {
    expect(projectPermits(payments, { server: IN_CLUSTER, namespace: 'payments-prod', group: 'apps', kind: 'Deployment' })).toBe(true);
  });

  test('cannot deploy into another tenant\'s namespace, a platform namespace, or another cluster', () => {
    for (const namespace of ['checkout-prod', 'catalog-search-prod', 'kube-system', 'argocd', 'monitoring']) {
      expect(projectPermits(payments, { server: IN_CLUSTER, namespace, group: 'apps', kind: 'Deployment' })).toBe(false);
    }
    expect(projectPermits(payments, { server: 'https://other.example.com', namespace: 'payments-prod', group: 'apps', kind: 'Deployment' })).toBe(false);
  });

  test('cannot deploy cluster-scoped objects', () => {
    for (const [group, kind] of [['', 'Namespace'], ['rbac.authorization.k8s.io', 'ClusterRoleBinding'], ['apiextensions.k8s.io', 'CustomResourceDefinition']]) {
      expect(projectPermits(payments, { server: IN_CLUSTER, group, kind })).toBe(false);
    }
  });

  test('cannot create or change guardrails, RBAC, engine objects or platform-rendered monitoring objects in its own namespace', () => {
    for (const [group, kind] of [['argoproj.io', 'Application'], ['argoproj.io', 'AppProject'], ['kustomize.toolkit.fluxcd.io', 'Kustomization'],
      ['monitoring.coreos.com', 'PrometheusRule'], ['monitoring.coreos.com', 'AlertmanagerConfig'], ['external-secrets.io', 'SecretStore'], ['', 'Endpoints']]) {
      expect(projectPermits(payments, { server: IN_CLUSTER, namespace: 'payments-prod', group, kind })).toBe(false);
    }
    for (const [group, kind] of [['', 'ResourceQuota'], ['', 'LimitRange'], ['networking.k8s.io', 'NetworkPolicy'], ['rbac.authorization.k8s.io', 'Role'], ['rbac.authorization.k8s.io', 'RoleBinding']]) {
      expect(projectPermits(payments, { server: IN_CLUSTER, namespace: 'payments-prod', group, kind })).toBe(false);
    }
  });

  test('takes sources only from the tenant\'s repository', () => {
    expect(projectAcceptsSource(payments, 'https://git.example.com/payments/deploy.git')).toBe(true);
    expect(projectAcceptsSource(payments, 'https://git.example.com/checkout/deploy.git')).toBe(false);
    expect(projectAcceptsSource(payments, 'https://git.example.com/platform/cdk8s-platform.git')).toBe(false);
  });

  test('syncs as the tenant\'s gitops-deploy ServiceAccount', () => {
    expect((payments as any).destinationServiceAccounts).toEqual([
      { server: IN_CLUSTER, namespace: 'payments-prod', defaultServiceAccount: 'gitops-deploy' },
    ]);
  });

  test('gives the tenant\'s groups project roles by least privilege', () => {
    const roles = (payments as any).roles as { name: string; groups: string[]; policies: string[] }[];
    expect(roles.map((r) => [r.name, r.groups])).toEqual([
      ['admin', ['payments-admins']],
      ['developer', ['payments-developers']],
      ['viewer', ['payments-support']],
    ]);
    expect(roles.find((r) => r.name === 'viewer')!.policies).toEqual(['p, proj:tenant-payments:viewer, applications, get, tenant-payments/*, allow']);
  });
});

describe('tenants AppProject (tenant onboarding folders)', () => {
  const tenants = project('tenants');
  test('may create tenant Namespaces but no other cluster-scoped object', () => {
    expect(projectPermits(tenants, { server: IN_CLUSTER, group: '', kind: 'Namespace' })).toBe(true);
    expect(projectPermits(tenants, { server: IN_CLUSTER, group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' })).toBe(false);
  });
  test('reaches tenant namespaces and the Argo CD namespace only', () => {
    expect(projectPermits(tenants, { server: IN_CLUSTER, namespace: 'payments-prod', group: '', kind: 'ResourceQuota' })).toBe(true);
    expect(projectPermits(tenants, { server: IN_CLUSTER, namespace: 'argocd', group: 'argoproj.io', kind: 'Application' })).toBe(true);
    expect(projectPermits(tenants, { server: IN_CLUSTER, namespace: 'kube-system', group: '', kind: 'ConfigMap' })).toBe(false);
  });
});

describe('root Application and sync order', () => {
  test('the root Application syncs the cluster\'s bootstrap folder', () => {
    const root = apps.find((a) => a.metadata.name === 'platform-root')!;
    expect(root.spec).toMatchObject({
      project: 'platform',
      source: { repoURL: 'https://git.example.com/platform/cdk8s-platform.git', targetRevision: 'main', path: 'dist/clusters/prod-eu1/bootstrap' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
  });

  test('one child Application per folder, each in a later wave than the folders it needs', () => {
    const children = apps.filter((a) => a.metadata.name !== 'platform-root');
    const byPath: Record<string, number> = Object.fromEntries(children.map((a) => [(a.spec as any).source.path, Number(a.metadata.annotations![SYNC_WAVE])]));
    const folders = new Set<string>();
    for (const p of fixtureFiles().keys()) {
      const m = /^clusters\/prod-eu1\/((platform|tenants)\/[^/]+)\//.exec(p);
      if (m) folders.add(`dist/clusters/prod-eu1/${m[1]}`);
    }
    expect(Object.keys(byPath).sort()).toEqual([...folders].sort());
    expect(Object.keys(byPath)).toEqual(expect.arrayContaining(['dist/clusters/prod-eu1/platform/tenancy', 'dist/clusters/prod-eu1/tenants/payments']));
    const wave = (folder: string) => byPath[`dist/clusters/prod-eu1/${folder}`];
    expect(wave('platform/certificates')).toBeGreaterThan(wave('platform/cert-manager'));
    expect(wave('platform/monitoring-rules')).toBeGreaterThan(wave('platform/kube-prometheus-stack'));
    expect(wave('tenants/payments')).toBeGreaterThan(wave('platform/external-secrets'));
    expect(wave('tenants/payments')).toBeGreaterThan(wave('platform/kube-prometheus-stack'));
    // A tenant waits only for what it uses (add-ons wait for the PriorityClass in foundation).
    expect(wave('tenants/payments')).toBe(1 + Math.max(wave('platform/external-secrets'), wave('platform/kube-prometheus-stack')));
    expect(wave('platform/kube-prometheus-stack')).toBe(wave('platform/foundation') + 1);
    for (const a of children) expect(a.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
  });

  test('tenant workload Applications sync the tenant repository into the tenant namespace, after its RBAC', () => {
    const app = fixtureObjects('clusters/prod-eu1/tenants/payments/').find((o) => o.object.kind === 'Application')!.object;
    expect(app.metadata).toMatchObject({ name: 'payments-prod', namespace: 'argocd', annotations: { [SYNC_WAVE]: '1' } });
    expect(app.spec).toMatchObject({
      project: 'tenant-payments',
      source: { repoURL: 'https://git.example.com/payments/deploy.git', targetRevision: 'main', path: 'deploy/prod' },
      destination: { server: IN_CLUSTER, namespace: 'payments-prod' },
    });
  });
});

describe('fleet ApplicationSet', () => {
  const fleet = fixtureObjects('fleet/').map((o) => o.object);
  test('walks dist/clusters/* and excludes clusters on Flux', () => {
    const set = fleet.find((o) => o.kind === 'ApplicationSet')!;
    expect((set.spec as any).generators[0].git.directories).toEqual([
      { path: 'dist/clusters/*' },
      { path: 'dist/clusters/prod-onprem1', exclude: true },
      { path: 'dist/clusters/staging-eu1', exclude: true },
    ]);
    expect((set.spec as any).template.spec.source.path).toBe('{{.path.path}}/bootstrap');
    expect((set.spec as any).template.spec.destination).toEqual({ name: '{{.path.basename}}', namespace: 'argocd' });
  });
  test('its project may only create Argo CD objects in the Argo CD namespace', () => {
    const p = fleet.find((o) => o.kind === 'AppProject')!.spec as AppProjectSpec;
    expect(projectPermits(p, { name: 'prod-eu1', namespace: 'argocd', group: 'argoproj.io', kind: 'Application' })).toBe(true);
    expect(projectPermits(p, { name: 'prod-eu1', namespace: 'argocd', group: '', kind: 'Secret' })).toBe(false);
    expect(projectPermits(p, { name: 'prod-eu1', namespace: 'default', group: 'argoproj.io', kind: 'Application' })).toBe(false);
  });
});

describe('the AppProject evaluator', () => {
  // Argo CD's AppProject.IsGroupKindPermitted: an absent namespace whitelist permits every kind, an empty one none.
  const at = { server: IN_CLUSTER, namespace: 'payments-prod', group: 'apps', kind: 'Deployment' };
  const destinations = [{ server: IN_CLUSTER, namespace: '*' }];
  test('an absent namespaceResourceWhitelist permits every namespaced kind, an empty one none', () => {
    expect(projectPermits({ destinations }, at)).toBe(true);
    expect(projectPermits({ destinations, namespaceResourceWhitelist: [] }, at)).toBe(false);
    expect(projectPermits({ destinations, namespaceResourceWhitelist: [{ group: 'apps', kind: '*' }] }, at)).toBe(true);
    expect(projectPermits({ destinations, namespaceResourceBlacklist: [{ group: 'apps', kind: 'Deploy*' }] }, at)).toBe(false);
  });
});
