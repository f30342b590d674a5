/**
 * The benchmark's configurations run as `npm run bench` runs them: bundled by
 * esbuild (scripts/bundle.js) and started as their own process, on a few
 * placements. Only that they run and measure — the figures are the
 * benchmark's, never a test's.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tenantsOnOneCluster } from '../../bench/fleet';
import { scratchDir } from '../support/scratch-dir';

const ROOT = path.join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle') as { bundle(o: { root: string; entry: string; name: string }): Promise<string> };

describe('benchmark configurations', () => {
  let work: string;
  let entry: string;
  beforeAll(async () => {
    work = scratchDir('bench-configs-');
    process.env.CDK8S_PLATFORM_CACHE = path.join(work, 'cache');
    entry = await bundle({ root: ROOT, entry: 'bench/run-config.ts', name: 'bench' });
  }, 120_000);
  afterAll(() => {
    delete process.env.CDK8S_PLATFORM_CACHE;
  });

  function runConfig(...args: string[]): Record<string, any> {
    const r = spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8' });
    expect([args.join(' '), r.status, r.stderr.slice(0, 2000)]).toEqual([args.join(' '), 0, '']);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  }

  test('prepare, floor and platform render a small fleet and measure it', () => {
    const dir = path.join(work, 'fleet');
    fs.mkdirSync(dir);
    expect(runConfig('prepare', '4', dir).objects).toBeGreaterThan(100);
    const floor = runConfig('floor', '4', dir);
    const platform = runConfig('platform', '4', dir, '1');
    expect(platform.objects).toBe(floor.objects);
    expect(platform.largest.bytes).toBeGreaterThan(0);
    expect(platform.fluentdConfigBytes).toBeGreaterThan(0);
  }, 180_000);

  test('one-cluster renders every tenant, with its dev and prod environments, on one dev and one prod cluster, and measures the written files', () => {
    const dir = path.join(work, 'one');
    fs.mkdirSync(dir);
    const r = runConfig('one-cluster', '3', dir, '1');
    expect(r.config).toBe('one-cluster');
    expect(r.objects).toBeGreaterThan(100);
    const out = path.join(dir, 'one-cluster');
    const tenants = tenantsOnOneCluster(3).tenantFiles.map((f) => path.basename(f.file, '.yaml'));
    expect(fs.readdirSync(path.join(out, 'clusters')).sort()).toEqual(['dev-one', 'prod-one']);
    for (const cluster of ['dev-one', 'prod-one']) {
      expect(fs.readdirSync(path.join(out, 'clusters', cluster, 'tenants')).sort()).toEqual(tenants);
      // Each tenant's alert routing is rendered in its namespace, so its size at N tenants is measured.
      for (const t of tenants) expect(fs.readdirSync(path.join(out, 'clusters', cluster, 'tenants', t)).filter((f) => f.startsWith('alertmanagerconfig-'))).not.toEqual([]);
    }
    // The figures are of the written files: the largest object is the largest file, the largest of its kind.
    expect(fs.statSync(path.join(out, r.largest.path)).size).toBe(r.largest.bytes);
    expect(r.largestByKind[path.basename(r.largest.path).split('-')[0]]).toEqual(r.largest);
    expect(r.fluentdConfigBytes).toBeGreaterThan(0);
  }, 180_000);
});
