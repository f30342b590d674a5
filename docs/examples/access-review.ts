// docs/examples/access-review.ts — files for a system outside the cluster.
import { ClusterContext, ConfigFile, Construct, ExternalPart } from 'cdk8s-platform';

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * `dist/clusters/<cluster>/access-review/tenant-access.csv`: who holds which
 * tenant role on the cluster, one row per OIDC group as the API server sees
 * it (with the cluster's `oidc.groupPrefix`), for the identity team's
 * periodic access review. An external part's folder is not synced by GitOps.
 */
export const accessReview: ExternalPart = {
  folder: 'access-review',
  build(scope: Construct, ctx: ClusterContext) {
    const rows = [['tenant', 'environment', 'namespace', 'role', 'group']];
    for (const p of ctx.placements) {
      for (const [role, grant] of Object.entries(p.tenant.spec.access)) {
        for (const group of grant?.groups ?? []) {
          rows.push([p.tenant.metadata.name, p.environment, p.namespace, role, `${ctx.cluster.oidc.groupPrefix}${group}`]);
        }
      }
    }
    new ConfigFile(scope, 'TenantAccess', { fileName: 'tenant-access.csv', content: rows.map((r) => r.map(field).join(',')).join('\n') + '\n' });
  },
};
