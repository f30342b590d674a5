/**
 * No tenant can claim a namespace the platform renders into: every platform
 * and add-on namespace is refused by validation (with file, line and the
 * fix), never by the render.
 */
import { addonNamespace } from '../../src/addons/addon-context';
import { CATALOG } from '../../src/addons/catalog';
import { ADDON_NAMES } from '../../src/spec/addon-names';
import { addonNamespaceOf, reservedNamespaces } from '../../src/spec/settings';
import { mutateTenant, problemsOf } from '../support/definitions';
import { fixtureObjects, fixturePlatform } from '../support/platform';

const platform = fixturePlatform();
const reserved = reservedNamespaces(platform.settings);

describe('reserved namespaces', () => {
  test.each([...ADDON_NAMES])('the definition schema knows where add-on %s runs', (name) => {
    expect(addonNamespaceOf(name, platform.settings)).toBe(addonNamespace(CATALOG[name], platform));
  });

  test('every namespace the platform renders into, outside tenant folders, is reserved', () => {
    const used = new Set<string>();
    for (const { path, object } of fixtureObjects()) {
      if (path.includes('/tenants/')) continue;
      if (object.kind === 'Namespace') used.add(object.metadata.name!);
      if (object.metadata.namespace) used.add(object.metadata.namespace);
    }
    expect([...used].filter((ns) => !reserved.includes(ns)).sort()).toEqual([]);
  });

  test.each(reserved)('claiming %s is refused by validation, in the tenant file, on its line', (ns) => {
    const problems = problemsOf(mutateTenant('checkout', (d) => { d.spec.environments.staging.namespace = ns; }));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p).toEqual(expect.objectContaining({ file: 'tenants/checkout.yaml', path: 'spec.environments.staging.namespace', value: ns, line: expect.any(Number) }));
    }
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/claims the platform namespace/));
  });
});
