/**
 * Evaluates what an Argo CD AppProject permits: which destinations and which
 * kinds an Application of the project may deploy.
 *
 * Source: Argo CD docs, "Projects" (destinations, cluster resource
 * allow/deny lists, namespace resource allow/deny lists; glob patterns; an
 * empty `clusterResourceWhitelist` permits no cluster-scoped resources), and
 * for kinds `AppProject.IsGroupKindPermitted` (argo-cd
 * pkg/apis/application/v1alpha1/app_project_types.go).
 */

/** The parts of an AppProject spec this evaluator reads. */
export interface AppProjectSpec {
  readonly destinations?: readonly { server?: string; name?: string; namespace?: string }[];
  readonly clusterResourceWhitelist?: readonly { group: string; kind: string }[];
  readonly clusterResourceBlacklist?: readonly { group: string; kind: string }[];
  readonly namespaceResourceWhitelist?: readonly { group: string; kind: string }[];
  readonly namespaceResourceBlacklist?: readonly { group: string; kind: string }[];
  readonly sourceRepos?: readonly string[];
}

/** An object an Application wants to deploy, and where. */
export interface Deployment {
  /** Destination cluster by API server URL… */
  readonly server?: string;
  /** …or by its name in Argo CD. */
  readonly name?: string;
  /** Namespace, or undefined for a cluster-scoped object. */
  readonly namespace?: string;
  readonly group: string;
  readonly kind: string;
}

/** Argo CD matches these fields with gobwas/glob without separators: `*` is any run of characters, `?` one. */
function glob(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}
/** True when an entry of `list` matches the kind (a missing `group` or `kind` is the empty string, as Go decodes it). */
const kindMatches = (list: readonly { group: string; kind: string }[] | undefined, group: string, kind: string) =>
  (list ?? []).some((e) => glob(e.group ?? '', group) && glob(e.kind ?? '', kind));

/**
 * True when the project permits a kind, whatever the destination, as Argo CD's
 * `AppProject.IsGroupKindPermitted` decides: a namespaced kind when the
 * `namespaceResourceWhitelist` is absent (every kind) or lists it — an empty
 * whitelist permits none — and the `namespaceResourceBlacklist` does not; a
 * cluster-scoped kind only when the `clusterResourceWhitelist` lists it and
 * the `clusterResourceBlacklist` does not. Entries match by glob.
 */
export function kindPermitted(spec: AppProjectSpec, group: string, kind: string, namespaced: boolean): boolean {
  if (!namespaced) {
    return kindMatches(spec.clusterResourceWhitelist, group, kind) && !kindMatches(spec.clusterResourceBlacklist, group, kind);
  }
  const whitelist = spec.namespaceResourceWhitelist;
  return (whitelist == null || kindMatches(whitelist, group, kind)) && !kindMatches(spec.namespaceResourceBlacklist, group, kind);
}

function clusterMatches(dest: { server?: string; name?: string }, d: Deployment): boolean {
  return (dest.server !== undefined && d.server !== undefined && glob(dest.server, d.server))
    || (dest.name !== undefined && d.name !== undefined && glob(dest.name, d.name));
}

/** True when the project lets an Application deploy `d`. */
export function projectPermits(spec: AppProjectSpec, d: Deployment): boolean {
  if (!kindPermitted(spec, d.group, d.kind, d.namespace !== undefined)) return false;
  if (d.namespace === undefined) return (spec.destinations ?? []).some((dest) => clusterMatches(dest, d));
  return (spec.destinations ?? []).some((dest) => clusterMatches(dest, d) && glob(dest.namespace ?? '', d.namespace!));
}

/** True when the project accepts Applications whose source is `repoURL`. */
export function projectAcceptsSource(spec: AppProjectSpec, repoURL: string): boolean {
  return (spec.sourceRepos ?? []).some((pattern) => glob(pattern, repoURL));
}
