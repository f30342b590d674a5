/**
 * Snapshots of the rendered output: one tenant's objects, and the whole
 * default platform (as a listing of files with their content).
 */
import { defaultFiles, defaultObjects } from '../support/platform';

describe('snapshots', () => {
  test('one tenant on one cluster: payments on prod-eu1', () => {
    const objects = defaultObjects('clusters/prod-eu1/tenants/payments/');
    expect(objects.map((o) => o.path)).toMatchSnapshot('files');
    expect(Object.fromEntries(objects.map((o) => [o.path, o.object]))).toMatchSnapshot('objects');
  });

  test('the whole default platform', () => {
    const files = defaultFiles();
    expect([...files.keys()].sort()).toMatchSnapshot('files');
    expect(Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)))).toMatchSnapshot('contents');
  });
});
