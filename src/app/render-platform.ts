/**
 * Renders a validated platform to file contents: build the construct tree,
 * collect its manifests in one linear pass, apply the cross-cutting passes,
 * serialise, and list the images.
 */
import { imagesIn } from '../render/images';
import { collectManifests } from '../render/manifests';
import { ManifestPass, RenderedFiles, renderManifests } from '../render/render';
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

/**
 * Renders `platform`.
 *
 * @throws Error listing every problem found by the passes or the collector
 *   (duplicate file names, objects without names); nothing is rendered then
 */
export function renderPlatform(platform: PlatformSpec, options: RenderOptions): RenderResult {
  const app = buildPlatformApp(platform, options);
  const manifests = collectManifests(app);
  const files = renderManifests(manifests, options.passes ?? []);
  const images = new Set<string>();
  let objectCount = 0;
  for (const m of manifests) {
    if (!m.object) continue;
    objectCount++;
    for (const image of imagesIn(m.object)) images.add(image);
  }
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
