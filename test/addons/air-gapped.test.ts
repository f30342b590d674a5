/**
 * Air-gapped clusters: nothing rendered for prod-onprem1 — no object, no
 * Helm value — references a registry other than its mirror, every chart
 * comes from the chart mirror, and dist/images.txt maps every image to it.
 */
import { CATALOG } from '../../src/addons/catalog';
import { addonContext } from '../../src/addons/addon-context';
import { enabledAddons } from '../../src/addons/enablement';
import { mirrorImageRef, parseImage } from '../../src/addons/image-ref';
import { readImageKnob, releaseValues, used } from '../../src/addons/knobs';
import { allowedRegistries } from '../../src/security/admission/registries';
import { KubeObject } from '../../src/render/manifests';
import { fixtureFiles, fixtureObjects, fixturePlatform } from '../support/platform';

const MIRROR = 'registry.corp.example.com';
const CHARTS = 'https://charts.corp.example.com';
const UPSTREAM = /(^|[^/\w.-])(quay\.io|registry\.k8s\.io|docker\.io|ghcr\.io|gcr\.io|mirror\.gcr\.io|public\.ecr\.aws|k8s\.gcr\.io)\//;
const IMAGE_KEYS = new Set(['image', 'registry', 'hub', 'repository', 'dbRepository', 'javaDbRepository']);
/** The registry key a chart joins with a repository key (`trivy.dbRegistry` + `trivy.dbRepository`, trivy-operator templates/configmaps/trivy.yaml). */
const REGISTRY_OF: Readonly<Record<string, string>> = { image: 'registry', repository: 'registry', dbRepository: 'dbRegistry', javaDbRepository: 'javaDbRegistry' };

/** Every string of `value` that names an image or registry outside `mirror`, with its path. */
export function foreignRegistryRefs(value: unknown, mirror: string, path = ''): string[] {
  const out: string[] = [];
  if (typeof value === 'string') {
    if (UPSTREAM.test(value) && !value.startsWith(`${mirror}/`)) out.push(`${path}: ${value}`);
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...foreignRegistryRefs(v, mirror, `${path}[${i}]`)));
    return out;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      const p = `${path}.${k}`;
      if (IMAGE_KEYS.has(k) && typeof v === 'string') {
        const registry = REGISTRY_OF[k] ? o[REGISTRY_OF[k]] : undefined;
        const qualified = typeof registry === 'string' ? `${registry}/${v}` : v;
        if (!qualified.startsWith(mirror)) out.push(`${p}: ${v}`);
      } else {
        out.push(...foreignRegistryRefs(v, mirror, p));
      }
    }
  }
  return out;
}

const objects = fixtureObjects('clusters/prod-onprem1/');
const platform = fixturePlatform();
const cluster = platform.clusters.find((c) => c.name === 'prod-onprem1')!;

describe('air-gapped cluster prod-onprem1', () => {
  test('is declared with both mirrors and renders add-ons', () => {
    expect(cluster.mirrors).toEqual({ registry: MIRROR, charts: CHARTS });
    expect(objects.filter((o) => o.object.kind === 'HelmRelease').length).toBeGreaterThan(10);
  });

  test('no rendered object or Helm value references another registry', () => {
    const found = objects.flatMap(({ path, object }) => foreignRegistryRefs(object, MIRROR).map((f) => `${path} ${f}`));
    expect(found).toEqual([]);
  });

  test('the check finds a planted upstream reference in values and in a pod template', () => {
    const release = objects.find((o) => o.object.kind === 'HelmRelease')!.object;
    const planted = JSON.parse(JSON.stringify(release)) as KubeObject;
    (planted.spec as any).values.extra = { image: { registry: 'quay.io', repository: 'x/y', tag: 'v1' }, sidecar: 'ghcr.io/a/b:1' };
    expect(foreignRegistryRefs(planted, MIRROR)).toEqual(['.spec.values.extra.image.registry: quay.io', '.spec.values.extra.image.repository: x/y', '.spec.values.extra.sidecar: ghcr.io/a/b:1']);
    const pod = { spec: { containers: [{ image: 'busybox:1.36' }] } };
    expect(foreignRegistryRefs(pod, MIRROR)).toEqual(['.spec.containers[0].image: busybox:1.36']);
  });

  test('every chart comes from the chart mirror', () => {
    const repos = objects.filter((o) => o.object.kind === 'HelmRepository').map((o) => (o.object.spec as any).url as string);
    expect(repos.length).toBeGreaterThan(10);
    expect(repos.filter((u) => !u.startsWith(`${CHARTS}/`))).toEqual([]);
  });

  test('every declared image knob of every enabled add-on reads back the mirror reference', () => {
    const wrong: string[] = [];
    for (const name of enabledAddons(cluster)) {
      const addon = CATALOG[name];
      const ctx = addonContext(addon, platform, cluster);
      for (const [key, image] of Object.entries(addon.images)) {
        if (!used(image, ctx)) continue;
        const values = releaseValues(addon, image.release ?? addon.releases[0].name, ctx, 'platform-critical');
        const upstream = parseImage(image.ref.replace('<minor>', cluster.kubernetesVersion));
        const expected = `${MIRROR}/${upstream.registry}/${upstream.repository}`;
        for (const knob of image.knobs) {
          const name = upstream.repository.split('/').pop()!;
          const got = readImageKnob(values, knob, name);
          if (!got || !(got === expected || got === `${expected}:${upstream.tag}`)) wrong.push(`${addon.name}/${key}: ${got} (expected ${expected})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('the admission policy allows only the mirror registry', () => {
    expect(allowedRegistries(cluster)).toEqual([MIRROR]);
    const constraint = fixtureObjects('clusters/prod-onprem1/platform/admission/')
      .find((o) => o.object.kind === 'PlatformAllowedRegistries')!.object;
    expect((constraint.spec as any).parameters.allowedRegistries).toEqual([MIRROR]);
    const cloud = platform.clusters.find((c) => c.name === 'prod-eu1')!;
    expect(allowedRegistries(cloud)).toEqual(cloud.admission.allowedRegistries);
  });

  test('dist/images.txt maps every image of the cluster to the mirror, in the documented format', () => {
    const lines = fixtureFiles().get('images.txt')!.split('\n').filter((l) => l && !l.startsWith('#'));
    for (const line of lines) expect(line).toMatch(/^\S+ \S+ [a-z0-9-]+(,[a-z0-9-]+)*$/);
    const onprem = lines.filter((l) => l.split(' ')[2].split(',').includes('prod-onprem1'));
    expect(onprem.length).toBeGreaterThan(20);
    for (const line of onprem) {
      const [upstream, mirror] = line.split(' ');
      expect(mirror).toBe(mirrorImageRef(upstream, MIRROR));
    }
    expect(onprem.map((l) => l.split(' ')[0])).toContain('quay.io/jetstack/cert-manager-controller:v1.21.1');
  });
});
