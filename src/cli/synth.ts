/**
 * Entry point of `npm run synth` (`cdk8s synth`): validates the default
 * platform definition, renders it, and replaces `dist/` atomically.
 *
 * On any problem it prints every problem found, exits non-zero and leaves
 * `dist/` exactly as it was. Large platforms render on every CPU (one cluster
 * per thread at a time); when stderr is a terminal, progress is shown per cluster.
 *
 * Environment:
 * - `PLATFORM_DIST`: output folder (default `<project>/dist`).
 * - `PLATFORM_TENANTS`: tenants folder (default `<project>/tenants`).
 * - `PLATFORM_RENDER_THREADS`: render threads (default: automatic, see `autoThreads`).
 * - `CDK8S_OUTDIR`: set by `cdk8s synth`; a render summary is written there,
 *   since the real output goes to `dist/` (cdk8s wipes its own output folder
 *   before every run, which would break the atomic replacement).
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMainThread } from 'worker_threads';
import { isRenderWorker } from './app/render-threads';
import { synthPlatform, SynthOptions } from './app/synth';
import { defaultPlatformSources } from './platform';
import { progressReporter } from './render/progress';

/** The project root: the nearest folder above this file holding `package.json` and `tenants/` or `src/`. */
export function projectRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '..');
    dir = parent;
  }
}

/**
 * Renders the default platform of `root` into `PLATFORM_DIST` or `<root>/dist`.
 * Takes no command-line arguments.
 *
 * @returns the process exit code: 0, or 1 when the definition or the render has problems
 */
export async function main(root = projectRoot(), _argv: readonly string[] = []): Promise<number> {
  const outDir = process.env.PLATFORM_DIST ? path.resolve(process.env.PLATFORM_DIST) : path.join(root, 'dist');
  const rel = path.relative(process.cwd(), outDir) || '.';
  const started = process.hrtime.bigint();
  const progress = progressReporter(process.stderr);
  try {
    const threads = threadsFromEnv();
    const tenantsDir = process.env.PLATFORM_TENANTS ? path.resolve(process.env.PLATFORM_TENANTS) : undefined;
    const summary = await synthPlatform(defaultPlatformSources(root, tenantsDir), outDir, { threads, onUnit: progress.onUnit });
    progress.finish();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`Rendered ${summary.objectCount} objects (${summary.fileCount} files, ${summary.clusters.length} clusters) into ${rel}/ in ${ms.toFixed(0)} ms\n`);
    if (process.env.CDK8S_OUTDIR) {
      fs.mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true });
      fs.writeFileSync(path.join(process.env.CDK8S_OUTDIR, 'render-summary.yaml'),
        `# The platform renders into ${rel}/, not here; this is a summary of the last run.\n`
        + `output: ${rel}\nobjects: ${summary.objectCount}\nfiles: ${summary.fileCount}\nclusters:\n`
        + summary.clusters.map((c) => `  - ${c}\n`).join(''));
    }
    return 0;
  } catch (e) {
    progress.finish();
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.stderr.write(`Nothing was written; ${rel}/ is unchanged.\n`);
    return 1;
  }
}

function threadsFromEnv(): SynthOptions['threads'] {
  const value = process.env.PLATFORM_RENDER_THREADS;
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`PLATFORM_RENDER_THREADS is "${value}"; it must be a whole number of threads (1 or more) or "auto"`);
  return n;
}

if (require.main === module && isMainThread && !isRenderWorker()) {
  main().then((code) => { process.exitCode = code; });
}
