/**
 * Where a cluster gets its images and charts: upstream, or from the mirrors
 * of an air-gapped cluster. The admission policies use
 * {@link allowedRegistries} to allow images from these registries only.
 */
import { ClusterSpec } from '../spec/cluster';
import { ChartPin } from './versions';

/**
 * The image registries pods on `cluster` may pull from.
 *
 * @param upstream the registries allowed on a cluster without mirrors, e.g.
 *   the registries of the catalog's images plus the organisation's own
 * @returns only the registry mirror for an air-gapped cluster; otherwise
 *   `upstream`, sorted and without duplicates
 */
export function allowedRegistries(cluster: ClusterSpec, upstream: readonly string[]): string[] {
  if (cluster.mirrors) return [cluster.mirrors.registry];
  return [...new Set(upstream)].sort();
}

/** The registry images on `cluster` come from: the mirror, or undefined (upstream). */
export function registryMirrorOf(cluster: ClusterSpec): string | undefined {
  return cluster.mirrors?.registry;
}

/** The Helm repository URL `cluster` installs `chart` from: `<charts mirror>/<repoAlias>` when air-gapped. */
export function chartRepositoryFor(cluster: ClusterSpec, chart: ChartPin): string {
  return cluster.mirrors ? `${cluster.mirrors.charts}/${chart.repoAlias}` : chart.repoURL;
}
