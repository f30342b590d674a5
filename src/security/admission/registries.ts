/**
 * Where a cluster's images may come from.
 */
import { ClusterSpec } from '../../spec/cluster';

/**
 * The registries (host and optional path prefix, e.g. `registry.example.com`
 * or `registry.example.com:5000/platform`) images on `cluster` may come from.
 * An image is allowed when it starts with one of them followed by `/`.
 *
 * This is the one place that decides it: the admission policies, and anything
 * that rewrites images to a registry mirror, read the list through here.
 *
 * An air-gapped cluster (one with `mirrors`) allows its registry mirror
 * only, whatever `admission.allowedRegistries` says: every image the platform
 * renders there is rewritten to the mirror, and nothing else is reachable.
 *
 * @returns `[mirrors.registry]` on an air-gapped cluster; otherwise the
 *   cluster's `admission.allowedRegistries`, in declared order (a copy)
 */
export function allowedRegistries(cluster: ClusterSpec): string[] {
  if (cluster.mirrors) return [cluster.mirrors.registry];
  return [...cluster.admission.allowedRegistries];
}

/**
 * Whether `ref` comes from one of `registries`: it starts with a registry
 * (host with optional path prefix) followed by `/`, so `quay.io.evil.com/x`
 * is not from `quay.io`.
 */
export function fromRegistry(ref: string, registries: readonly string[]): boolean {
  return registries.some((r) => ref.startsWith(`${r}/`));
}
