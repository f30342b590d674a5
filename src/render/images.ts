/**
 * Finds the container images rendered objects reference, for `dist/images.txt`.
 */
import { KubeObject } from './manifests';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/**
 * Every `image` of every container list (`containers`, `initContainers`,
 * `ephemeralContainers`) anywhere in `object`: Pods, pod templates of
 * workloads, CronJob job templates and custom resources shaped the same way.
 */
export function imagesIn(object: KubeObject): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key?: string) => {
    if (Array.isArray(value)) {
      if (key && CONTAINER_LISTS.has(key)) {
        for (const c of value) {
          if (c && typeof c === 'object' && typeof (c as { image?: unknown }).image === 'string') {
            found.push((c as { image: string }).image);
          }
        }
      }
      for (const v of value) visit(v);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(object);
  return found;
}
