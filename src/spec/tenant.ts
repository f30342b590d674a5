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
 * Schema completes them in editors. Every field carries a description and an
 * example, and every refinement its JSON Schema form (see `json-forms.ts`).
 */
import { z } from 'zod';
import { tenantBackupSchema } from './backup';
import { cidr, dnsLabel, gitBranch, gitUrl, labelValue, port, prose, protocol, repoPath } from './fields';
import { tenantAlertingSchema } from './alerting';
import { tenantAuditRuleSchema } from './audit';
import { documented, inexpressible, refineWith } from './json-forms';
import { LogOutputType, tenantLoggingSchema } from './logging';
import { LABEL_VALUE, QUALIFIED_NAME } from './names';
import { email } from './observability-fields';
import { limitRangeSchema, QuotaCounts, quotaSchema } from './resources';
import { externalSecretSchema } from './secrets';
import { RESERVED_NAMESPACE_PREFIX } from './settings';
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

/** Why refinements of the tenant schema that JSON Schema cannot state are left to validation. */
export const INEXPRESSIBLE = {
  uniqueByName: inexpressible('unique by one field across list items (JSON Schema uniqueItems compares whole items)'),
  valueOfSibling: inexpressible('a value must be one of the values of another field of the same file (JSON Schema compares no two values)'),
};

/** A cluster as the tenant schema sees it. */
export interface TenantSchemaCluster {
  readonly name: string;
  /** The environment the cluster runs. */
  readonly environment: string;
  /** Whether the cluster declares a secret store (needed by `externalSecrets`). */
  readonly secretStore: boolean;
}

/** What the tenant schema needs to know about the platform. */
export interface TenantSchemaContext {
  readonly environments: readonly string[];
  /** Every declared cluster, in declaration order. */
  readonly clusters: readonly TenantSchemaCluster[];
  /** Platform namespaces a tenant may accept traffic from. */
  readonly reachableNamespaces: readonly string[];
  /** Namespaces no tenant may claim (platform and add-on namespaces). */
  readonly reservedNamespaces: readonly string[];
  /** OIDC groups of the platform's own roles (group → role in settings.access), which tenants must not name. */
  readonly platformGroups: Readonly<Record<string, string>>;
  readonly quotaDefaults: QuotaCounts;
  /** Whether the platform declares a log pipeline and alert routing (`settings.observability`). */
  readonly observability: boolean;
  /** Log output types the platform's log collector image can write to. */
  readonly logOutputTypes: readonly LogOutputType[];
}

/**
 * Longest tenant name: per-tenant GitOps objects are named `tenant-<name>`,
 * and Flux's kustomize-controller copies a Kustomization's name into the
 * label `kustomize.toolkit.fluxcd.io/name` of every object it applies, so that
 * name must fit a label value (63 characters). Source: fluxcd/kustomize-controller
 * v1.9, internal/controller/kustomization_varsub_test.go (the label equals the
 * Kustomization name); Kubernetes docs, "Labels and Selectors" (63 characters).
 */
export const TENANT_NAME_MAX_LENGTH = 63 - 'tenant-'.length;

/** The example tenant of the schema's examples and of the README's onboarding steps. */
export const EXAMPLE_TENANT = 'loyalty';

function oneOf(values: readonly string[], what: string, error?: (input: unknown) => string) {
  // An empty list gives a schema that refuses every value (JSON Schema `not: {}`).
  if (values.length === 0) return z.never({ message: `no ${what} is declared` }) as unknown as z.ZodEnum<Record<string, string>>;
  return z.enum(values as [string, ...string[]], error
    ? { error: (iss) => (iss.code === 'invalid_value' ? error(iss.input) : undefined) }
    : undefined) as unknown as z.ZodEnum<Record<string, string>>;
}

const notKube = (what: string) => `must not start with "${RESERVED_NAMESPACE_PREFIX}" (reserved for Kubernetes system ${what})`;

/**
 * Labels a tenant adds to its namespaces: label syntax, and no key under a
 * prefix Kubernetes or the platform reserves — the platform sets the Pod
 * Security, tenant, environment and cost-centre labels and would silently
 * overwrite them. Source: Kubernetes docs, "Labels and Selectors" ("The
 * kubernetes.io/ and k8s.io/ prefixes are reserved for Kubernetes core
 * components").
 */
const namespaceLabels = z.record(
  z.string()
    .regex(QUALIFIED_NAME, { message: 'label keys must be [prefix/]name with name ≤ 63 characters of [A-Za-z0-9-_.]' })
    .regex(/^(?!(([^/]*\.)?(kubernetes\.io|k8s\.io)|platform\.cdk8s\.io)\/)/, {
      message: 'must not use a prefix reserved for Kubernetes (kubernetes.io/, k8s.io/) or the platform (platform.cdk8s.io/); the platform sets those labels',
    }),
  documented(z.string().regex(LABEL_VALUE, { message: 'label values must be ≤ 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric' }), 'Label value.', 'internal'),
);

/** A tenant name: a DNS-1123 label of at most {@link TENANT_NAME_MAX_LENGTH}, not `kube` or `kube-*`. */
export const tenantName = dnsLabel(TENANT_NAME_MAX_LENGTH)
  .regex(/^(?!kube(-|$))/, { message: `${notKube('namespaces')}; it names the tenant's namespaces` });

function groupList(ctx: TenantSchemaContext, role: TenantRole, example: string) {
  const platformGroups = Object.keys(ctx.platformGroups).sort();
  const group = refineWith(z.string().min(1, { message: 'must not be empty' }).regex(/^[^\s]+$/, { message: 'must not contain white space' }),
    (g, issue) => {
      const platformRole = Object.prototype.hasOwnProperty.call(ctx.platformGroups, g) ? ctx.platformGroups[g] : undefined;
      if (platformRole) issue([], `is a platform group (settings.access.${platformRole}); a tenant must not name platform groups, which have cluster-wide bindings`);
    },
    platformGroups.length > 0 ? { not: { enum: platformGroups } } : {});
  return documented(z.strictObject({
    groups: documented(z.array(group).min(1, { message: 'must list at least one group' }),
      `OIDC groups (without the cluster's group prefix) whose members get the tenant-${role} role in every namespace of the tenant. Not a platform group (${platformGroups.join(', ') || 'none'}).`,
      [example]),
  }), `Who gets the tenant-${role} role.`, { groups: [example] });
}

/** The first declared cluster running `environment`, for examples. */
function firstClusterOf(ctx: TenantSchemaContext, environment: string): string {
  return ctx.clusters.find((c) => c.environment === environment)?.name ?? '(none)';
}

/** Examples shared by several fields of the schema (an item and the list of it, an object and its parent). */
const EXAMPLE_ALLOWANCE = { tenant: 'checkout' };
const EXAMPLE_EGRESS = { cidr: '10.60.0.0/16', ports: [{ port: 5432 }], description: 'loyalty PostgreSQL' };
const EXAMPLE_OWNER = { name: 'Kim Lee', email: 'kim.lee@example.com' };

/** Builds the schema of one tenant environment (`spec.environments.<environment>`). */
export function environmentSchema(ctx: TenantSchemaContext, environment: string) {
  const own = ctx.clusters.filter((c) => c.environment === environment).map((c) => c.name);
  const clusterName = oneOf(own, `cluster for environment ${environment}`, (input) => {
    const other = ctx.clusters.find((c) => c.name === input);
    const fitting = `clusters for ${environment}: ${own.join(', ') || '(none)'}`;
    return other
      ? `cluster ${other.name} runs environment ${other.environment}, not ${environment}; ${fitting}`
      : `must be one of: ${own.join(', ')} (the clusters running ${environment})`;
  });
  const exampleCluster = firstClusterOf(ctx, environment);
  const withStore = ctx.clusters.filter((c) => c.environment === environment && c.secretStore).map((c) => c.name);

  const reachable = oneOf(ctx.reachableNamespaces, 'reachable platform namespace');
  const allowFrom = z.union([
    documented(z.strictObject({
      tenant: documented(tenantName, 'Another tenant whose pods (in its namespace of this environment, on the same cluster) may open connections to this environment\'s pods. The tenant must have this environment on every cluster listed (or on `clusters`).', 'checkout'),
      clusters: documented(z.array(clusterName).min(1, { message: 'must list at least one cluster' }).optional(),
        'Only on these clusters (each one of this environment\'s `clusters`); default: every cluster of this environment. Use it when the other tenant runs this environment on fewer clusters.',
        [exampleCluster]),
    }), 'Traffic from another tenant.', EXAMPLE_ALLOWANCE),
    documented(z.strictObject({
      namespace: documented(reachable, `A platform namespace whose pods may reach this environment: ${ctx.reachableNamespaces.join(', ')}.`, ctx.reachableNamespaces[0] ?? 'monitoring'),
    }), 'Traffic from a platform namespace.', { namespace: ctx.reachableNamespaces[0] ?? 'monitoring' }),
  ], { message: 'must be { tenant: <tenant name> } or { namespace: <platform namespace> }' });

  const egressRule = documented(z.strictObject({
    cidr: documented(cidr, 'Destination outside the cluster, as a CIDR with host bits zero (IPv4 dotted decimal without leading zeros, or IPv6).', '10.60.0.0/16'),
    ports: documented(z.array(documented(z.strictObject({
      port: documented(port, 'Destination port (1–65535).', 5432),
      protocol: documented(protocol.default('TCP'), 'Protocol as NetworkPolicy spells it; default TCP.', 'TCP'),
    }), 'One destination port.', { port: 5432 })).default([]), 'Destination ports; default: every port.', [{ port: 5432 }]),
    description: documented(z.string().optional(), 'What the destination is, shown in the NetworkPolicy.', 'loyalty PostgreSQL'),
  }), 'One destination outside the cluster.', EXAMPLE_EGRESS);

  const podSecurityObject = z.strictObject({
    level: documented(z.enum(POD_SECURITY_LEVELS).default('restricted'),
      'Pod Security Standards level enforced on the namespace (`audit` and `warn` stay at restricted). Default restricted; baseline or privileged need a justification.', 'baseline'),
    justification: documented(prose(20, 'justification').optional(),
      'Why the environment needs a level below restricted (at least 20 characters, trimmed); required when level is baseline or privileged, shown on the Namespace.',
      'The payment HSM agent needs hostPort 1792 on each node.'),
  });
  const podSecurity = refineWith(podSecurityObject, (v, issue) => {
    if (v.level !== 'restricted' && !v.justification) {
      issue(['justification'], `is required when level is ${v.level}: write why this exception to restricted is needed (at least 20 characters)`);
    }
  }, {
    if: { type: 'object', properties: { level: { enum: ['baseline', 'privileged'] } }, required: ['level'] },
    then: { required: ['justification'] },
  });

  const envObject = z.strictObject({
    clusters: documented(refineWith(z.array(clusterName).min(1, { message: 'must list at least one cluster' }),
      (v, issue) => v.forEach((c, i) => { if (v.indexOf(c) !== i) issue([i], 'must not list a cluster twice', c); }),
      { uniqueItems: true }),
    `Clusters the environment is placed on, each running environment ${environment}: ${own.join(', ') || '(none declared)'}. One namespace per cluster.`,
    [exampleCluster]),
    namespace: documented(refineWith(dnsLabel().regex(/^(?!kube-)/, { message: notKube('namespaces') }),
      (n, issue) => {
        if (ctx.reservedNamespaces.includes(n)) {
          issue([], `claims the platform namespace ${n}; platform and add-on namespaces (${ctx.reservedNamespaces.join(', ')}) cannot belong to a tenant`);
        }
      },
      { not: { enum: [...ctx.reservedNamespaces] } }).optional(),
    `Namespace name; default \`<tenant>-${environment}\`. A DNS-1123 label, not a platform or add-on namespace, not starting with "kube-".`,
    `${EXAMPLE_TENANT}-${environment}`),
    quota: quotaSchema(ctx.quotaDefaults),
    limitRange: limitRangeSchema.default({}),
    network: documented(z.strictObject({
      allowFrom: documented(z.array(allowFrom).default([]),
        'Other tenants (same environment, same cluster) and platform namespaces whose pods may reach this environment\'s pods. Default: nobody beyond the ingress controller and monitoring.',
        [EXAMPLE_ALLOWANCE]),
      egress: documented(z.array(egressRule).default([]),
        'Destinations outside the cluster this environment\'s pods may reach. Default: none (DNS and the tenant\'s own namespaces only).',
        [EXAMPLE_EGRESS]),
    }).default({ allowFrom: [], egress: [] }), 'Network allowances on top of default-deny.', { allowFrom: [EXAMPLE_ALLOWANCE] }),
    podSecurity: documented(podSecurity.default({ level: 'restricted' }),
      'Pod Security Standards level of the namespace and, below restricted, why.', { level: 'restricted' }),
    backup: tenantBackupSchema,
    ...tenantAllowancesShape,
    isolation: tenantIsolationSchema,
    audit: documented(z.array(tenantAuditRuleSchema).default([]),
      'Audit rules for this environment\'s namespace, raising the level above the platform\'s (Metadata for reads, Request for writes). Never above Metadata for Secrets, ConfigMaps or tokens.',
      [{ level: 'Request', resources: [{ group: 'apps', resources: ['deployments'] }], verbs: ['update', 'patch'] }]),
    externalSecrets: documented(refineWith(z.array(externalSecretSchema(`${EXAMPLE_TENANT}/${environment}/`)),
      (v, issue) => v.forEach((e, i) => { if (v.findIndex((o) => o.name === e.name) !== i) issue([i, 'name'], 'must not declare an ExternalSecret name twice', e.name); }),
      INEXPRESSIBLE.uniqueByName).default([]),
    'Secrets filled from the environment\'s SecretStore by External Secrets; every key starts with `<tenant>/<environment>/` (Vault, AWS Secrets Manager). Needs clusters with a secret store.',
    [{ name: 'db', data: [{ secretKey: 'password', remoteRef: { key: `${EXAMPLE_TENANT}/${environment}/db`, property: 'password' } }] }]),
  });
  const scoped = refineWith(envObject, (env, issue) => {
    env.network.allowFrom.forEach((peer, i) => {
      if (!('tenant' in peer)) return;
      peer.clusters?.forEach((c, j) => {
        if (!env.clusters.includes(c)) issue(['network', 'allowFrom', i, 'clusters', j], `is not one of the environment's clusters (${env.clusters.join(', ')})`, c);
      });
    });
  }, INEXPRESSIBLE.valueOfSibling);
  return refineWith(scoped, (env, issue) => {
    if (env.externalSecrets.length === 0) return;
    env.clusters.forEach((name, i) => {
      if (!withStore.includes(name)) {
        issue(['clusters', i], `has no secretStore, so the environment's externalSecrets cannot be read there; declare clusters[].secretStore for ${name}`, name);
      }
    });
  }, {
    if: { type: 'object', properties: { externalSecrets: { type: 'array', minItems: 1 } }, required: ['externalSecrets'] },
    then: { type: 'object', properties: { clusters: { type: 'array', items: withStore.length > 0 ? { enum: withStore } : { not: {} } } } },
  });
}

const EXAMPLE_QUOTA = { cpu: { requests: '2', limits: '4' }, memory: { requests: '4Gi', limits: '8Gi' } };

/** The smallest example of a tenant's `environment`: on the platform's first cluster of it, with {@link EXAMPLE_QUOTA}. */
function exampleEnvironment(ctx: TenantSchemaContext, environment: string) {
  return { clusters: [firstClusterOf(ctx, environment)], quota: EXAMPLE_QUOTA };
}

/** Builds the tenant schema for one platform. */
export function tenantSchema(ctx: TenantSchemaContext) {
  const environmentName = oneOf(ctx.environments, 'environment');
  const environmentsShape = Object.fromEntries(ctx.environments.map((e) => [e,
    documented(environmentSchema(ctx, e).optional(),
      `The tenant's ${e} environment: its namespace on each of its clusters, quota, network allowances and more.`,
      exampleEnvironment(ctx, e))]));
  const firstEnvironment = ctx.environments[0] ?? 'dev';
  const names = ctx.environments.join(', ');
  const environments = refineWith(z.strictObject(environmentsShape, {
    // Environments are names, not fields: say so in the unknown-key message (see zod-problems.ts).
    error: (iss) => (iss.code === 'unrecognized_keys' ? `allowed names: ${names}` : undefined),
  }), (v, issue) => {
    if (!Object.values(v).some((e) => e !== undefined)) issue([], 'must declare at least one environment');
  }, { minProperties: 1 });

  return z.strictObject({
    apiVersion: documented(z.literal(TENANT_API_VERSION), 'API version of the tenant format.', TENANT_API_VERSION),
    kind: documented(z.literal(TENANT_KIND), 'Always Tenant.', TENANT_KIND),
    metadata: documented(z.strictObject({
      name: documented(tenantName,
        `Tenant name, equal to the file name without .yaml: a DNS-1123 label of at most ${TENANT_NAME_MAX_LENGTH} characters, not "kube" or "kube-…"; \`<name>-<environment>\` must fit in 63 characters unless the environment sets namespace.`,
        EXAMPLE_TENANT),
    }), 'The tenant\'s name.', { name: EXAMPLE_TENANT }),
    spec: documented(z.strictObject({
      displayName: documented(z.string().optional(), 'Human-readable name shown in the overview.', 'Loyalty'),
      description: documented(z.string().optional(), 'What the tenant runs, one line.', 'Loyalty points and member rewards.'),
      owners: documented(z.array(documented(z.strictObject({
        name: documented(z.string().min(1), 'Full name.', 'Kim Lee'),
        email: documented(email, 'E-mail address, put on every namespace as an annotation.', 'kim.lee@example.com'),
      }), 'One owner.', EXAMPLE_OWNER)).min(1, { message: 'must list at least one owner' }),
      'People accountable for the tenant; at least one.', [EXAMPLE_OWNER]),
      costCenter: documented(labelValue, 'Cost centre, put on every namespace as the label platform.cdk8s.io/cost-center: a label value (≤ 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit).', 'cc-3021'),
      labels: documented(namespaceLabels.default({}),
        'Extra labels for the tenant\'s namespaces. Keys `[prefix/]name`, not under kubernetes.io/, k8s.io/ or platform.cdk8s.io/ (the platform sets those); values label values.',
        { 'data-classification': 'internal' }),
      access: documented(z.strictObject({
        admin: groupList(ctx, 'admin', `${EXAMPLE_TENANT}-admins`),
        developer: groupList(ctx, 'developer', `${EXAMPLE_TENANT}-developers`).optional(),
        viewer: groupList(ctx, 'viewer', `${EXAMPLE_TENANT}-support`).optional(),
      }), 'OIDC groups per tenant role; admin is required. The cluster\'s group prefix is added by the platform.', { admin: { groups: [`${EXAMPLE_TENANT}-admins`] } }),
      source: documented(z.strictObject({
        repoURL: documented(gitUrl, 'The tenant\'s deployment repository, https:// or ssh:// (Flux refuses git@host:path).', `https://git.example.com/${EXAMPLE_TENANT}/deploy.git`),
        branch: documented(gitBranch.default('main'), 'Branch to sync; default main.', 'main'),
        path: documented(repoPath.default('deploy'), 'Folder in the repository; each environment syncs `<path>/<environment>`. Default deploy.', 'deploy'),
      }).optional(), 'The tenant\'s own deployment repository, synced into its namespaces as its gitops-deploy ServiceAccount.', { repoURL: `https://git.example.com/${EXAMPLE_TENANT}/deploy.git` }),
      environments: documented(environments,
        `The tenant's environments, by name (${names}); at least one.`,
        { [firstEnvironment]: exampleEnvironment(ctx, firstEnvironment) }),
      logging: tenantLoggingSchema(environmentName, ctx.logOutputTypes).optional(),
      alerting: tenantAlertingSchema(environmentName).optional(),
      slos: documented(z.array(sloSchema(environmentName)).default([]),
      'Service level objectives of the tenant\'s services, rendered as recording and burn-rate alerting rules in its namespaces.',
      [{ name: 'rewards-api', availability: { objective: 99.9, metric: 'http_requests_total', selector: { job: 'rewards-api' } } }]),
    }), 'What the tenant is, who owns it, and where and how it runs.', {
      owners: [EXAMPLE_OWNER],
      costCenter: 'cc-3021',
      access: { admin: { groups: [`${EXAMPLE_TENANT}-admins`] } },
      environments: { [firstEnvironment]: exampleEnvironment(ctx, firstEnvironment) },
    }),
  });
}

/** A tenant file as written. */
export type TenantInput = z.input<ReturnType<typeof tenantSchema>>;
/** A tenant with defaults applied. */
export type TenantSpec = z.output<ReturnType<typeof tenantSchema>>;
/** One environment of a tenant, with defaults applied. */
export type TenantEnvironmentSpec = z.output<ReturnType<typeof environmentSchema>>;

