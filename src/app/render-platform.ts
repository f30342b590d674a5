/**
 * Renders a validated platform to file contents: build the construct tree,
 * collect its manifests in one linear pass, apply the cross-cutting passes,
 * serialise, and list the images.
 *
 * The work is split into units — one per cluster, plus the fleet-wide charts
 * — each rendered from its own construct tree and dropped once serialised, so
 * memory stays bounded by the largest cluster and units can be rendered on
 * several threads (see `render-threads.ts`) with byte-identical results.
 */
import { imagesIn } from '../render/images';
import { collectManifests, Manifest } from '../render/manifests';
import { ManifestPass, RenderedFiles, renderManifests } from '../render/render';
import { RenderError } from '../render/render-error';
import { PlatformSpec } from '../spec/model';
import { buildPlatformApp, PlatformAppOptions } from './platform-app';

export interface RenderOptions extends PlatformAppOptions {
  /**
   * Checks and rewrites applied to every manifest before serialisation.
   * @default []
   */
  readonly passes?: readonly ManifestPass[];
}

/** The rendered platform (or a part of it, when `options.clusters` is set). */
export interface RenderResult {
  /** File path under `dist/` → content. */
  readonly files: RenderedFiles;
  /** Every container image the rendered objects reference. */
  readonly images: ReadonlySet<string>;
  /** Number of Kubernetes objects rendered. */
  readonly objectCount: number;
}

/** One independently rendered part of the platform: a cluster, or the fleet-wide charts. */
export type RenderUnit =
  | { readonly kind: 'cluster'; readonly cluster: string }
  | { readonly kind: 'fleet' };

/** What rendering one unit produced. */
export interface UnitResult {
  /** File path under `dist/` → content, in collection order. */
  readonly files: RenderedFiles;
  /** The collected manifests (after the passes), e.g. to summarise the unit. */
  readonly manifests: readonly Manifest[];
  /** Container images the unit's objects reference (with repetitions). */
  readonly images: readonly string[];
  /** Number of Kubernetes objects (config files not counted). */
  readonly objectCount: number;
}

/**
 * The units of a render in output order: the clusters in declaration order
 * (only `options.clusters` when set), then the fleet unless `options.fleet` is false.
 */
export function renderUnits(platform: PlatformSpec, options: Pick<PlatformAppOptions, 'clusters' | 'fleet'> = {}): RenderUnit[] {
  const only = options.clusters ? new Set(options.clusters) : undefined;
  const units: RenderUnit[] = platform.clusters
    .filter((c) => !only || only.has(c.name))
    .map((c) => ({ kind: 'cluster', cluster: c.name }));
  if (options.fleet !== false) units.push({ kind: 'fleet' });
  return units;
}

/**
 * Renders one unit from its own construct tree.
 *
 * @throws RenderError listing the unit's problems (collector or passes)
 * @throws Error from a construct's validation
 */
export function renderUnit(platform: PlatformSpec, options: RenderOptions, unit: RenderUnit): UnitResult {
  const app = buildPlatformApp(platform, unit.kind === 'cluster'
    ? { ...options, clusters: [unit.cluster], fleet: false }
    : { ...options, clusters: [], fleet: true });
  const manifests = collectManifests(app);
  const files = renderManifests(manifests, options.passes ?? []);
  const images: string[] = [];
  let objectCount = 0;
  for (const m of manifests) {
    if (!m.object) continue;
    objectCount++;
    images.push(...imagesIn(m.object));
  }
  return { files, manifests, images, objectCount };
}

/**
 * Renders `platform`, unit by unit (see {@link renderUnits}).
 *
 * @throws RenderError listing every problem found by the passes or the
 *   collector in every unit (duplicate file names, objects without names);
 *   nothing is rendered then
 */
export function renderPlatform(platform: PlatformSpec, options: RenderOptions): RenderResult {
  const files: RenderedFiles = new Map();
  const images = new Set<string>();
  let objectCount = 0;
  const failed: RenderError[] = [];
  for (const unit of renderUnits(platform, options)) {
    let result: UnitResult;
    try {
      result = renderUnit(platform, options, unit);
    } catch (e) {
      if (!RenderError.isRenderError(e)) throw e;
      failed.push(e);
      continue;
    }
    for (const [p, content] of result.files) files.set(p, content);
    for (const image of result.images) images.add(image);
    objectCount += result.objectCount;
  }
  if (failed.length > 0) throw RenderError.merge(failed);
  return { files, images, objectCount };
}

/** The content of `dist/images.txt`: a header, then one image per line, sorted. */
export function imagesFile(images: Iterable<string>): string {
  const sorted = [...new Set(images)].sort();
  return [
    '# Every container image the rendered platform references, one per line.',
    ...sorted,
  ].join('\n') + '\n';
}
