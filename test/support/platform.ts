/**
 * The default platform, loaded and rendered once per test file.
 */
import * as path from 'path';
import { parse } from 'yaml';
import { renderDist } from '../../src/app/synth';
import { defaultPlatformSources } from '../../src/platform';
import { KubeObject } from '../../src/render/manifests';
import { loadPlatform, PlatformSources } from '../../src/spec/load';
import { PlatformSpec } from '../../src/spec/model';

/** The project root. */
export const ROOT = path.resolve(__dirname, '../..');

let cached: { platform: PlatformSpec; files: Map<string, string> } | undefined;

/** The default platform's sources, read from `src/platform/` and `tenants/`. */
export function defaultSources(): PlatformSources {
  return defaultPlatformSources(ROOT);
}

/** The default platform, validated. */
export function defaultPlatform(): PlatformSpec {
  return rendered().platform;
}

/** Every file the default platform renders (path under `dist/` → content). */
export function defaultFiles(): Map<string, string> {
  return rendered().files;
}

function rendered() {
  if (!cached) {
    const platform = loadPlatform(defaultSources());
    cached = { platform, files: renderDist(platform).files };
  }
  return cached;
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
    if (!p.startsWith(prefix) || !p.endsWith('.yaml') || p.includes('/control-plane/')) continue;
    const object = parse(text) as KubeObject;
    if (object && typeof object.apiVersion === 'string' && typeof object.kind === 'string') out.push({ path: p, object });
  }
  return out;
}

/** Objects of the default platform, optionally only under `dist/<prefix>`. */
export function defaultObjects(prefix = ''): RenderedObject[] {
  return objectsOf(defaultFiles(), prefix);
}
