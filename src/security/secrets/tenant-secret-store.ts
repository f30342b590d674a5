/**
 * The secret store of one tenant environment: a ServiceAccount
 * `secret-store` and a namespaced SecretStore `tenant-secrets` that logs in
 * to the backend as that ServiceAccount. The backend, not the cluster,
 * confines what it reads: the Vault role, IAM role or managed identity it
 * gets is bound to this namespace's ServiceAccount and allowed only the
 * environment's secrets (`secret-backend-files.ts` renders them). A tenant
 * cannot change the store (no tenant role writes SecretStores), and a token
 * for another namespace's ServiceAccount is worthless here.
 *
 * Sources: External Secrets Operator docs "Multi Tenancy" (a SecretStore per
 * namespace with its own credentials), providers "HashiCorp Vault"
 * (Kubernetes auth with `serviceAccountRef` and `audiences`), "AWS Secrets
 * Manager" (JWT auth: the ServiceAccount's `eks.amazonaws.com/role-arn`),
 * "Azure Key Vault" (workload identity: `azure.workload.identity/client-id`).
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  SecretStore, SecretStoreSpecProvider, SecretStoreSpecProviderAwsService, SecretStoreSpecProviderAzurekvAuthType,
  SecretStoreSpecProviderVaultVersion,
} from '../../../imports/external-secrets.io';
import { SecretStoreSpec, TENANT_SECRET_STORE } from '../../spec/secrets';

/** The Vault role (and policy) of a tenant namespace: `<rolePrefix><namespace>`. */
export function vaultTenantRole(store: SecretStoreSpec, namespace: string): string {
  return `${store.vault!.tenantAuth.rolePrefix}${namespace}`;
}

/** The IAM role ARN of a tenant namespace: `arn:aws:iam::<account>:role/<rolePrefix><namespace>`. */
export function awsTenantRoleArn(store: SecretStoreSpec, namespace: string): string {
  const t = store.awsSecretsManager!.tenantRoles;
  return `arn:aws:iam::${t.accountID}:role/${t.rolePrefix}${namespace}`;
}

/** The Key Vault URL of a tenant environment. */
export function azureTenantVaultURL(store: SecretStoreSpec, tenant: string, environment: string): string {
  return store.azureKeyVault!.tenantVaults.vaultURL.replace(/\{tenant\}/g, tenant).replace(/\{environment\}/g, environment);
}

/** The `spec.provider` of a tenant environment's SecretStore. */
export function tenantStoreProvider(store: SecretStoreSpec, region: string, tenant: string, environment: string, namespace: string): SecretStoreSpecProvider {
  const serviceAccount = TENANT_SECRET_STORE.serviceAccount;
  switch (store.provider) {
    case 'vault': {
      const v = store.vault!;
      return {
        vault: {
          server: v.server,
          path: v.path,
          version: v.version === 'v1' ? SecretStoreSpecProviderVaultVersion.V1 : SecretStoreSpecProviderVaultVersion.V2,
          auth: {
            kubernetes: {
              mountPath: v.kubernetesAuth.mountPath,
              role: vaultTenantRole(store, namespace),
              serviceAccountRef: { name: serviceAccount, audiences: [v.tenantAuth.audience] },
            },
          },
        },
      };
    }
    case 'aws-secrets-manager':
      return {
        aws: {
          service: SecretStoreSpecProviderAwsService.SECRETS_MANAGER,
          region: store.awsSecretsManager!.region ?? region,
          auth: { jwt: { serviceAccountRef: { name: serviceAccount } } },
        },
      };
    case 'azure-key-vault':
      return {
        azurekv: {
          vaultUrl: azureTenantVaultURL(store, tenant, environment),
          tenantId: store.azureKeyVault!.tenantID,
          authType: SecretStoreSpecProviderAzurekvAuthType.WORKLOAD_IDENTITY,
          serviceAccountRef: { name: serviceAccount },
        },
      };
  }
}

/** The annotations of the `secret-store` ServiceAccount for the provider. */
export function tenantStoreServiceAccountAnnotations(store: SecretStoreSpec, namespace: string): Record<string, string> | undefined {
  if (store.provider === 'aws-secrets-manager') return { 'eks.amazonaws.com/role-arn': awsTenantRoleArn(store, namespace) };
  if (store.provider === 'azure-key-vault') {
    const clientID = store.azureKeyVault!.tenantVaults.clientIDs[namespace];
    if (!clientID) throw new Error(`TenantSecretStore ${namespace}: secretStore.azureKeyVault.tenantVaults.clientIDs has no managed identity for the namespace`);
    return { 'azure.workload.identity/client-id': clientID };
  }
  return undefined;
}

export interface TenantSecretStoreProps {
  readonly store: SecretStoreSpec;
  /** The cluster's region (the AWS region when the store names none). */
  readonly region: string;
  readonly tenant: string;
  readonly environment: string;
  readonly namespace: string;
}

/**
 * ServiceAccount `secret-store` (no token mounted anywhere) and SecretStore
 * `tenant-secrets` in a tenant namespace.
 *
 * @throws Error when an Azure store has no managed identity for the namespace
 */
export class TenantSecretStore extends Construct {
  constructor(scope: Construct, id: string, props: TenantSecretStoreProps) {
    super(scope, id);
    const { store, namespace } = props;
    new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: TENANT_SECRET_STORE.serviceAccount, namespace, annotations: tenantStoreServiceAccountAnnotations(store, namespace) },
      automountServiceAccountToken: false,
    });
    new SecretStore(this, 'Store', {
      metadata: { name: TENANT_SECRET_STORE.store, namespace },
      spec: { provider: tenantStoreProvider(store, props.region, props.tenant, props.environment, namespace) },
    });
  }
}
