/**
 * The render pass that points every image of an air-gapped cluster at its
 * registry mirror: every `image` string anywhere in a rendered object under
 * `clusters/<cluster>/` (pod templates, and values that carry full image
 * references).
 */
import { ManifestPass } from '../render/render';
import { PlatformSpec } from '../spec/model';
import { mirrorImageRef } from './image-ref';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/**
 * A pass that rewrites `image` strings of the objects of clusters with a
 * registry mirror (`quay.io/x/y:v1` → `<mirror>/quay.io/x/y:v1`); references
 * already in the mirror are kept. Images of containers (in `containers`,
 * `initContainers`, `ephemeralContainers` lists) must be tagged references;
 * other `image` strings (Helm values such as ingress-nginx's
 * `controller.image.image`, a repository without tag) are rewritten only
 * when they are tagged references — their registry is set by the add-on's
 * registry knob.
 *
 * @returns problem strings for container images that are not tagged references
 */
export function mirrorImagesPass(platform: PlatformSpec): ManifestPass {
  const mirrors = new Map(platform.clusters.filter((c) => c.mirrors).map((c) => [c.name, c.mirrors!.registry]));
  return (manifest) => {
    const match = /^clusters\/([^/]+)\//.exec(manifest.path);
    const mirror = match ? mirrors.get(match[1]) : undefined;
    if (!mirror || !manifest.object) return;
    const problems: string[] = [];
    const visit = (value: unknown, container = false) => {
      if (Array.isArray(value)) { value.forEach((v) => visit(v, container)); return; }
      if (!value || typeof value !== 'object') return;
      const o = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(o)) {
        if (k === 'image' && typeof v === 'string') {
          try {
            o[k] = mirrorImageRef(v, mirror);
          } catch (e) {
            if (container) problems.push(`${manifest.source}: ${(e as Error).message}`);
          }
        } else {
          visit(v, CONTAINER_LISTS.has(k));
        }
      }
    };
    visit(manifest.object);
    return problems;
  };
}
