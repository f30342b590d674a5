/**
 * Validate, render and write: the whole of `npm run synth` as functions.
 *
 * `dist/` holds every unit's files (see `renderUnits`), plus `images.txt`,
 * the tenant JSON Schema and the overview `README.md`, assembled from small
 * per-unit summaries — so units can be rendered on several threads, each
 * writing its own files, with byte-identical results.
 */
import { ClusterDigest, digestCluster, isDigestInput } from '../overview/cluster-digest';
export { OVERVIEW_FILE } from '../overview/overview-markdown';
import { KubeObject } from '../render/manifests';
import { overviewFiles } from '../overview/overview-markdown';
import { RenderedFiles } from '../render/render';
import { RenderError } from '../render/render-error';
import { FolderWriter, StagedFolder, writeTreeAtomically } from '../render/write';
import { tenantJsonSchema, TENANT_SCHEMA_FILE } from '../spec/json-schema';
import { loadPlatform, PlatformSources } from '../spec/load';
import { PlatformSpec } from '../spec/model';
import { ClusterImage, imagesFile } from '../addons/images-list';
import { RenderUnit, renderUnits, streamUnit } from './render-platform';
import { standardRenderOptions } from './standard';

/** File name of the image list in `dist/`. */
export const IMAGES_FILE = 'images.txt';

/** What a synth run produced. */
export interface SynthSummary {
  readonly objectCount: number;
  readonly fileCount: number;
  readonly clusters: readonly string[];
}

/** What one rendered unit contributes to `dist/` besides its files (plain data, cloneable across threads). */
export interface DistUnitSummary {
  readonly unit: RenderUnit;
  readonly objectCount: number;
  readonly fileCount: number;
  /** Distinct images the unit's clusters pull, for `images.txt`. */
  readonly images: readonly ClusterImage[];
  /** Overview data, for cluster units. */
  readonly digest?: ClusterDigest;
}

/** Receives each file of a render as soon as it is rendered: path under `dist/` → content. */
export type FileSink = (path: string, content: string) => void;

/**
 * Renders one unit of `dist/` with the standard options, hands each file to
 * `sink` as soon as it is serialised, and returns the unit's summary.
 *
 * @throws RenderError listing the unit's problems (files already handed to
 *   `sink` must then be discarded); Error from a construct's validation
 */
export function renderDistUnit(platform: PlatformSpec, unit: RenderUnit, sink: FileSink): DistUnitSummary {
  // Only what the overview reads is kept of the unit's objects, and object counts per platform component.
  const digestInput: KubeObject[] = [];
  const components = new Map<string, Map<string, number>>();
  const stats = streamUnit(platform, standardRenderOptions(platform), unit, {
    file: sink,
    manifest: (m) => {
      if (!m.object) return;
      if (isDigestInput(m.object)) digestInput.push(m.object);
      const component = /^clusters\/[^/]+\/platform\/([^/]+)/.exec(m.outputDir)?.[1];
      if (component) {
        const kinds = components.get(component) ?? new Map<string, number>();
        kinds.set(m.object.kind, (kinds.get(m.object.kind) ?? 0) + 1);
        components.set(component, kinds);
      }
    },
  });
  return {
    unit,
    objectCount: stats.objectCount,
    fileCount: stats.fileCount,
    images: distinct(stats.clusterImages),
    digest: unit.kind === 'cluster' ? digestCluster(unit.cluster, digestInput, components) : undefined,
  };
}

function distinct(images: readonly ClusterImage[]): ClusterImage[] {
  const seen = new Map<string, ClusterImage>();
  for (const i of images) seen.set(`${i.cluster} ${i.image} ${i.mirror ?? ''}`, i);
  return [...seen.values()];
}

/**
 * The files of `dist/` that are not any unit's: `images.txt`, the tenant
 * JSON Schema and the overview `README.md` (with a page per cluster,
 * `clusters/<cluster>/README.md`, on large platforms).
 */
export function distExtras(platform: PlatformSpec, summaries: readonly DistUnitSummary[]): RenderedFiles {
  const extras: RenderedFiles = new Map();
  extras.set(IMAGES_FILE, imagesFile(summaries.flatMap((s) => s.images)));
  extras.set(TENANT_SCHEMA_FILE, tenantJsonSchema(platform.settings, platform.clusters));
  for (const [path, text] of overviewFiles(platform, summaries.flatMap((s) => (s.digest ? [s.digest] : [])))) extras.set(path, text);
  return extras;
}

/**
 * Renders `units` (default: every unit of the platform) on this thread, in
 * order, collecting every unit's problems before throwing.
 *
 * @param sink receives each unit's files as soon as the unit is rendered
 * @param onUnit called after each unit, e.g. to show progress
 * @throws RenderError with the problems of every failing unit
 */
export function renderDistUnits(
  platform: PlatformSpec,
  sink: FileSink,
  units: readonly RenderUnit[] = renderUnits(platform),
  onUnit?: SynthOptions['onUnit'],
): DistUnitSummary[] {
  const summaries: DistUnitSummary[] = [];
  const failed: RenderError[] = [];
  for (const unit of units) {
    try {
      const summary = renderDistUnit(platform, unit, sink);
      summaries.push(summary);
      onUnit?.(summaries.length + failed.length, units.length, summary);
    } catch (e) {
      if (!RenderError.isRenderError(e)) throw e;
      failed.push(e);
    }
  }
  if (failed.length > 0) throw RenderError.merge(failed);
  return summaries;
}

/**
 * Every file of `dist/` for a validated platform, rendered with the standard
 * options on this thread: the objects, `images.txt`, the tenant JSON Schema
 * and the overview `README.md`.
 *
 * @returns the files (path under `dist/` → content) and the object count
 * @throws RenderError when rendering fails (passes or collector problems)
 */
export function renderDist(platform: PlatformSpec): { files: RenderedFiles; objectCount: number } {
  const files: RenderedFiles = new Map();
  const summaries = renderDistUnits(platform, (p, c) => { files.set(p, c); });
  for (const [p, c] of distExtras(platform, summaries)) files.set(p, c);
  return { files, objectCount: summaries.reduce((n, s) => n + s.objectCount, 0) };
}

/**
 * Validates `sources`, renders the platform with the standard options on this
 * thread, and replaces `outDir` with the result.
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

/** Options of {@link synthPlatform}. */
export interface SynthOptions {
  /**
   * Render threads, this one included. `auto`: one per available CPU when the
   * platform is large enough to gain from it (see `autoThreads`), else 1.
   * @default 'auto'
   */
  readonly threads?: number | 'auto';
  /**
   * Called after each unit (cluster or fleet) is rendered, e.g. to show progress.
   * @default - nothing
   */
  readonly onUnit?: (done: number, total: number, summary: DistUnitSummary) => void;
}

/**
 * Validates `sources`, renders the platform with the standard options — on
 * several threads for large platforms, each writing its clusters' files
 * straight into the staging folder — and replaces `outDir` with the result.
 * The output is byte-identical to {@link renderPlatformToDist}.
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
  // Loaded here rather than at the top: render-threads imports this module (its workers call renderDistUnit).
  const { autoThreads, renderDistUnitsInThreads } = await import('./render-threads');
  const units = renderUnits(platform);
  const threads = options.threads === undefined || options.threads === 'auto' ? autoThreads(platform) : options.threads;
  const staged = new StagedFolder(outDir);
  try {
    const writer = new FolderWriter(staged.dir);
    const summaries = threads > 1
      ? await renderDistUnitsInThreads(platform, units, { threads, writeInto: staged.dir, onUnit: options.onUnit })
      : renderDistUnits(platform, (p, c) => writer.writeFile(p, c), units, options.onUnit);
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
