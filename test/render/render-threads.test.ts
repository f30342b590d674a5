/**
 * Rendering on several threads gives byte-identical output to one thread;
 * problems of every unit are reported; a failing thread leaves dist/ as it was.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { syntheticFleet } from '../../bench/fleet';
import { renderPlatform, renderUnits } from '../../src/assembly/render-platform';
import { autoThreads, PARALLEL_MIN_PLACEMENTS, renderDistInThreads } from '../../src/assembly/render-threads';
import { standardRecipe, standardRenderOptions } from '../../src/app/standard';
import { renderDist, writeDist } from '../../src/app/synth';
import { RenderError } from '../../src/render/render-error';
import { loadPlatform } from '../../src/definition/load';
import { PlatformSpec } from '../../src/spec/model';
import fixtureMain from '../fixtures/example-org/main';
import { FIXTURE_ROOT } from '../fixtures/example-org';
import { fixturePlatform } from '../support/platform';
import { snapshotDir } from '../support/definitions';
import { scratchDir } from '../support/scratch-dir';

const ordered = (files: Map<string, string>) => [...files];

describe('rendering on several threads', () => {
  test('the fixture organisation: the same files, in the same order, byte for byte', async () => {
    const platform = fixturePlatform();
    const one = renderDist(platform);
    const two = await renderDistInThreads(platform, standardRecipe, 2);
    expect(two.objectCount).toBe(one.objectCount);
    expect(ordered(two.files)).toEqual(ordered(one.files));
  });

  test('a synthetic fleet on three threads, written into a staged folder, equals the single-threaded render', async () => {
    const platform = loadPlatform(syntheticFleet(1500));
    expect(platform.clusters.length).toBe(3);
    const dir = path.join(scratchDir('platform-threads-'), 'dist');
    const summary = await writeDist(platform, dir, { threads: 3 });
    const expected = renderDist(platform);
    expect(summary.objectCount).toBe(expected.objectCount);
    expect(snapshotDir(dir)).toEqual(Object.fromEntries([...expected.files].map(([p, c]) => [p.split('/').join(path.sep), c])));
   }, 180_000); // three workers each load the sources through tsx

  test('an organisation\'s Platform renders on threads that load its main.ts: the same files as on one thread', async () => {
    const platform = fixtureMain.locateIn(path.join(FIXTURE_ROOT, 'main.ts'));
    expect(platform.worker).toEqual({ entry: path.join(FIXTURE_ROOT, 'main.ts'), key: `platform:${FIXTURE_ROOT}#0` });
    const dir = path.join(scratchDir('platform-threads-'), 'dist');
    await platform.synth({ outDir: dir, threads: 2 });
    expect(snapshotDir(dir)).toEqual(Object.fromEntries([...platform.render()].map(([p, c]) => [p.split('/').join(path.sep), c])));
  });

  test('a thread that fails stops the render and leaves the output folder as it was', async () => {
    const platform = JSON.parse(JSON.stringify(fixturePlatform())) as PlatformSpec;
    (platform.clusters[1].gitops as { engine: string }).engine = 'none';
    const dir = path.join(scratchDir('platform-threads-'), 'dist');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'previous\n');
    await expect(writeDist(platform, dir, { threads: 2 })).rejects.toThrow(/rendering cluster staging-eu1 failed/);
    expect(snapshotDir(dir)).toEqual({ 'keep.txt': 'previous\n' });
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['dist']);
  });
});

describe('units', () => {
  test('every cluster in declaration order, then the fleet', () => {
    const platform = fixturePlatform();
    expect(renderUnits(platform)).toEqual([...platform.clusters.map((c) => ({ kind: 'cluster', cluster: c.name })), { kind: 'fleet' }]);
    expect(renderUnits(platform, { clusters: ['prod-eu1'], fleet: false })).toEqual([{ kind: 'cluster', cluster: 'prod-eu1' }]);
  });

  test('the problems of every unit are reported together', () => {
    const platform = fixturePlatform();
    const options = { ...standardRenderOptions(platform), passes: [(m: { object?: { kind: string; metadata: { name?: string } }; path: string }) =>
      (m.object?.kind === 'Namespace' && m.object.metadata.name?.startsWith('payments-') ? [`${m.path}: no payments here`] : undefined)] };
    let error: unknown;
    try {
      renderPlatform(platform, options);
    } catch (e) {
      error = e;
    }
    expect(RenderError.isRenderError(error)).toBe(true);
    const clusters = (error as RenderError).problems.map((p) => p.split('/')[1]);
    expect(clusters).toEqual(['dev-eu1', 'staging-eu1', 'prod-eu1', 'prod-onprem1']);
    expect((error as Error).message).toMatch(/^Cannot render \(4 problems\):\n {2}clusters\/dev-eu1\/tenants\/payments\/namespace-payments-dev.yaml: no payments here/);
  });

  test(`threads are used from ${PARALLEL_MIN_PLACEMENTS} placements on two or more clusters`, () => {
    expect(autoThreads(fixturePlatform())).toBe(1);
    const large = loadPlatform(syntheticFleet(PARALLEL_MIN_PLACEMENTS));
    expect(autoThreads(large)).toBe(Math.min(os.availableParallelism(), large.clusters.length));
  });
});
