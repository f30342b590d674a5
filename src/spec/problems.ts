/**
 * Problems found in the platform definition, and the error that carries them.
 *
 * Validation never stops at the first problem: every check runs and every
 * problem is collected, so one run of `npm run synth` lists all of them.
 */

/** One thing wrong with the platform definition. */
export interface Problem {
  /** File the problem is in, relative to the project root, e.g. `tenants/payments.yaml`. */
  readonly file: string;
  /** 1-based line in `file`, when known. */
  readonly line?: number;
  /** Path to the field, e.g. `spec.environments.prod.quota.cpu.limits`; empty for the whole document. */
  readonly path: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** Thrown when the platform definition is invalid; carries every problem found. */
export class DefinitionError extends Error {
  public readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(formatProblems(problems));
    this.name = 'DefinitionError';
    this.problems = sortProblems(problems);
  }
}

/** Formats a path array (`['spec', 'egress', 1, 'cidr']`) as `spec.egress[1].cidr`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') {
      out += `[${part}]`;
    } else {
      out += out === '' ? String(part) : `.${String(part)}`;
    }
  }
  return out;
}

/** Renders a value for an error message: strings quoted, objects as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return JSON.stringify(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) =>
    a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path));
}

/** Formats problems one per line: `file:line: path: message (got value)`. */
export function formatProblems(problems: readonly Problem[]): string {
  const sorted = sortProblems(problems);
  const lines = sorted.map((p) => {
    const where = p.line ? `${p.file}:${p.line}` : p.file;
    const path = p.path ? ` ${p.path}:` : '';
    const got = 'value' in p && p.value !== undefined ? ` (got ${formatValue(p.value)})` : '';
    return `  ${where}:${path} ${p.message}${got}`;
  });
  const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
  return `Invalid platform definition (${count}):\n${lines.join('\n')}`;
}
