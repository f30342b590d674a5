/**
 * Every Helm release the platform renders: for each cluster of the fixture
 * organisation and of the repository's default platform (loaded, not
 * rendered), each enabled add-on's releases with their values as written and
 * as the chart's templates see them (coalesced over the chart's defaults).
 */
import { AddonContext, AddonDefinition, AddonRelease } from '../../src/addons/addon';
import { addonContext } from '../../src/addons/addon-context';
import { CATALOG } from '../../src/addons/catalog';
import { chartData } from '../../src/addons/chart-values';
import { enabledAddons } from '../../src/addons/enablement';
import { coalesceValues } from '../../src/addons/chart-values';
import { releaseValues } from '../../src/addons/knobs';
import { PLATFORM_PRIORITY_CLASS } from '../../src/addons/platform-priority-class';
import defaultPlatform from '../../main';
import { ClusterSpec } from '../../src/spec/cluster';
import { loadPlatform } from '../../src/definition/load';
import { PlatformSpec } from '../../src/spec/model';
import { fixtureSources } from './platform';

/** One release on one cluster. */
export interface ReleaseCase {
  /** `fixture` or `default`, then the cluster: e.g. `fixture/prod-eu1`. */
  readonly where: string;
  readonly platform: PlatformSpec;
  readonly cluster: ClusterSpec;
  readonly addon: AddonDefinition;
  readonly release: AddonRelease;
  readonly ctx: AddonContext;
  /** The values the platform writes. */
  readonly values: Record<string, unknown>;
  /** The values the templates see. */
  readonly effective: Record<string, unknown>;
}

let cached: ReleaseCase[] | undefined;

/** The platforms the cases cover: the fixture organisation and the default platform. */
export function addonPlatforms(): [string, PlatformSpec][] {
  return [['fixture', loadPlatform(fixtureSources())], ['default', defaultPlatform.load()]];
}

/** Every release case, once per test file. */
export function releaseCases(): ReleaseCase[] {
  if (cached) return cached;
  cached = [];
  for (const [name, platform] of addonPlatforms()) {
    for (const cluster of platform.clusters) {
      for (const addonName of enabledAddons(cluster)) {
        const addon = CATALOG[addonName];
        const ctx = addonContext(addon, platform, cluster);
        for (const release of addon.releases) {
          const values = releaseValues(addon, release.name, ctx, PLATFORM_PRIORITY_CLASS);
          const effective = coalesceValues(chartData(release.chart.chart, release.chart.version).defaults, values) as Record<string, unknown>;
          cached.push({ where: `${name}/${cluster.name}`, platform, cluster, addon, release, ctx, values, effective });
        }
      }
    }
  }
  return cached;
}
