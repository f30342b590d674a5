/**
 * A platform component: one folder `platform/<name>/` per cluster, synced by
 * the cluster's GitOps engine in wave order.
 */
import { Construct } from 'constructs';
import { GitOpsEngine } from './gitops-engine';
import { ClusterSpec } from '../spec/cluster';
import { Placement, PlatformSpec } from '../spec/model';

/** What a component sees of the platform when it renders one cluster. */
export interface ClusterContext {
  readonly platform: PlatformSpec;
  readonly cluster: ClusterSpec;
  /** Every tenant environment placed on the cluster. */
  readonly placements: readonly Placement[];
  /** The cluster's GitOps engine (renders Helm releases the engine's way). */
  readonly engine: GitOpsEngine;
}

/** Sync waves: lower first. Components that bring CRDs sort before the custom resources that use them. */
export const WAVES = {
  /** What everything else relies on: PriorityClasses, StorageClasses. */
  foundation: -10,
  /**
   * Add-ons (Helm releases). Add-ons that bring CRDs sort first; an add-on
   * gets `crds + n`, where n is the length of its longest `dependsOn` chain.
   */
  crds: 0,
  /** Platform configuration that uses those CRDs, and cluster-wide RBAC. */
  platform: 10,
  /** Tenant folders, after every platform component. */
  tenants: 100,
} as const;

/** One platform component. */
export interface PlatformComponent {
  /** Folder name under `platform/` and, prefixed `platform-`, the Application / Kustomization name. */
  readonly name: string;
  /**
   * Declared order (see {@link WAVES}); must be below `WAVES.tenants`. The
   * GitOps sync order itself is computed from what each folder needs
   * (`gitops/sync-plan.ts`).
   */
  readonly wave: number;
  /**
   * Whether the component renders on this cluster.
   * @default - always
   */
  enabledOn?(ctx: ClusterContext): boolean;
  /** Adds the component's objects to `scope`, the component's chart. */
  build(scope: Construct, ctx: ClusterContext): void;
  /**
   * Tenant repositories sync only once this component is ready: it renders
   * the guardrails that confine them (admission policies). Tenant onboarding
   * (namespaces, quotas, RBAC, NetworkPolicies) never waits for it.
   * @default false
   */
  readonly guardsTenantWorkloads?: boolean;
  /**
   * Components whose folders this one needs first for what its rendered
   * objects do not show — e.g. the CRDs a Helm chart's own templates use
   * (an add-on's ServiceMonitor needs kube-prometheus-stack's CRDs).
   * @default - none
   */
  needs?(ctx: ClusterContext): readonly string[];
  /**
   * CustomResourceDefinitions (`<plural>.<group>`) the component installs
   * other than as rendered objects — through a Helm chart — so that folders
   * using their kinds sync after it (`gitops/sync-plan.ts`).
   * @default - none
   */
  crds?(ctx: ClusterContext): readonly string[];
  /**
   * Repositories besides the platform repository the component deploys from
   * (Helm chart repositories), for the Argo CD platform AppProject.
   * @default - none
   */
  sourceRepos?(ctx: ClusterContext): string[];
  /**
   * Upstream references of the images the component makes the cluster pull
   * that do not appear in its rendered objects (images set through Helm
   * values), for `dist/images.txt`.
   * @default - none
   */
  images?(ctx: ClusterContext): string[];
}

/** A contribution to `control-plane/` (API-server files, not synced by GitOps). */
export interface ControlPlanePart {
  /** Adds files and objects to `scope`, the cluster's `control-plane/` chart. */
  build(scope: Construct, ctx: ClusterContext): void;
}

/**
 * A contribution to a cluster folder of files for systems outside the
 * cluster, which GitOps does not sync (e.g. `logging-backend/`: roles the
 * logging team applies to the log backend).
 */
export interface ExternalPart {
  /** Folder under `dist/clusters/<cluster>/`: a lower-case name (a-z, 0-9, -), not one the render writes itself (`RENDERED_CLUSTER_FOLDERS`: bootstrap, control-plane, gitops-engine, platform, tenants) nor another part's. */
  readonly folder: string;
  /** Adds files to `scope`, the chart of that folder. */
  build(scope: Construct, ctx: ClusterContext): void;
}

/**
 * A contribution to every tenant environment on a cluster, rendered into the
 * tenant's folder next to its namespace, quota and policies (e.g. its SLO
 * rules and alert routing).
 */
export interface TenantPart {
  /** Short name; the construct id of the part is `<environment>-<name>`. */
  readonly name: string;
  /**
   * Whether the part renders on this cluster.
   * @default - always
   */
  enabledOn?(ctx: ClusterContext): boolean;
  /** Adds the part's objects for `placement` to `scope`, a construct inside the tenant's chart. */
  build(scope: Construct, placement: Placement, ctx: ClusterContext): void;
}
