/**
 * What a GitOps engine (Argo CD or Flux) must render for a cluster: the
 * bootstrap that syncs every folder in order, and the objects that sync a
 * tenant's own repository into its namespaces as the tenant's ServiceAccount.
 */
import { Construct } from 'constructs';
import { ClusterSpec } from '../spec/cluster';
import { Placement } from '../spec/model';
import { TenantSpec } from '../spec/tenant';

/** One folder of `dist/clusters/<cluster>/` that the engine syncs. */
export interface SyncFolder {
  /** Name of the Application / Kustomization, e.g. `platform-tenancy` or `tenant-payments`. */
  readonly name: string;
  /** Path in the Git repository, e.g. `dist/clusters/prod-eu1/platform/tenancy`. */
  readonly repoPath: string;
  /** `platform` for platform components, `tenant` for tenant folders. */
  readonly kind: 'platform' | 'tenant';
  /** Folders this one needs first, by name (Flux `dependsOn`); see `sync-plan.ts`. */
  readonly dependsOn: readonly string[];
  /** Argo CD sync wave: one more than the highest wave among `dependsOn` (0 without). */
  readonly wave: number;
  /** CRDs created by a controller from this folder's objects that its readiness waits for (Flux `healthChecks`). */
  readonly healthChecks: readonly string[];
  /** It uses a kind a controller generates (Argo CD `SkipDryRunOnMissingResource=true`). */
  readonly skipDryRunOnMissingResource: boolean;
}

/** What the engine needs to know to bootstrap one cluster. */
export interface ClusterSync {
  readonly cluster: ClusterSpec;
  /** Repository path of the cluster's `bootstrap/` folder, e.g. `dist/clusters/prod-eu1/bootstrap`. */
  readonly bootstrapPath: string;
  /** Every folder to sync, platform components and tenants. */
  readonly folders: readonly SyncFolder[];
  /** Every tenant environment placed on the cluster. */
  readonly placements: readonly Placement[];
  /**
   * Repositories besides the platform repository that platform folders
   * deploy from (Helm chart repositories of the add-ons).
   * @default []
   */
  readonly sourceRepos?: readonly string[];
}

/** A Helm chart release the engine installs (an add-on of the catalog). */
export interface ChartRelease {
  /** Release name; also the name of the Application / HelmRelease and HelmRepository. */
  readonly name: string;
  /** Namespace the chart is installed into. */
  readonly namespace: string;
  /** Helm repository URL (the chart mirror's when air-gapped). */
  readonly repoURL: string;
  readonly chart: string;
  /** Pinned chart version. */
  readonly version: string;
  /** Helm values (plain JSON). */
  readonly values: Record<string, unknown>;
  /** Sync wave of the release (Argo CD `sync-wave`). */
  readonly wave: number;
  /** Releases that must be ready first (Flux `dependsOn`), by release name. */
  readonly dependsOn: readonly string[];
}

/** The engine-specific part of rendering one cluster. */
export interface GitOpsEngine {
  /** Namespace the engine runs in (exists before anything is synced). */
  readonly namespace: string;
  /** API groups of the engine's own CRDs, served before anything is synced. */
  readonly servedGroups: readonly string[];

  /**
   * Adds the cluster's entry point to `scope` (the `bootstrap/` chart): the
   * objects that make the engine sync every folder in wave order, plus the
   * engine's access boundaries (Argo CD AppProjects).
   */
  bootstrap(scope: Construct, sync: ClusterSync): void;

  /**
   * Adds to `scope` (the tenant's chart) what syncs the tenant's own
   * repository into its namespaces on this cluster, applying as the tenant's
   * deploy ServiceAccount. Adds nothing when the tenant declares no source.
   *
   * @param placements the tenant's placements on this cluster
   * @param guards folders (by name) whose components guard tenant workloads:
   *   the tenant's repository syncs only once they are ready
   */
  tenantSync(scope: Construct, tenant: TenantSpec, placements: readonly Placement[], guards: readonly string[]): void;

  /**
   * Adds to `scope` (the cluster's `gitops-engine/` chart) the configuration
   * of the engine's own install that the rendered objects rely on — files an
   * engineer adds to the engine's install, never synced by the platform.
   */
  engineConfiguration(scope: Construct, cluster: ClusterSpec): void;

  /**
   * Adds to `scope` (a platform component's chart) what installs one Helm
   * chart release: an Argo CD Application with a Helm source in the platform
   * AppProject, or a Flux HelmRepository and HelmRelease.
   */
  chartRelease(scope: Construct, release: ChartRelease): void;
}

/** Sorts folders by wave, then name. */
export function byWave(folders: readonly SyncFolder[]): SyncFolder[] {
  return [...folders].sort((a, b) => a.wave - b.wave || a.name.localeCompare(b.name));
}

/** Argo CD's per-object sync options annotation (comma-separated options). */
export const ARGOCD_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/**
 * Argo CD sync option applying the object server-side. Every object whose
 * size grows with the number of tenants carries it: client-side apply keeps
 * the whole object in the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation, and all annotations of an object together are capped at
 * 256 KiB (Kubernetes `TotalAnnotationSizeLimitB`, 262144 bytes). Flux's
 * kustomize-controller always applies server-side. Source: Argo CD docs,
 * "Sync Options" → "Server-Side Apply".
 */
export const SERVER_SIDE_APPLY = 'ServerSideApply=true';

/**
 * Argo CD sync option skipping the dry run of objects whose kind the cluster
 * does not serve yet (a CRD installed by the same sync or created by a
 * controller, such as Gatekeeper's Constraint kinds). Source: Argo CD docs,
 * "Sync Options" → "Skip Dry Run for new custom resources types".
 */
export const SKIP_DRY_RUN_ON_MISSING_RESOURCE = 'SkipDryRunOnMissingResource=true';

/** The annotation of Argo CD sync `options` for one object. */
export function argoCdSyncOptions(...options: string[]): Record<string, string> {
  return { [ARGOCD_SYNC_OPTIONS]: options.join(',') };
}
