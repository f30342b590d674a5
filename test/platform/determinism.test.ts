/**
 * The same definition renders a byte-identical dist/, whatever the order the
 * tenant files are read in, and independent of earlier renders in the process.
 */
import { renderDist } from '../../src/app/synth';
import { loadPlatform } from '../../src/definition/load';
import { fixtureFiles, fixtureSources } from '../support/platform';

describe('determinism', () => {
  test('rendering twice gives identical files', () => {
    const once = renderDist(loadPlatform(fixtureSources())).files;
    const twice = renderDist(loadPlatform(fixtureSources())).files;
    expect([...twice]).toEqual([...once]);
    expect(new Map(once)).toEqual(fixtureFiles());
  });

  test('the order of tenant files does not matter', () => {
    const sources = fixtureSources();
    const reversed = { ...sources, tenantFiles: [...sources.tenantFiles].reverse() };
    expect(renderDist(loadPlatform(reversed)).files).toEqual(renderDist(loadPlatform(sources)).files);
  });

  test('no timestamps, generated hashes or random values in the output', () => {
    for (const [path, content] of fixtureFiles()) {
      expect([path, /\b20\d\d-\d\d-\d\dT\d\d:\d\d/.test(content)]).toEqual([path, false]);
      expect([path, /creationTimestamp/.test(content)]).toEqual([path, false]);
      expect([path, /-[0-9a-f]{8}\.yaml$/.test(path)]).toEqual([path, false]);
    }
  });
});
