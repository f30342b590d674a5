/**
 * The ExternalSecrets a tenant environment declares in its tenant file.
 */
import { Construct } from 'constructs';
import {
  ExternalSecret, ExternalSecretSpecSecretStoreRefKind, ExternalSecretSpecTargetCreationPolicy, ExternalSecretSpecTargetDeletionPolicy,
} from '../../../imports/external-secrets.io';
import { TenantExternalSecret } from '../../spec/secrets';

export interface PlatformExternalSecretProps {
  readonly namespace: string;
  /** The ExternalSecret, as the definition declares it. */
  readonly secret: TenantExternalSecret;
  /** Name of the namespace's own SecretStore (`TENANT_SECRET_STORE.store`). */
  readonly storeName: string;
}

/**
 * An ExternalSecret (external-secrets.io/v1) creating the Secret of the same
 * name, owned by the ExternalSecret (deleted with it), from the namespace's
 * own SecretStore.
 *
 * @throws Error when the secret declares neither data nor dataFrom
 */
export class PlatformExternalSecret extends Construct {
  constructor(scope: Construct, id: string, props: PlatformExternalSecretProps) {
    super(scope, id);
    const s = props.secret;
    if (s.data.length + s.dataFrom.length === 0) throw new Error(`PlatformExternalSecret ${s.name}: secret must declare data or dataFrom`);
    new ExternalSecret(this, 'Resource', {
      metadata: { name: s.name, namespace: props.namespace },
      spec: {
        refreshInterval: s.refreshInterval,
        secretStoreRef: { kind: ExternalSecretSpecSecretStoreRefKind.SECRET_STORE, name: props.storeName },
        target: {
          name: s.name,
          creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
          deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
        },
        data: s.data.length > 0 ? s.data.map((d) => ({
          secretKey: d.secretKey,
          remoteRef: { key: d.remoteRef.key, property: d.remoteRef.property, version: d.remoteRef.version },
        })) : undefined,
        dataFrom: s.dataFrom.length > 0 ? s.dataFrom.map((d) => ({ extract: { key: d.extract.key } })) : undefined,
      },
    });
  }
}

export interface TenantExternalSecretsProps {
  readonly namespace: string;
  readonly secrets: readonly TenantExternalSecret[];
  readonly storeName: string;
}

/** Every ExternalSecret of one tenant environment, in declared order. */
export class TenantExternalSecrets extends Construct {
  constructor(scope: Construct, id: string, props: TenantExternalSecretsProps) {
    super(scope, id);
    for (const secret of props.secrets) {
      new PlatformExternalSecret(this, secret.name, { namespace: props.namespace, secret, storeName: props.storeName });
    }
  }
}
