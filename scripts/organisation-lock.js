#!/usr/bin/env node
// @ts-check
/**
 * Writes lib/organisation-lock.json (packed with the library): the entries
 * of this repository's package-lock.json that an organisation's repository
 * created by `cdk8s-platform init` installs — the library's dependencies
 * and the organisation's dev dependencies (TypeScript, Jest, ts-jest and
 * their types), with every package they need as Node.js resolves it in
 * that tree. `init` adds the library's own entry and writes the result as
 * the organisation's package-lock.json, so `npm ci` installs exactly the
 * toolchain the library was tested with (offline too, from the npm cache).
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
/** Dev dependencies of an organisation's repository, as `init` writes them (run after `tsc -p tsconfig.build.json`). */
const { ORGANISATION_DEV_DEPENDENCIES } = require(path.join(root, 'lib', 'src', 'cli', 'init.js'));

/**
 * @typedef {{ version?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>;
 *   peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }>;
 *   dev?: boolean; devOptional?: boolean; optional?: boolean; peer?: boolean; link?: boolean; [k: string]: unknown }} Entry
 */

/**
 * The lock key a package named `name` resolves to from the package at `from`
 * (a lock key, `''` for the root), walking up the node_modules folders.
 * @param {Record<string, Entry>} packages
 * @param {string} from
 * @param {string} name
 * @returns {string | undefined}
 */
function resolve(packages, from, name) {
  let dir = from;
  for (;;) {
    const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[key]) return key;
    if (!dir) return undefined;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

/**
 * @param {Record<string, Entry>} packages
 * @param {string[]} roots names resolved from the root
 * @returns {Set<string>} lock keys
 */
function closure(packages, roots) {
  const seen = new Set();
  /** @type {[string, string][]} */
  const todo = roots.map((n) => ['', n]);
  while (todo.length > 0) {
    const [from, name] = /** @type {[string, string]} */ (todo.pop());
    const key = resolve(packages, from, name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const e = packages[key];
    const optionalPeers = Object.entries(e.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n);
    for (const dep of [...Object.keys(e.dependencies ?? {}), ...Object.keys(e.optionalDependencies ?? {}),
      ...Object.keys(e.peerDependencies ?? {}).filter((n) => !optionalPeers.includes(n))]) {
      todo.push([key, dep]);
    }
  }
  return seen;
}

function main() {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  /** @type {Record<string, Entry>} */
  const packages = lock.packages;
  const prod = closure(packages, Object.keys(pkg.dependencies ?? {}));
  const all = closure(packages, [...Object.keys(pkg.dependencies ?? {}), ...ORGANISATION_DEV_DEPENDENCIES]);
  /** @type {Record<string, Entry>} */
  const out = {};
  for (const key of [...all].sort()) {
    const { dev, devOptional, peer, ...entry } = packages[key];
    out[key] = prod.has(key) ? entry : { ...entry, dev: true };
  }
  fs.mkdirSync(path.join(root, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(root, 'lib', 'organisation-lock.json'), `${JSON.stringify({ packages: out }, null, 1)}\n`);
  process.stdout.write(`lib/organisation-lock.json: ${Object.keys(out).length} packages (${prod.size} for the library)\n`);
}

main();
