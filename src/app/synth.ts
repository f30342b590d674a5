/**
 * Validate, render and write: the whole of `npm run synth` as functions.
 *
 * `dist/` holds every unit's files (see `renderUnits`), plus `images.txt`,
 * the tenant JSON Schema and the overview `README.md` (see `dist-units.ts`).
 * Large platforms render on several threads, each writing its own files,
 * with byte-identical results.
 */
import { distExtras, renderDistFiles, renderDistUnits, UnitCallback } from '../assembly/dist-units';
import { RenderRecipe } from '../assembly/render-recipe';
import { renderUnits } from '../assembly/render-platform';
import { autoThreads, renderDistUnitsInThreads } from '../assembly/render-threads';
import { RenderedFiles } from '../render/render';
import { isEngineOwnedFolder } from '../render/layout';
import { FolderWriter, StagedFolder, writeTreeAtomically } from '../render/write';
import { loadPlatform, PlatformSources } from '../definition/load';
import { PlatformSpec } from '../spec/model';
import { standardRecipe } from './standard';

/** What a synth run produced. */
export interface SynthSummary {
  readonly objectCount: number;
  readonly fileCount: number;
  readonly clusters: readonly string[];
}

/**
 * Every file of `dist/` for a validated platform, rendered on this thread:
 * the objects, `images.txt`, the tenant JSON Schema and the overview `README.md`.
 *
 * @param recipe what to render with
 * @default recipe - the standard components, parts and passes
 * @returns the files (path under `dist/` → content) and the object count
 * @throws RenderError when rendering fails (passes or collector problems)
 */
export function renderDist(platform: PlatformSpec, recipe: RenderRecipe = standardRecipe): { files: RenderedFiles; objectCount: number } {
  return renderDistFiles(platform, recipe.renderOptions(platform));
}

/**
 * Validates `sources`, renders the platform on this thread, and replaces
 * `outDir` with the result (engine-owned folders such as Flux's
 * `bootstrap/flux-system/` are carried over, see `isEngineOwnedFolder`).
 *
 * @throws DefinitionError when the definition is invalid; Error when rendering
 *   fails. In both cases `outDir` is left untouched.
 */
export function renderPlatformToDist(sources: PlatformSources, outDir: string, recipe: RenderRecipe = standardRecipe): SynthSummary {
  const platform = loadPlatform(sources);
  const { files, objectCount } = renderDist(platform, recipe);
  writeTreeAtomically(outDir, files, isEngineOwnedFolder);
  return { objectCount, fileCount: files.size, clusters: platform.clusters.map((c) => c.name) };
}

/** Options of {@link synthPlatform}. */
export interface SynthOptions {
  /**
   * Render threads, this one included. `auto`: one per available CPU when the
   * platform is large enough to gain from it (see `autoThreads`), else 1.
   * Recipes without a worker location render on one thread.
   * @default 'auto'
   */
  readonly threads?: number | 'auto';
  /**
   * Called after each unit (cluster or fleet) is rendered, e.g. to show progress.
   * @default - nothing
   */
  readonly onUnit?: UnitCallback;
  /**
   * What to render with.
   * @default - the standard components, parts and passes
   */
  readonly recipe?: RenderRecipe;
}

/**
 * Validates `sources`, renders the platform — on several threads for large
 * platforms, each writing its clusters' files straight into the staging
 * folder — and replaces `outDir` with the result. The output is
 * byte-identical to {@link renderPlatformToDist}.
 *
 * @throws DefinitionError when the definition is invalid; RenderError or Error
 *   when rendering fails. In every case `outDir` is left untouched.
 */
export async function synthPlatform(sources: PlatformSources, outDir: string, options: SynthOptions = {}): Promise<SynthSummary> {
  return writeDist(loadPlatform(sources), outDir, options);
}

/**
 * Renders a validated platform as {@link synthPlatform} does and replaces
 * `outDir` with the result.
 *
 * @throws RenderError or Error when rendering fails; `outDir` is then untouched
 */
export async function writeDist(platform: PlatformSpec, outDir: string, options: SynthOptions = {}): Promise<SynthSummary> {
  const recipe = options.recipe ?? standardRecipe;
  const units = renderUnits(platform);
  const threads = !recipe.worker ? 1
    : options.threads === undefined || options.threads === 'auto' ? autoThreads(platform) : options.threads;
  const staged = new StagedFolder(outDir, isEngineOwnedFolder);
  try {
    const writer = new FolderWriter(staged.dir);
    const summaries = threads > 1
      ? await renderDistUnitsInThreads(platform, recipe, units, { threads, writeInto: staged.dir, onUnit: options.onUnit })
      : renderDistUnits(platform, recipe.renderOptions(platform), (p, c) => writer.writeFile(p, c), units, options.onUnit);
    const extras = distExtras(platform, summaries);
    writer.write(extras);
    staged.commit();
    return {
      objectCount: summaries.reduce((n, s) => n + s.objectCount, 0),
      fileCount: summaries.reduce((n, s) => n + s.fileCount, 0) + extras.size,
      clusters: platform.clusters.map((c) => c.name),
    };
  } catch (e) {
    staged.abort();
    throw e;
  }
}
