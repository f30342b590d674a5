/**
 * Argo CD AppProject risks: a project that allows more — destinations,
 * source repositories, cluster-scoped or namespaced kinds it may deploy,
 * fewer blacklisted kinds, or other ServiceAccounts to sync as. A destination
 * in a namespace the same change adds (a tenant being onboarded) is not a risk.
 * Source: Argo CD docs, "Projects".
 */
import { DistChange } from '../dist-diff';
import { deepEqual } from '../value-diff';
import { brief, flag, RiskContext, shortList, sides } from './detector';
import { RiskFlag } from './rules';

type Obj = Record<string, any>;

/** Lists whose new items allow more, and lists whose removed items allow more. */
const GROWING = ['destinations', 'sourceRepos', 'sourceNamespaces', 'clusterResourceWhitelist', 'namespaceResourceWhitelist', 'destinationServiceAccounts'] as const;
const SHRINKING = ['clusterResourceBlacklist', 'namespaceResourceBlacklist'] as const;

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
  for (const field of SHRINKING) {
    const removed = items(before, field).filter((x) => !items(after, field).some((y) => deepEqual(x, y)));
    if (removed.length > 0) out.push(`${field} drops ${shortList(removed.map((x) => brief(x, 60)), 2)}`);
  }
  return out.map((m) => flag('appproject-broadened', change, m));
}
