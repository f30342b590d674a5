/**
 * Definition fields for API-server auditing: the cluster's audit backends
 * (`clusters[].audit`) and the audit rules a tenant environment may add for
 * its own namespace (`spec.environments.<env>.audit`).
 */
import { z } from 'zod';
import { AuditLevel, describeSensitive, sensitiveResourcesMatched } from './audit-rules';
import { absolutePath, httpsUrl } from './fields';

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

const groupResources = z.strictObject({
  /** API group; `""` is the core group. */
  group: z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$/, { message: 'must be an API group such as "", apps or batch' }),
  /** Resources of the group, e.g. `deployments` or `deployments/scale`. */
  resources: z.array(z.string().regex(/^([a-z0-9.-]+|\*)(\/([a-z0-9.-]+|\*))?$/, { message: 'must be a resource such as deployments, deployments/scale or *' }))
    .min(1, { message: 'must list the resources; a whole API group would include Secrets and ConfigMaps' }),
  resourceNames: z.array(z.string().min(1)).optional(),
});

/**
 * One audit rule of a tenant environment, applied to its own namespace only
 * (the platform adds `namespaces`). Example:
 * `{ level: Request, resources: [{ group: apps, resources: [deployments] }], verbs: [get] }`.
 * A level above Metadata for Secrets, ConfigMaps, TokenReviews or
 * `serviceaccounts/token` is refused: their bodies are never logged (CIS 3.2.2).
 */
export const tenantAuditRuleSchema = z.strictObject({
  level: z.enum(TENANT_AUDIT_LEVELS, { message: `must be one of: ${TENANT_AUDIT_LEVELS.join(', ')} (a tenant can only raise the level)` }),
  resources: z.array(groupResources).min(1, { message: 'must list at least one group of resources' }),
  /** @default - every verb */
  verbs: z.array(z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'])).optional(),
}).superRefine((rule, ctx) => {
  rule.resources.forEach((gr, i) => {
    for (const s of sensitiveResourcesMatched({ resources: [gr] })) {
      const j = gr.resources.findIndex((r) => sensitiveResourcesMatched({ resources: [{ group: gr.group, resources: [r] }] }).length > 0);
      ctx.addIssue({
        code: 'custom',
        path: ['resources', i, 'resources', Math.max(j, 0)],
        input: gr.resources[Math.max(j, 0)],
        message: `would record ${describeSensitive(s)} at ${rule.level}; Secrets, ConfigMaps, TokenReviews and service account tokens are logged at Metadata at most, never their bodies (CIS 3.2.2)`,
      });
    }
  });
});
export type TenantAuditRule = z.output<typeof tenantAuditRuleSchema>;
