/**
 * The semantic difference between two renders of `dist/`: objects added,
 * removed and changed (matched by identity — cluster, API group, kind,
 * namespace, name — not by file), with field-level changes; text files
 * (`images.txt`, `README.md`, JSON Schema) with their unified diff.
 *
 * Files with identical content are skipped without parsing, so the cost is
 * proportional to what changed plus one comparison per file.
 */
import { DistEntry, DistFiles, entriesOf } from './dist-entries';
import { diffText, TextDiff } from './text-diff';
import { diffValues, FieldChange } from './value-diff';

/** One added, removed or changed object or text file. */
export interface DistChange {
  readonly id: string;
  readonly type: 'added' | 'removed' | 'changed';
  readonly before?: DistEntry;
  readonly after?: DistEntry;
  /** Field-level changes of a changed object (empty when it only moved to another file). */
  readonly fields: readonly FieldChange[];
  /** Lines added and removed, for a changed text file. */
  readonly lines?: { readonly added: readonly string[]; readonly removed: readonly string[] };
  /** The unified diff of a changed text file. */
  readonly text?: TextDiff;
}

/** The difference between two renders. */
export interface DistDiff {
  /** Changes ordered by cluster (top-level files and `fleet` first), folder, then label. */
  readonly changes: readonly DistChange[];
  /** Files with identical content on both sides. */
  readonly unchangedFiles: number;
  /** Both renders, whole, for detectors that must see unchanged objects too. */
  readonly files: { readonly before: DistFiles; readonly after: DistFiles };
}

/** The side of a change that exists: `after`, else `before`. */
export function entryOf(change: DistChange): DistEntry {
  return (change.after ?? change.before)!;
}

/**
 * Compares two renders.
 *
 * @param before e.g. the committed `dist/`, or the render of the base commit
 * @param after e.g. a fresh render of the working tree
 */
export function diffDist(before: DistFiles, after: DistFiles): DistDiff {
  let unchangedFiles = 0;
  const oldEntries = new Map<string, DistEntry>();
  const newEntries = new Map<string, DistEntry>();
  const add = (into: Map<string, DistEntry>, entries: DistEntry[]) => {
    for (const e of entries) {
      // Two entries with one identity on one side (a real conflict): keep both, told apart by file.
      into.set(into.has(e.id) ? `${e.id}#${e.path}` : e.id, e);
    }
  };
  for (const [path, text] of before) {
    const other = after.get(path);
    if (other === text) {
      unchangedFiles++;
      continue;
    }
    add(oldEntries, entriesOf(path, text));
  }
  for (const [path, text] of after) {
    if (before.get(path) === text) continue;
    add(newEntries, entriesOf(path, text));
  }

  const changes: DistChange[] = [];
  for (const [id, a] of newEntries) {
    const b = oldEntries.get(id);
    if (!b) {
      changes.push({ id, type: 'added', after: a, fields: [] });
      continue;
    }
    if (a.object && b.object) {
      const fields = diffValues(b.object, a.object);
      if (fields.length > 0 || a.path !== b.path) changes.push({ id, type: 'changed', before: b, after: a, fields });
    } else if (a.text !== b.text) {
      const text = diffText(b.text, a.text);
      changes.push({ id, type: 'changed', before: b, after: a, fields: [], lines: { added: text.added, removed: text.removed }, text });
    }
  }
  for (const [id, b] of oldEntries) {
    if (!newEntries.has(id)) changes.push({ id, type: 'removed', before: b, fields: [] });
  }
  changes.sort(compareChanges);
  return { changes, unchangedFiles, files: { before, after } };
}

/** The order of changes in a diff: by cluster (top-level files and `fleet` first), folder, label, identity. */
export function compareChanges(x: DistChange, y: DistChange): number {
  const a = entryOf(x);
  const b = entryOf(y);
  return cmp(a.cluster ?? '', b.cluster ?? '') || cmp(a.folder, b.folder) || cmp(a.label, b.label) || cmp(x.id, y.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
