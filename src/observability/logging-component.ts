/**
 * The `logging` platform component: the fluentd log collector of each
 * cluster, routing per the platform definition (rendered when
 * `settings.observability` is declared).
 */
import { PlatformComponent, WAVES } from '../contracts/component';
import { LogCollector } from './fluentd/log-collector';
import { routingTable } from './fluentd/routing';
import { secretStoreNameOf } from '../spec/secrets';

/** Renders `platform/logging/`. */
export const loggingComponent: PlatformComponent = {
  name: 'logging',
  wave: WAVES.platform,
  enabledOn: (ctx) => ctx.platform.settings.observability !== undefined,
  build(scope, ctx) {
    const observability = ctx.platform.settings.observability!;
    new LogCollector(scope, 'Fluentd', {
      table: routingTable(ctx.platform.settings, observability, ctx.cluster, ctx.placements),
      secretStoreName: secretStoreNameOf(ctx.cluster),
      podSecurityVersion: `v${ctx.cluster.kubernetesVersion}`,
      monitoringNamespace: ctx.platform.settings.namespaces.monitoring,
    });
  },
};
