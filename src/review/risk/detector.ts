/**
 * What a risk detector is and sees: one change of the diff at a time, with
 * the whole diff as context (e.g. to tell a NetworkPolicy removed from a
 * namespace that stays from one removed with its namespace), both renders'
 * objects (unchanged ones too), and a per-diff cache for work shared by the
 * changes of one namespace.
 *
 * A detector is a function `(change, ctx) => RiskFlag[]`; add it to
 * `RISK_DETECTORS` (detect.ts) and its flag kinds to `RISK_RULES` (rules.ts).
 * It flags what loosens a control — evaluated on both versions, not guessed
 * from the kind of change — and stays silent on tightening and on objects
 * that come and go with their namespace.
 */
import { DistChange, DistDiff, entryOf } from '../dist-diff';
import { groupOf } from '../dist-entries';
import { DistObjects } from '../dist-objects';
import { RISK_RULES, RiskFlag, RiskRuleId } from './rules';

/** What detectors may ask about the diff as a whole. */
export interface RiskContext {
  readonly diff: DistDiff;
  /** Objects of the old render, by kind, cluster and namespace. */
  readonly before: DistObjects;
  /** Objects of the new render, by kind, cluster and namespace. */
  readonly after: DistObjects;
  /** True when the Namespace `namespace` of `cluster` is removed by the diff. */
  namespaceRemoved(cluster: string | undefined, namespace: string | undefined): boolean;
  /** True when the Namespace `namespace` of `cluster` is added by the diff. */
  namespaceAdded(cluster: string | undefined, namespace: string | undefined): boolean;
  /** `compute()` the first time `key` is asked for in this diff, the same value afterwards. */
  memo<T>(key: string, compute: () => T): T;
}

/** Raises flags for one change. */
export type RiskDetector = (change: DistChange, ctx: RiskContext) => RiskFlag[];

/** The context for `diff`. */
export function riskContext(diff: DistDiff): RiskContext {
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const c of diff.changes) {
    const e = entryOf(c);
    if (!e.object || e.object.kind !== 'Namespace' || groupOf(e.object.apiVersion) !== '') continue;
    const key = `${e.cluster ?? ''}/${e.object.metadata.name}`;
    if (c.type === 'added') added.add(key);
    if (c.type === 'removed') removed.add(key);
  }
  const cache = new Map<string, unknown>();
  return {
    diff,
    before: new DistObjects(diff.files.before),
    after: new DistObjects(diff.files.after),
    namespaceRemoved: (cluster, ns) => ns !== undefined && removed.has(`${cluster ?? ''}/${ns}`),
    namespaceAdded: (cluster, ns) => ns !== undefined && added.has(`${cluster ?? ''}/${ns}`),
    memo: <T>(key: string, compute: () => T): T => {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}

/** A flag of `rule` on `change`'s object, with the rule's level. */
export function flag(rule: RiskRuleId, change: DistChange, message: string): RiskFlag {
  const e = entryOf(change);
  return { rule, level: RISK_RULES[rule].level, cluster: e.cluster, tenant: e.tenant, subject: e.label, path: e.path, message };
}

/** The object before and after a change, and which API kind it is. */
export function sides(change: DistChange): { before?: Record<string, any>; after?: Record<string, any>; group: string; kind: string } {
  const e = entryOf(change);
  return {
    before: change.before?.object,
    after: change.after?.object,
    group: e.object ? groupOf(e.object.apiVersion) : '',
    kind: e.object?.kind ?? '',
  };
}

/** A short list for one-line messages: the first `max` items, then `(+N more)`. */
export function shortList(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} (+${items.length - max} more)`;
}

/** A value as compact one-line text for messages (JSON-like, long values cut). */
export function brief(value: unknown, max = 80): string {
  const text = value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
