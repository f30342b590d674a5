/**
 * Entry point of `npm run synth` (`cdk8s synth`): validates the default
 * platform definition, renders it, and replaces `dist/` atomically.
 *
 * On any problem it prints every problem found, exits non-zero and leaves
 * `dist/` exactly as it was.
 *
 * Environment:
 * - `PLATFORM_DIST`: output folder (default `<project>/dist`).
 * - `PLATFORM_TENANTS`: tenants folder (default `<project>/tenants`).
 * - `CDK8S_OUTDIR`: set by `cdk8s synth`; a render summary is written there,
 *   since the real output goes to `dist/` (cdk8s wipes its own output folder
 *   before every run, which would break the atomic replacement).
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderPlatformToDist } from './app/synth';
import { defaultPlatformSources } from './platform';

function main(): number {
  const root = path.resolve(__dirname, '..');
  const outDir = process.env.PLATFORM_DIST ? path.resolve(process.env.PLATFORM_DIST) : path.join(root, 'dist');
  const started = process.hrtime.bigint();
  try {
    const tenantsDir = process.env.PLATFORM_TENANTS ? path.resolve(process.env.PLATFORM_TENANTS) : undefined;
    const summary = renderPlatformToDist(defaultPlatformSources(root, tenantsDir), outDir);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const rel = path.relative(process.cwd(), outDir) || '.';
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
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.stderr.write(`Nothing was written; ${path.relative(process.cwd(), outDir) || '.'}/ is unchanged.\n`);
    return 1;
  }
}

process.exitCode = main();
