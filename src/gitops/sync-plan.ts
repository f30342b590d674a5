/**
 * The order the GitOps engine syncs a cluster's folders in, computed from
 * what each folder really needs rather than a linear chain of waves:
 *
 * - **kinds**: every custom resource a folder applies needs the folder that
 *   defines its kind — a CustomResourceDefinition, a generator such as a
 *   Gatekeeper ConstraintTemplate (the CRD of its Constraint kind is created
 *   by Gatekeeper), or a Helm release that installs the CRDs of an API group;
 * - **namespaces**: every namespaced object needs the folder that renders its
 *   Namespace;
 * - **classes**: a workload or Helm release that names a PriorityClass or
 *   StorageClass rendered by another folder needs that folder (a pod naming a
 *   missing PriorityClass is rejected by the Priority admission plugin).
 *
 * Nothing else orders folders, so an add-on that fails blocks only the folders
 * that use its kinds or live in its namespace — never unrelated components
 * or tenant onboarding.
 *
 * A folder may never apply a custom resource together with the definition of
 * its kind: Flux's kustomize-controller (v1.9.x, fluxcd/pkg `ssa`
 * `ResourceManager.ApplyAllStaged`) applies CustomResourceDefinitions,
 * Namespaces and ClusterRoles first and waits for them, then Class kinds, then
 * server-side dry-runs every other object before applying any — a kind that
 * a controller generates later (Gatekeeper Constraints) fails that dry-run
 * with "no matches for kind" and the whole Kustomization with it. Argo CD
 * skips the dry run only for kinds whose CRD is part of the same sync (Argo CD
 * docs, "Sync Options": Skip Dry Run for new custom resources types). Such
 * pairs are split into two folders, ordered here.
 *
 * The plan gives each folder:
 * - `dependsOn` (Flux `spec.dependsOn`), the folders it needs;
 * - `wave` (Argo CD `sync-wave` of its Application): one more than the
 *   highest wave it depends on, so an Application syncs after everything it
 *   needs is healthy;
 * - `healthChecks`: CRDs its generators create, which a folder's readiness must
 *   wait for (Flux `spec.healthChecks`) so that dependents start only when the
 *   generated kinds exist;
 * - `skipDryRunOnMissingResource`: it uses a generated kind (Argo CD sync
 *   option `SkipDryRunOnMissingResource=true`; Argo CD cannot know the kind
 *   before the generator's controller creates its CRD).
 */

/** Kubernetes API groups served by every cluster (Kubernetes 1.28–1.33). */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'apps', 'authentication.k8s.io',
  'authorization.k8s.io', 'autoscaling', 'batch', 'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io',
  'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'networking.k8s.io', 'node.k8s.io', 'policy', 'rbac.authorization.k8s.io',
  'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io',
]);

/**
 * API groups the cluster brings before the platform syncs anything: the CSI
 * snapshot CRDs (`snapshot.storage.k8s.io`, kubernetes-csi/external-snapshotter)
 * that Kubernetes distributions install with their CSI drivers.
 */
export const CLUSTER_PROVIDED_GROUPS: ReadonlySet<string> = new Set(['snapshot.storage.k8s.io']);

/** A kind defined by an object of a folder. */
export interface KindDefinition {
  readonly group: string;
  readonly kind: string;
  /**
   * `crd`: a CustomResourceDefinition in the folder; `generated`: created
   * by a controller from an object in the folder (its CRD named `crdName`).
   */
  readonly by: 'crd' | 'generated';
  /** Name of the CRD that serves the kind, e.g. `platformprivileged.constraints.gatekeeper.sh`. */
  readonly crdName: string;
}

/** An object of a folder, as the plan sees it. */
export interface PlannedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Kinds this object defines (a CRD, a ConstraintTemplate). */
  readonly defines?: readonly KindDefinition[];
  /** Cluster-scoped classes it names (`priorityClassName`, `storageClassName`). */
  readonly references?: readonly { readonly kind: string; readonly name: string }[];
}

/** A folder to plan. */
export interface PlannedFolder {
  readonly name: string;
  readonly objects: readonly PlannedObject[];
  /** API groups whose CRDs the folder installs other than as objects (through Helm releases). */
  readonly providedGroups?: readonly string[];
  /** Folders it needs for what its objects do not show (a Helm chart's own custom resources). */
  readonly needs?: readonly string[];
}

/** The sync order of one folder. */
export interface FolderPlan {
  readonly dependsOn: readonly string[];
  readonly wave: number;
  /** CRDs generated from the folder's objects, whose establishment its readiness waits for. */
  readonly healthChecks: readonly string[];
  readonly skipDryRunOnMissingResource: boolean;
}

/** The API group a CRD serves, from its name `<plural>.<group>` (`certificates.cert-manager.io` → `cert-manager.io`). */
export function crdGroup(crdName: string): string {
  return crdName.slice(crdName.indexOf('.') + 1);
}

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → `''`). */
export function apiGroupOf(apiVersion: string): string {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** Options of {@link planSync}. */
export interface SyncPlanOptions {
  /** API groups the GitOps engine itself serves (its own CRDs), e.g. `argoproj.io`. */
  readonly engineGroups: readonly string[];
  /** Namespaces that exist before the platform syncs (the engine's, `default`, `kube-system`, …). */
  readonly existingNamespaces: readonly string[];
  /**
   * Folders that must sync in a later wave than others without depending on
   * them (an order, not a need: `dependsOn` is unchanged), by folder name.
   * @default - none
   */
  readonly after?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Plans the sync of `folders`.
 *
 * @throws Error listing every folder that applies a custom resource together
 *   with the definition of its kind, uses a kind no folder, the engine or
 *   the cluster provides, or two folders defining one kind; and every
 *   dependency cycle
 */
export function planSync(folders: readonly PlannedFolder[], options: SyncPlanOptions): Map<string, FolderPlan> {
  const problems: string[] = [];
  const kindOwner = new Map<string, { folder: string; def: KindDefinition }>();
  const groupOwner = new Map<string, string>();
  const namespaceOwner = new Map<string, string>();
  const classOwner = new Map<string, string>();
  for (const f of folders) {
    for (const g of f.providedGroups ?? []) {
      const other = groupOwner.get(g);
      if (other && other !== f.name) problems.push(`${f.name} and ${other} both install the CRDs of API group ${g}`);
      groupOwner.set(g, f.name);
    }
    for (const o of f.objects) {
      if (o.kind === 'Namespace' && o.apiVersion === 'v1') namespaceOwner.set(o.name, f.name);
      if (o.namespace === undefined) classOwner.set(`${o.kind}/${o.name}`, f.name);
      for (const d of o.defines ?? []) {
        const key = `${d.group}/${d.kind}`;
        const other = kindOwner.get(key);
        if (other && other.folder !== f.name) problems.push(`${f.name} and ${other.folder} both define kind ${d.kind} of ${d.group}`);
        kindOwner.set(key, { folder: f.name, def: d });
      }
    }
  }
  const engineGroups = new Set(options.engineGroups);
  const existing = new Set(options.existingNamespaces);
  const needs = new Map<string, Set<string>>();
  const healthChecks = new Map<string, Set<string>>();
  const skipDryRun = new Set<string>();
  const names = new Set(folders.map((f) => f.name));
  for (const f of folders) {
    const deps = new Set<string>((f.needs ?? []).filter((n) => names.has(n) && n !== f.name));
    for (const o of f.objects) {
      const group = apiGroupOf(o.apiVersion);
      const what = `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
      if (!BUILT_IN_GROUPS.has(group) && !engineGroups.has(group) && !CLUSTER_PROVIDED_GROUPS.has(group)) {
        const owner = kindOwner.get(`${group}/${o.kind}`);
        const provider = owner?.folder ?? groupOwner.get(group);
        if (provider === undefined) {
          problems.push(`${f.name}: ${what} is of kind ${o.kind} (${o.apiVersion}), which no folder on the cluster defines and neither Kubernetes nor the GitOps engine serves`);
        } else if (provider === f.name) {
          problems.push(`${f.name}: ${what} is applied together with the definition of its kind ${o.kind} (${o.apiVersion}); render the definition and the resource in two folders`);
        } else {
          deps.add(provider);
          if (owner?.def.by === 'generated') {
            skipDryRun.add(f.name);
            const hc = healthChecks.get(provider) ?? new Set<string>();
            hc.add(owner.def.crdName);
            healthChecks.set(provider, hc);
          }
        }
      }
      if (o.namespace !== undefined && !existing.has(o.namespace)) {
        const owner = namespaceOwner.get(o.namespace);
        if (owner !== undefined && owner !== f.name) deps.add(owner);
      }
      for (const r of o.references ?? []) {
        const owner = classOwner.get(`${r.kind}/${r.name}`);
        if (owner !== undefined && owner !== f.name) deps.add(owner);
      }
    }
    needs.set(f.name, deps);
  }
  const waves = new Map<string, number>();
  const visiting = new Set<string>();
  const waveOf = (name: string, path: string[]): number => {
    const known = waves.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) {
      problems.push(`dependency cycle: ${[...path.slice(path.indexOf(name)), name].join(' -> ')}`);
      return 0;
    }
    visiting.add(name);
    const deps = [...new Set([...(needs.get(name) ?? []), ...(options.after?.get(name) ?? []).filter((d) => needs.has(d))])];
    const wave = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => waveOf(d, [...path, name])));
    visiting.delete(name);
    waves.set(name, wave);
    return wave;
  };
  for (const f of folders) waveOf(f.name, []);
  if (problems.length > 0) throw new Error(`the sync plan has problems:\n- ${[...new Set(problems)].join('\n- ')}`);
  const plan = new Map<string, FolderPlan>();
  for (const f of folders) {
    plan.set(f.name, {
      dependsOn: [...needs.get(f.name)!].sort(),
      wave: waves.get(f.name)!,
      healthChecks: [...(healthChecks.get(f.name) ?? [])].sort(),
      skipDryRunOnMissingResource: skipDryRun.has(f.name),
    });
  }
  return plan;
}
