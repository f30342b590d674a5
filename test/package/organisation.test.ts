/**
 * The library as organisations use it, offline: `npm pack` the library;
 * `cdk8s-platform init` an organisation's repository from the tarball in a
 * temporary folder; install it (`npm ci --offline`, from the npm cache the
 * repository's own `npm ci` filled); add the README's example tenant;
 * `npm run synth` and `npm test` pass there. Then upgrade: a second
 * tarball with a library change, installed with `npm install --offline`,
 * re-rendered — the organisation's own files are untouched and the review
 * diff shows only what the library change renders. Also: the packed API
 * surface is the committed API report (api/*.api.md).
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ROOT } from '../support/platform';
import { scratchDir } from '../support/scratch-dir';

jest.setTimeout(15 * 60_000);

const work = scratchDir('platform-package-');
const org = path.join(work, 'acme-platform');

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const result = spawnSync(cmd, args, {
    cwd, encoding: 'utf8', maxBuffer: 1 << 28,
    // No registry: everything comes from the tarballs and the npm cache.
    env: { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env },
  });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

const git = (...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], org).stdout;

/** The first YAML example of a Tenant in the README. */
function readmeTenant(readme: string): { name: string; text: string } {
  for (const m of readme.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const doc = parse(m[1]) as { kind?: string; metadata?: { name?: string } } | null;
    if (doc?.kind === 'Tenant' && doc.metadata?.name) return { name: doc.metadata.name, text: m[1] };
  }
  throw new Error('the README has no Tenant example');
}

let tarball: string;

describe('the packed library', () => {
  test('npm pack builds the compiled entry points, and their API surface is the committed report', () => {
    const packed = run('npm', ['pack', '--pack-destination', work, '--json'], ROOT).stdout;
    const [info] = JSON.parse(packed.slice(packed.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, info.filename);
    const files = info.files.map((f) => f.path);
    for (const f of ['lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/testing/index.js', 'lib/src/testing/index.d.ts',
      'bin/cdk8s-platform.js', 'lib/organisation-lock.json', 'template/cdk8s.yaml', 'main.ts', 'test/platform.test.ts']) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/support'))).toBe(false);
    // api-extractor without --local fails when the surface differs from api/*.api.md.
    for (const config of ['api-extractor.json', 'api-extractor.testing.json']) {
      const check = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@microsoft/api-extractor/bin/api-extractor'), 'run', '-c', config], { cwd: ROOT, encoding: 'utf8' });
      if (check.status !== 0) {
        const name = config === 'api-extractor.json' ? 'cdk8s-platform.api.md' : 'cdk8s-platform-testing.api.md';
        const diff = spawnSync('git', ['diff', '--no-index', '--', path.join('api', name), path.join('lib/api', name)], { cwd: ROOT, encoding: 'utf8' }).stdout;
        throw new Error(`the public API changed: run \`npm run api\`, review and commit api/*.api.md (and note it in CHANGELOG.md)\n${diff || check.stdout}`);
      }
    }
    // Every type the main entry's API refers to is exported by it, so an organisation can name it.
    const forgotten = fs.readFileSync(path.join(ROOT, 'api', 'cdk8s-platform.api.md'), 'utf8').match(/The symbol "[^"]+"/g) ?? [];
    expect(forgotten).toEqual([]);
  });

  test('init creates an organisation that installs offline, renders and passes its tests with the README\'s example tenant', () => {
    const unpacked = path.join(work, 'unpacked');
    fs.mkdirSync(unpacked);
    run('tar', ['xzf', tarball, '-C', unpacked], work);
    // `npx cdk8s-platform init`, with the library's dependencies from this checkout (nothing is fetched).
    run(process.execPath, [path.join(unpacked, 'package/bin/cdk8s-platform.js'), 'init', org, '--library', `file:${tarball}`], work,
      { NODE_PATH: path.join(ROOT, 'node_modules') });
    for (const f of ['package.json', 'package-lock.json', 'cdk8s.yaml', 'main.ts', 'platform/settings.ts', 'platform/clusters.ts',
      'test/platform.test.ts', '.github/workflows/platform.yml', 'README.md', '.gitignore']) {
      expect(fs.existsSync(path.join(org, f))).toBe(true);
    }
    expect(fs.readFileSync(path.join(org, 'cdk8s.yaml'), 'utf8')).not.toMatch(/\/tmp\//);

    run('npm', ['ci'], org);
    const tenant = readmeTenant(fs.readFileSync(path.join(org, 'node_modules/cdk8s-platform/README.md'), 'utf8'));
    fs.writeFileSync(path.join(org, 'tenants', `${tenant.name}.yaml`), tenant.text);

    const synth = run('npm', ['run', '--silent', 'synth'], org);
    expect(synth.stdout).toMatch(/^Rendered \d+ objects .* into dist\/ in /);
    expect(fs.readdirSync(path.join(org, 'dist/clusters/prod-eu1/tenants'))).toContain(tenant.name);
    const test = run('npm', ['test'], org);
    expect(test.stderr).toMatch(/Tests: +\d+ passed, \d+ total/);
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'Our platform');
  });

  test('an upgrade changes only what the library renders: the organisation\'s files stay as they were', () => {
    // A second release whose change renders differently: the PriorityClass description.
    const next = path.join(work, 'next');
    fs.mkdirSync(next);
    run('tar', ['xzf', tarball, '-C', next], work);
    const pkgFile = path.join(next, 'package/package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    pkg.version = `${pkg.version}-next.1`;
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
    const changed = path.join(next, 'package/lib/src/addons/platform-priority-class.js');
    const before = fs.readFileSync(changed, 'utf8');
    const after = before.replace('scheduled before tenant workloads.', 'scheduled before, and preempting, tenant workloads.');
    expect(after).not.toBe(before);
    fs.writeFileSync(changed, after);
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--json'], path.join(next, 'package')).stdout;
    const tarball2 = path.join(work, (JSON.parse(packed.slice(packed.indexOf('['))) as { filename: string }[])[0].filename);

    run('npm', ['install', `file:${tarball2}`], org);
    run('npm', ['run', '--silent', 'synth'], org);

    const status = git('status', '--porcelain').split('\n').filter(Boolean).map((l) => l.slice(3));
    expect(status.filter((f) => !f.startsWith('dist/'))).toEqual(['package-lock.json', 'package.json']);
    expect(status.filter((f) => f.startsWith('dist/')).every((f) => /\/platform\/foundation\/priorityclass-platform-critical\.yaml$/.test(f))).toBe(true);

    const diff = run('npm', ['run', '--silent', 'diff', '--', '--base', 'HEAD', '--base-dist'], org).stdout;
    const changedObjects = diff.split('\n').filter((l) => /^ *[~+-] [A-Z]\w+ /.test(l));
    expect(changedObjects.length).toBeGreaterThan(0);
    expect(changedObjects.every((l) => /^ *~ PriorityClass platform-critical /.test(l))).toBe(true);
    expect(diff).toMatch(/description: .*scheduled before tenant workloads\..* → .*preempting/);
  });
});
