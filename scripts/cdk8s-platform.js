#!/usr/bin/env node
// @ts-check
/**
 * The `cdk8s-platform` command of this repository, run from the sources:
 * `npm run synth` (`cdk8s-platform synth`) and `npm run diff`
 * (`cdk8s-platform diff`) on the default platform (main.ts), and `init`.
 *
 * The command (src/cli/main.ts) and the default platform are compiled into
 * one cached esbuild bundle (scripts/bundle.js; `cdk8s-platform` resolves to
 * src/ through the tsconfig paths, as the default platform imports only
 * that name), so a run does not pay for loading the sources through tsx.
 * Render threads load the same bundle. Without esbuild it falls back to tsx.
 * An organisation's repository runs the published command instead
 * (bin/cdk8s-platform.js), which loads its main.ts.
 */
const path = require('path');

const root = path.resolve(__dirname, '..');
const ENTRY = "export { run } from './src/cli/main';\nexport { default as platform } from './main';\n";

async function load() {
  let bundler;
  try {
    bundler = require('./bundle');
    require.resolve('esbuild');
  } catch {
    require('tsx/cjs/api').register();
    const file = path.join(root, 'main.ts');
    const platform = require(file).default.locateIn(file);
    return { run: require(path.join(root, 'src/cli/main.ts')).run, platform };
  }
  let file;
  try {
    file = await bundler.bundle({ root, entry: 'cdk8s-platform.ts', contents: ENTRY, name: 'cdk8s-platform' });
  } catch (e) {
    const errors = /** @type {{ errors?: { text: string; location?: { file: string; line: number; column: number } }[] }} */ (e).errors;
    if (!errors) throw e;
    for (const err of errors) {
      const at = err.location ? `${err.location.file}:${err.location.line}:${err.location.column}: ` : '';
      process.stderr.write(`${at}${err.text}\n`);
    }
    process.stderr.write('The sources do not compile; nothing was run.\n');
    process.exit(1);
  }
  const bundle = require(file);
  return { run: bundle.run, platform: bundle.platform.locateIn(file) };
}

load().then(({ run, platform }) => run(process.argv.slice(2), { platform })).then((/** @type {number} */ code) => {
  process.exitCode = code;
});
