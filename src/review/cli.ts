/**
 * `npm run diff`: what a change does to the rendered platform, for review.
 *
 * Without `--base`, compares the `dist/` folder on disk (normally the
 * committed one) with a fresh render of the working tree: what `npm run
 * synth` would change. With `--base <git-ref>`, compares that commit —
 * rendered with its own code in a temporary worktree, or with `--base-dist`
 * its committed `dist/` — with a fresh render of the working tree.
 *
 * Exit codes: 0 done; 1 bad arguments or a render failed; 2 a risk flag at or
 * above `--fail-on` was raised (the report is still printed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { diffDist } from './dist-diff';
import { DistFiles } from './dist-entries';
import { FreshRender, readCommittedDist, readDistFolder, renderCommit, resolveCommit, withoutEngineFiles } from './dist-sources';
import { markdownReport, ReviewReport, textReport } from './report';
import { detectRisks } from './risk/detect';
import { atLeast, RISK_LEVELS, RiskLevel } from './risk/rules';

/** The usage text. */
export const USAGE = `Usage: npm run diff -- [options]

Compares two renders of dist/ object by object and flags risky changes.

  --base <git-ref>     compare the render of this commit (rendered with its own
                       code in a temporary git worktree) with a fresh render of
                       the working tree; default: compare the dist/ folder on
                       disk with a fresh render
  --base-dist          with --base: read the commit's committed dist/ instead
                       of rendering it (faster; trusts that it was fresh)
  --format <format>    text (default) or markdown (for a pull request comment)
  --output <file>      write the report to <file> instead of stdout
  --fail-on <level>    exit with code 2 when a risk flag of this level or
                       higher is raised: high, medium or low
  --fail-on-high       the same as --fail-on high
  -h, --help           show this text

Exit codes: 0 done, 1 error, 2 risk gate (--fail-on) triggered.
`;

/** Parsed command-line options. */
export interface DiffOptions {
  readonly base?: string;
  readonly baseDist: boolean;
  readonly format: 'text' | 'markdown';
  readonly output?: string;
  readonly failOn?: RiskLevel;
}

/**
 * Parses the command line.
 * @throws Error naming the bad option and what is allowed
 */
export function parseDiffArgs(argv: readonly string[]): DiffOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'base': { type: 'string' },
      'base-dist': { type: 'boolean', default: false },
      'format': { type: 'string', default: 'text' },
      'output': { type: 'string' },
      'fail-on': { type: 'string' },
      'fail-on-high': { type: 'boolean', default: false },
      'help': { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"; options start with --`);
  if (values.format !== 'text' && values.format !== 'markdown') throw new Error(`--format "${values.format}" must be text or markdown`);
  const failOn = values['fail-on-high'] ? 'high' : values['fail-on'];
  if (failOn !== undefined && !RISK_LEVELS.includes(failOn as RiskLevel)) {
    throw new Error(`--fail-on "${failOn}" must be one of ${RISK_LEVELS.join(', ')}`);
  }
  if (values['base-dist'] && !values.base) throw new Error('--base-dist needs --base <git-ref>');
  return {
    base: values.base,
    baseDist: values['base-dist'] ?? false,
    format: values.format,
    output: values.output,
    failOn: failOn as RiskLevel | undefined,
  };
}

/** The two sides to compare, with how reports name them. */
export interface DiffSides {
  readonly before: DistFiles;
  readonly beforeLabel: string;
  readonly after: DistFiles;
  readonly afterLabel: string;
  /** Remarks for stderr (e.g. different dependencies at the base). */
  readonly notes: readonly string[];
}

/**
 * Loads both sides for `options` in the checkout at `root`.
 *
 * @param renderFresh renders the working tree's platform in this process (the files `npm run synth` writes)
 */
export function loadSides(root: string, options: DiffOptions, renderFresh: FreshRender): DiffSides {
  const after = renderFresh();
  if (!options.base) {
    return { before: readDistFolder(path.join(root, 'dist')), beforeLabel: 'dist/ on disk', after, afterLabel: 'fresh render', notes: [] };
  }
  if (options.baseDist) {
    const commit = resolveCommit(root, options.base);
    return {
      before: readCommittedDist(root, commit),
      beforeLabel: `${options.base} (${commit.slice(0, 7)}, committed dist/)`,
      after,
      afterLabel: 'fresh render of the working tree',
      notes: [],
    };
  }
  const base = renderCommit(root, options.base);
  return {
    before: base.files,
    beforeLabel: `${options.base} (${base.commit.slice(0, 7)}, rendered)`,
    after,
    afterLabel: 'fresh render of the working tree',
    notes: base.notes,
  };
}

/**
 * Builds the report of two renders. Files of engine-owned folders that only
 * `before` has (what `flux bootstrap` committed) are no change.
 */
export function reviewReport(sides: Pick<DiffSides, 'before' | 'after' | 'beforeLabel' | 'afterLabel'>): ReviewReport {
  const diff = diffDist(withoutEngineFiles(sides.before, sides.after), sides.after);
  return { before: sides.beforeLabel, after: sides.afterLabel, diff, flags: detectRisks(diff) };
}

/**
 * Runs `npm run diff` (`cdk8s-platform diff`) for the checkout at `root`.
 *
 * @param renderFresh renders the working tree's platform (see {@link loadSides})
 * @returns the exit code (0, 1, or 2 when the risk gate triggers)
 */
export async function main(root: string, argv: readonly string[], renderFresh: FreshRender): Promise<number> {
  let options: DiffOptions | 'help';
  try {
    options = parseDiffArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let report: ReviewReport;
  try {
    const sides = loadSides(root, options, renderFresh);
    for (const note of sides.notes) process.stderr.write(`note: ${note}\n`);
    report = reviewReport(sides);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const text = options.format === 'markdown' ? markdownReport(report) : textReport(report);
  if (options.output) fs.writeFileSync(options.output, text);
  else process.stdout.write(text);
  const gate = options.failOn;
  if (gate && report.flags.some((f) => atLeast(f.level, gate))) {
    const n = report.flags.filter((f) => atLeast(f.level, gate)).length;
    process.stderr.write(`Review gate: ${n} risk flag${n === 1 ? '' : 's'} at ${gate} or above; a reviewer must approve these changes.\n`);
    return 2;
  }
  return 0;
}
