/**
 * The ExternalSecrets the observability components read credentials
 * through (external-secrets.io/v1): the secret store holds the values, the
 * operator writes a Secret in the cluster, pods read it by reference. Nothing
 * secret is ever rendered into `dist/`.
 */
import { Construct } from 'constructs';
import {
  ExternalSecret, ExternalSecretSpecSecretStoreRefKind, ExternalSecretSpecTargetCreationPolicy, ExternalSecretSpecTargetDeletionPolicy,
} from '../../../imports/external-secrets.io';
import { SecretRef } from '../../spec/observability-fields';

/** One key of the Secret and the secret store entry it comes from. */
export interface SecretEntry {
  /** Key in the Kubernetes Secret. */
  readonly secretKey: string;
  /** Key in the secret store, absolute (tenant prefix already applied). */
  readonly remoteKey: string;
  /** Field of a structured secret. */
  readonly property?: string;
}

export interface SecretFromStoreProps {
  /** Name of the ExternalSecret and of the Secret it writes. */
  readonly name: string;
  readonly namespace: string;
  /** The store to read from: the cluster's ClusterSecretStore (`secretStore.name`), or a namespace's own SecretStore. */
  readonly storeName: string;
  /**
   * Kind of the store.
   * @default 'ClusterSecretStore'
   */
  readonly storeKind?: 'ClusterSecretStore' | 'SecretStore';
  /** Keys to read; each `secretKey` once. */
  readonly entries: readonly SecretEntry[];
  /**
   * How often values are read again.
   * @default '1h'
   */
  readonly refreshInterval?: string;
}

/**
 * An ExternalSecret writing Secret `name` in `namespace` from the secret store.
 *
 * @throws Error when `entries` is empty or names a `secretKey` twice
 */
export class SecretFromStore extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: SecretFromStoreProps) {
    super(scope, id);
    if (props.entries.length === 0) throw new Error(`SecretFromStore ${props.name}: entries must not be empty`);
    const keys = props.entries.map((e) => e.secretKey);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) throw new Error(`SecretFromStore ${props.name}: entries name secretKey "${dup}" twice`);
    this.name = props.name;
    new ExternalSecret(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        refreshInterval: props.refreshInterval ?? '1h',
        secretStoreRef: {
          kind: props.storeKind === 'SecretStore' ? ExternalSecretSpecSecretStoreRefKind.SECRET_STORE : ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE,
          name: props.storeName,
        },
        target: {
          name: props.name,
          creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
          deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
        },
        data: [...props.entries]
          .sort((a, b) => a.secretKey.localeCompare(b.secretKey))
          .map((e) => ({ secretKey: e.secretKey, remoteRef: { key: e.remoteKey, property: e.property } })),
      },
    });
  }
}

/**
 * The secret store key of a reference read by the platform's ClusterSecretStore
 * (in a platform namespace): platform references as written, tenant references
 * under `<tenant>/`, so what the platform reads for a tenant (its log output
 * credentials) comes from the tenant's part of the store.
 */
export function remoteKeyOf(ref: SecretRef, tenant?: string): string {
  return tenant === undefined ? ref.key : `${tenant}/${ref.key}`;
}
