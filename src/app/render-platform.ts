/**
 * Renders a validated platform to file contents: build the construct tree,
 * collect its manifests in one linear pass, apply the cross-cutting passes,
 * serialise, and list the images.
 */
import { ClusterImage } from '../addons/images-list';
import { imagesIn } from '../render/images';
import { collectManifests } from '../render/manifests';
import { ManifestPass, RenderedFiles, renderManifests } from '../render/render';
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

/**
 * Renders `platform`.
 *
 * @throws Error listing every problem found by the passes or the collector
 *   (duplicate file names, objects without names); nothing is rendered then
 */
export function renderPlatform(platform: PlatformSpec, options: RenderOptions): RenderResult {
  const app = buildPlatformApp(platform, options);
  const manifests = collectManifests(app);
  // Images are listed before the passes, which may rewrite them to a mirror.
  const images = new Set<string>();
  const clusterImages: ClusterImage[] = [];
  const mirrorOf = new Map(platform.clusters.map((c) => [c.name, c.mirrors?.registry]));
  let objectCount = 0;
  for (const m of manifests) {
    if (!m.object) continue;
    objectCount++;
    const cluster = /^clusters\/([^/]+)\//.exec(m.path)?.[1];
    const mirror = cluster ? mirrorOf.get(cluster) : undefined;
    for (const found of imagesIn(m.object)) {
      // Helm values of an air-gapped cluster's releases already name the mirror.
      const image = mirror && found.startsWith(`${mirror}/`) ? found.slice(mirror.length + 1) : found;
      images.add(image);
      if (cluster) clusterImages.push({ cluster, image, mirror });
    }
  }
  const only = options.clusters ? new Set(options.clusters) : undefined;
  for (const cluster of platform.clusters) {
    if (only && !only.has(cluster.name)) continue;
    const ctx = clusterContext(platform, cluster);
    for (const component of options.components) {
      if (!component.images || (component.enabledOn && !component.enabledOn(ctx))) continue;
      for (const image of component.images(ctx)) {
        images.add(image);
        clusterImages.push({ cluster: cluster.name, image, mirror: cluster.mirrors?.registry });
      }
    }
  }
  const files = renderManifests(manifests, options.passes ?? []);
  return { files, images, clusterImages, objectCount };
}
