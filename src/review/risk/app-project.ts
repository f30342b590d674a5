/**
 * Argo CD AppProject risks: a project that allows more — destinations,
 * source repositories, cluster-scoped or namespaced kinds it may deploy,
 * or other ServiceAccounts to sync as. A destination in a namespace the same
 * change adds (a tenant being onboarded) is not a risk.
 *
 * Which kinds a project permits is evaluated as Argo CD does
 * (`AppProject.IsGroupKindPermitted`, argo-cd pkg/apis/application/v1alpha1/
 * app_project_types.go): a namespaced kind is permitted when the
 * `namespaceResourceWhitelist` is absent (every kind) or lists it, and the
 * `namespaceResourceBlacklist` does not; a cluster-scoped kind only when the
 * `clusterResourceWhitelist` lists it and the `clusterResourceBlacklist`
 * does not; entries match by glob on group and kind. So replacing a
 * blacklist with a whitelist narrows a project, and is not flagged.
 * Source: Argo CD docs, "Projects".
 */
import { DistChange } from '../dist-diff';
import { deepEqual } from '../value-diff';
import { brief, flag, RiskContext, shortList, sides } from './detector';
import { RiskFlag } from './rules';

type Obj = Record<string, any>;

/** Lists whose new items allow more. */
const GROWING = ['destinations', 'sourceRepos', 'sourceNamespaces', 'destinationServiceAccounts'] as const;

interface GroupKind { readonly group: string; readonly kind: string }

/** Glob match of one pattern (`*` any run, `?` one character), as Argo CD's `glob.Match`. */
function globMatch(pattern: string, value: string): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`).test(value);
}

function listed(gk: GroupKind, list: readonly GroupKind[]): boolean {
  return list.some((e) => globMatch(e.group ?? '', gk.group) && globMatch(e.kind ?? '', gk.kind));
}

/** Whether `project` permits a kind, namespaced or cluster-scoped (`IsGroupKindPermitted`). */
export function projectPermits(project: Obj, gk: GroupKind, namespaced: boolean): boolean {
  const spec = project.spec ?? {};
  if (namespaced) {
    const white = spec.namespaceResourceWhitelist as GroupKind[] | undefined | null;
    const black = (spec.namespaceResourceBlacklist ?? []) as GroupKind[];
    return (white == null || (white.length > 0 && listed(gk, white))) && !listed(gk, black);
  }
  const white = (spec.clusterResourceWhitelist ?? []) as GroupKind[];
  const black = (spec.clusterResourceBlacklist ?? []) as GroupKind[];
  return listed(gk, white) && !listed(gk, black);
}

/** A kind no list names, standing for every kind a wildcard or an absent whitelist admits. */
const UNLISTED: GroupKind = { group: 'unlisted.example', kind: 'Unlisted' };

/** Kinds `after` permits that `before` does not, probed with every kind either side names. */
function newlyPermitted(before: Obj, after: Obj, namespaced: boolean): GroupKind[] {
  const fields = namespaced ? ['namespaceResourceWhitelist', 'namespaceResourceBlacklist'] : ['clusterResourceWhitelist', 'clusterResourceBlacklist'];
  const probes = new Map<string, GroupKind>([[`${UNLISTED.group}/${UNLISTED.kind}`, UNLISTED]]);
  for (const side of [before, after]) {
    for (const f of fields) for (const e of (side.spec?.[f] ?? []) as GroupKind[]) probes.set(`${e.group}/${e.kind}`, { group: e.group ?? '', kind: e.kind ?? '' });
  }
  return [...probes.values()].filter((gk) => projectPermits(after, gk, namespaced) && !projectPermits(before, gk, namespaced));
}

function describeKind(gk: GroupKind): string {
  if (gk === UNLISTED) return 'kinds no list names';
  return `${gk.group || 'core'}/${gk.kind}`;
}

/** Risk flags for AppProjects. */
export function appProjectRisks(change: DistChange, ctx: RiskContext): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  if (group !== 'argoproj.io' || kind !== 'AppProject' || !before || !after) return [];
  const out: string[] = [];
  const items = (o: Obj, field: string) => (o.spec?.[field] ?? []) as unknown[];
  // A destination in a namespace this change adds follows a tenant being onboarded.
  const followsNewNamespace = (field: string, x: unknown) => field === 'destinations'
    && ctx.namespaceAdded(change.after!.cluster, (x as { namespace?: string }).namespace);
  for (const field of GROWING) {
    const added = items(after, field)
      .filter((x) => !items(before, field).some((y) => deepEqual(x, y)) && !followsNewNamespace(field, x));
    if (added.length > 0) out.push(`${field} adds ${shortList(added.map((x) => brief(x, 60)), 2)}`);
  }
  for (const [namespaced, what] of [[false, 'cluster-scoped'], [true, 'namespaced']] as const) {
    const kinds = newlyPermitted(before, after, namespaced);
    if (kinds.length > 0) out.push(`${what} kinds permitted: ${shortList(kinds.map(describeKind), 3)}`);
  }
  return out.map((m) => flag('appproject-broadened', change, m));
}
