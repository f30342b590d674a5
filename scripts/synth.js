#!/usr/bin/env node
// @ts-check
/**
 * The app `cdk8s synth` runs (see cdk8s.yaml): renders the default platform
 * with `src/main.ts`, compiled into a cached bundle (scripts/bundle.js) so the
 * run does not pay for loading the TypeScript sources through tsx. Without
 * esbuild installed it falls back to tsx. `npx tsx src/main.ts` does the same
 * render straight from the sources.
 */
const path = require('path');

const root = path.resolve(__dirname, '..');

/** @returns {string} the module to run: the bundle, or src/main.ts through tsx */
function entry() {
  let bundler;
  try {
    bundler = require('./bundle');
    require.resolve('esbuild');
  } catch {
    require('tsx/cjs/api').register();
    return path.join(root, 'src', 'main.ts');
  }
  try {
    return bundler.bundle({ root, entry: 'src/main.ts', name: 'main' });
  } catch (e) {
    const errors = /** @type {{ errors?: { text: string; location?: { file: string; line: number; column: number } }[] }} */ (e).errors;
    if (!errors) throw e;
    for (const err of errors) {
      const at = err.location ? `${err.location.file}:${err.location.line}:${err.location.column}: ` : '';
      process.stderr.write(`${at}${err.text}\n`);
    }
    process.stderr.write('The sources do not compile; nothing was written.\n');
    process.exit(1);
  }
}

require(entry()).main(root).then((/** @type {number} */ code) => { process.exitCode = code; });
