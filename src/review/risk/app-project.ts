/**
 * Argo CD AppProject risks: a project that allows more — destinations,
 * source repositories, cluster-scoped or namespaced kinds it may deploy,
 * or other ServiceAccounts to sync as. A destination in a namespace the same
 * change adds (a tenant being onboarded) is not a risk.
 *
 * Which kinds a project permits is evaluated as Argo CD does, by the
 * evaluator the Argo CD wiring is tested with (`kindPermitted`,
 * `gitops/argocd/app-project-rules.ts`): a namespaced kind is permitted when the
 * `namespaceResourceWhitelist` is absent (every kind) or lists it, and the
 * `namespaceResourceBlacklist` does not; a cluster-scoped kind only when the
 * `clusterResourceWhitelist` lists it and the `clusterResourceBlacklist`
 * does not; entries match by glob on group and kind. So replacing a
 * blacklist with a whitelist narrows a project, and is not flagged.
 * Source: Argo CD docs, "Projects".
 */
import { kindPermitted } from '../../gitops/argocd/app-project-rules';
import { DistChange } from '../dist-diff';
import { deepEqual } from '../value-diff';
import { brief, flag, RiskContext, shortList, sides } from './detector';
import { RiskFlag } from './rules';

type Obj = Record<string, any>;

/** Lists whose new items allow more. */
const GROWING = ['destinations', 'sourceRepos', 'sourceNamespaces', 'destinationServiceAccounts'] as const;

interface GroupKind { readonly group: string; readonly kind: string }

/** A kind no list names, standing for every kind a wildcard or an absent whitelist admits. */
const UNLISTED: GroupKind = { group: 'unlisted.example', kind: 'Unlisted' };

/** Kinds `after` permits that `before` does not, probed with every kind either side names. */
function newlyPermitted(before: Obj, after: Obj, namespaced: boolean): GroupKind[] {
  const fields = namespaced ? ['namespaceResourceWhitelist', 'namespaceResourceBlacklist'] : ['clusterResourceWhitelist', 'clusterResourceBlacklist'];
  const probes = new Map<string, GroupKind>([[`${UNLISTED.group}/${UNLISTED.kind}`, UNLISTED]]);
  for (const side of [before, after]) {
    for (const f of fields) for (const e of (side.spec?.[f] ?? []) as GroupKind[]) probes.set(`${e.group}/${e.kind}`, { group: e.group ?? '', kind: e.kind ?? '' });
  }
  const permits = (project: Obj, gk: GroupKind) => kindPermitted(project.spec ?? {}, gk.group, gk.kind, namespaced);
  return [...probes.values()].filter((gk) => permits(after, gk) && !permits(before, gk));
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
