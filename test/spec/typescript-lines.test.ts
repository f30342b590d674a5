/**
 * Problems in the TypeScript parts of a definition (platform/settings.ts,
 * platform/clusters.ts) carry the line of the field, found by parsing the
 * file: through object and array literals, same-file consts named or spread,
 * dotted keys; where the value is computed, the line of the deepest property
 * the file writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Platform } from '../../src/app/platform';
import { typeScriptLineOf, withTypeScriptLines } from '../../src/definition/typescript-lines';
import { DefinitionError } from '../../src/spec/problems';
import { FIXTURE_ROOT } from '../fixtures/example-org';
import { clusters } from '../fixtures/example-org/platform/clusters';
import { settings } from '../fixtures/example-org/platform/settings';

const text = `import { shared } from './elsewhere';
const vault = {
  provider: 'vault' as const,
  vault: { server: 'https://vault.example.com', path: 'secret' },
};
const base = { region: 'eu-west-1', zones: ['a'] };
function backup(region: string) { return { bucket: region }; }
export const clusters = [
  {
    ...base,
    name: 'one',
    secretStore: vault,
    backup: backup('eu'),
    labels: { 'topology.kubernetes.io/region': 'eu' },
  },
  ...shared,
  { name: 'three' },
] satisfies unknown[];
`;
const lineOf = typeScriptLineOf(text, 'clusters')!;
const line = (needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;

/** The line of clusters[1].kubernetesVersion in the fixture organisation's clusters.ts: its second `kubernetesVersion`. */
function fixtureSecondVersionLine(): number {
  const file = fs.readFileSync(path.join(FIXTURE_ROOT, 'platform/clusters.ts'), 'utf8');
  const second = file.indexOf('kubernetesVersion', file.indexOf('kubernetesVersion') + 1);
  return file.slice(0, second).split('\n').length;
}

describe('the line of a field in a TypeScript definition file', () => {
  test('a property written in the exported literal', () => {
    expect(lineOf('clusters[0].name')).toBe(line("name: 'one'"));
  });

  test('a property of a same-file const the literal names, at the const', () => {
    expect(lineOf('clusters[0].secretStore.vault.server')).toBe(line("vault: { server"));
    expect(lineOf('clusters[0].secretStore.provider')).toBe(line("provider: 'vault'"));
  });

  test('a property of a spread const', () => {
    expect(lineOf('clusters[0].zones[0]')).toBe(line("'a'"));
    expect(lineOf('clusters[0].region')).toBe(line("region: 'eu-west-1'"));
  });

  test('a computed value: the property that computes it', () => {
    expect(lineOf('clusters[0].backup.bucket')).toBe(line('backup: backup'));
  });

  test('a key with dots', () => {
    expect(lineOf('clusters[0].labels.topology.kubernetes.io/region')).toBe(line("'topology.kubernetes.io/region'"));
  });

  test('an element after a spread element: the array', () => {
    expect(lineOf('clusters[2].name')).toBe(line('export const clusters'));
  });

  test('a field not written: its closest written parent', () => {
    expect(lineOf('clusters[0].oidc.issuerURL')).toBe(line('  {\n    ...base'));
    expect(lineOf('')).toBe(line('export const clusters'));
  });

  test('no such export: none, unless the file exports one const', () => {
    expect(typeScriptLineOf('export const a = {}; export const b = {};', 'clusters')).toBeUndefined();
    expect(typeScriptLineOf('\nexport const cs = [{ name: 1 }];', 'clusters')!('clusters[0].name')).toBe(2);
  });

  test('only problems of the named files without a line get one', () => {
    const problems = [
      { file: 'platform/clusters.ts', path: 'clusters[1].kubernetesVersion', message: 'm' },
      { file: 'platform/clusters.ts', line: 3, path: 'clusters[1].name', message: 'm' },
      { file: 'tenants/a.yaml', path: 'spec', message: 'm' },
      { file: 'platform/missing.ts', path: 'x', message: 'm' },
    ];
    const out = withTypeScriptLines(problems, FIXTURE_ROOT, { 'platform/clusters.ts': 'clusters', 'platform/missing.ts': 'settings' });
    expect(out.map((p) => p.line)).toEqual([fixtureSecondVersionLine(), 3, undefined, undefined]);
  });
});

describe('Platform.load', () => {
  test('names the line in clusters.ts and settings.ts of each problem', () => {
    const bad = structuredClone(clusters);
    (bad[1] as { kubernetesVersion: string }).kubernetesVersion = '1.99';
    const platform = new Platform({ root: FIXTURE_ROOT, settings, clusters: bad });
    let error: unknown;
    try {
      platform.load();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as Error).message).toContain(`platform/clusters.ts:${fixtureSecondVersionLine()}: clusters[1].kubernetesVersion:`);
  });
});
