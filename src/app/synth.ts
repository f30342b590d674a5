/**
 * Validate, render and write: the whole of `npm run synth` as one function.
 */
import { writeTreeAtomically } from '../render/write';
import { tenantJsonSchema, TENANT_SCHEMA_FILE } from '../spec/json-schema';
import { loadPlatform, PlatformSources } from '../spec/load';
import { imagesFile, renderPlatform } from './render-platform';
import { standardRenderOptions } from './standard';

/** What a synth run produced. */
export interface SynthSummary {
  readonly objectCount: number;
  readonly fileCount: number;
  readonly clusters: readonly string[];
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
  const result = renderPlatform(platform, standardRenderOptions());
  const files = new Map(result.files);
  files.set('images.txt', imagesFile(result.images));
  files.set(TENANT_SCHEMA_FILE, tenantJsonSchema(platform.settings, platform.clusters));
  writeTreeAtomically(outDir, files);
  return { objectCount: result.objectCount, fileCount: files.size, clusters: platform.clusters.map((c) => c.name) };
}
