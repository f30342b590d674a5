/**
 * Counts of a diff per cluster and, inside each cluster, per tenant — the
 * summary a reviewer reads first.
 */
import { DistChange, DistDiff, entryOf } from './dist-diff';
import { DistEntry } from './dist-entries';

/** Objects and files added, removed and changed. */
export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
}

/** Counts of one tenant (or of a cluster's non-tenant folders) inside a scope. */
export interface GroupCounts {
  /** Tenant name, or undefined for the platform folders (`bootstrap`, `platform/*`, `control-plane`). */
  readonly tenant?: string;
  readonly counts: ChangeCounts;
}

/** Counts of one cluster, the fleet folder, or the top-level files. */
export interface ScopeCounts {
  /** Cluster name, `fleet`, or `` for files at the top of `dist/`. */
  readonly scope: string;
  readonly counts: ChangeCounts;
  /** Tenants by name, then the platform folders. */
  readonly groups: readonly GroupCounts[];
}

/** The summary of a diff. */
export interface DiffSummary {
  readonly total: ChangeCounts;
  /** Clusters by name, then `fleet`, then the top-level files. */
  readonly scopes: readonly ScopeCounts[];
  readonly unchangedFiles: number;
}

/** The scope of an entry: its cluster, `fleet`, or `` at the top of `dist/`. */
export function scopeOf(e: DistEntry): string {
  return e.cluster ?? (e.folder === 'fleet' ? 'fleet' : '');
}

/** How a scope is named in reports. */
export function scopeLabel(scope: string): string {
  return scope === '' ? '(top of dist/)' : scope;
}

const zero = (): ChangeCounts => ({ added: 0, removed: 0, changed: 0 });

function count(into: ChangeCounts, change: DistChange): void {
  into[change.type]++;
}

/** Counts `diff` per cluster and tenant. */
export function summarise(diff: DistDiff): DiffSummary {
  const total = zero();
  const scopes = new Map<string, { counts: ChangeCounts; groups: Map<string, ChangeCounts> }>();
  for (const change of diff.changes) {
    const e = entryOf(change);
    const scope = scopeOf(e);
    const s = scopes.get(scope) ?? { counts: zero(), groups: new Map() };
    scopes.set(scope, s);
    const groupKey = e.tenant ?? '';
    const g = s.groups.get(groupKey) ?? zero();
    s.groups.set(groupKey, g);
    count(total, change);
    count(s.counts, change);
    count(g, change);
  }
  const order = (a: string) => (a === '' ? 2 : a === 'fleet' ? 1 : 0);
  return {
    total,
    unchangedFiles: diff.unchangedFiles,
    scopes: [...scopes]
      .sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([scope, s]) => ({
        scope,
        counts: s.counts,
        groups: [...s.groups]
          .sort(([a], [b]) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0) || (a < b ? -1 : a > b ? 1 : 0))
          .map(([tenant, counts]) => ({ tenant: tenant || undefined, counts })),
      })),
  };
}

/** `2 added, 1 removed, 3 changed` (parts that are zero left out; `no changes` when all are). */
export function describeCounts(c: ChangeCounts): string {
  const parts = [
    c.added ? `${c.added} added` : '',
    c.removed ? `${c.removed} removed` : '',
    c.changed ? `${c.changed} changed` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}
