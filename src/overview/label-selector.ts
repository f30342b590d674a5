/**
 * Kubernetes label selectors (`matchLabels` and `matchExpressions`), as
 * NetworkPolicies, admission policies and workloads use them.
 *
 * Source: Kubernetes docs, "Labels and Selectors" (set-based requirements:
 * In, NotIn, Exists, DoesNotExist; an empty selector selects everything).
 * Matching itself is the NetworkPolicy evaluator's (`selectorMatches`).
 */
import { LabelSelector, selectorMatches } from '../tenancy/network-policy-evaluator';

export type { LabelSelector } from '../tenancy/network-policy-evaluator';

/** True when the selector has no requirement, so it selects every object. */
export function selectsEverything(selector: LabelSelector | undefined): boolean {
  return !selector
    || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

/** The selector as text, e.g. `team=a,tier in (web,api)`; `(all)` for an empty selector. */
export function describeSelector(selector: LabelSelector | undefined): string {
  if (selectsEverything(selector)) return '(all)';
  const parts = Object.entries(selector!.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector!.matchExpressions ?? []) {
    switch (e.operator) {
      case 'Exists': parts.push(e.key); break;
      case 'DoesNotExist': parts.push(`!${e.key}`); break;
      default: parts.push(`${e.key} ${e.operator.toLowerCase() === 'in' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
    }
  }
  return parts.join(',');
}

/**
 * A set of labelled items indexed by label, so that selecting by
 * `matchLabels` costs the size of the smallest matching label's set rather
 * than a scan of every item.
 */
export class LabelIndex<T> {
  private readonly byLabel = new Map<string, T[]>();
  private readonly labelsOf = new Map<T, Record<string, string>>();

  /** Adds an item with its labels; adding an item again replaces nothing and is ignored. */
  public add(item: T, labels: Record<string, string>): void {
    if (this.labelsOf.has(item)) return;
    this.labelsOf.set(item, labels);
    for (const [k, v] of Object.entries(labels)) {
      const key = `${k}=${v}`;
      const list = this.byLabel.get(key) ?? [];
      list.push(item);
      this.byLabel.set(key, list);
    }
  }

  /** Every item whose labels `selector` matches, in insertion order. */
  public select(selector: LabelSelector | undefined): T[] {
    if (selectsEverything(selector)) return [...this.labelsOf.keys()];
    let candidates: T[] | undefined;
    for (const [k, v] of Object.entries(selector!.matchLabels ?? {})) {
      const list = this.byLabel.get(`${k}=${v}`) ?? [];
      if (!candidates || list.length < candidates.length) candidates = list;
    }
    return (candidates ?? [...this.labelsOf.keys()]).filter((item) => selectorMatches(selector, this.labelsOf.get(item)!));
  }
}
