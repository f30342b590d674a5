/**
 * The `identity` platform component: Dex's configuration as data, for the
 * Dex add-on to mount — the `dex` Namespace, a ConfigMap `dex-config` with
 * `config.yaml`, and an ExternalSecret `dex-env` creating the Secret of the
 * same name with every variable the config references. Rendered on clusters
 * whose OIDC issuer is their own Dex.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClusterContext, PlatformComponent, WAVES } from '../../app/component';
import { PlatformNamespace } from '../../addons/platform-namespace';
import { toYaml } from '../../render/yaml';
import { ClusterSpec } from '../../spec/cluster';
import { PlatformSettings } from '../../spec/settings';
import { ExternalSecret, ExternalSecretSpecSecretStoreRefKind, ExternalSecretSpecTargetCreationPolicy } from '../../../imports/external-secrets.io';
import { dexConfig } from './dex-config';
import { usesDex } from './oidc';

/** Names of Dex's config objects (the Dex add-on mounts them). */
export const DEX_OBJECTS = { configMap: 'dex-config', configKey: 'config.yaml', envSecret: 'dex-env' } as const;

export interface DexConfigurationProps {
  readonly cluster: ClusterSpec;
  readonly settings: PlatformSettings;
}

/**
 * Dex's Namespace, ConfigMap and ExternalSecret for one cluster.
 *
 * @throws Error when the cluster has no secretStore (Dex's secrets have nowhere to come from)
 */
export class DexConfiguration extends Construct {
  constructor(scope: Construct, id: string, props: DexConfigurationProps) {
    super(scope, id);
    const { cluster, settings } = props;
    if (!cluster.secretStore) throw new Error(`DexConfiguration ${cluster.name}: cluster.secretStore is required for Dex's secrets`);
    const namespace = settings.namespaces.identity;
    const { config, env } = dexConfig(cluster, settings);
    new PlatformNamespace(this, 'Namespace', { name: namespace, component: 'identity', podSecurityVersion: `v${cluster.kubernetesVersion}` });
    new k8s.KubeConfigMap(this, 'Config', {
      metadata: { name: DEX_OBJECTS.configMap, namespace },
      data: { [DEX_OBJECTS.configKey]: toYaml(config) },
    });
    new ExternalSecret(this, 'Env', {
      metadata: { name: DEX_OBJECTS.envSecret, namespace },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { kind: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE, name: cluster.secretStore.name },
        target: { name: DEX_OBJECTS.envSecret, creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER },
        data: env.map((e) => ({ secretKey: e.name, remoteRef: { key: e.remoteKey, property: e.property } })),
      },
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
