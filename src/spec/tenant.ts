/**
 * The schema of a tenant file (`tenants/<name>.yaml`), in the shape of a
 * Kubernetes object:
 *
 * ```yaml
 * apiVersion: platform.cdk8s.io/v1alpha1
 * kind: Tenant
 * metadata:
 *   name: payments
 * spec:
 *   owners: [{ name: Ana Ruiz, email: ana.ruiz@example.com }]
 *   costCenter: cc-4711
 *   access:
 *     admin: { groups: [payments-admins] }
 *     developer: { groups: [payments-developers] }
 *     viewer: { groups: [payments-support] }
 *   source: { repoURL: https://git.example.com/payments/deploy.git }
 *   environments:
 *     prod:
 *       clusters: [prod-eu1]
 *       quota: { cpu: { requests: "8", limits: "16" }, memory: { requests: 16Gi, limits: 32Gi } }
 *       network:
 *         allowFrom: [{ tenant: checkout }]
 *         egress: [{ cidr: 10.40.0.0/16, ports: [{ port: 5432 }] }]
 * ```
 *
 * The schema is built for one platform: environment, cluster and namespace
 * names are checked against what the platform declares, so the generated JSON
 * Schema completes them in editors.
 */
import { z } from 'zod';
import { tenantBackupSchema } from './backup';
import { cidr, dnsLabel, gitBranch, gitUrl, labelMap, labelValue, port, prose, protocol } from './fields';
import { tenantAlertingSchema } from './alerting';
import { tenantAuditRuleSchema } from './audit';
import { tenantLoggingSchema } from './logging';
import { limitRangeSchema, QuotaCounts, quotaSchema } from './resources';
import { tenantExternalSecretSchema } from './secrets';
import { sloSchema } from './slo';
import { tenantIsolationSchema } from './isolation';
import { tenantAllowancesShape } from './tenant-allowances';

export const TENANT_API_VERSION = 'platform.cdk8s.io/v1alpha1';
export const TENANT_KIND = 'Tenant';

/** Pod Security Standards levels, from most to least restrictive. */
export const POD_SECURITY_LEVELS = ['restricted', 'baseline', 'privileged'] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

/** Tenant roles, from most to least privileged. */
export const TENANT_ROLES = ['admin', 'developer', 'viewer'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** What the tenant schema needs to know about the platform. */
export interface TenantSchemaContext {
  readonly environments: readonly string[];
  readonly clusters: readonly string[];
  /** Platform namespaces a tenant may accept traffic from. */
  readonly reachableNamespaces: readonly string[];
  readonly quotaDefaults: QuotaCounts;
}

/** Longest tenant name; the namespace `<tenant>-<environment>` must also fit in 63 characters. */
export const TENANT_NAME_MAX_LENGTH = 63;

function oneOf(values: readonly string[]): z.ZodEnum<Record<string, string>> {
  // z.enum needs at least one member; a platform without any still yields a schema that rejects every name.
  return z.enum((values.length > 0 ? values : ['(none declared)']) as [string, ...string[]]) as z.ZodEnum<Record<string, string>>;
}

const groupName = z.string().min(1, { message: 'must not be empty' })
  .regex(/^[^\s]+$/, { message: 'must not contain white space' });

const roleAccess = z.strictObject({
  /** OIDC groups (without the cluster's group prefix) that get this role. */
  groups: z.array(groupName).min(1, { message: 'must list at least one group' }),
});

/** Builds the schema of one tenant environment (`spec.environments.<name>`). */
export function environmentSchema(ctx: TenantSchemaContext) {
  const clusterName = oneOf(ctx.clusters);

  const allowFrom = z.union([
    z.strictObject({ tenant: dnsLabel(TENANT_NAME_MAX_LENGTH) }),
    z.strictObject({ namespace: oneOf(ctx.reachableNamespaces) }),
  ], { message: 'must be { tenant: <tenant name> } or { namespace: <platform namespace> }' });

  const egressRule = z.strictObject({
    cidr,
    ports: z.array(z.strictObject({ port, protocol: protocol.default('TCP') })).default([]),
    description: z.string().optional(),
  });

  const podSecurity = z.strictObject({
    level: z.enum(POD_SECURITY_LEVELS).default('restricted'),
    /** Required when `level` is not `restricted`: why the exception is needed. */
    justification: prose(20, 'justification').optional(),
  });

  return z.strictObject({
    /** Clusters the environment is placed on; each must run this environment. */
    clusters: z.array(clusterName).min(1, { message: 'must list at least one cluster' })
      .refine((v) => new Set(v).size === v.length, { message: 'must not list a cluster twice' }),
    /** Namespace name; defaults to `<tenant>-<environment>`. */
    namespace: dnsLabel().optional(),
    quota: quotaSchema(ctx.quotaDefaults),
    limitRange: limitRangeSchema.default({}),
    network: z.strictObject({
      /** Other tenants and platform namespaces whose pods may reach this environment's pods. */
      allowFrom: z.array(allowFrom).default([]),
      /** Destinations outside the cluster this environment's pods may reach. */
      egress: z.array(egressRule).default([]),
    }).default({ allowFrom: [], egress: [] }),
    podSecurity: podSecurity.default({ level: 'restricted' }),
    /** Velero backups of the environment's namespace: daily by default, retention from the profile. */
    backup: tenantBackupSchema,
    ...tenantAllowancesShape,
    /** Isolation controls loosened for this environment, each with a written justification (see docs/threat-model.md). */
    isolation: tenantIsolationSchema,
    /** Audit rules for this environment's namespace, raising the level above the platform's (e.g. Request for reads of Deployments). */
    audit: z.array(tenantAuditRuleSchema).default([]),
    /** Secrets filled from the environment's SecretStore; keys must start with `<tenant>/<environment>/` (Vault, AWS). */
    externalSecrets: z.array(tenantExternalSecretSchema).default([])
      .refine((v) => new Set(v.map((e) => e.name)).size === v.length, { message: 'must not declare an ExternalSecret name twice' }),
  });
}

/** Builds the tenant schema for one platform. */
export function tenantSchema(ctx: TenantSchemaContext) {
  const environmentName = oneOf(ctx.environments);
  const environment = environmentSchema(ctx);

  return z.strictObject({
    apiVersion: z.literal(TENANT_API_VERSION, { message: `must be ${TENANT_API_VERSION}` }),
    kind: z.literal(TENANT_KIND, { message: `must be ${TENANT_KIND}` }),
    metadata: z.strictObject({
      name: dnsLabel(TENANT_NAME_MAX_LENGTH),
    }),
    spec: z.strictObject({
      displayName: z.string().optional(),
      description: z.string().optional(),
      /** People accountable for the tenant. */
      owners: z.array(z.strictObject({
        name: z.string().min(1),
        email: z.email({ message: 'must be an e-mail address' }),
      })).min(1, { message: 'must list at least one owner' }),
      /** Cost centre, put on every namespace as a label. */
      costCenter: labelValue,
      /** Extra labels for the tenant's namespaces. */
      labels: labelMap.default({}),
      /** OIDC groups per tenant role. `admin` is required. */
      access: z.strictObject({
        admin: roleAccess,
        developer: roleAccess.optional(),
        viewer: roleAccess.optional(),
      }),
      /** The tenant's own deployment repository, synced into its namespaces as its deploy ServiceAccount. */
      source: z.strictObject({
        repoURL: gitUrl,
        branch: gitBranch.default('main'),
        /** Folder in the repository; each environment syncs `<path>/<environment>`. */
        path: z.string().regex(/^[A-Za-z0-9._/-]+$/, { message: 'must be a relative path' }).default('deploy'),
      }).optional(),
      environments: z.partialRecord(environmentName, environment)
        .refine((v) => Object.keys(v).length > 0, { message: 'must declare at least one environment' }),
      /** Where the tenant's logs go: its own outputs, routes by container or pod label, records to drop. */
      logging: tenantLoggingSchema(environmentName).optional(),
      /** Receivers of the tenant's alerts by severity. */
      alerting: tenantAlertingSchema(environmentName).optional(),
      /** Service level objectives of the tenant's services. */
      slos: z.array(sloSchema(environmentName)).default([]),
    }),
  });
}

/** A tenant file as written. */
export type TenantInput = z.input<ReturnType<typeof tenantSchema>>;
/** A tenant with defaults applied. */
export type TenantSpec = z.output<ReturnType<typeof tenantSchema>>;
/** One environment of a tenant, with defaults applied. */
export type TenantEnvironmentSpec = NonNullable<TenantSpec['spec']['environments'][string]>;
