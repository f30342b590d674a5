/**
 * Flux wiring for one cluster: a GitRepository for the platform repository
 * and one Kustomization per folder, each with `dependsOn` the folders it
 * needs (`sync-plan.ts`); and per tenant namespace, a GitRepository and
 * Kustomization that sync the tenant's own repository as the tenant's
 * ServiceAccount.
 *
 * Follows fluxcd/flux2-multi-tenancy with its multi-tenancy lock-down
 * (`flux-lockdown.ts`): kustomize-controller and helm-controller impersonate
 * a default ServiceAccount without rights unless an object names one, so the
 * platform's Kustomizations name `kustomize-controller` and its HelmReleases
 * `helm-controller` (the controllers' own ServiceAccounts, bound to
 * cluster-admin by Flux's install), and tenants reconcile as their own
 * `gitops-deploy` ServiceAccount inside their own namespace.
 */
import { Construct } from 'constructs';
import { Kustomization, KustomizationSpecSourceRefKind } from '../../../imports/kustomize.toolkit.fluxcd.io';
import { GitRepository } from '../../../imports/source.toolkit.fluxcd.io';
import { Placement } from '../../spec/model';
import { TenantSpec } from '../../spec/tenant';
import { DEPLOY_SERVICE_ACCOUNT } from '../../tenancy/tenant-role-bindings';
import { byWave, ChartRelease, ClusterSync, GitOpsEngine } from '../../contracts/gitops-engine';
import { FLUX_GROUPS, FluxLockdown, KUSTOMIZE_CONTROLLER_SA } from './flux-lockdown';
import { FluxHelmRelease } from './flux-helm-release';

/** Name of the GitRepository holding the rendered platform, in the Flux namespace. */
export const PLATFORM_SOURCE = 'platform';

/** Name of a tenant's GitRepository and Kustomization inside its namespace. */
export const TENANT_WORKLOADS = 'workloads';

/** Reconcile intervals: sources every minute, Kustomizations every 10 minutes (Flux docs' usual values). */
export const INTERVALS = { source: '1m', kustomization: '10m', retry: '2m', timeout: '5m' } as const;

export interface FluxEngineProps {
  /** Namespace the Flux controllers run in. */
  readonly namespace: string;
}

/** The {@link GitOpsEngine} for clusters driven by Flux. */
export class FluxEngine implements GitOpsEngine {
  public readonly namespace: string;
  public readonly servedGroups = FLUX_GROUPS;

  constructor(private readonly props: FluxEngineProps) {
    this.namespace = props.namespace;
  }

  public bootstrap(scope: Construct, { cluster, folders }: ClusterSync): void {
    const ns = this.props.namespace;
    new GitRepository(scope, 'PlatformSource', {
      metadata: { name: PLATFORM_SOURCE, namespace: ns },
      spec: { url: cluster.gitops.repoURL, ref: { branch: cluster.gitops.branch }, interval: INTERVALS.source },
    });

    for (const folder of byWave(folders)) {
      // A folder whose generators create kinds (Gatekeeper templates) is
      // ready once those CRDs exist: `healthChecks` — which `wait: true`
      // would ignore (kustomize-controller docs, "Wait"). Other platform
      // folders wait for all they apply (their HelmReleases installed).
      const checks = folder.healthChecks.map((name) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name }));
      new Kustomization(scope, `Folder-${folder.name}`, {
        metadata: { name: folder.name, namespace: ns },
        spec: {
          interval: INTERVALS.kustomization,
          retryInterval: INTERVALS.retry,
          timeout: INTERVALS.timeout,
          path: `./${folder.repoPath}`,
          prune: true,
          serviceAccountName: KUSTOMIZE_CONTROLLER_SA,
          wait: checks.length === 0 ? folder.kind === 'platform' : false,
          healthChecks: checks.length > 0 ? checks : undefined,
          sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: PLATFORM_SOURCE },
          dependsOn: folder.dependsOn.length > 0 ? folder.dependsOn.map((name) => ({ name })) : undefined,
        },
      });
    }
  }

  public engineConfiguration(scope: Construct): void {
    new FluxLockdown(scope, 'Lockdown');
  }

  public chartRelease(scope: Construct, release: ChartRelease): void {
    new FluxHelmRelease(scope, `Release-${release.name}`, { release, fluxNamespace: this.props.namespace });
  }

  public tenantSync(scope: Construct, tenant: TenantSpec, placements: readonly Placement[], guards: readonly string[]): void {
    const source = tenant.spec.source;
    if (!source) return;
    for (const p of placements) {
      new GitRepository(scope, `Source-${p.environment}`, {
        metadata: { name: TENANT_WORKLOADS, namespace: p.namespace },
        spec: { url: source.repoURL, ref: { branch: source.branch }, interval: INTERVALS.source },
      });
      new Kustomization(scope, `Workloads-${p.environment}`, {
        metadata: { name: TENANT_WORKLOADS, namespace: p.namespace },
        spec: {
          interval: INTERVALS.kustomization,
          retryInterval: INTERVALS.retry,
          timeout: INTERVALS.timeout,
          path: `./${source.path}/${p.environment}`,
          prune: true,
          serviceAccountName: DEPLOY_SERVICE_ACCOUNT,
          targetNamespace: p.namespace,
          // The tenant's repository syncs once the guardrails that confine it
          // are ready; a dependency only reads the other Kustomization's
          // readiness, which the lock-down allows across namespaces
          // (kustomize-controller v1.9.4 checkDependencies).
          dependsOn: guards.length > 0 ? guards.map((name) => ({ name, namespace: this.props.namespace })) : undefined,
          sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: TENANT_WORKLOADS },
        },
      });
    }
  }
}
