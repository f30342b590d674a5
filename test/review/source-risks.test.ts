/**
 * Supply-chain risk flags (images, charts, GitOps sources, add-on versions)
 * and AppProject broadening.
 */
import { KubeObject } from '../../src/render/manifests';
import { diffDist } from '../../src/review/dist-diff';
import { detectRisks } from '../../src/review/risk/detect';
import { registryOf, versionChange } from '../../src/review/risk/sources';
import { changed, flagsOf, rulesOf } from './support';

const deployment: KubeObject = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team-prod' },
  spec: { template: { spec: {
    initContainers: [{ name: 'init', image: 'busybox:1.36' }],
    containers: [{ name: 'app', image: 'registry.example.com/team/web:1.0' }, { name: 'sidecar', image: 'quay.io/proxy:2' }],
  } } },
} as KubeObject;

const helmApp: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'platform-cert-manager', namespace: 'argocd' },
  spec: { project: 'platform', source: { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.21.1' }, destination: { namespace: 'cert-manager' } },
} as KubeObject;
const gitApp: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'team-prod', namespace: 'argocd' },
  spec: { project: 'tenant-team', source: { repoURL: 'https://git.example.com/team/deploy.git', path: 'deploy/prod', targetRevision: 'main' } },
} as KubeObject;
const release: KubeObject = {
  apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'cert-manager', namespace: 'flux-system' },
  spec: { chart: { spec: { chart: 'cert-manager', version: 'v1.21.1', sourceRef: { kind: 'HelmRepository', name: 'jetstack' } } } },
} as KubeObject;
const repository: KubeObject = {
  apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'jetstack', namespace: 'flux-system' },
  spec: { url: 'https://charts.jetstack.io' },
} as KubeObject;

describe('image-registry-changed', () => {
  test('knows registries the way Docker does', () => {
    expect(['nginx', 'library/nginx:1', 'quay.io/a/b', 'localhost/x', 'host:5000/x'].map(registryOf))
      .toEqual(['docker.io', 'docker.io', 'quay.io', 'localhost', 'host:5000']);
  });

  test('flags a container pulling from another registry, not a new tag', () => {
    const moved = changed(deployment, (d) => { (d.spec as any).template.spec.containers[0].image = 'docker.io/team/web:1.0'; });
    const flags = flagsOf([deployment], [moved]);
    expect(flags.map((f) => [f.rule, f.level])).toEqual([['image-registry-changed', 'high']]);
    expect(flags[0].message).toMatch(/container app pulls from docker.io \(was registry.example.com\)/);
    const tagged = changed(deployment, (d) => { (d.spec as any).template.spec.containers[0].image = 'registry.example.com/team/web:1.1'; });
    expect(flagsOf([deployment], [tagged])).toEqual([]);
  });

  test('flags images.txt lines from a registry not listed before', () => {
    const before = '# header\nquay.io/jetstack/a:v1 - dev-eu1\n';
    const after = '# header\nquay.io/jetstack/a:v1 - dev-eu1\nquay.io/jetstack/b:v1 - dev-eu1\nghcr.io/evil/miner:1 - dev-eu1\n';
    const flags = detectRisks(diffDist(new Map([['images.txt', before]]), new Map([['images.txt', after]])));
    expect(flags.map((f) => f.message)).toEqual(['images from a registry not used before, ghcr.io: ghcr.io/evil/miner:1']);
  });
});

describe('charts and add-on versions', () => {
  test('Application: another chart repository is high; another version is medium with its direction', () => {
    const moved = changed(helmApp, (a) => { (a.spec as any).source.repoURL = 'https://charts.example.net'; });
    expect(flagsOf([helmApp], [moved]).map((f) => [f.rule, f.level])).toEqual([['chart-source-changed', 'high']]);
    const up = changed(helmApp, (a) => { (a.spec as any).source.targetRevision = 'v1.22.0'; });
    expect(flagsOf([helmApp], [up]).map((f) => [f.rule, f.level, f.message]))
      .toEqual([['addon-version-changed', 'medium', 'chart cert-manager v1.21.1 → v1.22.0 (upgrade)']]);
  });

  test('HelmRelease: chart source and version; HelmRepository url', () => {
    const down = changed(release, (r) => { (r.spec as any).chart.spec.version = 'v1.20.0'; });
    expect(flagsOf([release], [down])[0].message).toBe('chart cert-manager v1.21.1 → v1.20.0 (downgrade)');
    const other = changed(release, (r) => { (r.spec as any).chart.spec.sourceRef.name = 'mirror'; });
    expect(rulesOf(flagsOf([release], [other]))).toEqual(['chart-source-changed']);
    const url = changed(repository, (r) => { (r.spec as any).url = 'oci://ghcr.io/charts'; });
    expect(rulesOf(flagsOf([repository], [url]))).toEqual(['chart-source-changed']);
  });

  test('a Git source moving is sync-source-changed', () => {
    const moved = changed(gitApp, (a) => { (a.spec as any).source.repoURL = 'https://git.example.com/other/deploy.git'; });
    expect(flagsOf([gitApp], [moved]).map((f) => [f.rule, f.message]))
      .toEqual([['sync-source-changed', 'repoURL https://git.example.com/team/deploy.git → https://git.example.com/other/deploy.git']]);
  });

  test('does not flag unrelated Application changes or new add-ons', () => {
    const synced = changed(helmApp, (a) => { (a.spec as any).syncPolicy = { automated: {} }; });
    expect(flagsOf([helmApp], [synced])).toEqual([]);
    expect(flagsOf([], [helmApp, release, repository])).toEqual([]);
  });

  test('versions without numbers get no direction', () => {
    expect(versionChange('main', 'release')).toBe('main → release');
  });
});

describe('appproject-broadened', () => {
  const project = {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'tenant-team', namespace: 'argocd' },
    spec: {
      sourceRepos: ['https://git.example.com/team/deploy.git'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'team-prod' }],
      namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }, { group: 'networking.k8s.io', kind: 'NetworkPolicy' }],
    },
  } as KubeObject;

  test('flags new destinations, cluster-scoped kinds and removed blacklist entries', () => {
    const wider = changed(project, (p) => {
      (p.spec as any).destinations.push({ server: 'https://kubernetes.default.svc', namespace: '*' });
      (p.spec as any).clusterResourceWhitelist = [{ group: '*', kind: '*' }];
      (p.spec as any).namespaceResourceBlacklist.pop();
    });
    const flags = flagsOf([project], [wider]);
    expect(flags.map((f) => f.rule)).toEqual(['appproject-broadened', 'appproject-broadened', 'appproject-broadened']);
    expect(flags.map((f) => f.message.split(' ')[0])).toEqual(['destinations', 'cluster-scoped', 'namespaced']);
    expect(flags[2].message).toContain('networking.k8s.io/NetworkPolicy');
  });

  test('evaluates kinds as Argo CD permits them: a blacklist replaced by a narrower whitelist is not flagged', () => {
    const whitelisted = changed(project, (p) => {
      delete (p.spec as any).namespaceResourceBlacklist;
      (p.spec as any).namespaceResourceWhitelist = [{ group: 'apps', kind: 'Deployment' }, { group: '', kind: 'Service' }];
    });
    expect(flagsOf([project], [whitelisted])).toEqual([]);
    // …and the way back opens every kind the whitelist did not name.
    const back = flagsOf([whitelisted], [project]);
    expect(back.map((f) => f.message)).toEqual([expect.stringContaining('namespaced kinds permitted: kinds no list names')]);
  });

  test('a kind added to a whitelist, a wildcard, or an empty whitelist dropped is flagged; a kind the blacklist still refuses is not', () => {
    const listed = changed(project, (p) => { (p.spec as any).namespaceResourceWhitelist = [{ group: 'apps', kind: 'Deployment' }]; });
    const more = changed(listed, (p) => { (p.spec as any).namespaceResourceWhitelist.push({ group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' }); });
    expect(flagsOf([listed], [more]).map((f) => f.message)).toEqual([expect.stringContaining('rbac.authorization.k8s.io/RoleBinding')]);
    const wildcard = changed(listed, (p) => { (p.spec as any).namespaceResourceWhitelist = [{ group: 'apps', kind: '*' }]; });
    expect(rulesOf(flagsOf([listed], [wildcard]))).toEqual(['appproject-broadened']);
    const blacklisted = changed(more, (p) => { (p.spec as any).namespaceResourceBlacklist.push({ group: 'rbac.authorization.k8s.io', kind: '*' }); });
    expect(flagsOf([listed], [blacklisted]).map((f) => f.message)).toEqual([]);
    const none = changed(project, (p) => { (p.spec as any).namespaceResourceWhitelist = []; });
    expect(rulesOf(flagsOf([none], [project]))).toEqual(['appproject-broadened']);
  });

  test('does not flag a destination in a namespace the same change adds (onboarding)', () => {
    const onboarded = changed(project, (p) => { (p.spec as any).destinations.push({ server: 'https://kubernetes.default.svc', namespace: 'billing-prod' }); });
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'billing-prod', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } } as KubeObject;
    expect(flagsOf([project], [ns, onboarded])).toEqual([]);
    expect(rulesOf(flagsOf([project], [onboarded]))).toEqual(['appproject-broadened']);
  });

  test('does not flag a narrower project', () => {
    const narrower = changed(project, (p) => { (p.spec as any).destinations = []; });
    expect(flagsOf([project], [narrower])).toEqual([]);
  });
});
