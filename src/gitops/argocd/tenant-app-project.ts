/**
 * The Argo CD AppProject of one tenant on one cluster.
 */
import { Construct } from 'constructs';
import { AppProject } from '../../../imports/argoproj.io';
import { DEPLOY_SERVICE_ACCOUNT } from '../../tenancy/tenant-role-bindings';
import { IN_CLUSTER, tenantProjectName } from './constants';

/**
 * The namespaced kinds a tenant's Applications may deploy: exactly the kinds
 * the tenant's `gitops-deploy` ServiceAccount may create through the
 * `tenant-developer` role (workloads, Services, Ingresses, configuration,
 * autoscaling, disruption budgets, and the custom resources tenants own:
 * ServiceMonitors, PodMonitors, ExternalSecrets). Everything else — RBAC,
 * the guardrails (ResourceQuota, LimitRange, NetworkPolicy), Argo CD and
 * Flux objects, PrometheusRules and AlertmanagerConfigs (rendered by the
 * platform from the tenant file), any other custom resource — is refused by
 * the project before it reaches the API server.
 *
 * Source: Argo CD docs, "Projects" (`namespaceResourceWhitelist`: when set,
 * only the listed kinds may be deployed; `clusterResourceWhitelist`: none
 * when empty).
 */
export const TENANT_KINDS: readonly { group: string; kind: string }[] = [
  { group: '', kind: 'ConfigMap' },
  { group: '', kind: 'PersistentVolumeClaim' },
  { group: '', kind: 'Pod' },
  { group: '', kind: 'Secret' },
  { group: '', kind: 'Service' },
  { group: '', kind: 'ServiceAccount' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
  { group: 'batch', kind: 'CronJob' },
  { group: 'batch', kind: 'Job' },
  { group: 'external-secrets.io', kind: 'ExternalSecret' },
  { group: 'monitoring.coreos.com', kind: 'PodMonitor' },
  { group: 'monitoring.coreos.com', kind: 'ServiceMonitor' },
  { group: 'networking.k8s.io', kind: 'Ingress' },
  { group: 'policy', kind: 'PodDisruptionBudget' },
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
 * (empty `clusterResourceWhitelist`), only the kinds of {@link TENANT_KINDS}
 * (`namespaceResourceWhitelist`), and sync as the tenant's `gitops-deploy`
 * ServiceAccount (`destinationServiceAccounts`; needs Argo CD sync
 * impersonation, which `argocd-settings.ts` turns on).
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
        description: `Tenant ${props.tenant} on ${props.cluster}: its own namespaces only, no cluster-scoped objects, only the kinds tenants own`,
        sourceRepos: [...props.sourceRepos],
        destinations: props.namespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
        destinationServiceAccounts: props.namespaces.map((namespace) => ({
          server: IN_CLUSTER,
          namespace,
          defaultServiceAccount: DEPLOY_SERVICE_ACCOUNT,
        })),
        clusterResourceWhitelist: [],
        namespaceResourceWhitelist: TENANT_KINDS.map((k) => ({ ...k })),
        roles: roles.map((r) => ({ name: r.name, groups: [...r.groups], policies: r.policies })),
      },
    });
  }
}
