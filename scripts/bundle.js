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
 *
 * `__dirname` in the project's own files keeps its meaning — the folder of
 * the source file, e.g. `root: __dirname` in main.ts — rather than becoming
 * the cache folder; `__filename` is the bundle's (render threads load it).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

/**
 * @param {object} options
 * @param {string} options.root project root
 * @param {string} options.entry entry file, relative to `root` (e.g. `bench/run-config.ts`);
 *   with `contents`, the name the entry is given in messages
 * @param {string} [options.contents] the entry's TypeScript source, when it is not a file
 * @param {string} options.name bundle name (file `<name>.js` in the cache)
 * @returns {Promise<string>} absolute path of an up-to-date bundle
 * @throws Error with esbuild's messages when the sources do not compile
 */
async function bundle({ root, entry, contents, name }) {
  const esbuild = require('esbuild');
  const cacheDir = process.env.CDK8S_PLATFORM_CACHE || path.join(root, 'node_modules', '.cache', 'cdk8s-platform');
  const outfile = path.join(cacheDir, `${name}.js`);
  const metaFile = path.join(cacheDir, `${name}.inputs.json`);
  const salt = `format 2 ${esbuild.version} node${process.versions.node.split('.')[0]} ${entry} ${contents ?? ''}`;

  const previous = readJson(metaFile);
  if (previous?.fingerprint && fs.existsSync(outfile) && previous.fingerprint === fingerprint(root, salt, previous.inputs)) {
    return outfile;
  }

  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${outfile}.${process.pid}.tmp`;
  const result = await esbuild.build({
    absWorkingDir: root,
    ...(contents === undefined
      ? { entryPoints: [entry] }
      : { stdin: { contents, resolveDir: root, sourcefile: entry, loader: 'ts' } }),
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    outfile: tmp,
    metafile: true,
    logLevel: 'silent',
    // Optional dependencies of libraries that are never loaded at run time.
    external: ['tsx', 'tsx/*', 'esbuild'],
    plugins: [sourceDirname(root)],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('node_modules/') && !f.includes('/node_modules/') && f !== '<stdin>' && !(contents !== undefined && f === entry))
    .sort();
  fs.renameSync(tmp, outfile);
  fs.writeFileSync(metaFile, JSON.stringify({ fingerprint: fingerprint(root, salt, inputs), inputs }, null, 1));
  return outfile;
}

/**
 * An esbuild plugin replacing `__dirname` in the project's TypeScript files
 * (not in node_modules) with the file's own folder.
 * @param {string} root
 * @returns {import('esbuild').Plugin}
 */
function sourceDirname(root) {
  return {
    name: 'source-dirname',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`) || !args.path.startsWith(root)) return undefined;
        const source = fs.readFileSync(args.path, 'utf8');
        if (!source.includes('__dirname')) return { contents: source, loader: 'ts' };
        return { contents: source.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))), loader: 'ts' };
      });
    },
  };
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
