/**
 * `cdk8s-platform synth` (`npm run synth`): validates the organisation's
 * definition, renders it and replaces `dist/` atomically.
 *
 * On a definition problem it prints every problem found — and nothing else
 * — on stderr, exits 1 and leaves `dist/` exactly as it was. On success it
 * prints one line: what was rendered, where, and how long it took. Large
 * platforms render on every CPU (one cluster per thread at a time); when
 * stderr is a terminal, progress is shown per cluster.
 *
 * Environment:
 * - `PLATFORM_DIST`: output folder (default: the platform's `distDir`, `dist/`).
 * - `PLATFORM_TENANTS`: tenants folder (default: the platform's `tenantsDir`, `tenants/`).
 * - `PLATFORM_RENDER_THREADS`: render threads (default: automatic, see `autoThreads`).
 * - `CDK8S_OUTDIR`: set when `cdk8s synth` (cdk8s-cli) runs this as its app;
 *   see {@link synthCommand}.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Platform } from '../app/platform';
import { SynthOptions } from '../app/synth';
import { progressReporter } from '../render/progress';

/** Streams the command writes to. */
export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Renders `platform` into `PLATFORM_DIST` or its `distDir`.
 *
 * Run by cdk8s-cli (`cdk8s synth`, which sets `CDK8S_OUTDIR`, hides the app's
 * stdout and adds a stack trace whenever the app exits non-zero), the summary
 * goes to stderr, and on failure the command leaves `CDK8S_OUTDIR` uncreated
 * and exits 0, so that cdk8s-cli fails with its one-line "app expected to
 * create" message instead of a stack trace after the problems.
 *
 * @returns the process exit code: 0, or 1 when the definition or the render has problems
 */
export async function synthCommand(platform: Platform, io: CommandIo = process): Promise<number> {
  const outDir = process.env.PLATFORM_DIST ? path.resolve(process.env.PLATFORM_DIST) : platform.distDir;
  const rel = path.relative(process.cwd(), outDir) || '.';
  const underCdk8sCli = !!process.env.CDK8S_OUTDIR;
  const started = process.hrtime.bigint();
  const progress = progressReporter(io.stderr);
  try {
    const threads = threadsFromEnv();
    const tenantsDir = process.env.PLATFORM_TENANTS ? path.resolve(process.env.PLATFORM_TENANTS) : undefined;
    const summary = await platform.synth({ outDir, tenantsDir, threads, onUnit: progress.onUnit });
    progress.finish();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const line = `Rendered ${summary.objectCount} objects (${summary.fileCount} files, ${summary.clusters.length} clusters: ${summary.clusters.join(', ')}) into ${rel}/ in ${formatDuration(ms)}\n`;
    if (underCdk8sCli) {
      io.stderr.write(line);
      // cdk8s-cli requires its output folder to exist; the platform renders into dist/, not there.
      fs.mkdirSync(process.env.CDK8S_OUTDIR!, { recursive: true });
    } else {
      io.stdout.write(line);
    }
    return 0;
  } catch (e) {
    progress.finish();
    io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    io.stderr.write(`Nothing was written; ${rel}/ is unchanged.\n`);
    return underCdk8sCli ? 0 : 1;
  }
}

/** `850 ms`, `4.2 s`. */
function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function threadsFromEnv(): SynthOptions['threads'] {
  const value = process.env.PLATFORM_RENDER_THREADS;
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`PLATFORM_RENDER_THREADS is "${value}"; it must be a whole number of threads (1 or more) or "auto"`);
  return n;
}
