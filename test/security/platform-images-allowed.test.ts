/**
 * The platform never blocks itself: every image it runs on a cluster — in
 * rendered objects and through add-on Helm values, as listed in
 * dist/images.txt — comes from a registry that cluster's admission policy
 * allows (the mirror, on an air-gapped cluster).
 */
import { allowedRegistries, fromRegistry } from '../../src/security/admission/registries';
import { fixtureFiles, fixturePlatform } from '../support/platform';

const lines = fixtureFiles().get('images.txt')!.split('\n').filter((l) => l && !l.startsWith('#'));

describe('images the platform runs', () => {
  test.each(fixturePlatform().clusters.map((c) => [c.name, c] as const))('are allowed on %s', (_name, cluster) => {
    const allowed = allowedRegistries(cluster);
    const pulled = lines
      .map((l) => l.split(' '))
      .filter(([, , clusters]) => clusters.split(',').includes(cluster.name))
      .map(([upstream, mirror]) => (cluster.mirrors ? mirror : upstream));
    expect(pulled.length).toBeGreaterThan(10);
    const blocked = pulled.filter((image) => !fromRegistry(image, allowed));
    expect(blocked).toEqual([]);
  });
});
