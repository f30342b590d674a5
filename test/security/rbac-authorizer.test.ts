/**
 * The RBAC authorizer follows the API server's matching rules.
 */
import { rulesAllow, uncoveredGrants } from '../../src/security/rbac-authorizer';

describe('rulesAllow', () => {
  const rules = [
    { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get'] },
    { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['update'] },
    { apiGroups: ['*'], resources: ['*/scale'], verbs: ['patch'] },
    { nonResourceURLs: ['/healthz', '/metrics/*'], verbs: ['get'] },
  ];
  test.each([
    [{ verb: 'get', group: '', resource: 'pods' }, true],
    [{ verb: 'list', group: '', resource: 'pods' }, false],
    [{ verb: 'get', group: '', resource: 'pods', subresource: 'log' }, true],
    [{ verb: 'get', group: '', resource: 'pods', subresource: 'exec' }, false],
    [{ verb: 'get', group: 'apps', resource: 'pods' }, false],
    [{ verb: 'update', group: 'apps', resource: 'deployments', name: 'web' }, true],
    [{ verb: 'update', group: 'apps', resource: 'deployments', name: 'api' }, false],
    [{ verb: 'update', group: 'apps', resource: 'deployments' }, false],
    [{ verb: 'patch', group: 'apps', resource: 'statefulsets', subresource: 'scale' }, true],
    [{ verb: 'get', nonResourceURL: '/healthz' }, true],
    [{ verb: 'get', nonResourceURL: '/metrics/cadvisor' }, true],
    [{ verb: 'get', nonResourceURL: '/version' }, false],
  ])('%j → %s', (req, expected) => {
    expect(rulesAllow(rules, req)).toBe(expected);
  });

  test('wildcards match everything', () => {
    expect(rulesAllow([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], { verb: 'impersonate', group: '', resource: 'users' })).toBe(true);
  });
});

describe('uncoveredGrants', () => {
  test('lists what the holder lacks', () => {
    const holder = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }];
    expect(uncoveredGrants(holder, [{ apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['get'] }])).toEqual(['get secrets']);
    expect(uncoveredGrants(holder, [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }])).toEqual([]);
  });
});
