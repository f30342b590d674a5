/**
 * The `logging` platform component: the fluentd log collector of each
 * cluster, routing per the platform definition (rendered when
 * `settings.observability` is declared).
 */
import { PlatformComponent, WAVES } from '../contracts/component';
import { addonNamespace } from '../addons/addon-context';
import { CATALOG } from '../addons/catalog';
import { PlatformSpec } from '../spec/model';
import { secretStoreNameOf } from '../spec/secrets';
import { platformNamespaces } from '../spec/settings';
import { LogCollector } from './fluentd/log-collector';
import { routingTable } from './fluentd/routing';

/**
 * The namespaces whose container logs are platform logs: the platform
 * namespaces of the settings and the namespace of every add-on in the
 * catalog (enabled on the cluster or not — no tenant may own one), sorted.
 */
export function logPlatformNamespaces(platform: PlatformSpec): string[] {
  return [...new Set([...platformNamespaces(platform.settings), ...Object.values(CATALOG).map((a) => addonNamespace(a, platform))])].sort();
}

/** Renders `platform/logging/`. */
export const loggingComponent: PlatformComponent = {
  name: 'logging',
  wave: WAVES.platform,
  enabledOn: (ctx) => ctx.platform.settings.observability !== undefined,
  build(scope, ctx) {
    const observability = ctx.platform.settings.observability!;
    new LogCollector(scope, 'Fluentd', {
      table: routingTable(ctx.platform.settings, observability, ctx.cluster, ctx.placements, logPlatformNamespaces(ctx.platform)),
      secretStoreName: secretStoreNameOf(ctx.cluster),
      podSecurityVersion: `v${ctx.cluster.kubernetesVersion}`,
      monitoringNamespace: ctx.platform.settings.namespaces.monitoring,
    });
  },
};
