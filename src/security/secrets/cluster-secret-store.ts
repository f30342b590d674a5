/**
 * The cluster's External Secrets Operator ClusterSecretStore: the one place
 * ExternalSecrets read credentials from.
 */
import { Construct } from 'constructs';
import {
  ClusterSecretStore, ClusterSecretStoreSpecProvider, ClusterSecretStoreSpecProviderAwsService,
  ClusterSecretStoreSpecProviderAzurekvAuthType, ClusterSecretStoreSpecProviderVaultVersion,
} from '../../../imports/external-secrets.io';
import { SecretStoreSpec } from '../../spec/secrets';
import { LABELS } from '../../tenancy/labels';

export interface PlatformClusterSecretStoreProps {
  /** The cluster's `secretStore`. */
  readonly store: SecretStoreSpec;
  /** The cluster's region, the AWS region when the store does not name one. */
  readonly region: string;
}

/** The ESO `spec.provider` of a store: exactly one of `vault`, `aws`, `azurekv`. */
export function secretStoreProvider(store: SecretStoreSpec, region: string): ClusterSecretStoreSpecProvider {
  switch (store.provider) {
    case 'vault': {
      const v = store.vault!;
      return {
        vault: {
          server: v.server,
          path: v.path,
          version: v.version === 'v1' ? ClusterSecretStoreSpecProviderVaultVersion.V1 : ClusterSecretStoreSpecProviderVaultVersion.V2,
          auth: {
            kubernetes: {
              mountPath: v.kubernetesAuth.mountPath,
              role: v.kubernetesAuth.role,
              serviceAccountRef: { name: v.kubernetesAuth.serviceAccount.name, namespace: v.kubernetesAuth.serviceAccount.namespace },
            },
          },
        },
      };
    }
    case 'aws-secrets-manager': {
      const a = store.awsSecretsManager!;
      return {
        aws: {
          service: ClusterSecretStoreSpecProviderAwsService.SECRETS_MANAGER,
          region: a.region ?? region,
          role: a.role,
          auth: { jwt: { serviceAccountRef: { name: a.serviceAccount.name, namespace: a.serviceAccount.namespace } } },
        },
      };
    }
    case 'azure-key-vault': {
      const z = store.azureKeyVault!;
      return {
        azurekv: {
          vaultUrl: z.vaultURL,
          tenantId: z.tenantID,
          authType: ClusterSecretStoreSpecProviderAzurekvAuthType.WORKLOAD_IDENTITY,
          serviceAccountRef: { name: z.serviceAccount.name, namespace: z.serviceAccount.namespace },
        },
      };
    }
  }
}

/**
 * The platform's ClusterSecretStore (external-secrets.io/v1) for Vault
 * (Kubernetes auth), AWS Secrets Manager (IRSA JWT auth) or Azure Key Vault
 * (workload identity), usable from platform namespaces only (`conditions`:
 * namespaces without the tenant label; ESO refuses an ExternalSecret of any
 * other namespace). No credential is stored in the cluster: each provider
 * authenticates with the operator's ServiceAccount token.
 *
 * Source: External Secrets Operator docs, "HashiCorp Vault", "AWS Secrets
 * Manager", "Azure Key Vault" provider pages.
 *
 * @throws Error when the block of the chosen provider is missing
 */
export class PlatformClusterSecretStore extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PlatformClusterSecretStoreProps) {
    super(scope, id);
    const { store } = props;
    const block = { 'vault': store.vault, 'aws-secrets-manager': store.awsSecretsManager, 'azure-key-vault': store.azureKeyVault }[store.provider];
    if (!block) throw new Error(`PlatformClusterSecretStore ${store.name}: store.provider is ${store.provider} but its settings block is missing`);
    this.name = store.name;
    new ClusterSecretStore(this, 'Resource', {
      metadata: { name: store.name },
      spec: {
        provider: secretStoreProvider(store, props.region),
        // Only platform namespaces may read through it: tenants have stores of their own.
        conditions: [{ namespaceSelector: { matchExpressions: [{ key: LABELS.tenant, operator: 'DoesNotExist' }] } }],
      },
    });
  }
}
