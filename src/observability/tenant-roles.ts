/**
 * What tenant roles may do with the Prometheus Operator's resources in their
 * namespaces: everyone reads them; developers (and so admins and the
 * `gitops-deploy` ServiceAccount) create ServiceMonitors and PodMonitors for
 * their own services. PrometheusRules and AlertmanagerConfigs are rendered
 * from the tenant file by the platform, so tenants only read them.
 */
import { PolicyRule } from '../security/rbac-authorizer';
import { TenantRole } from '../spec/tenant';
import { READ, WRITE } from '../tenancy/tenant-roles';

const GROUP = 'monitoring.coreos.com';

const viewer: PolicyRule[] = [
  { apiGroups: [GROUP], resources: ['alertmanagerconfigs', 'podmonitors', 'prometheusrules', 'servicemonitors'], verbs: [...READ] },
];
const developer: PolicyRule[] = [
  ...viewer,
  { apiGroups: [GROUP], resources: ['podmonitors', 'servicemonitors'], verbs: [...WRITE] },
];

/** Extra rules for the tenant ClusterRoles (`TenantClusterRoles({ extraRules })`); admin holds developer's. */
export const MONITORING_TENANT_RULES: Readonly<Record<TenantRole, readonly PolicyRule[]>> = {
  viewer,
  developer,
  admin: developer,
};
