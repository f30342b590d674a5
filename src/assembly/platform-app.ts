/**
 * Builds the construct tree of the whole platform: one cdk8s App, one chart
 * per (cluster, component), per (cluster, tenant), plus each cluster's
 * bootstrap and control-plane charts and the fleet chart.
 */
import { App, AppProps } from 'cdk8s';
import { Construct } from 'constructs';
import { SyncFolder } from '../contracts/gitops-engine';
import { plannedObjects } from '../gitops/planned-objects';
import { crdGroup, PlannedFolder, planSync } from '../gitops/sync-plan';
import { engineFor } from '../gitops/engines';
import { FleetApplicationSet } from '../gitops/argocd/fleet-application-set';
import { clusterOutputDir, FLEET_OUTPUT_DIR, FOLDERS, RENDERED_CLUSTER_FOLDERS, repoPath } from '../render/layout';
import { PlatformChart } from '../render/platform-chart';
import { ClusterSpec } from '../spec/cluster';
import { Placement, placementsOn, PlatformSpec } from '../spec/model';
import { SYSTEM_NAMESPACES } from '../spec/settings';
import { LABELS, MANAGED_BY } from '../tenancy/labels';
import { egressToTenants } from '../tenancy/reachability';
import { TenantEnvironment } from '../tenancy/tenant-environment';
import { ClusterContext, ControlPlanePart, ExternalPart, PlatformComponent, TenantPart, WAVES } from '../contracts/component';

export interface PlatformAppOptions {
  /** Platform components rendered on every cluster (where enabled). */
  readonly components: readonly PlatformComponent[];
  /**
   * Contributions to each cluster's `control-plane/` folder.
   * @default []
   */
  readonly controlPlane?: readonly ControlPlanePart[];
  /**
   * Contributions to folders for systems outside the cluster (not synced by GitOps).
   * @default []
   */
  readonly external?: readonly ExternalPart[];
  /**
   * Contributions to every tenant environment, rendered into the tenant's folder.
   * @default []
   */
  readonly tenantParts?: readonly TenantPart[];
  /**
   * Render only these clusters (by name), e.g. to split the work across threads.
   * @default - every cluster
   */
  readonly clusters?: readonly string[];
  /**
   * Render the fleet-wide charts (`dist/fleet/`).
   * @default true
   */
  readonly fleet?: boolean;
  /**
   * Props of the cdk8s App, for callers that synthesise it with cdk8s itself
   * (the platform renderer never calls `App.synth()`).
   * @default - cdk8s defaults
   */
  readonly appProps?: AppProps;
}

/**
 * Builds the App for `platform`.
 *
 * @throws Error when a component's wave is not below the tenants' wave, two
 *   components share a name, an external part's folder is not a plain
 *   lower-case name or is one the render writes itself
 *   (`RENDERED_CLUSTER_FOLDERS`), or two external parts share a folder
 */
export function buildPlatformApp(platform: PlatformSpec, options: PlatformAppOptions): App {
  const names = options.components.map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`two platform components are named "${duplicate}"; component names must be unique`);
  const late = options.components.find((c) => c.wave >= WAVES.tenants);
  if (late) throw new Error(`component "${late.name}" has wave ${late.wave}; component waves must be below ${WAVES.tenants} (the tenants' wave)`);
  const externalFolders = (options.external ?? []).map((p) => p.folder);
  for (const [i, folder] of externalFolders.entries()) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(folder) || RENDERED_CLUSTER_FOLDERS.includes(folder)) {
      throw new Error(`external part folder "${folder}" must be a lower-case folder name (a-z, 0-9, -) other than ${RENDERED_CLUSTER_FOLDERS.join(', ')}`);
    }
    if (externalFolders.indexOf(folder) !== i) throw new Error(`two external parts write folder "${folder}"; each needs a folder of its own`);
  }

  const app = new App(options.appProps);
  const only = options.clusters ? new Set(options.clusters) : undefined;
  for (const cluster of platform.clusters) {
    if (only && !only.has(cluster.name)) continue;
    buildCluster(app, platform, cluster, options);
  }
  if (options.fleet !== false) {
    const fleet = new PlatformChart(app, 'fleet', { outputDir: FLEET_OUTPUT_DIR, labels: { [LABELS.managedBy]: MANAGED_BY } });
    new FleetApplicationSet(fleet, 'Fleet', { clusters: platform.clusters, argocdNamespace: platform.settings.namespaces.argocd });
  }
  return app;
}

/** What components see of `cluster`. */
export function clusterContext(platform: PlatformSpec, cluster: ClusterSpec): ClusterContext {
  return { platform, cluster, placements: placementsOn(platform, cluster), engine: engineFor(cluster, platform.settings) };
}

function buildCluster(app: App, platform: PlatformSpec, cluster: ClusterSpec, options: PlatformAppOptions): void {
  const ctx = clusterContext(platform, cluster);
  const { placements, engine } = ctx;
  const chart = (folder: string, labels: Record<string, string> = {}) =>
    new PlatformChart(app, `${cluster.name}/${folder}`, {
      outputDir: clusterOutputDir(cluster.name, folder),
      labels: { [LABELS.managedBy]: MANAGED_BY, ...labels },
    });
  const folders: { name: string; repoPath: string; kind: 'platform' | 'tenant'; planned: PlannedFolder }[] = [];
  const sourceRepos: string[] = [];
  /** Folders of the components that guard tenant workloads (tenant folders sync after them). */
  const guards: string[] = [];

  for (const component of options.components) {
    if (component.enabledOn && !component.enabledOn(ctx)) continue;
    const folder = FOLDERS.platform(component.name);
    const scope = chart(folder, { [LABELS.component]: component.name });
    component.build(scope, ctx);
    sourceRepos.push(...(component.sourceRepos?.(ctx) ?? []));
    const name = `platform-${component.name}`;
    const providedGroups = [...new Set((component.crds?.(ctx) ?? []).map(crdGroup))];
    const needs = (component.needs?.(ctx) ?? []).map((n) => `platform-${n}`);
    if (component.guardsTenantWorkloads) guards.push(name);
    folders.push({ name, repoPath: repoPath(clusterOutputDir(cluster.name, folder)), kind: 'platform', planned: { name, objects: plannedObjects(scope), providedGroups, needs } });
  }

  if (options.controlPlane && options.controlPlane.length > 0) {
    const controlPlane = chart(FOLDERS.controlPlane);
    for (const part of options.controlPlane) part.build(controlPlane, ctx);
  }

  for (const part of options.external ?? []) part.build(chart(part.folder), ctx);

  const egress = egressToTenants(placements);
  for (const [tenant, list] of groupByTenant(placements)) {
    const folder = FOLDERS.tenant(tenant);
    const scope: Construct = chart(folder, { [LABELS.tenant]: tenant });
    for (const p of list) {
      new TenantEnvironment(scope, p.environment, {
        placement: p,
        settings: platform.settings,
        egressToTenants: egress.get(p.namespace),
      });
      for (const part of options.tenantParts ?? []) {
        if (!part.enabledOn || part.enabledOn(ctx)) part.build(new Construct(scope, `${p.environment}-${part.name}`), p, ctx);
      }
    }
    engine.tenantSync(scope, list[0].tenant, list, guards);
    const name = `tenant-${tenant}`;
    folders.push({ name, repoPath: repoPath(clusterOutputDir(cluster.name, folder)), kind: 'tenant', planned: { name, objects: plannedObjects(scope, false) } });
  }

  // The sync order comes from what each folder needs: the kinds it uses and
  // the namespaces it lives in (gitops/sync-plan.ts).
  const plan = planSync(folders.map((f) => f.planned), {
    engineGroups: engine.servedGroups,
    // Kubernetes' own namespaces exist on every cluster before anything is synced.
    existingNamespaces: [engine.namespace, ...SYSTEM_NAMESPACES],
    // Argo CD: tenant folders (and so the tenant Applications in them) sync in a wave after the guards.
    after: new Map(folders.filter((f) => f.kind === 'tenant').map((f) => [f.name, guards])),
  });
  const synced: SyncFolder[] = folders.map(({ name, repoPath: path, kind }) => ({ name, repoPath: path, kind, ...plan.get(name)! }));

  engine.engineConfiguration(chart(FOLDERS.gitopsEngine), cluster);
  engine.bootstrap(chart(FOLDERS.bootstrap), {
    cluster,
    bootstrapPath: repoPath(clusterOutputDir(cluster.name, FOLDERS.bootstrap)),
    folders: synced,
    placements,
    sourceRepos,
  });
}

function groupByTenant(placements: readonly Placement[]): Map<string, Placement[]> {
  const out = new Map<string, Placement[]>();
  for (const p of placements) {
    const name = p.tenant.metadata.name;
    out.set(name, [...(out.get(name) ?? []), p]);
  }
  return out;
}
