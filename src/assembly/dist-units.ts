/**
 * The files of `dist/`: every render unit's files (see `renderUnits`), plus
 * `images.txt`, the tenant JSON Schema and the overview `README.md`,
 * assembled from small per-unit summaries — so units can be rendered on
 * several threads, each writing its own files, with byte-identical results.
 */
import { ClusterImage, imagesFile } from '../addons/images-list';
import { ClusterDigest, digestCluster, isDigestInput } from '../overview/cluster-digest';
import { overviewFiles } from '../overview/overview-markdown';
import { clusterOutputDir, FOLDERS } from '../render/layout';
import { KubeObject } from '../render/manifests';
import { RenderedFiles } from '../render/render';
import { RenderError } from '../render/render-error';
import { tenantJsonSchema, TENANT_SCHEMA_FILE } from '../definition/json-schema';
import { PlatformSpec } from '../spec/model';
import { RenderOptions, RenderUnit, renderUnits, streamUnit } from './render-platform';

/** Called after each unit (cluster or fleet) is rendered, e.g. to show progress. */
export type UnitCallback = (done: number, total: number, summary: DistUnitSummary) => void;

/** File name of the image list in `dist/`. */
export const IMAGES_FILE = 'images.txt';

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
 * Renders one unit of `dist/` with `options`, hands each file to
 * `sink` as soon as it is serialised, and returns the unit's summary.
 *
 * @throws RenderError listing the unit's problems (files already handed to
 *   `sink` must then be discarded); Error from a construct's validation
 */
export function renderDistUnit(platform: PlatformSpec, options: RenderOptions, unit: RenderUnit, sink: FileSink): DistUnitSummary {
  // Only what the overview reads is kept of the unit's objects, and object counts per platform component.
  const digestInput: KubeObject[] = [];
  const components = new Map<string, Map<string, number>>();
  // The folder of the cluster's platform components, `clusters/<cluster>/platform/`; a component's objects are in `<component>` below it.
  const platformDir = unit.kind === 'cluster' ? clusterOutputDir(unit.cluster, FOLDERS.platform('')) : undefined;
  const stats = streamUnit(platform, options, unit, {
    file: sink,
    manifest: (m) => {
      if (!m.object) return;
      if (isDigestInput(m.object)) digestInput.push(m.object);
      if (platformDir !== undefined && m.outputDir.startsWith(platformDir)) {
        const component = m.outputDir.slice(platformDir.length).split('/', 1)[0];
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
  options: RenderOptions,
  sink: FileSink,
  units: readonly RenderUnit[] = renderUnits(platform),
  onUnit?: UnitCallback,
): DistUnitSummary[] {
  const summaries: DistUnitSummary[] = [];
  const failed: RenderError[] = [];
  for (const unit of units) {
    try {
      const summary = renderDistUnit(platform, options, unit, sink);
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
 * Every file of `dist/` for a validated platform, rendered with `options` on this thread: the objects, `images.txt`, the tenant JSON Schema
 * and the overview `README.md`.
 *
 * @returns the files (path under `dist/` → content) and the object count
 * @throws RenderError when rendering fails (passes or collector problems)
 */
export function renderDistFiles(platform: PlatformSpec, options: RenderOptions): { files: RenderedFiles; objectCount: number } {
  const files: RenderedFiles = new Map();
  const summaries = renderDistUnits(platform, options, (p, c) => { files.set(p, c); });
  for (const [p, c] of distExtras(platform, summaries)) files.set(p, c);
  return { files, objectCount: summaries.reduce((n, s) => n + s.objectCount, 0) };
}
