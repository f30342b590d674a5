/**
 * The `logging` platform component: the fluentd log collector of each
 * cluster, routing per the platform definition (rendered when
 * `settings.observability` is declared).
 */
import { PlatformComponent, WAVES } from '../contracts/component';
import { addonNamespace } from '../addons/addon-context';
import { CATALOG } from '../addons/catalog';
import { ClusterSpec } from '../spec/cluster';
import { Placement, placementsOn, PlatformSpec } from '../spec/model';
import { secretStoreNameOf } from '../spec/secrets';
import { platformNamespaces } from '../spec/settings';
import { LogCollector } from './fluentd/log-collector';
import { routingTable, RoutingTable } from './fluentd/routing';

/**
 * The namespaces whose container logs are platform logs: the platform
 * namespaces of the settings and the namespace of every add-on in the
 * catalog (enabled on the cluster or not — no tenant may own one), sorted.
 */
export function logPlatformNamespaces(platform: PlatformSpec): string[] {
  return [...new Set([...platformNamespaces(platform.settings), ...Object.values(CATALOG).map((a) => addonNamespace(a, platform))])].sort();
}

/**
 * The log routing of `cluster` as the renderer builds it, with
 * {@link logPlatformNamespaces} as its platform namespaces. Every reader of
 * the routing (the renderer, the definition checks, the overview) calls this,
 * so none can route add-on namespaces differently.
 *
 * @param placements the cluster's placements; default `placementsOn(platform, cluster)`
 * @throws Error when the platform declares no `settings.observability`
 */
export function clusterRoutingTable(platform: PlatformSpec, cluster: ClusterSpec, placements: readonly Placement[] = placementsOn(platform, cluster)): RoutingTable {
  const observability = platform.settings.observability;
  if (!observability) throw new Error('the platform declares no settings.observability, so there is no log routing');
  return routingTable(observability, cluster, placements, logPlatformNamespaces(platform));
}

/** Renders `platform/logging/`. */
export const loggingComponent: PlatformComponent = {
  name: 'logging',
  wave: WAVES.platform,
  enabledOn: (ctx) => ctx.platform.settings.observability !== undefined,
  build(scope, ctx) {
    new LogCollector(scope, 'Fluentd', {
      table: clusterRoutingTable(ctx.platform, ctx.cluster, ctx.placements),
      secretStoreName: secretStoreNameOf(ctx.cluster),
      podSecurityVersion: `v${ctx.cluster.kubernetesVersion}`,
      monitoringNamespace: ctx.platform.settings.namespaces.monitoring,
    });
  },
};
