/**
 * `buildPlatformApp` refuses a composition it cannot render before building
 * any cluster: two components of one name, a component wave at or after the
 * tenants', an external part writing into one of the cluster's own folders.
 */
import { standardRenderOptions } from '../../src/app/standard';
import { buildPlatformApp } from '../../src/assembly/platform-app';
import { ExternalPart, WAVES } from '../../src/contracts/component';
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

  test.each(['bootstrap', 'platform', 'tenants', 'control-plane', 'Upper', 'a/b', ''])('an external part in folder "%s", before any cluster is built', (folder) => {
    built.length = 0;
    expect(() => buildPlatformApp(platform, { ...options, external: [part('secret-notes'), part(folder)] }))
      .toThrow(`external part folder "${folder}" must be a lower-case folder name other than bootstrap, platform, tenants and control-plane`);
    expect(built).toEqual([]);
  });

  test('an external part in its own folder is built once per cluster', () => {
    built.length = 0;
    buildPlatformApp(platform, { ...options, external: [part('secret-notes')], fleet: false });
    expect(built).toEqual(platform.clusters.map(() => 'secret-notes'));
  });
});
