/**
 * Snapshots of the rendered output: one tenant's objects, and the whole fixture
 * organisation (as a listing of files with their content).
 */
import { fixtureFiles, fixtureObjects } from '../support/platform';

describe('snapshots', () => {
  test('one tenant on one cluster: payments on prod-eu1', () => {
    const objects = fixtureObjects('clusters/prod-eu1/tenants/payments/');
    expect(objects.map((o) => o.path)).toMatchSnapshot('files');
    expect(Object.fromEntries(objects.map((o) => [o.path, o.object]))).toMatchSnapshot('objects');
  });

  test('the whole fixture organisation', () => {
    const files = fixtureFiles();
    expect([...files.keys()].sort()).toMatchSnapshot('files');
    expect(Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)))).toMatchSnapshot('contents');
  });
});
