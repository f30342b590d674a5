/**
 * `cdk8s-platform synth` end to end on the fixture organisation (its
 * main.ts, loaded by the command as an organisation's is): exit code,
 * messages, and what happens to dist/; and `npm run synth` of this
 * repository on the default platform.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { snapshotDir, tempDistWith } from '../support/definitions';
import { FIXTURE_ROOT } from '../fixtures/example-org';
import { defaultPlatformFiles, ROOT } from '../support/platform';
import { scratchDir } from '../support/scratch-dir';

/** `cdk8s-platform synth` on the fixture organisation. */
function synth(env: Record<string, string>, args: string[] = []) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'synth', '--app', path.join(FIXTURE_ROOT, 'main.ts'), ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8',
  });
}

function tenantsCopy(extra: Record<string, string> = {}): string {
  const dir = scratchDir('platform-tenants-');
  const tenants = path.join(FIXTURE_ROOT, 'tenants');
  for (const f of fs.readdirSync(tenants)) fs.copyFileSync(path.join(tenants, f), path.join(dir, f));
  for (const [f, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

describe('synth entry point', () => {
  test('an invalid definition exits non-zero, lists every problem and leaves dist/ as it was', () => {
    const bad = fs.readFileSync(path.join(FIXTURE_ROOT, 'tenants/checkout.yaml'), 'utf8')
      .replace('costCenter: cc-2050', 'costCentre: cc-2050')
      .replace('cpu: { requests: "24", limits: "48" }', 'cpu: { requests: "24", limits: "2" }');
    const tenants = tenantsCopy({ 'checkout.yaml': bad });
    const dist = tempDistWith({ 'clusters/x/tenants/old/namespace-old.yaml': 'kind: Namespace\n' });
    const before = snapshotDir(dist);

    const run = synth({ PLATFORM_TENANTS: tenants, PLATFORM_DIST: dist });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid platform definition (3 problems)');
    expect(run.stderr).toMatch(/checkout.yaml:\d+: spec.costCentre: unknown field \(did you mean "costCenter"\?\)/);
    expect(run.stderr).toMatch(/checkout.yaml:\d+: spec.costCenter: is required/);
    expect(run.stderr).toMatch(/checkout.yaml:\d+: spec.environments.prod.quota.cpu.limits: is lower than requests \(24\)/);
    expect(run.stderr).toContain('Nothing was written');
    // The problems and nothing else: no stack trace, nothing on stdout.
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe('');
    expect(snapshotDir(dist)).toEqual(before);
  });

  test('a valid definition replaces dist/ completely: stale files of removed tenants disappear', () => {
    const tenants = tenantsCopy();
    fs.rmSync(path.join(tenants, 'data-analytics.yaml'));
    const dist = tempDistWith({ 'clusters/dev-eu1/tenants/old-team/namespace-old-team-dev.yaml': 'kind: Namespace\n' });

    const run = synth({ PLATFORM_TENANTS: tenants, PLATFORM_DIST: dist });

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Rendered \d+ objects \(\d+ files, 4 clusters: dev-eu1, staging-eu1, prod-eu1, prod-onprem1\) into .+\/ in [\d.]+ m?s\n$/);
    const files = Object.keys(snapshotDir(dist));
    expect(files).not.toContain(path.join('clusters/dev-eu1/tenants/old-team/namespace-old-team-dev.yaml'));
    expect(files.some((f) => f.includes('data-analytics'))).toBe(false);
    expect(files.some((f) => f.includes(path.join('tenants', 'payments')))).toBe(true);
    // Nothing is left beside the output folder either.
    expect(fs.readdirSync(path.dirname(dist)).filter((f) => f.startsWith(`.${path.basename(dist)}-`))).toEqual([]);
  });

  test('`npm run synth` renders the default platform exactly as the committed dist/', () => {
    const dist = tempDistWith({});
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/cdk8s-platform.js'), 'synth'], {
      cwd: ROOT, env: { ...process.env, PLATFORM_DIST: dist }, encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const rendered = snapshotDir(dist);
    const expected = Object.fromEntries([...defaultPlatformFiles()].map(([p, c]) => [p.split('/').join(path.sep), c]));
    expect(rendered).toEqual(expected);
  });

  test('`cdk8s synth` (cdk8s-cli): a definition problem prints the problems and cdk8s-cli\'s one-line failure, no stack trace; success prints the summary', () => {
    const tenants = tenantsCopy({ 'checkout.yaml': 'apiVersion: platform.cdk8s.io/v1alpha1\nkind: Tenant\nmetadata: { name: checkout }\nspec: {}\n' });
    const dist = tempDistWith({ 'keep.txt': 'previous\n' });
    const app = `${process.execPath} --import tsx ${path.join(ROOT, 'src/cli/main.ts')} synth --app ${path.join(FIXTURE_ROOT, 'main.ts')}`;
    const cli = (env: Record<string, string>) => spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade', '--app', app], {
      cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8',
    });
    const failed = cli({ PLATFORM_TENANTS: tenants, PLATFORM_DIST: dist });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/checkout.yaml:\d+: spec.costCenter: is required/);
    expect(failed.stderr).not.toMatch(/^\s+at /m);
    expect(snapshotDir(dist)).toEqual({ 'keep.txt': 'previous\n' });

    const ok = cli({ PLATFORM_DIST: dist });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/Rendered \d+ objects \(\d+ files, 4 clusters: .*\) into .+\/ in [\d.]+ m?s/);
  });
});
