/**
 * A model of how Flux brings up a cluster from the rendered `bootstrap/`
 * Kustomizations, to test the apply order on every Flux cluster.
 *
 * Facts, kustomize-controller v1.9.4 with fluxcd/pkg ssa v0.76.1:
 * - a Kustomization is reconciled only when every `dependsOn` is Ready
 *   (`checkDependencies`, docs/spec/v1/kustomizations.md "Dependencies");
 * - `ResourceManager.ApplyAllStaged` (ssa/manager_apply.go): stage 1 applies
 *   CustomResourceDefinitions, Namespaces and ClusterRoles
 *   (`utils.IsClusterDefinition`) and waits for them; stage 2 kinds whose name
 *   ends in `Class` (`IsClassDefinition`) and waits; then `ApplyAll` of the rest,
 *   which server-side dry-runs every object first (`dryRunApply`): an unknown
 *   kind ("no matches for kind") or a missing namespace fails the whole stage,
 *   so nothing of it is applied;
 * - Ready: with `wait: true` every applied object must be healthy (a
 *   HelmRelease once installed); with `healthChecks`, the listed objects
 *   (a CustomResourceDefinition once it exists and is Established);
 *   `wait: true` ignores `healthChecks` (docs "Wait").
 * helm-controller: a HelmRelease installs once its `dependsOn` releases are
 * installed, creating its chart's CRDs (`install.crds: CreateReplace`).
 * Gatekeeper: once running, creates `<kind lower case>.constraints.gatekeeper.sh`
 * for every ConstraintTemplate.
 */
import { CATALOG } from '../../src/addons/catalog';
import { AddonName } from '../../src/spec/addon-names';
import { FLUX_GROUPS } from '../../src/gitops/flux/flux-lockdown';
import { BUILT_IN_GROUPS, CLUSTER_PROVIDED_GROUPS, apiGroupOf, crdGroup } from '../../src/gitops/sync-plan';
import { definedKinds } from '../../src/gitops/planned-objects';
import { KubeObject } from '../../src/render/manifests';

/** The cluster as the model sees it. */
export class ModelCluster {
  /** `group/kind` served, or `group/*` for every kind of a group (a Helm chart's CRDs). */
  public readonly kinds = new Set<string>();
  public readonly crds = new Set<string>();
  public readonly namespaces = new Set<string>(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'flux-system']);
  /** Installed Helm releases. */
  public readonly releases = new Set<string>();
  public readonly templates: KubeObject[] = [];

  /** Whether the API server serves `kind` of `apiVersion`. */
  public serves(apiVersion: string, kind: string): boolean {
    const g = apiGroupOf(apiVersion);
    return BUILT_IN_GROUPS.has(g) || CLUSTER_PROVIDED_GROUPS.has(g) || FLUX_GROUPS.includes(g)
      || this.kinds.has(`${g}/${kind}`) || this.kinds.has(`${g}/*`);
  }

  /** Lets controllers act: Gatekeeper creates the CRDs of its templates once its release is installed. */
  public settle(): void {
    if (!this.releases.has('gatekeeper')) return;
    for (const t of this.templates) {
      for (const d of definedKinds(t)) {
        this.kinds.add(`${d.group}/${d.kind}`);
        this.crds.add(d.crdName);
      }
    }
  }
}

/** Result of one reconciliation of a Kustomization. */
export interface ApplyResult {
  readonly applied: boolean;
  readonly ready: boolean;
  readonly error?: string;
}

/** The API groups of the CRDs a release installs (the add-on's declared CRDs), by release name. */
export function releaseGroups(release: string): string[] {
  const addon = (Object.keys(CATALOG) as AddonName[]).find((n) => CATALOG[n].releases.some((r) => r.name === release));
  return addon ? CATALOG[addon].crds.map(crdGroup) : [];
}

/** Reconciles one Kustomization (its spec) with the objects of its path against `cluster`. */
export function reconcile(spec: any, objects: readonly KubeObject[], cluster: ModelCluster, failingReleases: ReadonlySet<string> = new Set()): ApplyResult {
  const isDef = (o: KubeObject) => (o.kind === 'CustomResourceDefinition' && o.apiVersion.startsWith('apiextensions.k8s.io/'))
    || (o.kind === 'Namespace' && o.apiVersion === 'v1') || (o.kind === 'ClusterRole' && o.apiVersion.startsWith('rbac.authorization.k8s.io/'));
  const stages = [objects.filter(isDef), objects.filter((o) => !isDef(o) && o.kind.endsWith('Class')), objects.filter((o) => !isDef(o) && !o.kind.endsWith('Class'))];
  for (const stage of stages) {
    for (const o of stage) {
      if (!cluster.serves(o.apiVersion, o.kind)) return { applied: false, ready: false, error: `${o.kind}/${o.metadata.name} dry-run failed: no matches for kind "${o.kind}" in version "${o.apiVersion}"` };
      if (o.metadata.namespace && !cluster.namespaces.has(o.metadata.namespace)) return { applied: false, ready: false, error: `${o.kind}/${o.metadata.name} dry-run failed: namespaces "${o.metadata.namespace}" not found` };
    }
    for (const o of stage) {
      if (o.kind === 'Namespace') cluster.namespaces.add(o.metadata.name!);
      for (const d of definedKinds(o)) if (d.by === 'crd') { cluster.kinds.add(`${d.group}/${d.kind}`); cluster.crds.add(d.crdName); }
      if (o.kind === 'ConstraintTemplate') cluster.templates.push(o);
    }
  }
  // helm-controller installs releases whose dependencies are installed.
  let progress = true;
  while (progress) {
    progress = false;
    for (const r of objects.filter((o) => o.kind === 'HelmRelease')) {
      const s = r.spec as any;
      if (cluster.releases.has(s.releaseName) || failingReleases.has(s.releaseName)) continue;
      if ((s.dependsOn ?? []).every((d: { name: string }) => cluster.releases.has(d.name))) {
        cluster.releases.add(s.releaseName);
        for (const g of releaseGroups(s.releaseName)) cluster.kinds.add(`${g}/*`);
        progress = true;
      }
    }
  }
  cluster.settle();
  if (spec.wait) {
    const pending = objects.filter((o) => o.kind === 'HelmRelease' && !cluster.releases.has((o.spec as any).releaseName));
    return { applied: true, ready: pending.length === 0, error: pending.length ? `HelmRelease ${pending.map((p) => p.metadata.name).join(', ')} not ready` : undefined };
  }
  const missing = (spec.healthChecks ?? []).filter((h: any) => h.kind === 'CustomResourceDefinition' && !cluster.crds.has(h.name));
  return { applied: true, ready: missing.length === 0, error: missing.length ? `CRDs not established: ${missing.map((m: any) => m.name).join(', ')}` : undefined };
}

/** What happened to each Kustomization when the cluster was brought up. */
export interface BringUp {
  readonly ready: Set<string>;
  /** Every failed dry-run, by Kustomization (a failure while all its dependencies were Ready). */
  readonly failures: Map<string, string>;
  readonly order: string[];
}

/**
 * Brings up a cluster: reconciles, again and again, every Kustomization whose
 * dependencies are Ready, until nothing changes.
 */
export function bringUp(kustomizations: readonly KubeObject[], objectsOf: (path: string) => KubeObject[], failingReleases: ReadonlySet<string> = new Set()): BringUp {
  const cluster = new ModelCluster();
  const ready = new Set<string>();
  const failures = new Map<string, string>();
  const order: string[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const k of kustomizations) {
      const name = k.metadata.name!;
      const spec = k.spec as any;
      if (ready.has(name)) continue;
      if (!(spec.dependsOn ?? []).every((d: { name: string }) => ready.has(d.name))) continue;
      const r = reconcile(spec, objectsOf(spec.path), cluster, failingReleases);
      if (!r.applied) failures.set(name, r.error!);
      if (r.ready) {
        ready.add(name);
        order.push(name);
        changed = true;
      }
    }
  }
  return { ready, failures, order };
}
