/**
 * What the charts or the cluster would refuse is refused by validation first
 * (`npm run synth`), with file, field, value and fix: Helm value overrides the
 * chart does not declare or its schema refuses, images from registries the
 * cluster's admission policy refuses, and overrides that take a replicated
 * platform workload out of high availability.
 */
import { DEFAULT_ALLOWED_REGISTRIES } from '../../src/spec/admission';
import { fromRegistry } from '../../src/security/admission/registries';
import { ClusterInput } from '../../src/spec/cluster';
import { loadPlatform } from '../../src/definition/load';
import { DefinitionError, Problem } from '../../src/spec/problems';
import { fixtureSources } from '../support/platform';
import { addonContext } from '../../src/addons/addon-context';
import { CATALOG } from '../../src/addons/catalog';
import { getPath, releaseValues } from '../../src/addons/knobs';
import { PLATFORM_PRIORITY_CLASS } from '../../src/addons/platform-priority-class';

/** The problems of the fixture organisation with cluster `name` patched. */
function problemsWith(name: string, patch: (c: ClusterInput) => ClusterInput): Problem[] {
  const sources = fixtureSources();
  const clusters = sources.clusters.map((c) => (c.name === name ? patch(JSON.parse(JSON.stringify(c))) : c));
  try {
    loadPlatform({ ...sources, clusters });
    return [];
  } catch (e) {
    if (!(e instanceof DefinitionError)) throw e;
    return [...e.problems];
  }
}

const withValues = (addon: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => (c: ClusterInput): ClusterInput =>
  ({ ...c, addons: { ...c.addons, overrides: { ...(c.addons?.overrides ?? {}), [addon]: { ...extra, values } } } } as ClusterInput);

describe('add-on value overrides', () => {
  test('the fixture organisation passes', () => {
    expect(problemsWith('prod-eu1', (c) => c)).toEqual([]);
  });

  test('a key the chart does not declare is refused with file, field, value and the chart\'s closest key', () => {
    const [p, ...rest] = problemsWith('prod-eu1', withValues('cert-manager', { replicaCont: 5 }));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ file: 'platform/clusters.ts', path: 'clusters[2].addons.overrides.cert-manager.values.replicaCont', value: 5 });
    expect(p.message).toMatch(/^is not a value chart cert-manager v1\.21\.1 declares \(did you mean "replicaCount"\?\); the chart would ignore it/);
  });

  test('nested dead keys are refused too (the keys the issue found)', () => {
    const paths = problemsWith('prod-eu1', withValues('external-secrets', { webhook: { serviceMonitor: { enabled: true } } })).map((p) => p.path);
    expect(paths).toEqual(['clusters[2].addons.overrides.external-secrets.values.webhook.serviceMonitor']);
    const falco = problemsWith('prod-eu1', withValues('falco', { priorityClassName: 'x' }));
    expect(falco.map((p) => p.message)).toEqual([expect.stringContaining('did you mean "podPriorityClassName"')]);
  });

  test('an override of an add-on that is off is checked as well', () => {
    expect(problemsWith('dev-eu1', withValues('falco', { priorityClassName: 'platform-critical' })).map((p) => p.path))
      .toEqual(['clusters[0].addons.overrides.falco.values.priorityClassName']);
  });

  test('a value the chart\'s values.schema.json refuses is refused at its path', () => {
    expect(problemsWith('prod-eu1', withValues('velero', { upgradeCRDs: 'yes' }))).toEqual([{
      file: 'platform/clusters.ts', path: 'clusters[2].addons.overrides.velero.values.upgradeCRDs', value: 'yes',
      message: 'must be boolean (values.schema.json of chart velero 11.0.0)',
    }]);
  });

  test('declared values and free-form maps the chart passes through are accepted', () => {
    expect(problemsWith('prod-eu1', withValues('ingress-nginx', { controller: { config: { 'proxy-body-size': '8m' }, resources: { limits: { memory: '1Gi' } } } }))).toEqual([]);
  });
});

describe('overrides of one release of an add-on with several (istio: istio-base, istiod)', () => {
  const withRelease = (release: string, values: Record<string, unknown>) => (c: ClusterInput): ClusterInput =>
    ({ ...c, addons: { ...c.addons, overrides: { ...(c.addons?.overrides ?? {}), istio: { enabled: true, releases: { [release]: { values } } } } } } as ClusterInput);

  test('are checked against that release\'s chart, and reach its values', () => {
    expect(problemsWith('prod-eu1', withRelease('istiod', { pilot: { autoscaleMax: 10 } }))).toEqual([]);
    const dead = problemsWith('prod-eu1', withRelease('istiod', { pilot: { securityContext: { runAsNonRoot: true } } }));
    expect(dead.map((p) => p.path)).toEqual(['clusters[2].addons.overrides.istio.releases.istiod.values.pilot.securityContext']);
    // istio-base's chart declares no replicaCount: the same key is refused there, accepted for istiod.
    expect(problemsWith('prod-eu1', withRelease('istio-base', { replicaCount: 3 })).map((p) => p.path))
      .toEqual(['clusters[2].addons.overrides.istio.releases.istio-base.values.replicaCount']);
    const platform = loadPlatform({ ...fixtureSources(), clusters: fixtureSources().clusters.map((c) => (c.name === 'prod-eu1' ? withRelease('istiod', { pilot: { autoscaleMax: 10 } })(JSON.parse(JSON.stringify(c))) : c)) });
    const cluster = platform.clusters.find((c) => c.name === 'prod-eu1')!;
    const ctx = addonContext(CATALOG.istio, platform, cluster);
    expect(getPath(releaseValues(CATALOG.istio, 'istiod', ctx, PLATFORM_PRIORITY_CLASS), 'pilot.autoscaleMax')).toBe(10);
    expect(getPath(releaseValues(CATALOG.istio, 'istio-base', ctx, PLATFORM_PRIORITY_CLASS), 'pilot')).toBeUndefined();
  });

  test('a release the add-on does not have is refused with its releases', () => {
    const [p, ...rest] = problemsWith('prod-eu1', withRelease('istio-cni', { cni: {} }));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ path: 'clusters[2].addons.overrides.istio.releases.istio-cni', message: 'is not a release of istio; its releases are istio-base, istiod' });
  });

  test('high availability holds for the release\'s workloads', () => {
    expect(problemsWith('prod-eu1', withRelease('istiod', { replicaCount: 1 })).map((p) => [p.path, p.value]))
      .toEqual([['clusters[2].addons.overrides.istio.releases.istiod.values.replicaCount', 1]]);
  });
});

describe('registries', () => {
  test('an override pointing an image outside the allow-list is refused at the override', () => {
    const problems = problemsWith('prod-eu1', withValues('cert-manager', { webhook: { image: { repository: 'evil.example.com/webhook' } } }));
    expect(problems).toEqual([expect.objectContaining({ path: 'clusters[2].addons.overrides.cert-manager.values', value: 'evil.example.com/webhook:v1.21.1' })]);
    expect(problems[0].message).toMatch(/registry the cluster's admission policy refuses .*point the override at an allowed registry/);
  });

  test('on the air-gapped cluster an override back to the upstream registry is refused', () => {
    const problems = problemsWith('prod-onprem1', withValues('gatekeeper', { postInstall: { probeWebhook: { image: { repository: 'curlimages/curl' } } } }));
    expect(problems.map((p) => [p.path, p.value])).toEqual([['clusters[3].addons.overrides.gatekeeper.values', 'curlimages/curl:8.20.0']]);
  });

  test('an allow-list without a registry an add-on pulls from is refused at admission.allowedRegistries', () => {
    const problems = problemsWith('prod-eu1', (c) => ({ ...c, admission: { ...c.admission, allowedRegistries: DEFAULT_ALLOWED_REGISTRIES.filter((r) => r !== 'mirror.gcr.io/aquasec') } }));
    expect(new Set(problems.map((p) => p.path))).toEqual(new Set(['clusters[2].admission.allowedRegistries']));
    expect(problems.map((p) => p.value)).toContain('mirror.gcr.io/aquasec/trivy-db:2');
    expect(problems[0].message).toMatch(/add its registry to admission\.allowedRegistries or switch trivy-operator off/);
  });

  test('a registry matches as a host or path prefix followed by /', () => {
    expect(fromRegistry('quay.io/x:1', ['quay.io'])).toBe(true);
    expect(fromRegistry('quay.io.evil.com/x:1', ['quay.io'])).toBe(false);
    expect(fromRegistry('registry.corp/platform/x:1', ['registry.corp/platform'])).toBe(true);
  });
});

describe('high availability of the platform\'s own workloads', () => {
  test('an override below the profile\'s replicas, without PodDisruptionBudget or without spread is refused', () => {
    const problems = problemsWith('prod-eu1', withValues('cert-manager', { replicaCount: 1, webhook: { podDisruptionBudget: { enabled: false } }, cainjector: { topologySpreadConstraints: [] } }));
    expect(problems.map((p) => [p.path, p.value])).toEqual([
      ['clusters[2].addons.overrides.cert-manager.values.cainjector.topologySpreadConstraints', []],
      ['clusters[2].addons.overrides.cert-manager.values.replicaCount', 1],
      ['clusters[2].addons.overrides.cert-manager.values.webhook.podDisruptionBudget', { enabled: false }],
    ]);
    expect(problems[1].message).toBe('must be at least 3: the profile runs the controller Deployment with 3 replicas for high availability (profile enterprise); remove the override');
  });

  test('the small profile runs single replicas, so the same override is fine there', () => {
    expect(problemsWith('dev-eu1', withValues('cert-manager', { replicaCount: 1 }))).toEqual([]);
  });
});

describe('the default allow-list', () => {
  test('allows every image the add-ons pull on every profile', () => {
    for (const profile of ['small', 'medium', 'enterprise'] as const) {
      const problems = problemsWith('prod-eu1', (c) => {
        const { allowedRegistries: _omitted, ...admission } = c.admission!;
        return { ...c, admission, addons: { ...c.addons, profile } } as ClusterInput;
      });
      expect([profile, problems.filter((p) => p.path.includes('allowedRegistries'))]).toEqual([profile, []]);
    }
  });
});
