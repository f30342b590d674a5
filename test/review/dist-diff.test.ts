/**
 * The semantic diff: field paths, lists matched by natural keys, object
 * identity across files, text files, and grouping per cluster and tenant.
 */
import { toYaml } from '../../src/render/yaml';
import { diffDist } from '../../src/review/dist-diff';
import { entriesOf, locatePath } from '../../src/review/dist-entries';
import { summarise } from '../../src/review/summary';
import { diffValues, formatFieldPath } from '../../src/review/value-diff';

const paths = (before: unknown, after: unknown) => diffValues(before, after).map((c) => `${c.kind} ${formatFieldPath(c.path)}`);

describe('field-level differences', () => {
  test('name changed, added and removed fields by path, with quoted keys where needed', () => {
    expect(paths({ spec: { hard: { 'requests.cpu': '4', pods: 1 } } }, { spec: { hard: { 'requests.cpu': '8', services: 2 } } }))
      .toEqual(['changed spec.hard["requests.cpu"]', 'added spec.hard.services', 'removed spec.hard.pods']);
  });

  test('match list items by name, so an insertion does not shift the rest', () => {
    const before = { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:1' }] };
    const after = { containers: [{ name: 'new', image: 'z:1' }, { name: 'a', image: 'x:2' }, { name: 'b', image: 'y:1' }] };
    expect(paths(before, after)).toEqual(['added containers[name=new]', 'changed containers[name=a].image']);
  });

  test('match RBAC subjects by kind, namespace and name', () => {
    const s = (name: string) => ({ kind: 'Group', name });
    expect(paths({ subjects: [s('a'), s('b')] }, { subjects: [s('b'), s('c')] })).toEqual(['added subjects[kind=Group,name=c]', 'removed subjects[kind=Group,name=a]']);
  });

  test('scalar lists as added and removed values; a reorder as one change', () => {
    expect(diffValues({ verbs: ['get', 'list'] }, { verbs: ['get', 'list', 'delete'] })).toEqual([{ path: ['verbs'], kind: 'added', after: 'delete' }]);
    expect(diffValues({ args: ['a', 'b'] }, { args: ['b', 'a'] })).toEqual([{ path: ['args'], kind: 'changed', before: ['a', 'b'], after: ['b', 'a'] }]);
  });

  test('keyless object lists: equal items paired first, the rest by position', () => {
    const before = { rules: [{ verbs: ['get'] }, { verbs: ['list'] }] };
    const after = { rules: [{ verbs: ['list'] }, { verbs: ['get', 'watch'] }] };
    expect(paths(before, after)).toEqual(['added rules[1].verbs']);
  });

  test('equal values give no change', () => {
    expect(diffValues({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});

describe('entries of dist/', () => {
  test('locate cluster, folder and tenant from the path', () => {
    expect(locatePath('clusters/prod/tenants/payments/namespace-x.yaml')).toEqual({ cluster: 'prod', folder: 'tenants/payments' });
    expect(locatePath('clusters/prod/platform/tenancy/x.yaml')).toEqual({ cluster: 'prod', folder: 'platform/tenancy' });
    expect(locatePath('clusters/prod/control-plane/audit-policy.yaml')).toEqual({ cluster: 'prod', folder: 'control-plane' });
    expect(locatePath('fleet/x.yaml')).toEqual({ folder: 'fleet' });
    expect(locatePath('images.txt')).toEqual({ folder: '' });
  });

  test('objects get an identity by cluster, group, kind, namespace and name; other files are text', () => {
    const [e] = entriesOf('clusters/prod/tenants/payments/resourcequota-q.yaml', toYaml({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'payments-prod' } }));
    expect(e).toMatchObject({ id: 'prod||ResourceQuota|payments-prod|q', tenant: 'payments', label: 'ResourceQuota payments-prod/q' });
    expect(entriesOf('README.md', '# x')[0]).toMatchObject({ id: 'file|README.md', text: '# x' });
    expect(entriesOf('README.md', '# x')[0].object).toBeUndefined();
    expect(entriesOf('clusters/prod/control-plane/audit-policy.yaml', toYaml({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [] }))[0].id)
      .toBe('prod|audit.k8s.io|Policy||audit-policy');
  });
});

describe('diffDist', () => {
  const ns = (name: string, labels = {}) => toYaml({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  const before = new Map([
    ['clusters/prod/tenants/a/namespace-a.yaml', ns('a', { x: '1' })],
    ['clusters/prod/tenants/b/namespace-b.yaml', ns('b')],
    ['clusters/dev/tenants/a/namespace-a.yaml', ns('a')],
    ['images.txt', 'one\ntwo\n'],
  ]);
  const after = new Map([
    ['clusters/prod/tenants/a/namespace-a.yaml', ns('a', { x: '2' })],
    ['clusters/prod/tenants/c/namespace-c.yaml', ns('c')],
    ['clusters/dev/moved/namespace-a.yaml', ns('a')],
    ['images.txt', 'one\nthree\n'],
  ]);
  const diff = diffDist(before, after);

  test('added, removed and changed objects, a move without field changes, and text lines', () => {
    expect(diff.changes.map((c) => `${c.type} ${c.after?.path ?? c.before!.path}`)).toEqual([
      'changed images.txt',
      'changed clusters/dev/moved/namespace-a.yaml',
      'changed clusters/prod/tenants/a/namespace-a.yaml',
      'removed clusters/prod/tenants/b/namespace-b.yaml',
      'added clusters/prod/tenants/c/namespace-c.yaml',
    ]);
    expect(diff.changes[0].lines).toEqual({ added: ['three'], removed: ['two'] });
    expect(diff.changes[1].fields).toEqual([]);
    expect(diff.unchangedFiles).toBe(0);
  });

  test('counts per cluster and tenant', () => {
    const s = summarise(diff);
    expect(s.total).toEqual({ added: 1, removed: 1, changed: 3 });
    expect(s.scopes.map((x) => [x.scope, x.groups.map((g) => `${g.tenant ?? 'platform'}:${g.counts.added}/${g.counts.removed}/${g.counts.changed}`)])).toEqual([
      ['dev', ['platform:0/0/1']],
      ['prod', ['a:0/0/1', 'b:0/1/0', 'c:1/0/0']],
      ['', ['platform:0/0/1']],
    ]);
  });

  test('identical files are not parsed and count as unchanged', () => {
    const same = new Map([['clusters/x/tenants/t/not-yaml.yaml', ': : :'], ['a.txt', 'x']]);
    expect(diffDist(same, same)).toMatchObject({ changes: [], unchangedFiles: 2 });
  });
});
