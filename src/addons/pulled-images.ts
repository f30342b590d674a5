/**
 * The images an add-on's charts make a cluster pull, as the charts' templates
 * build them from the rendered values (see `AddonImage.pulled`): the source
 * of `dist/images.txt`.
 */
import { AddonContext, AddonDefinition } from './addon';
import { effectiveValues, used } from './knobs';
import { PLATFORM_PRIORITY_CLASS } from './platform-priority-class';

/** One image a cluster pulls for an add-on. */
export interface PulledImage {
  /** The add-on's image key. */
  readonly key: string;
  /** The reference, as the chart builds it. */
  readonly ref: string;
}

/** Every image `addon` makes the cluster of `ctx` pull, in declaration order. */
export function pulledImages(addon: AddonDefinition, ctx: AddonContext): PulledImage[] {
  const first = addon.releases[0].name;
  const values = new Map<string, unknown>();
  const out: PulledImage[] = [];
  for (const [key, image] of Object.entries(addon.images)) {
    if (!used(image, ctx)) continue;
    const release = image.release ?? first;
    if (!values.has(release)) values.set(release, effectiveValues(addon, release, ctx, PLATFORM_PRIORITY_CLASS));
    out.push({ key, ref: image.pulled.ref(values.get(release), ctx) });
  }
  return out;
}
