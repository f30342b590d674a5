/**
 * Definition fields for secrets: the cluster's External Secrets Operator
 * store (`clusters[].secretStore`), encryption of Secrets at rest
 * (`clusters[].encryptionAtRest`) and the ExternalSecrets a tenant
 * environment declares (`spec.environments.<env>.externalSecrets`).
 */
import { z } from 'zod';
import { dnsLabel, dnsSubdomain, duration, httpsUrl } from './fields';
import { documented, refineWith } from './json-forms';

/** Secret store providers a cluster can use. */
export const SECRET_STORE_PROVIDERS = ['vault', 'aws-secrets-manager', 'azure-key-vault'] as const;
export type SecretStoreProvider = (typeof SECRET_STORE_PROVIDERS)[number];

const serviceAccountRef = z.strictObject({
  name: dnsSubdomain.default('external-secrets'),
  namespace: dnsLabel().default('external-secrets'),
}).prefault({});

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'must be a GUID' });

/**
 * `clusters[].secretStore`: the secret backend of the cluster. The platform
 * reads its own secrets (Dex, log and alert credentials, remote write)
 * through one ClusterSecretStore that only platform namespaces may use; every
 * tenant environment reads through a SecretStore of its own, whose
 * credentials the backend confines to that environment's secrets:
 *
 * - `vault`: a Kubernetes-auth role `<tenantAuth.rolePrefix><namespace>`
 *   bound to the namespace's `secret-store` ServiceAccount, with a policy
 *   reading `<path>/<tenant>/<environment>/*` only;
 * - `aws-secrets-manager`: an IAM role `<tenantRoles.rolePrefix><namespace>`
 *   the namespace's ServiceAccount assumes through IRSA, allowed to read
 *   secrets named `<tenant>/<environment>/*` only;
 * - `azure-key-vault`: a Key Vault per tenant environment
 *   (`tenantVaults.vaultURL`) and a managed identity per namespace
 *   (`tenantVaults.clientIDs`), federated with its ServiceAccount.
 *
 * The policies, roles and trust documents the backend team applies are
 * rendered into `secret-backend/` (`secrets/secret-backend-files.ts`).
 *
 * Source: External Secrets Operator docs, providers "HashiCorp Vault"
 * (Kubernetes auth), "AWS Secrets Manager" (IRSA / JWT auth), "Azure Key Vault"
 * (workload identity), and "Multi Tenancy" (a store per namespace; Vault
 * role per namespace).
 */
export const secretStoreSchema = z.strictObject({
  /** ClusterSecretStore name. */
  name: dnsSubdomain.default('platform-secrets'),
  provider: z.enum(SECRET_STORE_PROVIDERS).default('vault'),
  vault: z.strictObject({
    /** Vault address, e.g. `https://vault.example.com:8200`. */
    server: httpsUrl,
    /** Mount path of the KV engine. */
    path: z.string().regex(/^[A-Za-z0-9._/-]+$/).default('secret'),
    /** KV engine version. */
    version: z.enum(['v1', 'v2']).default('v2'),
    /** Vault Kubernetes auth: mount path and role the operator's ServiceAccount logs in with. */
    kubernetesAuth: z.strictObject({
      mountPath: z.string().regex(/^[A-Za-z0-9._/-]+$/).default('kubernetes'),
      role: z.string().min(1).default('external-secrets'),
      serviceAccount: serviceAccountRef,
    }).prefault({}),
    /** How tenant SecretStores log in: a Kubernetes-auth role per tenant namespace. */
    tenantAuth: z.strictObject({
      /** Role (and policy) name prefix; the namespace is appended. */
      rolePrefix: z.string().regex(/^[a-z0-9-]*$/, { message: 'must be lower-case letters, digits and -' }).default('tenant-'),
      /** Audience of the ServiceAccount tokens the SecretStore presents (the role's `audience`). */
      audience: z.string().regex(/^[A-Za-z0-9._:/-]+$/).default('vault'),
      /** Token lifetime of a tenant login. */
      tokenTTL: duration.default('20m'),
    }).prefault({}),
  }).optional(),
  awsSecretsManager: z.strictObject({
    /** @default - the cluster's region */
    region: z.string().min(1).optional(),
    /** IAM role ARN to assume. @default - the role of the ServiceAccount (IRSA) */
    role: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/, { message: 'must be an IAM role ARN' }).optional(),
    /** ServiceAccount whose projected token is exchanged for AWS credentials (IRSA). */
    serviceAccount: serviceAccountRef,
    /** IAM roles of tenant SecretStores: one per tenant namespace, `<rolePrefix><namespace>` in `accountID`. */
    tenantRoles: z.strictObject({
      /** AWS account holding the roles and secrets. */
      accountID: z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account ID' }),
      rolePrefix: z.string().regex(/^[A-Za-z0-9+=,.@_-]*$/, { message: 'must be IAM role name characters' }).default('external-secrets-'),
      /** The cluster's IAM OIDC provider (issuer host and path), e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC123`. */
      oidcProvider: z.string().regex(/^[A-Za-z0-9.-]+(\/[A-Za-z0-9._-]+)*$/, { message: 'must be the OIDC provider host and path, without https://' }),
    }),
  }).optional(),
  azureKeyVault: z.strictObject({
    /** Vault URL, e.g. `https://platform-kv.vault.azure.net`. */
    vaultURL: httpsUrl,
    /** Entra ID tenant ID (a GUID). */
    tenantID: guid,
    /** ServiceAccount federated with the managed identity (workload identity). */
    serviceAccount: serviceAccountRef,
    /** Tenant SecretStores: a Key Vault per tenant environment and a managed identity per namespace. */
    tenantVaults: z.strictObject({
      /** Vault URL with `{tenant}` and `{environment}`, e.g. `https://kv-{tenant}-{environment}.vault.azure.net`. */
      vaultURL: z.string().regex(/^https:\/\/[A-Za-z0-9.{}-]+(\/[^\s]*)?$/, { message: 'must be an https URL template such as https://kv-{tenant}-{environment}.vault.azure.net' })
        .refine((u) => u.includes('{tenant}') && u.includes('{environment}'), { message: 'must contain {tenant} and {environment}' }),
      /** Client ID of each tenant namespace's managed identity, by namespace. */
      clientIDs: z.record(dnsLabel(), guid).default({}),
    }),
  }).optional(),
  /** The shortest refresh interval of a tenant ExternalSecret (`0s`, read once, is always allowed). */
  tenantMinRefreshInterval: duration.default('5m'),
}).superRefine((store, ctx) => {
  const blocks = { 'vault': 'vault', 'aws-secrets-manager': 'awsSecretsManager', 'azure-key-vault': 'azureKeyVault' } as const;
  const chosen = blocks[store.provider];
  if (!store[chosen]) {
    ctx.addIssue({ code: 'custom', path: [chosen], message: `is required when provider is ${store.provider}` });
  }
  for (const [provider, block] of Object.entries(blocks)) {
    if (block !== chosen && store[block]) {
      ctx.addIssue({ code: 'custom', path: [block], message: `is only read when provider is ${provider}; provider is ${store.provider} — remove it or change provider` });
    }
  }
});
export type SecretStoreSpec = z.output<typeof secretStoreSchema>;

/**
 * `clusters[].encryptionAtRest`: an EncryptionConfiguration that encrypts
 * these resources with a KMS v2 plugin, so no key is ever written to a file.
 *
 * Source: Kubernetes docs, "Using a KMS provider for data encryption" (KMS v2:
 * beta and on by default in 1.27–1.28, stable from 1.29).
 */
export const encryptionAtRestSchema = z.strictObject({
  /** Resources encrypted, e.g. `secrets`, `configmaps`. */
  resources: z.array(z.string().regex(/^[a-z0-9]+(\.[a-z0-9.-]+)?$/, { message: 'must be a resource such as secrets or configmaps' }))
    .min(1).default(['secrets']),
  kms: z.strictObject({
    /** Name of the KMS provider (stored with every encrypted object; never change it for existing data). */
    name: dnsSubdomain.default('platform-kms'),
    /** gRPC socket of the KMS plugin on the control-plane node. */
    endpoint: z.string().regex(/^unix:\/\/\/[A-Za-z0-9._/-]+$/, { message: 'must be a unix socket such as unix:///var/run/kmsplugin/socket.sock' })
      .default('unix:///var/run/kmsplugin/socket.sock'),
    /** How long the API server waits for the plugin. */
    timeout: duration.default('3s'),
  }).prefault({}),
}).prefault({});
export type EncryptionAtRestSpec = z.output<typeof encryptionAtRestSchema>;

/**
 * A secret store key: segments of letters, digits, `_`, `-` and inner dots,
 * separated by single `/` — the grammar the admission policy
 * `external-secret-keys` enforces (no `.` or `..` segments, no `//`, no
 * leading `/`, no `%`).
 */
export const SECRET_KEY_PATTERN = /^[A-Za-z0-9_-]+([.][A-Za-z0-9_-]+)*(\/[A-Za-z0-9_-]+([.][A-Za-z0-9_-]+)*)*$/;

const remoteKey = z.string().regex(SECRET_KEY_PATTERN, { message: 'must be a secret store key such as payments/prod/database (segments of letters, digits, _ - and inner dots, separated by single /)' });

/**
 * One ExternalSecret of a tenant environment: the Secret `name` in its
 * namespace, filled from the cluster's secret store. Keys must start with
 * `<tenant>/<environment>/` (a store per environment keeps the rest out of reach). Example:
 * `{ name: db, data: [{ secretKey: password, remoteRef: { key: payments/prod/db, property: password } }] }`.
 *
 * @param examplePrefix the key prefix of the schema's examples, e.g. `loyalty/prod/`
 */
export function externalSecretSchema(examplePrefix: string) {
  const key = (name: string) => `${examplePrefix}${name}`;
  return documented(refineWith(z.strictObject({
  name: documented(dnsSubdomain, 'Name of the ExternalSecret and of the Secret it creates.', 'db'),
  refreshInterval: documented(duration.default('1h'), 'How often the Secret is refreshed from the store, a duration such as 15m or 1h (at least the cluster\'s secretStore.tenantMinRefreshInterval, or 0s to read once); default 1h.', '15m'),
  data: documented(z.array(documented(z.strictObject({
    secretKey: documented(z.string().regex(/^[-._a-zA-Z0-9]+$/, { message: 'must be a Secret key ([-._a-zA-Z0-9]+)' }), 'Key in the Secret.', 'password'),
    remoteRef: documented(z.strictObject({
      key: documented(remoteKey, 'Key in the secret store, starting with `<tenant>/<environment>/` (the environment\'s own part of the store).', key('db')),
      property: documented(z.string().min(1).optional(), 'Field of a structured secret; default: the whole value.', 'password'),
      version: documented(z.string().min(1).optional(), 'Version of the secret; default: the latest.', '3'),
    }), 'Where the value comes from.', { key: key('db'), property: 'password' }),
  }), 'One Secret key from one store value.', { secretKey: 'password', remoteRef: { key: key('db'), property: 'password' } })).default([]),
  'Single values: Secret key ← store key (and property).', [{ secretKey: 'password', remoteRef: { key: key('db'), property: 'password' } }]),
  dataFrom: documented(z.array(documented(z.strictObject({
    extract: documented(z.strictObject({
      key: documented(remoteKey, 'Key in the secret store, starting with `<tenant>/<environment>/` (the environment\'s own part of the store).', key('api')),
    }), 'Every property of one store entry.', { key: key('api') }),
  }), 'One whole store entry.', { extract: { key: key('api') } })).default([]),
  'Whole store entries: every property becomes a Secret key.', [{ extract: { key: key('api') } }]),
}), (e, issue) => {
  if (e.data.length + e.dataFrom.length === 0) issue([], 'must declare data or dataFrom');
}, {
  anyOf: [
    { required: ['data'], properties: { data: { type: 'array', minItems: 1 } } },
    { required: ['dataFrom'], properties: { dataFrom: { type: 'array', minItems: 1 } } },
  ],
}), 'One Secret in the environment\'s namespace, filled from the secret store.', { name: 'db', data: [{ secretKey: 'password', remoteRef: { key: key('db'), property: 'password' } }] });
}

/** One ExternalSecret of a tenant environment (see {@link externalSecretSchema}). */
export const tenantExternalSecretSchema = externalSecretSchema('loyalty/prod/');
export type TenantExternalSecret = z.output<typeof tenantExternalSecretSchema>;

/**
 * The cluster's secret store settings.
 *
 * @throws Error when the cluster declares no `secretStore` (the definition
 *   checks report that first, with its path)
 */
export function secretStoreOf<S extends { readonly name: string } = SecretStoreSpec>(cluster: { readonly name: string; readonly secretStore?: S }): S {
  if (!cluster.secretStore) throw new Error(`cluster ${cluster.name} declares no secretStore, but something on it reads secrets through ExternalSecrets`);
  return cluster.secretStore;
}

/**
 * The name of the cluster's ClusterSecretStore, which the platform's own
 * ExternalSecrets read from (tenants read through their namespace's SecretStore).
 *
 * @throws Error when the cluster declares no `secretStore` (see {@link secretStoreOf})
 */
export function secretStoreNameOf(cluster: { readonly name: string; readonly secretStore?: { readonly name: string } }): string {
  return secretStoreOf(cluster).name;
}

/** Name of the SecretStore in every tenant namespace, and of the ServiceAccount it logs in as. */
export const TENANT_SECRET_STORE = { store: 'tenant-secrets', serviceAccount: 'secret-store' } as const;

/**
 * The part of the secret store a tenant environment's SecretStore reads:
 * `<tenant>/<environment>/` in Vault and AWS Secrets Manager; `` in Azure,
 * where the environment has a Key Vault of its own (whose secret names cannot
 * hold `/`).
 */
export function tenantSecretKeyPrefix(store: { readonly provider: SecretStoreProvider }, tenant: string, environment: string): string {
  return store.provider === 'azure-key-vault' ? '' : `${tenant}/${environment}/`;
}
