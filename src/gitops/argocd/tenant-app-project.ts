/**
 * The Argo CD AppProject of one tenant on one cluster.
 */
import { Construct } from 'constructs';
import { AppProject } from '../../../imports/argoproj.io';
import { DEPLOY_SERVICE_ACCOUNT } from '../../tenancy/tenant-role-bindings';
import { IN_CLUSTER, tenantProjectName } from './constants';

/**
 * Namespaced kinds a tenant application may never create or change: the
 * guardrails and RBAC the platform renders for it.
 */
export const TENANT_BLACKLISTED_KINDS: readonly { group: string; kind: string }[] = [
  { group: '', kind: 'LimitRange' },
  { group: '', kind: 'ResourceQuota' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
];

export interface TenantAppProjectProps {
  readonly tenant: string;
  /** The tenant's namespaces on this cluster: the only allowed destinations. */
  readonly namespaces: readonly string[];
  /** Repositories the tenant's applications may come from. */
  readonly sourceRepos: readonly string[];
  /** Namespace Argo CD runs in. */
  readonly argocdNamespace: string;
  /** Argo CD SSO groups per project role. */
  readonly groups: { readonly admin: readonly string[]; readonly developer: readonly string[]; readonly viewer: readonly string[] };
  readonly cluster: string;
}

/**
 * An AppProject that lets a tenant's Applications deploy only into the
 * tenant's own namespaces on this cluster, never cluster-scoped objects
 * (empty `clusterResourceWhitelist`), never the guardrails or RBAC
 * (`namespaceResourceBlacklist`), and sync as the tenant's `gitops-deploy`
 * ServiceAccount (`destinationServiceAccounts`, Argo CD sync impersonation).
 */
export class TenantAppProject extends Construct {
  public readonly projectName: string;

  constructor(scope: Construct, id: string, props: TenantAppProjectProps) {
    super(scope, id);
    this.projectName = tenantProjectName(props.tenant);
    const name = this.projectName;
    const policy = (role: string, action: string) => `p, proj:${name}:${role}, applications, ${action}, ${name}/*, allow`;
    const roles = [
      { name: 'admin', groups: props.groups.admin, policies: [policy('admin', '*')] },
      { name: 'developer', groups: props.groups.developer, policies: [policy('developer', 'get'), policy('developer', 'sync')] },
      { name: 'viewer', groups: props.groups.viewer, policies: [policy('viewer', 'get')] },
    ].filter((r) => r.groups.length > 0);

    new AppProject(this, 'Resource', {
      metadata: { name, namespace: props.argocdNamespace },
      spec: {
        description: `Tenant ${props.tenant} on ${props.cluster}: its own namespaces only, no cluster-scoped objects, no guardrails or RBAC`,
        sourceRepos: [...props.sourceRepos],
        destinations: props.namespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
        destinationServiceAccounts: props.namespaces.map((namespace) => ({
          server: IN_CLUSTER,
          namespace,
          defaultServiceAccount: DEPLOY_SERVICE_ACCOUNT,
        })),
        clusterResourceWhitelist: [],
        namespaceResourceBlacklist: TENANT_BLACKLISTED_KINDS.map((k) => ({ ...k })),
        roles: roles.map((r) => ({ name: r.name, groups: [...r.groups], policies: r.policies })),
      },
    });
  }
}
