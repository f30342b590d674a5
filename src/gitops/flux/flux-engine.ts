/**
 * Flux wiring for one cluster: a GitRepository for the platform repository
 * and one Kustomization per folder, chained with `dependsOn` wave by wave;
 * and per tenant namespace, a GitRepository and Kustomization that sync the
 * tenant's own repository as the tenant's ServiceAccount.
 *
 * Follows fluxcd/flux2-multi-tenancy: the platform reconciles as the Flux
 * controllers, tenants reconcile as their own ServiceAccount
 * (`spec.serviceAccountName`) inside their own namespace.
 */
import { Construct } from 'constructs';
import { Kustomization, KustomizationSpecSourceRefKind } from '../../../imports/kustomize.toolkit.fluxcd.io';
import { GitRepository } from '../../../imports/source.toolkit.fluxcd.io';
import { Placement } from '../../spec/model';
import { TenantSpec } from '../../spec/tenant';
import { DEPLOY_SERVICE_ACCOUNT } from '../../tenancy/tenant-role-bindings';
import { byWave, ChartRelease, ClusterSync, GitOpsEngine, wavesOf } from '../../contracts/gitops-engine';
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
  constructor(private readonly props: FluxEngineProps) {}

  public bootstrap(scope: Construct, { cluster, folders }: ClusterSync): void {
    const ns = this.props.namespace;
    new GitRepository(scope, 'PlatformSource', {
      metadata: { name: PLATFORM_SOURCE, namespace: ns },
      spec: { url: cluster.gitops.repoURL, ref: { branch: cluster.gitops.branch }, interval: INTERVALS.source },
    });

    // Each folder depends on every folder of the previous wave; grouped once,
    // so the cost stays linear in the number of folders.
    const ordered = byWave(folders);
    const waves = wavesOf(folders);
    const namesByWave = new Map<number, { name: string }[]>(waves.map((w) => [w, []]));
    for (const f of ordered) namesByWave.get(f.wave)!.push({ name: f.name });
    for (const folder of ordered) {
      const previousWave = waves[waves.indexOf(folder.wave) - 1];
      const dependsOn = previousWave === undefined ? [] : namesByWave.get(previousWave)!;
      new Kustomization(scope, `Folder-${folder.name}`, {
        metadata: { name: folder.name, namespace: ns },
        spec: {
          interval: INTERVALS.kustomization,
          retryInterval: INTERVALS.retry,
          timeout: INTERVALS.timeout,
          path: `./${folder.repoPath}`,
          prune: true,
          // Platform components must be ready before the next wave starts.
          wait: folder.kind === 'platform',
          sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: PLATFORM_SOURCE },
          dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
        },
      });
    }
  }

  public chartRelease(scope: Construct, release: ChartRelease): void {
    new FluxHelmRelease(scope, `Release-${release.name}`, { release, fluxNamespace: this.props.namespace });
  }

  public tenantSync(scope: Construct, tenant: TenantSpec, placements: readonly Placement[]): void {
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
          sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: TENANT_WORKLOADS },
        },
      });
    }
  }
}
