/**
 * Turns zod validation issues into {@link Problem}s whose messages name the
 * field, the bad value and what is allowed.
 */
import { closest as closestName, distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { formatPath, Problem } from './problems';

type Issue = z.core.$ZodIssue;

/** Where a problem sits: its file, and a function that finds the line of a path. */
export interface SourceLocator {
  readonly file: string;
  /** Path prefix to put before issue paths (e.g. `clusters[2]`). */
  readonly prefix?: readonly PropertyKey[];
  lineOf?(path: readonly PropertyKey[]): number | undefined;
}

const ALLOWED = 'allowed:';
const ALLOWED_NAMES = 'allowed names:';

/**
 * A zod error map that lists the allowed keys for unknown fields; pass it as
 * `schema.safeParse(input, { error: allowedKeysErrorMap })`.
 */
export const allowedKeysErrorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.code !== 'unrecognized_keys') return undefined;
  const def = (iss.inst as any)?._zod?.def;
  if (def?.type === 'record') {
    const keyDef = def.keyType?._zod?.def;
    return `${ALLOWED_NAMES} ${keyDef?.type === 'enum' ? Object.keys(keyDef.entries).join(', ') : ''}`;
  }
  return `${ALLOWED} ${def?.type === 'object' ? Object.keys(def.shape).join(', ') : ''}`;
};

/** Parses `input` with `schema`, converting failures to problems. */
export function parseWithProblems<S extends z.ZodType>(
  schema: S, input: unknown, where: SourceLocator,
): { value?: z.output<S>; problems: Problem[] } {
  const result = schema.safeParse(input, { error: allowedKeysErrorMap });
  if (result.success) return { value: result.data, problems: [] };
  return { problems: issuesToProblems(result.error.issues, input, where) };
}

/** Converts zod issues to problems. */
export function issuesToProblems(issues: readonly Issue[], input: unknown, where: SourceLocator): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) collect(issue, [], input, where, out);
  return out;
}

function collect(issue: Issue, base: readonly PropertyKey[], input: unknown, where: SourceLocator, out: Problem[]): void {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union') {
    // Report the branch that matches the input's keys, if exactly one does.
    const matching = issue.errors.filter((branch) =>
      !branch.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0));
    if (matching.length === 1) {
      for (const sub of matching[0]) collect(sub as Issue, path, input, where, out);
      return;
    }
  }
  if (issue.code === 'unrecognized_keys') {
    const isName = issue.message.startsWith(ALLOWED_NAMES);
    const prefix = isName ? ALLOWED_NAMES : ALLOWED;
    const allowed = issue.message.startsWith(prefix) ? issue.message.slice(prefix.length).trim() : '';
    const names = allowed ? allowed.split(', ') : [];
    for (const key of issue.keys) {
      const hint = closest(key, names);
      const what = isName ? 'unknown name' : 'unknown field';
      const message = `${what}${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed || '(none)'}`;
      out.push(problem([...path, key], valueAt(input, [...path, key]), message, where));
    }
    return;
  }
  if (issue.code === 'invalid_key') {
    // A bad key of a record (e.g. a label key): say what is wrong with the key, and show the key.
    const key = path[path.length - 1];
    const messages = issue.issues.map((i) => messageFor(i as Issue, key));
    out.push(problem(path, key, messages.join('; ') || issue.message, where));
    return;
  }
  out.push(problem(path, valueAt(input, path), messageFor(issue, valueAt(input, path)), where));
}

function messageFor(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      // A schema's own message (e.g. naming the environment a cluster runs) wins over the generic list.
      if (!/^Invalid (option|input)/.test(issue.message)) return issue.message;
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function problem(path: readonly PropertyKey[], value: unknown, message: string, where: SourceLocator): Problem {
  const full = [...(where.prefix ?? []), ...path];
  return {
    file: where.file,
    line: where.lineOf?.(path),
    path: formatPath(full),
    value,
    message,
  };
}

/** The value at `path` in `input`, or undefined. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: any = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key as any];
  }
  return cur;
}

/** The allowed name closest to `word` (fastest-levenshtein), if it is close enough to be a typo. */
export function closest(word: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const best = closestName(word, [...names]);
  return distance(word.toLowerCase(), best.toLowerCase()) <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}
