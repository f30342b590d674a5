/**
 * Argo CD wiring for one cluster: AppProjects, the root Application
 * (app-of-apps) and one child Application per folder, ordered by sync waves;
 * and per tenant, Applications that sync the tenant's own repository.
 */
import { Construct } from 'constructs';
import { AppProject } from '../../../imports/argoproj.io';
import { Placement } from '../../spec/model';
import { TenantSpec } from '../../spec/tenant';
import { argoCdSyncOptions, byWave, ChartRelease, ClusterSync, GitOpsEngine, SERVER_SIDE_APPLY } from '../../contracts/gitops-engine';
import { HelmApplication } from './helm-application';
import { IN_CLUSTER, PLATFORM_PROJECT, TENANTS_PROJECT, tenantProjectName } from './constants';
import { FolderApplication } from './folder-application';
import { TenantAppProject } from './tenant-app-project';
import { ArgoCdSettings, controllerServiceAccount } from './argocd-settings';

/** Name of the root (app-of-apps) Application on every Argo CD cluster. */
export const ROOT_APPLICATION = 'platform-root';

export interface ArgoCdEngineProps {
  /** Namespace Argo CD runs in. */
  readonly namespace: string;
}

/** The {@link GitOpsEngine} for clusters driven by Argo CD. */
export class ArgoCdEngine implements GitOpsEngine {
  public readonly namespace: string;
  public readonly servedGroups = ['argoproj.io'];

  constructor(private readonly props: ArgoCdEngineProps) {
    this.namespace = props.namespace;
  }

  public engineConfiguration(scope: Construct): void {
    new ArgoCdSettings(scope, 'Settings', { namespace: this.props.namespace });
  }

  public bootstrap(scope: Construct, { cluster, bootstrapPath, folders, placements, sourceRepos }: ClusterSync): void {
    const ns = this.props.namespace;
    const repo = { repoURL: cluster.gitops.repoURL, targetRevision: cluster.gitops.branch };

    new AppProject(scope, 'PlatformProject', {
      metadata: { name: PLATFORM_PROJECT, namespace: ns },
      spec: {
        description: `Platform components of ${cluster.name}: cluster-wide rights, platform repository and add-on chart repositories`,
        sourceRepos: [cluster.gitops.repoURL, ...[...new Set(sourceRepos ?? [])].sort()],
        destinations: [{ server: IN_CLUSTER, namespace: '*' }],
        // Sync impersonation is on and enforced: the platform syncs as the controller.
        destinationServiceAccounts: [{ server: IN_CLUSTER, namespace: '*', defaultServiceAccount: controllerServiceAccount(ns) }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
    });

    const tenantNamespaces = [...new Set(placements.map((p) => p.namespace))].sort();
    new AppProject(scope, 'TenantsProject', {
      // One destination per tenant namespace: grows with the tenants.
      metadata: { name: TENANTS_PROJECT, namespace: ns, annotations: argoCdSyncOptions(SERVER_SIDE_APPLY) },
      spec: {
        description: `Tenant onboarding on ${cluster.name}: tenant Namespaces and what lives in them, and tenant Applications`,
        sourceRepos: [cluster.gitops.repoURL],
        destinations: [ns, ...tenantNamespaces].map((namespace) => ({ server: IN_CLUSTER, namespace })),
        destinationServiceAccounts: [{ server: IN_CLUSTER, namespace: '*', defaultServiceAccount: controllerServiceAccount(ns) }],
        clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      },
    });

    const byTenant = new Map<string, Placement[]>();
    for (const p of placements) {
      const list = byTenant.get(p.tenant.metadata.name) ?? [];
      list.push(p);
      byTenant.set(p.tenant.metadata.name, list);
    }
    for (const [tenant, list] of byTenant) {
      const t = list[0].tenant;
      new TenantAppProject(scope, `TenantProject-${tenant}`, {
        tenant,
        cluster: cluster.name,
        argocdNamespace: ns,
        namespaces: list.map((p) => p.namespace),
        sourceRepos: t.spec.source ? [t.spec.source.repoURL] : [],
        groups: {
          admin: t.spec.access.admin.groups,
          developer: t.spec.access.developer?.groups ?? [],
          viewer: t.spec.access.viewer?.groups ?? [],
        },
      });
    }

    new FolderApplication(scope, 'Root', {
      name: ROOT_APPLICATION,
      argocdNamespace: ns,
      project: PLATFORM_PROJECT,
      ...repo,
      path: bootstrapPath,
      destinationNamespace: ns,
      cascadeDelete: false,
    });
    for (const folder of byWave(folders)) {
      new FolderApplication(scope, `Folder-${folder.name}`, {
        name: folder.name,
        argocdNamespace: ns,
        project: folder.kind === 'platform' ? PLATFORM_PROJECT : TENANTS_PROJECT,
        ...repo,
        path: folder.repoPath,
        wave: folder.wave,
        skipDryRunOnMissingResource: folder.skipDryRunOnMissingResource,
      });
    }
  }

  public chartRelease(scope: Construct, release: ChartRelease): void {
    new HelmApplication(scope, `Release-${release.name}`, { release, argocdNamespace: this.props.namespace, project: PLATFORM_PROJECT });
  }

  public tenantSync(scope: Construct, tenant: TenantSpec, placements: readonly Placement[], _guards: readonly string[]): void {
    const source = tenant.spec.source;
    if (!source) return;
    for (const p of placements) {
      new FolderApplication(scope, `Workloads-${p.environment}`, {
        name: `${tenant.metadata.name}-${p.environment}`,
        argocdNamespace: this.props.namespace,
        project: tenantProjectName(tenant.metadata.name),
        repoURL: source.repoURL,
        targetRevision: source.branch,
        path: `${source.path}/${p.environment}`,
        destinationNamespace: p.namespace,
        // After the namespace, its ServiceAccount and RoleBindings (wave 0) exist.
        wave: 1,
      });
    }
  }
}
