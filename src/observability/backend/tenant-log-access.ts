/**
 * Per-tenant read access to the logs at the backend: for the platform
 * output that receives tenants' records (the cluster's `tenantDefault`),
 * one role per tenant that may read that tenant's indices and nothing else,
 * mapped to the tenant's OIDC groups (admin, developer and viewer alike).
 *
 * Rendered as files the logging team applies to the backend, in the
 * cluster's `logging-backend/` folder, which GitOps does not sync: the
 * backend is not a Kubernetes API, and its security configuration belongs to
 * whoever runs it (the same split as `control-plane/` for the API server).
 *
 * - Elasticsearch (security API, 8.x): per tenant a role body for
 *   `PUT /_security/role/<name>` and a role-mapping body for
 *   `PUT /_security/role_mapping/<name>` matching the user's `groups`
 *   (the OIDC realm's groups claim).
 * - OpenSearch (security plugin): `roles.yml` and `roles_mapping.yml`
 *   entries (`securityadmin.sh -f … -t roles|rolesmapping`), the OIDC groups
 *   as backend roles (`roles_key` of the OpenID auth domain).
 *
 * The index pattern is `<indexPrefix>-<tenant>_*`: the pipeline writes a
 * tenant's records to `<indexPrefix>-<tenant>_<environment>-YYYY.MM.DD`, and
 * `_` cannot occur in a tenant name (a DNS label), so the pattern of tenant
 * `pay` never matches an index of tenant `payments` or `pay-ments`.
 * Sources: Elasticsearch reference "Create or update roles API", "Create or
 * update role mappings API", "Indices privileges" (wildcards `*`, `?` and
 * `/regex/` in `names`); OpenSearch documentation "Security → Access control
 * → Users and roles", "roles.yml", "roles_mapping.yml".
 */
import { Construct } from 'constructs';
import { ClusterContext, ExternalPart } from '../../contracts/component';
import { ConfigFile } from '../../render/config-file';
import { FOLDERS } from '../../render/layout';
import { toYaml } from '../../render/yaml';
import { LogOutput } from '../../spec/logging';
import { TenantSpec } from '../../spec/tenant';
import { clusterLogging } from '../fluentd/routing';

/** One tenant's read access to its indices on one backend. */
export interface TenantLogAccess {
  readonly tenant: string;
  /** Role name on the backend, `tenant-<tenant>-logs`. */
  readonly role: string;
  /** Index pattern of the tenant's indices, `<indexPrefix>-<tenant>_*`. */
  readonly indexPattern: string;
  /** OIDC groups of the tenant (admin, developer, viewer), sorted. */
  readonly groups: readonly string[];
}

/** The index pattern of a tenant's indices on an output with `indexPrefix`. */
export function tenantIndexPattern(indexPrefix: string, tenant: string): string {
  return `${indexPrefix}-${tenant}_*`;
}

/** The OIDC groups of a tenant, every access level, sorted and unique. */
export function tenantGroups(tenant: TenantSpec): string[] {
  const a = tenant.spec.access;
  return [...new Set([...(a.admin?.groups ?? []), ...(a.developer?.groups ?? []), ...(a.viewer?.groups ?? [])])].sort();
}

/**
 * The access of every tenant whose records can reach `output` (tenants on the
 * cluster that do not send all their records to an output of their own).
 */
export function tenantLogAccess(output: LogOutput & { indexPrefix: string }, tenants: readonly TenantSpec[]): TenantLogAccess[] {
  return tenants
    .filter((t) => t.spec.logging?.default === undefined)
    .map((t) => ({
      tenant: t.metadata.name,
      role: `tenant-${t.metadata.name}-logs`,
      indexPattern: tenantIndexPattern(output.indexPrefix, t.metadata.name),
      groups: tenantGroups(t),
    }))
    .sort((a, b) => a.tenant.localeCompare(b.tenant));
}

/** Body of `PUT /_security/role/<role>` (Elasticsearch): read the tenant's indices only. */
export function elasticsearchRole(a: TenantLogAccess): Record<string, unknown> {
  return {
    cluster: [],
    indices: [{ names: [a.indexPattern], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false }],
    metadata: { 'platform.cdk8s.io/tenant': a.tenant },
  };
}

/** Body of `PUT /_security/role_mapping/<role>` (Elasticsearch): the role for users in any of the tenant's groups. */
export function elasticsearchRoleMapping(a: TenantLogAccess): Record<string, unknown> {
  return {
    enabled: true,
    roles: [a.role],
    rules: { any: a.groups.map((g) => ({ field: { groups: g } })) },
    metadata: { 'platform.cdk8s.io/tenant': a.tenant },
  };
}

/** OpenSearch security `roles.yml`: one entry per tenant. */
export function openSearchRoles(access: readonly TenantLogAccess[]): Record<string, unknown> {
  return {
    _meta: { type: 'roles', config_version: 2 },
    ...Object.fromEntries(access.map((a) => [a.role, {
      reserved: false,
      description: `Tenant ${a.tenant}: read its own log indices`,
      cluster_permissions: [],
      index_permissions: [{ index_patterns: [a.indexPattern], allowed_actions: ['read'] }],
    }])),
  };
}

/** OpenSearch security `roles_mapping.yml`: each tenant role to the tenant's OIDC groups (backend roles). */
export function openSearchRolesMapping(access: readonly TenantLogAccess[]): Record<string, unknown> {
  return {
    _meta: { type: 'rolesmapping', config_version: 2 },
    ...Object.fromEntries(access.map((a) => [a.role, { reserved: false, backend_roles: [...a.groups], users: [], hosts: [] }])),
  };
}

const json = (body: unknown) => `${JSON.stringify(body, null, 2)}\n`;

/**
 * Writes the files of one cluster: for an Elasticsearch tenant default,
 * `elasticsearch-role-<role>.json` and `elasticsearch-role-mapping-<role>.json`
 * per tenant; for OpenSearch, `opensearch-roles.yml` and
 * `opensearch-roles-mapping.yml`; for other outputs nothing (Loki separates
 * tenants by its own tenant id, `X-Scope-OrgID`; Splunk and S3 access is
 * configured in those products).
 */
export class TenantLogAccessFiles extends Construct {
  constructor(scope: Construct, id: string, props: { readonly ctx: ClusterContext }) {
    super(scope, id);
    const observability = props.ctx.platform.settings.observability;
    if (!observability) return;
    const logging = clusterLogging(observability, props.ctx.cluster);
    const output = logging.outputs[logging.destinations.tenantDefault];
    if (!output || (output.type !== 'elasticsearch' && output.type !== 'opensearch')) return;
    const tenants = [...new Map(props.ctx.placements.map((p) => [p.tenant.metadata.name, p.tenant])).values()];
    const access = tenantLogAccess(output, tenants);
    if (access.length === 0) return;
    if (output.type === 'elasticsearch') {
      for (const a of access) {
        new ConfigFile(this, `Role-${a.tenant}`, { fileName: `elasticsearch-role-${a.role}.json`, content: json(elasticsearchRole(a)) });
        new ConfigFile(this, `RoleMapping-${a.tenant}`, { fileName: `elasticsearch-role-mapping-${a.role}.json`, content: json(elasticsearchRoleMapping(a)) });
      }
    } else {
      new ConfigFile(this, 'Roles', { fileName: 'opensearch-roles.yml', content: toYaml(openSearchRoles(access)) });
      new ConfigFile(this, 'RolesMapping', { fileName: 'opensearch-roles-mapping.yml', content: toYaml(openSearchRolesMapping(access)) });
    }
  }
}

/** The `logging-backend/` part registered in the standard render options. */
export const tenantLogAccessPart: ExternalPart = {
  folder: FOLDERS.loggingBackend,
  build(scope, ctx) {
    new TenantLogAccessFiles(scope, 'TenantLogAccess', { ctx });
  },
};
