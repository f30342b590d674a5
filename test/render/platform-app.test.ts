/**
 * `buildPlatformApp` refuses a composition it cannot render before building
 * any cluster: two components of one name, a component wave at or after the
 * tenants', an external part writing into a folder the render writes itself
 * or into another part's.
 */
import { standardRenderOptions } from '../../src/app/standard';
import { buildPlatformApp } from '../../src/assembly/platform-app';
import { ExternalPart, WAVES } from '../../src/contracts/component';
import { collectManifests } from '../../src/render/manifests';
import { RENDERED_CLUSTER_FOLDERS } from '../../src/render/layout';
import { fixturePlatform } from '../support/platform';

const platform = fixturePlatform();
const options = standardRenderOptions(platform);
const built: string[] = [];
const part = (folder: string): ExternalPart => ({ folder, build: () => { built.push(folder); } });

describe('buildPlatformApp refuses a composition it cannot render', () => {
  test('two components of one name', () => {
    expect(() => buildPlatformApp(platform, { ...options, components: [options.components[0], options.components[0]] }))
      .toThrow(`two platform components are named "${options.components[0].name}"`);
  });

  test('a component wave at or after the tenants\'', () => {
    const late = { ...options.components[0], wave: WAVES.tenants };
    expect(() => buildPlatformApp(platform, { ...options, components: [late] })).toThrow(/component waves must be below/);
  });

  test.each(['bootstrap', 'platform', 'tenants', 'control-plane', 'gitops-engine', 'Upper', 'a/b', ''])('an external part in folder "%s", before any cluster is built', (folder) => {
    built.length = 0;
    expect(() => buildPlatformApp(platform, { ...options, external: [part('secret-notes'), part(folder)] }))
      .toThrow(`external part folder "${folder}" must be a lower-case folder name (a-z, 0-9, -) other than bootstrap, control-plane, gitops-engine, platform, tenants`);
    expect(built).toEqual([]);
  });

  test('the folders the render writes itself are every top-level folder of a cluster rendered without external parts', () => {
    const app = buildPlatformApp(platform, { ...options, external: [], fleet: false });
    const tops = new Set(collectManifests(app).map((m) => m.outputDir.split('/')[2]));
    expect([...tops].sort()).toEqual([...RENDERED_CLUSTER_FOLDERS].sort());
  });

  test('two external parts in one folder, before any cluster is built', () => {
    built.length = 0;
    expect(() => buildPlatformApp(platform, { ...options, external: [part('secret-notes'), part('secret-notes')] }))
      .toThrow('two external parts write folder "secret-notes"; each needs a folder of its own');
    expect(built).toEqual([]);
  });

  test('an external part in its own folder is built once per cluster', () => {
    built.length = 0;
    buildPlatformApp(platform, { ...options, external: [part('secret-notes')], fleet: false });
    expect(built).toEqual(platform.clusters.map(() => 'secret-notes'));
  });
});
