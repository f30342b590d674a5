// @ts-check
/**
 * Runs a TypeScript entry of this project (`src/main.ts` for `npm run synth`,
 * `src/review/cli.ts` for `npm run diff`) from a cached bundle
 * (scripts/bundle.js), so a run does not pay for loading the sources through
 * tsx. Without esbuild installed it falls back to tsx. The entry exports
 * `main(root, argv)`, resolving to the process exit code.
 */
const path = require('path');

const root = path.resolve(__dirname, '..');

/**
 * @param {string} entry entry file relative to the project root
 * @param {string} name bundle name
 * @returns {string} the module to load: the bundle, or the entry through tsx
 */
function modulePath(entry, name) {
  let bundler;
  try {
    bundler = require('./bundle');
    require.resolve('esbuild');
  } catch {
    require('tsx/cjs/api').register();
    return path.join(root, entry);
  }
  try {
    return bundler.bundle({ root, entry, name });
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
}

/**
 * Runs `entry`'s `main(root, argv)` with the command line's arguments and sets the exit code.
 * @param {string} entry
 * @param {string} name
 */
function launch(entry, name) {
  require(modulePath(entry, name)).main(root, process.argv.slice(2)).then((/** @type {number} */ code) => {
    process.exitCode = code;
  });
}

module.exports = { launch };
