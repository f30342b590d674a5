/**
 * Images: what every cluster pulls is what the charts' templates build from
 * the rendered values (tag composition, digests, suffixes, registry and
 * repository joins, images chosen by controller flags and config), it equals
 * the pin, `dist/images.txt` lists exactly that, an air-gapped cluster pulls
 * every one from its mirror, and every image value a chart declares is either
 * an add-on image or accounted for as not pulled.
 */
import { addonContext, upstreamImageRef } from '../../src/addons/addon-context';
import { CHARTS } from '../../imports/charts';
import { CATALOG } from '../../src/addons/catalog';
import { UNPULLED_IMAGE_VALUES } from '../../src/addons/chart-image-values';
import { formatImage, mirrorImageRef, parseImage } from '../../src/addons/image-ref';
import { imagesFile } from '../../src/addons/images-list';
import { pulledImages } from '../../src/addons/pulled-images';
import { PIN_DEVIATIONS } from '../../src/addons/versions';
import { coalesceValues } from '../../src/addons/chart-values';
import { falcoctlArtifacts } from '../../src/addons/falco';
import { getPath } from '../../src/addons/knobs';
import { releaseCases } from '../support/addon-releases';
import { fixtureFiles, fixturePlatform } from '../support/platform';
import { isJsonObject } from '../../src/contracts/json-values';

const cases = releaseCases();
const firstReleases = cases.filter((c) => c.release === c.addon.releases[0]);
const normal = (ref: string) => formatImage(parseImage(ref));

describe('images every cluster pulls', () => {
  test('are what the pins say, as the charts build them from the rendered values', () => {
    const wrong: string[] = [];
    for (const c of firstReleases) {
      const upstream = pulledImages(c.addon, addonContext(c.addon, c.platform, c.cluster, undefined, true));
      for (const i of upstream) {
        const pin = upstreamImageRef(c.addon.images[i.key].ref, c.cluster);
        if (normal(i.ref) !== normal(pin)) wrong.push(`${c.where} ${c.addon.name}/${i.key}: pulls ${i.ref}, pin ${pin}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('on an air-gapped cluster all come from the mirror, each the mirror copy of its upstream reference', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const c of firstReleases.filter((x) => x.cluster.mirrors)) {
      const upstream = pulledImages(c.addon, addonContext(c.addon, c.platform, c.cluster, undefined, true));
      const actual = pulledImages(c.addon, c.ctx);
      actual.forEach((a, i) => {
        checked++;
        const expected = mirrorImageRef(upstream[i].ref, c.cluster.mirrors!.registry);
        if (a.ref !== expected) wrong.push(`${c.where} ${c.addon.name}/${a.key}: pulls ${a.ref}, mirror copy is ${expected}`);
      });
    }
    expect(checked).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  test('dist/images.txt lists exactly the images each cluster pulls', () => {
    const platform = fixturePlatform();
    const lines = fixtureFiles().get('images.txt')!.split('\n').filter((l) => l && !l.startsWith('#'));
    const listed = new Set(lines.flatMap((l) => { const [up, , clusters] = l.split(' '); return clusters.split(',').map((c) => `${c} ${up}`); }));
    for (const c of firstReleases.filter((x) => x.where.startsWith('fixture/'))) {
      for (const i of pulledImages(c.addon, addonContext(c.addon, platform, c.cluster, undefined, true))) {
        expect(listed).toContain(`${c.cluster.name} ${i.ref}`);
      }
    }
    // The images the issue found missing or wrong are listed as pulled.
    for (const ref of [
      'quay.io/jetstack/cert-manager-acmesolver:v1.21.1',
      'docker.io/curlimages/curl:8.20.0',
      'mirror.gcr.io/aquasec/trivy-db:2',
      'mirror.gcr.io/aquasec/trivy-java-db:1',
      'mirror.gcr.io/aquasec/trivy-checks:1',
      'quay.io/prometheus/node-exporter:v1.12.1-distroless',
      'ghcr.io/falcosecurity/rules/falco-rules:4',
    ]) expect([...listed].some((l) => l.endsWith(` ${ref}`))).toBe(true);
    expect([...listed].some((l) => l.includes('-distroless-distroless'))).toBe(false);
  });

  test('every OCI artifact an add-on\'s pods fetch at run time is one of its images, so it is listed and, air-gapped, fetched from the mirror', () => {
    const unlisted: string[] = [];
    let checked = 0;
    for (const c of firstReleases.filter((x) => x.addon.runtimeArtifacts)) {
      const pulled = new Set(pulledImages(c.addon, c.ctx).map((i) => i.ref));
      for (const ref of c.addon.runtimeArtifacts!(c.effective)) {
        checked++;
        if (!pulled.has(ref)) unlisted.push(`${c.where} ${c.addon.name}: ${ref}`);
        if (c.cluster.mirrors && !ref.startsWith(`${c.cluster.mirrors.registry}/`)) unlisted.push(`${c.where} ${c.addon.name}: ${ref} is not in the mirror`);
      }
    }
    expect(checked).toBeGreaterThan(6);
    expect(unlisted).toEqual([]);
  });

  test('falcoctl: the chart\'s default references resolve through the falcosecurity index on the internet; an air-gapped cluster names full mirror references and no index', () => {
    // What falco 6.0.0 fetches with its defaults (falco-rules:4 through the index, the container plugin the helper adds).
    expect(falcoctlArtifacts(coalesceValues(CHARTS.falco.defaults, {}))).toEqual([
      'ghcr.io/falcosecurity/rules/falco-rules:4', 'ghcr.io/falcosecurity/plugins/plugin/container:0.2.6',
    ]);
    const airGapped = cases.filter((c) => c.addon.name === 'falco' && c.cluster.mirrors);
    expect(airGapped.length).toBeGreaterThan(0);
    for (const c of airGapped) {
      expect([c.where, getPath(c.effective, 'falcoctl.config.indexes')]).toEqual([c.where, []]);
      expect([c.where, getPath(c.effective, 'falcoctl.config.artifact.install.resolveDeps')]).toEqual([c.where, false]);
      expect(falcoctlArtifacts(c.effective)).toEqual([
        `${c.cluster.mirrors!.registry}/ghcr.io/falcosecurity/rules/falco-rules:4`,
        `${c.cluster.mirrors!.registry}/ghcr.io/falcosecurity/plugins/plugin/container:0.2.6`,
      ]);
    }
  });

  test('the list maps an image to its mirror in one line per reference', () => {
    expect(imagesFile([{ cluster: 'a', image: 'registry.k8s.io/x/y:v1@sha256:' + 'a'.repeat(64), mirror: 'm.example.com' }]))
      .toContain(`registry.k8s.io/x/y:v1@sha256:${'a'.repeat(64)} m.example.com/registry.k8s.io/x/y:v1@sha256:${'a'.repeat(64)} a`);
  });
});

describe('image values the charts declare', () => {
  const knobParents = new Map<string, Set<string>>();
  for (const addon of Object.values(CATALOG)) {
    for (const image of Object.values(addon.images)) {
      const chart = addon.releases.find((r) => r.name === (image.release ?? addon.releases[0].name))!.chart.chart;
      const set = knobParents.get(chart) ?? new Set<string>();
      knobParents.set(chart, set);
      for (const k of image.knobs) {
        const p = 'full' in k ? k.full : 'hub' in k ? k.hub : k.repository;
        set.add(p.split('.').slice(0, -1).join('.'));
      }
    }
  }
  /** Paths of objects with an image repository (`repository` or `image` string beside a tag, registry, digest, sha or release). */
  function imageBlocks(v: unknown, at: string[] = [], out: string[] = []): string[] {
    if (!isJsonObject(v)) return out;
    const keys = Object.keys(v);
    const named = typeof v.repository === 'string' || typeof v.image === 'string' || v.repository === null;
    if (named && keys.some((k) => ['tag', 'registry', 'digest', 'sha', 'release'].includes(k))) out.push(at.join('.'));
    for (const k of keys) imageBlocks(v[k], [...at, k], out);
    return out;
  }

  test('are each an add-on image or listed as not pulled, with the reason', () => {
    const unaccounted: string[] = [];
    for (const [chart, data] of Object.entries(CHARTS)) {
      for (const block of imageBlocks(data.defaults)) {
        if (knobParents.get(chart)?.has(block) || UNPULLED_IMAGE_VALUES[chart]?.[block]) continue;
        unaccounted.push(`${chart} ${block}`);
      }
    }
    expect(unaccounted).toEqual([]);
  });

  test('listed as not pulled are not rendered on any cluster, and each is still in its chart', () => {
    const rendered: string[] = [];
    for (const c of cases) {
      for (const [block, entry] of Object.entries(UNPULLED_IMAGE_VALUES[c.release.chart.chart] ?? {})) {
        if (entry.rendered?.(c.effective)) rendered.push(`${c.where} ${c.release.chart.chart} ${block}`);
      }
    }
    expect(rendered).toEqual([]);
    for (const [chart, entries] of Object.entries(UNPULLED_IMAGE_VALUES)) {
      const blocks = imageBlocks(CHARTS[chart].defaults);
      for (const block of Object.keys(entries)) expect(`${chart} ${blocks.includes(block)}`).toBe(`${chart} true`);
    }
  });
});

describe('pins', () => {
  test('every pinned image is the pinned chart version\'s default, or a deviation explained in versions.ts', () => {
    const platform = fixturePlatform();
    const cluster = platform.clusters[0];
    const undocumented: string[] = [];
    const stale: string[] = [];
    for (const addon of Object.values(CATALOG)) {
      for (const [key, image] of Object.entries(addon.images)) {
        const release = addon.releases.find((r) => r.name === (image.release ?? addon.releases[0].name))!;
        const ctx = addonContext(addon, platform, cluster, undefined, true);
        const chartDefault = image.pulled.ref(coalesceValues(CHARTS[release.chart.chart].defaults, {}), ctx);
        const pin = upstreamImageRef(image.ref, cluster);
        let same = false;
        try { same = normal(chartDefault) === normal(pin); } catch { same = false; }
        const explained = PIN_DEVIATIONS[addon.name]?.[key];
        if (!same && !explained) undocumented.push(`${addon.name}/${key}: chart default ${chartDefault || '(none)'}, pin ${pin}`);
        if (same && explained) stale.push(`${addon.name}/${key}`);
      }
    }
    expect(undocumented).toEqual([]);
    expect(stale).toEqual([]);
  });
});
