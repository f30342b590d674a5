/**
 * The Flux clusters come up: with kustomize-controller's staged apply
 * (test/support/flux-apply-model.ts, kustomize-controller v1.9.4 / fluxcd/pkg
 * ssa v0.76.1) every Kustomization becomes Ready and none ever fails its
 * dry-run; one failing add-on blocks only the folders that use what it brings.
 */
import { KubeObject } from '../../src/render/manifests';
import { definedKinds } from '../../src/gitops/planned-objects';
import { apiGroupOf, planSync } from '../../src/gitops/sync-plan';
import { bringUp, ModelCluster, reconcile } from '../support/flux-apply-model';
import { fixtureObjects, fixturePlatform } from '../support/platform';

const platform = fixturePlatform();
const fluxClusters = platform.clusters.filter((c) => c.gitops.engine === 'flux').map((c) => c.name);

function clusterOf(name: string) {
  const kustomizations = fixtureObjects(`clusters/${name}/bootstrap/`).map((o) => o.object).filter((o) => o.kind === 'Kustomization');
  const cache = new Map<string, KubeObject[]>();
  const objectsOf = (path: string): KubeObject[] => {
    if (!cache.has(path)) cache.set(path, fixtureObjects(`${path.replace(/^\.\/dist\//, '')}/`).map((o) => o.object));
    return cache.get(path)!;
  };
  return { kustomizations, objectsOf };
}

/** Everything that depends on `name`, directly or not. */
function dependents(kustomizations: readonly KubeObject[], name: string): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const k of kustomizations) {
      const deps = ((k.spec as any).dependsOn ?? []).map((d: { name: string }) => d.name);
      if (!out.has(k.metadata.name!) && deps.some((d: string) => d === name || out.has(d))) { out.add(k.metadata.name!); grew = true; }
    }
  }
  return out;
}

/** Releases whose failure is simulated; each cluster skips those it does not install. */
const FAILING_RELEASES = ['velero', 'falco', 'trivy-operator', 'gatekeeper', 'dex', 'cert-manager'];

test('the fixture organisation has Flux clusters, one with Gatekeeper', () => {
  expect(fluxClusters.length).toBeGreaterThan(0);
  expect(platform.clusters.some((c) => c.gitops.engine === 'flux' && c.admission.engine === 'gatekeeper')).toBe(true);
});

test('every release whose failure is simulated is installed on some Flux cluster (so no failure test passes by skipping)', () => {
  const installed = new Set(fluxClusters.flatMap((name) => {
    const { kustomizations, objectsOf } = clusterOf(name);
    return kustomizations.flatMap((k) => objectsOf((k.spec as any).path))
      .filter((o) => o.kind === 'HelmRelease').map((o) => (o.spec as any).releaseName as string);
  }));
  expect(FAILING_RELEASES.filter((r) => !installed.has(r))).toEqual([]);
});

describe.each(fluxClusters)('%s', (name) => {
  const { kustomizations, objectsOf } = clusterOf(name);

  test('every Kustomization becomes Ready and none fails its dry-run', () => {
    const r = bringUp(kustomizations, objectsOf);
    expect(Object.fromEntries(r.failures)).toEqual({});
    expect([...r.ready].sort()).toEqual(kustomizations.map((k) => k.metadata.name!).sort());
  });

  test('no Kustomization applies a custom resource together with the definition of its kind', () => {
    for (const k of kustomizations) {
      const objects = objectsOf((k.spec as any).path);
      const defined = new Set(objects.flatMap((o) => definedKinds(o)).map((d) => `${d.group}/${d.kind}`));
      const both = objects.filter((o) => defined.has(`${apiGroupOf(o.apiVersion)}/${o.kind}`));
      expect(both.map((o) => `${k.metadata.name}: ${o.kind} ${o.metadata.name}`)).toEqual([]);
    }
  });

  test.each(FAILING_RELEASES)('when %s never installs, only what needs it waits', (release) => {
    const owner = kustomizations.find((k) => objectsOf((k.spec as any).path).some((o) => o.kind === 'HelmRelease' && (o.spec as any).releaseName === release));
    if (!owner) return; // not on this cluster
    const r = bringUp(kustomizations, objectsOf, new Set([release]));
    const blocked = kustomizations.map((k) => k.metadata.name!).filter((n) => !r.ready.has(n)).sort();
    expect(blocked).toEqual([owner.metadata.name!, ...dependents(kustomizations, owner.metadata.name!)].sort());
    expect(blocked.filter((n) => n.startsWith('tenant-'))).toEqual([]);
    expect(Object.fromEntries(r.failures)).toEqual({});
  });
});

describe('the model catches the class', () => {
  test('Constraints applied with their ConstraintTemplates fail the dry-run ("no matches for kind") even with Gatekeeper running', () => {
    const cluster = new ModelCluster();
    cluster.kinds.add('templates.gatekeeper.sh/*');
    cluster.releases.add('gatekeeper');
    const template = { apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', metadata: { name: 'k8sdemo' }, spec: { crd: { spec: { names: { kind: 'K8sDemo' } } } } };
    const constraint = { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sDemo', metadata: { name: 'demo' }, spec: {} };
    expect(reconcile({ wait: true }, [template, constraint] as any, cluster).error).toMatch(/no matches for kind "K8sDemo"/);
    // Split: the templates first, the Constraints once Gatekeeper made the CRD.
    expect(reconcile({ wait: true }, [template] as any, cluster).applied).toBe(true);
    expect(reconcile({ wait: true }, [constraint] as any, cluster).applied).toBe(true);
  });

  test('the sync plan refuses such a folder, and a kind nothing provides', () => {
    const template = { apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', name: 'k8sdemo', defines: [{ group: 'constraints.gatekeeper.sh', kind: 'K8sDemo', by: 'generated' as const, crdName: 'k8sdemo.constraints.gatekeeper.sh' }] };
    const constraint = { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sDemo', name: 'demo' };
    const gatekeeper = { name: 'gk', objects: [], providedGroups: ['templates.gatekeeper.sh'] };
    const options = { engineGroups: [], existingNamespaces: [] };
    expect(() => planSync([gatekeeper, { name: 'admission', objects: [template, constraint] }], options)).toThrow(/admission: K8sDemo demo is applied together with the definition of its kind/);
    expect(() => planSync([{ name: 'certs', objects: [{ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', name: 'x' }] }], options)).toThrow(/no folder on the cluster defines/);
    const plan = planSync([gatekeeper, { name: 'admission', objects: [template] }, { name: 'constraints', objects: [constraint] }], options);
    expect(plan.get('constraints')).toMatchObject({ dependsOn: ['admission'], wave: 2, skipDryRunOnMissingResource: true });
    expect(plan.get('admission')).toMatchObject({ dependsOn: ['gk'], healthChecks: ['k8sdemo.constraints.gatekeeper.sh'] });
  });

  test('the plan refuses a dependency cycle', () => {
    const a = { name: 'a', objects: [{ apiVersion: 'v1', kind: 'Namespace', name: 'na' }, { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: 'nb' }] };
    const b = { name: 'b', objects: [{ apiVersion: 'v1', kind: 'Namespace', name: 'nb' }, { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: 'na' }] };
    expect(() => planSync([a, b], { engineGroups: [], existingNamespaces: [] })).toThrow(/dependency cycle/);
  });
});
