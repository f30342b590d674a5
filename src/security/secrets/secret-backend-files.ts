/**
 * What the secret backend's team applies so that each tenant environment's
 * SecretStore reads its own secrets and nothing else — rendered into
 * `dist/clusters/<cluster>/secret-backend/` (not synced by GitOps), one set
 * per tenant namespace:
 *
 * - Vault: `vault-policy-<namespace>.hcl` (read `<path>/data/<tenant>/<environment>/*`
 *   and list its metadata for `find`; KV v1: `<path>/<tenant>/<environment>/*`),
 *   `vault-role-<namespace>.json` (the Kubernetes-auth role: bound to the
 *   namespace's `secret-store` ServiceAccount and the audience the
 *   SecretStore presents, that policy only, short token lifetime) and
 *   `apply-vault.sh` writing them all;
 * - AWS Secrets Manager: `iam-role-<namespace>.json` (trust policy: only
 *   `system:serviceaccount:<namespace>:secret-store` through the cluster's
 *   OIDC provider; permissions: read secrets named `<tenant>/<environment>/*`);
 * - Azure Key Vault: `azure-identity-<namespace>.json` (the vault, the managed
 *   identity, the federated credential's subject and the one role it needs).
 *
 * Sources: HashiCorp Vault docs "Kubernetes auth method" (role parameters
 * `bound_service_account_names`, `bound_service_account_namespaces`,
 * `audience`, `token_policies`, `token_ttl`) and "Policies" (KV v2 `data/` and
 * `metadata/` paths; `*` is a prefix match); AWS docs "IAM roles for service
 * accounts" (trust policy conditions `<provider>:sub` and `<provider>:aud`)
 * and "Authentication and access control for AWS Secrets Manager" (resource
 * ARNs with the name prefix and `*`); Microsoft docs "Workload identity
 * federation" and "Key Vault RBAC" (Key Vault Secrets User).
 */
import { Construct } from 'constructs';
import { ClusterContext, ExternalPart } from '../../contracts/component';
import { FOLDERS } from '../../render/layout';
import { ConfigFile } from '../../render/config-file';
import { Placement } from '../../spec/model';
import { SecretStoreSpec, TENANT_SECRET_STORE, tenantSecretKeyPrefix } from '../../spec/secrets';
import { awsTenantRoleArn, azureTenantVaultURL, vaultTenantRole } from './tenant-secret-store';

/** The Vault policy (HCL) of one tenant namespace. */
export function vaultTenantPolicy(store: SecretStoreSpec, p: Placement): string {
  const v = store.vault!;
  const prefix = tenantSecretKeyPrefix(store, p.tenant.metadata.name, p.environment);
  const header = `# Vault policy ${vaultTenantRole(store, p.namespace)}: tenant ${p.tenant.metadata.name}, environment ${p.environment}, namespace ${p.namespace} on ${p.cluster.name}.\n# Read only the environment's secrets; nothing else of the store.\n`;
  if (v.version === 'v1') return `${header}path "${v.path}/${prefix}*" {\n  capabilities = ["read", "list"]\n}\n`;
  return `${header}path "${v.path}/data/${prefix}*" {\n  capabilities = ["read"]\n}\n\npath "${v.path}/metadata/${prefix}*" {\n  capabilities = ["read", "list"]\n}\n`;
}

/** The Vault Kubernetes-auth role of one tenant namespace (the body of `vault write auth/<mount>/role/<name>`). */
export function vaultTenantRoleBody(store: SecretStoreSpec, p: Placement): Record<string, unknown> {
  const a = store.vault!.tenantAuth;
  return {
    bound_service_account_names: [TENANT_SECRET_STORE.serviceAccount],
    bound_service_account_namespaces: [p.namespace],
    audience: a.audience,
    token_policies: [vaultTenantRole(store, p.namespace)],
    token_ttl: a.tokenTTL,
    token_max_ttl: a.tokenTTL,
  };
}

/** The IAM role of one tenant namespace: name, trust policy and permissions. */
export function awsTenantRole(store: SecretStoreSpec, p: Placement): Record<string, unknown> {
  const t = store.awsSecretsManager!.tenantRoles;
  const region = store.awsSecretsManager!.region ?? p.cluster.region;
  const prefix = tenantSecretKeyPrefix(store, p.tenant.metadata.name, p.environment);
  return {
    roleArn: awsTenantRoleArn(store, p.namespace),
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${t.accountID}:oidc-provider/${t.oidcProvider}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${t.oidcProvider}:sub`]: `system:serviceaccount:${p.namespace}:${TENANT_SECRET_STORE.serviceAccount}`,
            [`${t.oidcProvider}:aud`]: 'sts.amazonaws.com',
          },
        },
      }],
    },
    permissionsPolicy: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: `arn:aws:secretsmanager:${region}:${t.accountID}:secret:${prefix}*`,
      }],
    },
  };
}

/** The managed identity of one tenant namespace and what it may do. */
export function azureTenantIdentity(store: SecretStoreSpec, p: Placement): Record<string, unknown> {
  const vaultURL = azureTenantVaultURL(store, p.tenant.metadata.name, p.environment);
  return {
    vaultURL,
    clientID: store.azureKeyVault!.tenantVaults.clientIDs[p.namespace],
    federatedCredential: {
      subject: `system:serviceaccount:${p.namespace}:${TENANT_SECRET_STORE.serviceAccount}`,
      audiences: ['api://AzureADTokenExchange'],
      issuer: 'the cluster\'s ServiceAccount issuer URL',
    },
    roleAssignment: { role: 'Key Vault Secrets User', scope: vaultURL },
  };
}

/** The files of one cluster's `secret-backend/` folder (see the file description). */
export class SecretBackendFiles extends Construct {
  constructor(scope: Construct, id: string, props: { readonly ctx: ClusterContext }) {
    super(scope, id);
    const { cluster, placements } = props.ctx;
    const store = cluster.secretStore;
    if (!store) return;
    const script: string[] = [
      '#!/bin/sh',
      `# Vault roles and policies of the tenant SecretStores on ${cluster.name}; run with a token allowed to write policies and ${store.vault?.kubernetesAuth.mountPath ?? 'kubernetes'} auth roles.`,
      'set -eu',
      'cd "$(dirname "$0")"',
    ];
    for (const p of placements) {
      if (store.provider === 'vault') {
        const role = vaultTenantRole(store, p.namespace);
        new ConfigFile(this, `policy-${p.namespace}`, { fileName: `vault-policy-${p.namespace}.hcl`, content: vaultTenantPolicy(store, p) });
        new ConfigFile(this, `role-${p.namespace}`, { fileName: `vault-role-${p.namespace}.json`, content: `${JSON.stringify(vaultTenantRoleBody(store, p), null, 2)}\n` });
        script.push(`vault policy write ${role} vault-policy-${p.namespace}.hcl`);
        script.push(`vault write auth/${store.vault!.kubernetesAuth.mountPath}/role/${role} @vault-role-${p.namespace}.json`);
      } else if (store.provider === 'aws-secrets-manager') {
        new ConfigFile(this, `role-${p.namespace}`, { fileName: `iam-role-${p.namespace}.json`, content: `${JSON.stringify(awsTenantRole(store, p), null, 2)}\n` });
      } else {
        new ConfigFile(this, `identity-${p.namespace}`, { fileName: `azure-identity-${p.namespace}.json`, content: `${JSON.stringify(azureTenantIdentity(store, p), null, 2)}\n` });
      }
    }
    if (store.provider === 'vault' && placements.length > 0) new ConfigFile(this, 'apply', { fileName: 'apply-vault.sh', content: `${script.join('\n')}\n` });
  }
}

/** The `secret-backend/` folder, one of the standard external parts. */
export const secretBackendPart: ExternalPart = {
  folder: FOLDERS.secretBackend,
  build(scope, ctx) {
    new SecretBackendFiles(scope, 'SecretBackend', { ctx });
  },
};
