/**
 * The `secrets` platform component: `platform/secrets/` with the cluster's
 * ClusterSecretStore (platform namespaces only) and the operator's egress to
 * the store's port, on clusters that declare a `secretStore`. Tenant
 * SecretStores are in each tenant's folder.
 */
import { PlatformComponent, WAVES } from '../../contracts/component';
import { PlatformClusterSecretStore } from './cluster-secret-store';
import { SecretStoreEgress } from './secret-store-egress';

/** Renders `platform/secrets/` on clusters with a secret store. */
export const secretsComponent: PlatformComponent = {
  name: 'secrets',
  wave: WAVES.platform,
  enabledOn: (ctx) => ctx.cluster.secretStore !== undefined,
  build(scope, ctx) {
    new PlatformClusterSecretStore(scope, 'Store', { store: ctx.cluster.secretStore!, region: ctx.cluster.region });
    new SecretStoreEgress(scope, 'Egress', { store: ctx.cluster.secretStore!, namespace: ctx.platform.settings.namespaces.externalSecrets });
  },
};
