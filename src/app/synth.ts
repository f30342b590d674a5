/**
 * Validate, render and write: the whole of `npm run synth` as functions.
 */
import { RenderedFiles } from '../render/render';
import { writeTreeAtomically } from '../render/write';
import { tenantJsonSchema, TENANT_SCHEMA_FILE } from '../spec/json-schema';
import { loadPlatform, PlatformSources } from '../spec/load';
import { PlatformSpec } from '../spec/model';
import { imagesFile } from '../addons/images-list';
import { renderPlatform } from './render-platform';
import { standardRenderOptions } from './standard';

/** What a synth run produced. */
export interface SynthSummary {
  readonly objectCount: number;
  readonly fileCount: number;
  readonly clusters: readonly string[];
}

/**
 * Every file of `dist/` for a validated platform, rendered with the standard
 * options: the objects, `images.txt` and the tenant JSON Schema.
 *
 * @returns the files (path under `dist/` → content) and the object count
 * @throws Error when rendering fails (passes or collector problems)
 */
export function renderDist(platform: PlatformSpec): { files: RenderedFiles; objectCount: number } {
  const result = renderPlatform(platform, standardRenderOptions(platform));
  const files = new Map(result.files);
  files.set('images.txt', imagesFile(result.clusterImages));
  files.set(TENANT_SCHEMA_FILE, tenantJsonSchema(platform.settings, platform.clusters));
  return { files, objectCount: result.objectCount };
}

/**
 * Validates `sources`, renders the platform with the standard options, and
 * replaces `outDir` with the result.
 *
 * @throws DefinitionError when the definition is invalid; Error when rendering
 *   fails. In both cases `outDir` is left untouched.
 */
export function renderPlatformToDist(sources: PlatformSources, outDir: string): SynthSummary {
  const platform = loadPlatform(sources);
  const { files, objectCount } = renderDist(platform);
  writeTreeAtomically(outDir, files);
  return { objectCount, fileCount: files.size, clusters: platform.clusters.map((c) => c.name) };
}
