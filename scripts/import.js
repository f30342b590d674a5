#!/usr/bin/env node
// @ts-check
/**
 * `npm run import`: regenerates `imports/` from the `imports` of cdk8s.yaml
 * (pinned upstream release URLs of each CRD), without rewriting cdk8s.yaml.
 *
 * CRDs vendored in `../shared/crds/` (each document there carries a
 * `# Source: https://github.com/<owner>/<repo>/blob/<tag>/<path>` line) are
 * read from there, offline, grouped as they are vendored (one generated
 * file per API group); any other URL is passed to `cdk8s import` as it is
 * (which downloads it). Every import runs `cdk8s import --no-save`, so
 * cdk8s.yaml keeps exactly what it says.
 *
 * Usage: node scripts/import.js [--output <dir>] [--vendored-only]
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parse } = require('yaml');

const root = path.resolve(__dirname, '..');
const VENDORED = path.resolve(root, '../shared/crds');

/**
 * `https://raw.githubusercontent.com/<owner>/<repo>/<tag>/<path>` as the
 * vendored files name it: `https://github.com/<owner>/<repo>/blob/<tag>/<path>`.
 * @param {string} url
 */
function sourceOf(url) {
  const m = /^https:\/\/raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/([^/]+)\/(.+)$/.exec(url);
  return m ? `https://github.com/${m[1]}/${m[2]}/blob/${m[3]}/${m[4]}` : undefined;
}

/**
 * The vendored documents: source URL → { file, index, text }.
 * @returns {Map<string, { file: string; index: number; text: string }>}
 */
function vendoredDocuments() {
  const out = new Map();
  if (!fs.existsSync(VENDORED)) return out;
  for (const file of fs.readdirSync(VENDORED).filter((f) => f.endsWith('.yaml')).sort()) {
    const docs = fs.readFileSync(path.join(VENDORED, file), 'utf8').split(/^---$/m);
    docs.forEach((text, index) => {
      const source = /^# Source: (\S+)/m.exec(text)?.[1];
      if (source) out.set(source, { file, index, text });
    });
  }
  return out;
}

/**
 * @param {string} spec file or URL
 * @param {string} output
 */
function cdk8sImport(spec, output) {
  const bin = path.join(root, 'node_modules', '.bin', 'cdk8s');
  const run = spawnSync(bin, ['import', spec, '--output', output, '--no-save', '--no-check-upgrade'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(`cdk8s import ${spec} failed (exit ${run.status}):\n${run.stderr || run.stdout}`);
    process.exit(1);
  }
}

function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--output');
  const output = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(root, 'imports');
  const vendoredOnly = args.includes('--vendored-only');
  const config = parse(fs.readFileSync(path.join(root, 'cdk8s.yaml'), 'utf8'));
  /** @type {string[]} */
  const imports = config.imports ?? [];
  const local = imports.filter((i) => !/^[a-z]+:\/\//.test(i) && !i.startsWith('k8s'));
  if (local.length > 0) {
    process.stderr.write(`cdk8s.yaml imports local files (${local.join(', ')}): name the pinned upstream URL instead, so the import works on every machine.\n`);
    process.exit(1);
  }
  const vendored = vendoredDocuments();
  /** @type {Map<string, { index: number; text: string }[]>} */
  const groups = new Map();
  /** @type {string[]} */
  const remote = [];
  for (const url of imports) {
    const source = sourceOf(url);
    const doc = source ? vendored.get(source) : undefined;
    if (doc) groups.set(doc.file, [...(groups.get(doc.file) ?? []), doc]);
    else remote.push(url);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-platform-import-'));
  try {
    for (const [file, docs] of groups) {
      const combined = path.join(tmp, file);
      fs.writeFileSync(combined, docs.sort((a, b) => a.index - b.index).map((d) => d.text).join('---'));
      process.stdout.write(`import ${file} (${docs.length} CRD${docs.length === 1 ? '' : 's'}, vendored in ../shared/crds)\n`);
      cdk8sImport(combined, output);
    }
    for (const url of vendoredOnly ? [] : remote) {
      process.stdout.write(`import ${url}\n`);
      cdk8sImport(url, output);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
