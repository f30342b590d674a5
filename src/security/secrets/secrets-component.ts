/**
 * The `secrets` platform component: `platform/secrets/` with the cluster's
 * ClusterSecretStore, on clusters that declare a `secretStore`.
 */
import { PlatformComponent, WAVES } from '../../contracts/component';
import { PlatformClusterSecretStore } from './cluster-secret-store';

/** Renders `platform/secrets/` on clusters with a secret store. */
export const secretsComponent: PlatformComponent = {
  name: 'secrets',
  wave: WAVES.platform,
  enabledOn: (ctx) => ctx.cluster.secretStore !== undefined,
  build(scope, ctx) {
    new PlatformClusterSecretStore(scope, 'Store', { store: ctx.cluster.secretStore!, region: ctx.cluster.region });
  },
};
