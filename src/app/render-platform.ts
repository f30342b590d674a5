/**
 * Renders a validated platform to file contents: build the construct tree,
 * collect its manifests in one linear pass, list the images, apply the
 * cross-cutting passes, and serialise.
 *
 * The work is split into units — one per cluster, plus the fleet-wide charts
 * — each rendered from its own construct tree and dropped once serialised, so
 * memory stays bounded by the largest cluster and units can be rendered on
 * several threads (see `render-threads.ts`) with byte-identical results.
 */
import { ClusterImage } from '../addons/images-list';
import { imagesIn } from '../render/images';
import { collectManifests, Manifest } from '../render/manifests';
import { ManifestPass, RenderedFiles, renderManifests } from '../render/render';
import { RenderError } from '../render/render-error';
import { PlatformSpec } from '../spec/model';
import { buildPlatformApp, clusterContext, PlatformAppOptions } from './platform-app';

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
  /** Every container image the rendered objects reference (upstream references). */
  readonly images: ReadonlySet<string>;
  /**
   * Every image each cluster pulls — referenced by its objects or set
   * through Helm values by its components — with the cluster's mirror.
   */
  readonly clusterImages: readonly ClusterImage[];
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
  /** Container images the unit's objects reference and its components set through Helm values (upstream references, with repetitions). */
  readonly images: readonly string[];
  /** The same images with the cluster that pulls them and its mirror. */
  readonly clusterImages: readonly ClusterImage[];
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
  // Images are listed before the passes, which may rewrite them to a mirror.
  const images: string[] = [];
  const clusterImages: ClusterImage[] = [];
  const mirrorOf = new Map(platform.clusters.map((c) => [c.name, c.mirrors?.registry]));
  let objectCount = 0;
  for (const m of manifests) {
    if (!m.object) continue;
    objectCount++;
    const cluster = /^clusters\/([^/]+)\//.exec(m.path)?.[1];
    for (const image of imagesIn(m.object)) {
      images.push(image);
      if (cluster) clusterImages.push({ cluster, image, mirror: mirrorOf.get(cluster) });
    }
  }
  const cluster = unit.kind === 'cluster' ? platform.clusters.find((c) => c.name === unit.cluster) : undefined;
  if (cluster) {
    const ctx = clusterContext(platform, cluster);
    for (const component of options.components) {
      if (!component.images || (component.enabledOn && !component.enabledOn(ctx))) continue;
      for (const image of component.images(ctx)) {
        images.push(image);
        clusterImages.push({ cluster: cluster.name, image, mirror: cluster.mirrors?.registry });
      }
    }
  }
  const files = renderManifests(manifests, options.passes ?? []);
  return { files, manifests, images, clusterImages, objectCount };
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
  const clusterImages: ClusterImage[] = [];
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
    clusterImages.push(...result.clusterImages);
    objectCount += result.objectCount;
  }
  if (failed.length > 0) throw RenderError.merge(failed);
  return { files, images, clusterImages, objectCount };
}
