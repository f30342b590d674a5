/**
 * The `identity` platform component: the secrets of Dex's configuration — an
 * ExternalSecret `dex-env` creating the Secret of the same name with every
 * variable `dexConfig()` references (LDAP bind password, OIDC client
 * secrets…). The Dex add-on owns the `dex` Namespace and carries the
 * configuration itself in its Helm values. Rendered on clusters whose OIDC
 * issuer is their own Dex.
 */
import { Construct } from 'constructs';
import { ClusterContext, PlatformComponent, WAVES } from '../../contracts/component';
import { ClusterSpec } from '../../spec/cluster';
import { PlatformSettings } from '../../spec/settings';
import { secretStoreNameOf } from '../../spec/secrets';
import { SecretFromStore } from '../secrets/secret-from-store';
import { dexConfig } from './dex-config';
import { usesDex } from './oidc';

/** Name of the Secret holding the variables of Dex's configuration (the Dex add-on reads it with `envFrom`). */
export const DEX_OBJECTS = { envSecret: 'dex-env' } as const;

export interface DexConfigurationProps {
  readonly cluster: ClusterSpec;
  readonly settings: PlatformSettings;
}

/**
 * The ExternalSecret of Dex's variables for one cluster.
 *
 * @throws Error when the cluster has no secretStore (Dex's secrets have nowhere to come from)
 */
export class DexConfiguration extends Construct {
  constructor(scope: Construct, id: string, props: DexConfigurationProps) {
    super(scope, id);
    const { cluster, settings } = props;
    const { env } = dexConfig(cluster, settings);
    new SecretFromStore(this, 'Env', {
      name: DEX_OBJECTS.envSecret,
      namespace: settings.namespaces.identity,
      storeName: secretStoreNameOf(cluster),
      entries: env.map((e) => ({ secretKey: e.name, remoteKey: e.remoteKey, property: e.property })),
    });
  }
}

/** Renders `platform/identity/` on clusters that run their own Dex. */
export const identityComponent: PlatformComponent = {
  name: 'identity',
  wave: WAVES.platform,
  enabledOn: (ctx: ClusterContext) => usesDex(ctx.cluster),
  build(scope, ctx) {
    new DexConfiguration(scope, 'Dex', { cluster: ctx.cluster, settings: ctx.platform.settings });
  },
};
