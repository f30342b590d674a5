/**
 * Line-level differences of multi-line text — a fluentd configuration, a Dex
 * or Alertmanager configuration, a policy file embedded in a ConfigMap, or a
 * text file of `dist/` — as unified-diff hunks (`@@ -a,b +c,d @@`, lines
 * prefixed with ` `, `+` or `-`), computed with jsdiff (the `diff` package,
 * Myers' algorithm, as `git diff` uses by default).
 */
import { structuredPatch } from 'diff';

/** One hunk of a unified diff. */
export interface TextHunk {
  /** First line of the hunk in the old text (1-based). */
  readonly oldStart: number;
  readonly oldLines: number;
  /** First line of the hunk in the new text (1-based). */
  readonly newStart: number;
  readonly newLines: number;
  /** The hunk's lines, each starting with ` ` (context), `+` (added) or `-` (removed). */
  readonly lines: readonly string[];
}

/** The difference between two texts. */
export interface TextDiff {
  readonly hunks: readonly TextHunk[];
  /** Lines only in the new text, in order. */
  readonly added: readonly string[];
  /** Lines only in the old text, in order. */
  readonly removed: readonly string[];
}

/** Unchanged lines shown around each change, as `git diff` does. */
export const CONTEXT_LINES = 3;

/**
 * Longest time spent on one text, in milliseconds; past it the two texts are
 * shown as one hunk that replaces every line (correct, only less precise).
 */
const TIMEOUT_MS = 2000;

/** True for a string value worth a line-level diff: one holding a line break. */
export function isMultilineText(value: unknown): value is string {
  return typeof value === 'string' && value.includes('\n');
}

/**
 * The unified diff of `before` and `after`.
 *
 * @param context unchanged lines around each change
 * @returns the hunks and the added and removed lines (empty when the texts are equal)
 */
export function diffText(before: string, after: string, context = CONTEXT_LINES): TextDiff {
  if (before === after) return { hunks: [], added: [], removed: [] };
  const patch = structuredPatch('before', 'after', before, after, '', '', { context, timeout: TIMEOUT_MS });
  const hunks: TextHunk[] = patch
    ? patch.hunks.map((h) => ({
      oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines,
      // jsdiff marks a missing final newline with a `\` line; the report does not need it.
      lines: h.lines.filter((l) => !l.startsWith('\\')),
    }))
    : [wholeTextHunk(before, after)];
  const added: string[] = [];
  const removed: string[] = [];
  for (const h of hunks) {
    for (const l of h.lines) {
      if (l.startsWith('+')) added.push(l.slice(1));
      else if (l.startsWith('-')) removed.push(l.slice(1));
    }
  }
  return { hunks, added, removed };
}

function wholeTextHunk(before: string, after: string): TextHunk {
  const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const old = lines(before);
  const now = lines(after);
  return {
    oldStart: old.length > 0 ? 1 : 0, oldLines: old.length, newStart: now.length > 0 ? 1 : 0, newLines: now.length,
    lines: [...old.map((l) => `-${l}`), ...now.map((l) => `+${l}`)],
  };
}

/** The header line of a hunk: `@@ -12,6 +12,9 @@`. */
export function hunkHeader(h: TextHunk): string {
  return `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;
}
