/**
 * The platforms tests render, each loaded and rendered once per test file:
 * - the fixture organisation (`test/fixtures/example-org/`), which the
 *   library's tests run on;
 * - the repository's default platform, only for the test that the committed
 *   `dist/` is fresh.
 */
import * as path from 'path';
import { parse } from 'yaml';
import { renderDist } from '../../src/app/synth';
import defaultPlatform from '../../main';
import { KubeObject } from '../../src/render/manifests';
import { loadPlatform, PlatformSources } from '../../src/definition/load';
import { PlatformSpec } from '../../src/spec/model';
import { fixtureOrgSources } from '../fixtures/example-org';

/** The project root. */
export const ROOT = path.resolve(__dirname, '../..');

let cached: { platform: PlatformSpec; files: Map<string, string> } | undefined;

/** The fixture organisation's sources (`test/fixtures/example-org/`). */
export function fixtureSources(): PlatformSources {
  return fixtureOrgSources();
}

/** The fixture organisation, validated. */
export function fixturePlatform(): PlatformSpec {
  return rendered().platform;
}

/** Every file the fixture organisation renders (path under `dist/` → content). */
export function fixtureFiles(): Map<string, string> {
  return rendered().files;
}

function rendered() {
  if (!cached) {
    const platform = loadPlatform(fixtureSources());
    cached = { platform, files: renderDist(platform).files };
  }
  return cached;
}

/** Every file the repository's default platform renders: only for the freshness of the committed `dist/`. */
export function defaultPlatformFiles(): Map<string, string> {
  return defaultPlatform.render();
}

/** A rendered object with the file it came from. */
export interface RenderedObject {
  readonly path: string;
  readonly object: KubeObject;
}

/** Every Kubernetes object among `files` (YAML files other than config files), parsed. */
export function objectsOf(files: Map<string, string>, prefix = ''): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const [p, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (!p.startsWith(prefix) || !p.endsWith('.yaml') || p.includes('/control-plane/') || p.includes('/gitops-engine/')) continue;
    const object = parse(text) as KubeObject;
    if (object && typeof object.apiVersion === 'string' && typeof object.kind === 'string') out.push({ path: p, object });
  }
  return out;
}

/** Objects of the fixture organisation, optionally only under `dist/<prefix>`. */
export function fixtureObjects(prefix = ''): RenderedObject[] {
  return objectsOf(fixtureFiles(), prefix);
}
