/**
 * Definition fields for API-server auditing: the cluster's audit backends
 * (`clusters[].audit`) and the audit rules a tenant environment may add for
 * its own namespace (`spec.environments.<env>.audit`).
 */
import { z } from 'zod';
import { AuditLevel, describeSensitive, SENSITIVE_RESOURCES, sensitiveResourcesMatched } from './audit-rules';
import { absolutePath, httpsUrl } from './fields';
import { documented, JsonSchema, refineWith } from './json-forms';

/**
 * The cluster's audit backends. The log backend is always on, with the
 * retention CIS asks for; the webhook backend additionally sends every event
 * to the log pipeline.
 *
 * Source: CIS Kubernetes Benchmark 1.2.16 (`--audit-log-path`), 1.2.17
 * (`--audit-log-maxage` ≥ 30 days), 1.2.18 (`--audit-log-maxbackup` ≥ 10),
 * 1.2.19 (`--audit-log-maxsize` ≥ 100 MB); Kubernetes docs, "Auditing" (webhook backend).
 */
export const clusterAuditSchema = z.strictObject({
  log: z.strictObject({
    /** File the API server writes audit events to, on the control-plane node. */
    path: absolutePath.default('/var/log/kubernetes/audit/audit.log'),
    /** Days to keep rotated files (`--audit-log-maxage`); CIS 1.2.17 asks for at least 30. */
    maxAgeDays: z.number().int().min(30, { message: 'must be at least 30 days (CIS 1.2.17)' }).default(30),
    /** Rotated files to keep (`--audit-log-maxbackup`); CIS 1.2.18 asks for at least 10. */
    maxBackups: z.number().int().min(10, { message: 'must be at least 10 files (CIS 1.2.18)' }).default(10),
    /** Size in megabytes at which the file is rotated (`--audit-log-maxsize`); CIS 1.2.19 asks for at least 100. */
    maxSizeMegabytes: z.number().int().min(100, { message: 'must be at least 100 MB (CIS 1.2.19)' }).default(100),
  }).prefault({}),
  /** Sends audit events to an HTTPS endpoint of the log pipeline as well. */
  webhook: z.strictObject({
    /** HTTPS URL of the receiver, e.g. `https://audit.logging.example.com/k8s-audit`. */
    server: httpsUrl,
    /** CA bundle on the control-plane node that signs the receiver's certificate. @default - the node's system roots */
    caFile: absolutePath.optional(),
    /** `batch` buffers and sends asynchronously; `blocking` makes each request wait for its event to be sent. */
    mode: z.enum(['batch', 'blocking']).default('batch'),
  }).optional(),
});
export type ClusterAuditSpec = z.output<typeof clusterAuditSchema>;

/** Levels a tenant may ask for: only raises over the platform's Request (writes) and Metadata (reads). */
export const TENANT_AUDIT_LEVELS = ['Request', 'RequestResponse'] as const satisfies readonly AuditLevel[];

/**
 * The resource strings of an audit rule that match a sensitive resource of
 * `group` (`secrets`, `*`, `serviceaccounts/*`, `*\/token`, …), as the
 * API server's audit policy evaluates them (see `ruleMatchesResource`).
 */
function sensitiveResourceStrings(group: string): string[] {
  const out = new Set<string>();
  for (const s of SENSITIVE_RESOURCES.filter((r) => r.group === group)) {
    out.add('*');
    out.add(s.subresource ? `${s.resource}/${s.subresource}` : s.resource);
    if (s.subresource) {
      out.add(`*/${s.subresource}`);
      out.add(`${s.resource}/*`);
    }
  }
  return [...out].sort();
}

/** JSON Schema form of the sensitive-resource rule: per API group, the resource strings refused. */
function sensitiveResourcesForm(): JsonSchema {
  const groups = [...new Set(SENSITIVE_RESOURCES.map((s) => s.group))].sort();
  return {
    allOf: groups.map((group) => ({
      if: { type: 'object', properties: { group: { const: group } }, required: ['group'] },
      then: { type: 'object', properties: { resources: { type: 'array', items: { not: { enum: sensitiveResourceStrings(group) } } } } },
    })),
  };
}

const groupResources = documented(z.strictObject({
  group: documented(z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$/, { message: 'must be an API group such as "", apps or batch' }),
    'API group; "" is the core group.', 'apps'),
  resources: documented(z.array(documented(z.string().regex(/^([a-z0-9.-]+|\*)(\/([a-z0-9.-]+|\*))?$/, { message: 'must be a resource such as deployments, deployments/scale or *' }),
    'A resource such as deployments, deployments/scale or *.', 'deployments'))
    .min(1, { message: 'must list the resources; a whole API group would include Secrets and ConfigMaps' }),
  `Resources of the group. Never ${SENSITIVE_RESOURCES.map(describeSensitive).join(', ')} (or a wildcard matching them): their bodies are not logged.`, ['deployments']),
  resourceNames: documented(z.array(z.string().min(1)).optional(), 'Only objects with these names; default all.', ['rewards-api']),
}), 'Resources of one API group.', { group: 'apps', resources: ['deployments'] });

/**
 * One audit rule of a tenant environment, applied to its own namespace only
 * (the platform adds `namespaces`). Example:
 * `{ level: Request, resources: [{ group: apps, resources: [deployments] }], verbs: [get] }`.
 * A level above Metadata for Secrets, ConfigMaps, TokenReviews or
 * `serviceaccounts/token` is refused: their bodies are never logged (CIS 3.2.2).
 */
export const tenantAuditRuleSchema = documented(refineWith(z.strictObject({
  level: documented(z.enum(TENANT_AUDIT_LEVELS, { message: `must be one of: ${TENANT_AUDIT_LEVELS.join(', ')} (a tenant can only raise the level)` }),
    'Request (request bodies) or RequestResponse (request and response bodies); a tenant can only raise the level.', 'Request'),
  resources: documented(z.array(groupResources).min(1, { message: 'must list at least one group of resources' }), 'What the rule applies to, by API group.', [{ group: 'apps', resources: ['deployments'] }]),
  verbs: documented(z.array(z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'])).optional(),
    'Verbs the rule applies to; default every verb.', ['update', 'patch']),
}), (rule, issue) => {
  rule.resources.forEach((gr, i) => {
    for (const s of sensitiveResourcesMatched({ resources: [gr] })) {
      const j = Math.max(gr.resources.findIndex((r) => sensitiveResourcesMatched({ resources: [{ group: gr.group, resources: [r] }] }).length > 0), 0);
      issue(['resources', i, 'resources', j], `would record ${describeSensitive(s)} at ${rule.level}; Secrets, ConfigMaps, TokenReviews and service account tokens are logged at Metadata at most, never their bodies (CIS 3.2.2)`, gr.resources[j]);
    }
  });
  // Every tenant level is above Metadata, so the JSON form applies to every rule.
}, { properties: { resources: { type: 'array', items: sensitiveResourcesForm() } } }), 'One audit rule for the environment\'s namespace.', { level: 'Request', resources: [{ group: 'apps', resources: ['deployments'] }] });
export type TenantAuditRule = z.output<typeof tenantAuditRuleSchema>;
