/**
 * The benchmark's synthetic fleets are valid definitions of the stated size.
 */
import { clusterCount, PLACEMENTS_PER_CLUSTER, syntheticFleet } from '../../bench/fleet';
import { placementsOn } from '../../src/spec/model';
import { renderDist } from '../../src/app/synth';
import { loadPlatform } from '../../src/definition/load';

describe('synthetic fleets', () => {
  test('validate, place one environment per tenant, and spread over clusters', () => {
    const platform = loadPlatform(syntheticFleet(60));
    expect(platform.tenants).toHaveLength(60);
    expect(platform.clusters).toHaveLength(clusterCount(60));
    expect(platform.clusters.reduce((n, c) => n + placementsOn(platform, c).length, 0)).toBe(60);
    expect(clusterCount(10 * PLACEMENTS_PER_CLUSTER)).toBe(10);
  });

  test('render about 15 or more objects per placement', () => {
    const { objectCount } = renderDist(loadPlatform(syntheticFleet(60)));
    expect(objectCount / 60).toBeGreaterThanOrEqual(15);
  });
});
