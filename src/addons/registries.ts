/**
 * Where a cluster gets its images and charts: upstream, or from the mirrors
 * of an air-gapped cluster. Which registries the admission policies allow is
 * decided in one place, `allowedRegistries` in src/security/admission/registries.ts.
 */
import { ClusterSpec } from '../spec/cluster';
import { ChartPin } from './versions';

/** The registry images on `cluster` come from: the mirror, or undefined (upstream). */
export function registryMirrorOf(cluster: ClusterSpec): string | undefined {
  return cluster.mirrors?.registry;
}

/** The Helm repository URL `cluster` installs `chart` from: `<charts mirror>/<repoAlias>` when air-gapped. */
export function chartRepositoryFor(cluster: ClusterSpec, chart: ChartPin): string {
  return cluster.mirrors ? `${cluster.mirrors.charts}/${chart.repoAlias}` : chart.repoURL;
}
