// @ts-check
/**
 * Compiles a TypeScript entry of this project into one cached JavaScript
 * bundle with esbuild (no type-check: that is `npm run build` / `npm test`),
 * so `npm run synth` and the benchmark start in a fraction of the time tsx
 * needs to load the sources (most of it is parsing the large `imports/*.ts`,
 * which the bundle tree-shakes).
 *
 * The bundle is rebuilt when any project file it was built from changes
 * (content hash), when `package-lock.json` changes, or when esbuild or the
 * Node.js major version changes. Cache: `node_modules/.cache/cdk8s-platform/`,
 * or the folder named by `CDK8S_PLATFORM_CACHE`.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

/**
 * @param {object} options
 * @param {string} options.root project root
 * @param {string} options.entry entry file, relative to `root` (e.g. `src/main.ts`)
 * @param {string} options.name bundle name (file `<name>.js` in the cache)
 * @returns {string} absolute path of an up-to-date bundle
 * @throws Error with esbuild's messages when the sources do not compile
 */
function bundle({ root, entry, name }) {
  const esbuild = require('esbuild');
  const cacheDir = process.env.CDK8S_PLATFORM_CACHE || path.join(root, 'node_modules', '.cache', 'cdk8s-platform');
  const outfile = path.join(cacheDir, `${name}.js`);
  const metaFile = path.join(cacheDir, `${name}.inputs.json`);
  const salt = `${esbuild.version} node${process.versions.node.split('.')[0]} ${entry}`;

  const previous = readJson(metaFile);
  if (previous && fs.existsSync(outfile) && previous.fingerprint === fingerprint(root, salt, previous.inputs)) {
    return outfile;
  }

  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${outfile}.${process.pid}.tmp`;
  const result = esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    outfile: tmp,
    metafile: true,
    logLevel: 'silent',
    // Optional dependencies of libraries that are never loaded at run time.
    external: ['tsx', 'tsx/*', 'esbuild'],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('node_modules/') && !f.includes('/node_modules/'))
    .sort();
  fs.renameSync(tmp, outfile);
  fs.writeFileSync(metaFile, JSON.stringify({ fingerprint: fingerprint(root, salt, inputs), inputs }, null, 1));
  return outfile;
}

/**
 * @param {string} root
 * @param {string} salt
 * @param {string[]} inputs
 * @returns {string | undefined} undefined when an input no longer exists
 */
function fingerprint(root, salt, inputs) {
  const hash = crypto.createHash('sha256').update(salt);
  for (const f of [...inputs, 'package-lock.json']) {
    let content;
    try {
      content = fs.readFileSync(path.join(root, f));
    } catch {
      return undefined;
    }
    hash.update(`\0${f}\0`).update(content);
  }
  return hash.digest('hex');
}

/** @param {string} file */
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

module.exports = { bundle };
