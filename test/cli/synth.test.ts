/**
 * The synth entry point end to end, as `npm run synth` runs it: exit code,
 * messages, and what happens to dist/.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { snapshotDir, tempDistWith } from '../support/definitions';
import { defaultPlatformFiles, ROOT } from '../support/platform';

function synth(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8',
  });
}

function tenantsCopy(extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-tenants-'));
  for (const f of fs.readdirSync(path.join(ROOT, 'tenants'))) fs.copyFileSync(path.join(ROOT, 'tenants', f), path.join(dir, f));
  for (const [f, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

describe('synth entry point', () => {
  test('an invalid definition exits non-zero, lists every problem and leaves dist/ as it was', () => {
    const bad = fs.readFileSync(path.join(ROOT, 'tenants/checkout.yaml'), 'utf8')
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
    expect(snapshotDir(dist)).toEqual(before);
  });

  test('a valid definition replaces dist/ completely: stale files of removed tenants disappear', () => {
    const tenants = tenantsCopy();
    fs.rmSync(path.join(tenants, 'data-analytics.yaml'));
    const dist = tempDistWith({ 'clusters/dev-eu1/tenants/old-team/namespace-old-team-dev.yaml': 'kind: Namespace\n' });

    const run = synth({ PLATFORM_TENANTS: tenants, PLATFORM_DIST: dist });

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Rendered \d+ objects \(\d+ files, \d+ clusters\) into /);
    const files = Object.keys(snapshotDir(dist));
    expect(files).not.toContain(path.join('clusters/dev-eu1/tenants/old-team/namespace-old-team-dev.yaml'));
    expect(files.some((f) => f.includes('data-analytics'))).toBe(false);
    expect(files.some((f) => f.includes(path.join('tenants', 'payments')))).toBe(true);
    // Nothing is left beside the output folder either.
    expect(fs.readdirSync(path.dirname(dist)).filter((f) => f.startsWith(`.${path.basename(dist)}-`))).toEqual([]);
  });

  test('the default definition renders exactly the committed dist/', () => {
    const dist = tempDistWith({});
    const run = synth({ PLATFORM_DIST: dist });
    expect(run.status).toBe(0);
    const rendered = snapshotDir(dist);
    const expected = Object.fromEntries([...defaultPlatformFiles()].map(([p, c]) => [p.split('/').join(path.sep), c]));
    expect(rendered).toEqual(expected);
  });
});
