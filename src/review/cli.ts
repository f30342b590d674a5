/**
 * `npm run diff`: what a change does to the rendered platform, for review.
 *
 * The new side is always a fresh render of the working tree (definition and
 * code as they are on disk, committed or not). The old side:
 * - by default, the `dist/` committed at `HEAD` (read from Git objects): what
 *   the uncommitted changes do, whether or not `npm run synth` has run yet;
 * - `--base <git-ref>`: that commit rendered with its own code in a temporary
 *   worktree, or with `--base-dist` its committed `dist/` (a pull request
 *   against its branch point);
 * - `--on-disk`: the `dist/` folder on disk (what `npm run synth` would still
 *   change).
 * Outside a Git checkout the default falls back to `--on-disk`, with a note.
 *
 * Exit codes: 0 done; 1 bad arguments or a render failed; 2 a risk flag at or
 * above `--fail-on` was raised (the report is still printed).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { diffDist } from './dist-diff';
import { DistFiles } from './dist-entries';
import { FreshRender, readCommittedDist, readDistFolder, renderCommit, resolveCommit, withoutEngineFiles } from './dist-sources';
import { markdownReport, ReviewReport, textReport } from './report';
import { detectRisks } from './risk/detect';
import { atLeast, RISK_LEVELS, RiskLevel } from './risk/rules';
import { isEngineOwnedFile } from '../render/layout';

/** The usage text. */
export const USAGE = `Usage: npm run diff -- [options]

Compares two renders of dist/ object by object and flags risky changes.

The new side is always a fresh render of the working tree. The old side is,
by default, the dist/ committed at HEAD: right after \`npm run synth\` this
shows what the uncommitted change does.

  --base <git-ref>     old side: this commit, rendered with its own code in a
                       temporary git worktree (e.g. the branch point of a pull
                       request)
  --base-dist          with --base: read the commit's committed dist/ instead
                       of rendering it (faster; trusts that it was fresh)
  --on-disk            old side: the dist/ folder on disk (what \`npm run synth\`
                       would still change)
  --format <format>    text (default) or markdown (for a pull request comment)
  --output <file>      write the report to <file> instead of stdout
  --full-output <file> also write the complete report, nothing left out, to
                       <file> (the Markdown comment is cut to fit GitHub's
                       65,536 characters; this is the file to keep as a CI
                       artifact)
  --details-url <url>  where the complete report can be read (e.g. the CI run's
                       artifacts); named in the Markdown report when it is cut
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
  /** Compare the `dist/` folder on disk rather than `HEAD`'s committed `dist/`. */
  readonly onDisk: boolean;
  readonly format: 'text' | 'markdown';
  readonly output?: string;
  /** File for the complete report, in `format`, with nothing left out. */
  readonly fullOutput?: string;
  /** URL of the complete report, named where the Markdown report is cut. */
  readonly detailsUrl?: string;
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
      'on-disk': { type: 'boolean', default: false },
      'format': { type: 'string', default: 'text' },
      'output': { type: 'string' },
      'full-output': { type: 'string' },
      'details-url': { type: 'string' },
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
  if (values['on-disk'] && values.base) throw new Error('--on-disk and --base name two different old sides; give one');
  const url = values['details-url'];
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) throw new Error(`--details-url "${url}" must be an http(s) URL`);
  return {
    base: values.base,
    baseDist: values['base-dist'] ?? false,
    onDisk: values['on-disk'] ?? false,
    format: values.format,
    output: values.output,
    fullOutput: values['full-output'],
    detailsUrl: url,
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
  const afterLabel = 'fresh render of the working tree';
  if (!options.base) {
    const head = options.onDisk ? undefined : headCommit(root);
    if (!head) {
      const notes = options.onDisk ? [] : [`${root} is not a Git checkout with commits; comparing the dist/ folder on disk instead of HEAD's`];
      return { before: readDistFolder(path.join(root, 'dist')), beforeLabel: 'dist/ on disk', after, afterLabel, notes };
    }
    return {
      before: readCommittedDist(root, head),
      beforeLabel: `HEAD (${head.slice(0, 7)}, committed dist/)`,
      after,
      afterLabel,
      notes: staleDistNotes(path.join(root, 'dist'), after),
    };
  }
  if (options.baseDist) {
    const commit = resolveCommit(root, options.base);
    return {
      before: readCommittedDist(root, commit),
      beforeLabel: `${options.base} (${commit.slice(0, 7)}, committed dist/)`,
      after,
      afterLabel,
      notes: [],
    };
  }
  const base = renderCommit(root, options.base);
  return {
    before: base.files,
    beforeLabel: `${options.base} (${base.commit.slice(0, 7)}, rendered)`,
    after,
    afterLabel,
    notes: base.notes,
  };
}

/** The commit `HEAD` names in the checkout at `root`, or undefined outside Git or before the first commit. */
function headCommit(root: string): string | undefined {
  const run = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: root, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** A note when the `dist/` folder on disk is not the fresh render (it must be, to be committed). */
function staleDistNotes(dir: string, fresh: DistFiles): string[] {
  if (!fs.existsSync(dir)) return [`there is no dist/ folder: run \`npm run synth\` and commit dist/ with the change`];
  const onDisk = readDistFolder(dir);
  let differ = 0;
  for (const [p, text] of fresh) if (onDisk.get(p) !== text) differ++;
  for (const p of onDisk.keys()) if (!fresh.has(p) && !isEngineOwnedFile(p)) differ++;
  return differ === 0 ? [] : [`dist/ on disk is not the fresh render (${differ} file${differ === 1 ? '' : 's'} differ): run \`npm run synth\` and commit dist/ with the change`];
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
  const render = (complete: boolean) => (options.format === 'markdown'
    ? markdownReport(report, complete ? { maxLength: Number.POSITIVE_INFINITY, maxFlagGroups: Number.POSITIVE_INFINITY, maxTenantRows: Number.POSITIVE_INFINITY, maxDiffLines: Number.POSITIVE_INFINITY } : { detailsUrl: options.detailsUrl })
    : textReport(report));
  const text = render(false);
  if (options.output) fs.writeFileSync(options.output, text);
  else process.stdout.write(text);
  if (options.fullOutput) fs.writeFileSync(options.fullOutput, options.format === 'markdown' ? render(true) : text);
  const gate = options.failOn;
  if (gate && report.flags.some((f) => atLeast(f.level, gate))) {
    const n = report.flags.filter((f) => atLeast(f.level, gate)).length;
    process.stderr.write(`Review gate: ${n} risk flag${n === 1 ? '' : 's'} at ${gate} or above; a reviewer must approve these changes.\n`);
    return 2;
  }
  return 0;
}
