/**
 * Field-level differences between two versions of one object (plain JSON
 * data), by field path.
 *
 * Lists are compared item by item where the items have a natural key — the
 * `name` of containers, env vars, ports, volumes, rules; the `mountPath` of
 * volume mounts; `kind`/`name` of RBAC subjects — as Kubernetes strategic
 * merge patches do (`patchMergeKey`), so reordering or inserting one item does
 * not show every later item as changed. Lists without a key are matched by
 * equal items first, the rest by position; lists of scalars as sets of added
 * and removed values when order does not change, else as a whole.
 *
 * A changed multi-line string (a configuration file embedded in a ConfigMap,
 * Secret template or Helm value) carries its line-level unified diff.
 */
import { diffText, isMultilineText, TextDiff } from './text-diff';
import { isJsonObject } from '../contracts/json-values';

/** One field path step: a map key, a list index, or a list item's natural key. */
export type PathStep = string | number | { readonly key: string; readonly value: string };

/** A difference at one field path. */
export interface FieldChange {
  /** Path from the object root, e.g. `['spec', 'hard', 'requests.cpu']`. */
  readonly path: readonly PathStep[];
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
  /** For a changed string where either side holds a line break: its unified diff. */
  readonly text?: TextDiff;
}

/** Keys a list's items are matched by, tried in order: the first that every item of both lists has, with unique values. */
const NATURAL_KEYS = ['name', 'mountPath', 'devicePath', 'containerPort', 'ip', 'key', 'type'] as const;

/** Lists whose items are matched by a composite key. */
const COMPOSITE_KEYS: Readonly<Record<string, readonly string[]>> = {
  subjects: ['kind', 'namespace', 'name'],
};

/**
 * Every difference between `before` and `after`.
 *
 * @returns changes in document order (keys of `after` first, then keys only in `before`)
 */
export function diffValues(before: unknown, after: unknown, path: readonly PathStep[] = []): FieldChange[] {
  if (deepEqual(before, after)) return [];
  if (isJsonObject(before) && isJsonObject(after)) {
    const out: FieldChange[] = [];
    for (const k of Object.keys(after)) {
      if (!(k in before)) out.push({ path: [...path, k], kind: 'added', after: after[k] });
      else out.push(...diffValues(before[k], after[k], [...path, k]));
    }
    for (const k of Object.keys(before)) {
      if (!(k in after)) out.push({ path: [...path, k], kind: 'removed', before: before[k] });
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(before, after, path);
  if (typeof before === 'string' && typeof after === 'string' && (isMultilineText(before) || isMultilineText(after))) {
    return [{ path, kind: 'changed', before, after, text: diffText(before, after) }];
  }
  return [{ path, kind: 'changed', before, after }];
}

function diffLists(before: unknown[], after: unknown[], path: readonly PathStep[]): FieldChange[] {
  const field = path.length > 0 ? path[path.length - 1] : undefined;
  const key = typeof field === 'string' ? listKey(field, before, after) : listKey(undefined, before, after);
  if (key) {
    const out: FieldChange[] = [];
    const keyOf = (item: unknown) => key.map((k) => String((item as Record<string, unknown>)[k] ?? '')).join('/');
    const step = (item: unknown): PathStep => ({ key: key.join('/'), value: keyOf(item) });
    const old = new Map(before.map((item) => [keyOf(item), item]));
    const seen = new Set<string>();
    for (const item of after) {
      const k = keyOf(item);
      seen.add(k);
      if (!old.has(k)) out.push({ path: [...path, step(item)], kind: 'added', after: item });
      else out.push(...diffValues(old.get(k), item, [...path, step(item)]));
    }
    for (const item of before) {
      if (!seen.has(keyOf(item))) out.push({ path: [...path, step(item)], kind: 'removed', before: item });
    }
    return out;
  }
  if (before.every(isScalar) && after.every(isScalar)) {
    const added = after.filter((v) => !before.includes(v));
    const removed = before.filter((v) => !after.includes(v));
    if (added.length + removed.length > 0 && sameOrderOfCommon(before, after)) {
      return [
        ...added.map((v): FieldChange => ({ path, kind: 'added', after: v })),
        ...removed.map((v): FieldChange => ({ path, kind: 'removed', before: v })),
      ];
    }
    return [{ path, kind: 'changed', before, after }];
  }
  // No key: pair equal items first, then the rest by position.
  const unmatchedBefore = before.map((_, i) => i);
  const unmatchedAfter: number[] = [];
  after.forEach((item, j) => {
    const i = unmatchedBefore.findIndex((bi) => deepEqual(before[bi], item));
    if (i >= 0) unmatchedBefore.splice(i, 1);
    else unmatchedAfter.push(j);
  });
  const out: FieldChange[] = [];
  const pairs = Math.min(unmatchedBefore.length, unmatchedAfter.length);
  for (let p = 0; p < pairs; p++) {
    out.push(...diffValues(before[unmatchedBefore[p]], after[unmatchedAfter[p]], [...path, unmatchedAfter[p]]));
  }
  for (const j of unmatchedAfter.slice(pairs)) out.push({ path: [...path, j], kind: 'added', after: after[j] });
  for (const i of unmatchedBefore.slice(pairs)) out.push({ path: [...path, i], kind: 'removed', before: before[i] });
  if (out.length === 0) out.push({ path, kind: 'changed', before, after }); // same items, another order
  return out;
}

/** The natural key of a list's items, when every item of both lists is an object with a unique value for it. */
function listKey(field: string | undefined, before: unknown[], after: unknown[]): readonly string[] | undefined {
  const items = [...before, ...after];
  if (items.length === 0 || !items.every(isJsonObject)) return undefined;
  const candidates: (readonly string[])[] = [];
  if (field && COMPOSITE_KEYS[field]) candidates.push(COMPOSITE_KEYS[field]);
  for (const k of NATURAL_KEYS) candidates.push([k]);
  for (const key of candidates) {
    const keyed = (list: unknown[]) => {
      const values = list.map((item) => key.map((k) => (item as Record<string, unknown>)[k]));
      if (values.some((v) => v.some((x) => x === undefined) && key.length === 1)) return false;
      if (values.some((v) => v.some((x) => x !== undefined && !isScalar(x)))) return false;
      const texts = values.map((v) => v.map(String).join('/'));
      return new Set(texts).size === texts.length;
    };
    if (keyed(before) && keyed(after)) return key;
  }
  return undefined;
}

function sameOrderOfCommon(before: unknown[], after: unknown[]): boolean {
  const common = before.filter((v) => after.includes(v));
  const commonAfter = after.filter((v) => before.includes(v));
  return common.every((v, i) => v === commonAfter[i]);
}

function isScalar(v: unknown): boolean {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

/** Structural equality of plain JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A path as text: `spec.hard["requests.cpu"]`, `spec.containers[name=app].image`, `rules[0].verbs`. */
export function formatFieldPath(path: readonly PathStep[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (typeof step === 'string') out += /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(step) ? `${out ? '.' : ''}${step}` : `[${JSON.stringify(step)}]`;
    else if (!step.key.includes('/')) out += `[${step.key}=${step.value}]`;
    else {
      // A composite key such as kind/namespace/name: the parts that are set.
      const values = step.value.split('/');
      out += `[${step.key.split('/').map((k, i) => (values[i] ? `${k}=${values[i]}` : '')).filter(Boolean).join(',')}]`;
    }
  }
  return out || '(whole object)';
}
