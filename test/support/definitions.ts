/**
 * Builds variations of the fixture organisation definition for validation tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { ClusterInput } from '../../src/spec/cluster';
import { PlatformSources, TenantFile } from '../../src/definition/load';
import { DefinitionError, Problem } from '../../src/spec/problems';
import { loadPlatform } from '../../src/definition/load';
import { fixtureSources } from './platform';
import { scratchDir } from './scratch-dir';

/** The default sources with tenant file `file` replaced (or added) by `text`, or removed when `text` is undefined. */
export function withTenantFile(file: string, text: string | undefined, base: PlatformSources = fixtureSources()): PlatformSources {
  const others = base.tenantFiles.filter((f) => f.file !== file);
  const tenantFiles: TenantFile[] = text === undefined ? others : [...others, { file, text }];
  return { ...base, tenantFiles };
}

/** The default sources with the parsed tenant `name` changed by `mutate` (and saved under `file`, default its own). */
export function mutateTenant(name: string, mutate: (doc: any) => void, file = `tenants/${name}.yaml`, base: PlatformSources = fixtureSources()): PlatformSources {
  const original = base.tenantFiles.find((f) => f.file === `tenants/${name}.yaml`);
  if (!original) throw new Error(`no tenant file tenants/${name}.yaml`);
  const doc = parse(original.text);
  mutate(doc);
  const withoutOriginal = file === original.file ? base : withTenantFile(original.file, original.text, base);
  return withTenantFile(file, stringify(doc), withoutOriginal);
}

/** The default sources with the clusters changed by `mutate` (on a deep copy). */
export function mutateClusters(mutate: (clusters: any[]) => void, base: PlatformSources = fixtureSources()): PlatformSources {
  const clusters = JSON.parse(JSON.stringify(base.clusters)) as ClusterInput[];
  mutate(clusters);
  return { ...base, clusters };
}

/** The problems `loadPlatform` reports for `sources`; fails when it accepts them. */
export function problemsOf(sources: PlatformSources): Problem[] {
  try {
    loadPlatform(sources);
  } catch (e) {
    if (e instanceof DefinitionError) return [...e.problems];
    throw e;
  }
  throw new Error('the definition was accepted, but problems were expected');
}

/** A temporary folder holding a copy of `files`, for checking that a failed render leaves it unchanged. */
export function tempDistWith(files: Record<string, string>): string {
  const dir = scratchDir('platform-dist-');
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** Every file under `dir` with its content, by relative path. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * Add-on choices for small test clusters that declare neither backup
 * locations nor a DNS provider: the small profile with Velero and
 * external-dns switched off, which otherwise need those fields.
 */
export const TEST_CLUSTER_ADDONS: NonNullable<ClusterInput['addons']> = {
  profile: 'small',
  overrides: {
    'velero': { enabled: false, reason: 'the test cluster declares no backup storage' },
    'external-dns': { enabled: false, reason: 'the test cluster declares no DNS provider' },
  },
};
