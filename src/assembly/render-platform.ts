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
import { forEachManifest, Manifest } from '../render/manifests';
import { applyPasses, ManifestPass, RenderedFiles, serialise } from '../render/render';
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

/** Receives a unit's output as it is produced, so nothing needs to be held for the whole unit. */
export interface UnitSink {
  /** One rendered file: path under `dist/` → content. */
  file(path: string, content: string): void;
  /**
   * One manifest after the passes, e.g. to summarise the unit.
   * @default - manifests are not handed over
   */
  manifest?(m: Manifest): void;
}

/** What rendering one unit produced besides its files. */
export interface UnitStats {
  /** Container images the unit's objects reference and its components set through Helm values (upstream references, with repetitions). */
  readonly images: readonly string[];
  /** The same images with the cluster that pulls them and its mirror. */
  readonly clusterImages: readonly ClusterImage[];
  /** Number of Kubernetes objects (config files not counted). */
  readonly objectCount: number;
  /** Number of files handed to the sink. */
  readonly fileCount: number;
}

/**
 * Renders one unit from its own construct tree, handing each file to `sink`
 * as soon as its object is serialised: each object is turned into JSON,
 * checked by the passes, serialised and dropped, so only the construct tree
 * is held for the whole unit.
 *
 * @throws RenderError listing the unit's problems: the collector's if any,
 *   else the passes'. Files already handed to the sink must then be discarded.
 * @throws Error from a construct's validation
 */
export function streamUnit(platform: PlatformSpec, options: RenderOptions, unit: RenderUnit, sink: UnitSink): UnitStats {
  const app = buildPlatformApp(platform, unit.kind === 'cluster'
    ? { ...options, clusters: [unit.cluster], fleet: false }
    : { ...options, clusters: [], fleet: true });
  const passes = options.passes ?? [];
  const images: string[] = [];
  const clusterImages: ClusterImage[] = [];
  const mirrorOf = new Map(platform.clusters.map((c) => [c.name, c.mirrors?.registry]));
  const passProblems: string[] = [];
  let objectCount = 0;
  let fileCount = 0;
  forEachManifest(app, (m) => {
    if (m.object) {
      objectCount++;
      // Images are listed before the passes, which may rewrite them to a mirror.
      const cluster = /^clusters\/([^/]+)\//.exec(m.path)?.[1];
      const mirror = cluster ? mirrorOf.get(cluster) : undefined;
      for (const found of imagesIn(m.object)) {
        // Helm values of an air-gapped cluster's releases already name the mirror.
        const image = mirror && found.startsWith(`${mirror}/`) ? found.slice(mirror.length + 1) : found;
        images.push(image);
        if (cluster) clusterImages.push({ cluster, image, mirror });
      }
    }
    const found = applyPasses(m, passes);
    if (found.length > 0) passProblems.push(...found);
    if (passProblems.length > 0) return; // the unit fails; nothing more is worth writing
    sink.file(m.path, serialise(m));
    fileCount++;
    sink.manifest?.(m);
  });
  if (passProblems.length > 0) throw new RenderError(passProblems);
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
  return { images, clusterImages, objectCount, fileCount };
}

/**
 * Renders one unit from its own construct tree and returns its files and manifests.
 *
 * @throws RenderError listing the unit's problems (collector or passes)
 * @throws Error from a construct's validation
 */
export function renderUnit(platform: PlatformSpec, options: RenderOptions, unit: RenderUnit): UnitResult {
  const files: RenderedFiles = new Map();
  const manifests: Manifest[] = [];
  const stats = streamUnit(platform, options, unit, {
    file: (p, content) => { files.set(p, content); },
    manifest: (m) => { manifests.push(m); },
  });
  return { files, manifests, images: stats.images, clusterImages: stats.clusterImages, objectCount: stats.objectCount };
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
