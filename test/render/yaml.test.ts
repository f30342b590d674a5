/**
 * The YAML emitter: strings stay strings for every reader Kubernetes tooling uses.
 */
import { parse } from 'yaml';
import { readsAsNonString, toYaml } from '../../src/render/yaml';

const tricky = ['on', 'off', 'yes', 'no', 'y', 'n', 'Y', 'N', 'true', 'False', 'NULL', '~', '', '0042', '0o17', '0x1F', '1e3', '1E3', '1_000',
  '12:30', '1:20:30', '.5', '-1', '+1', '.inf', '-.Inf', '.nan', '2001-12-14', '1.28', '010', '0b101', '='];

describe('toYaml', () => {
  test.each(tricky)('%p is written quoted and read back as a string by YAML 1.1 and 1.2 readers', (value) => {
    const text = toYaml({ v: value });
    expect(text).toMatch(/^v: ["']/);
    expect(parse(text, { version: '1.1' }).v).toBe(value);
    expect(parse(text, { version: '1.2' }).v).toBe(value);
  });

  test.each(['restricted', 'v1.28', 'cc-4711', 'dist/clusters/prod-eu1', 'https://git.example.com/x.git', '500m', '10Gi'])('%p stays plain', (value) => {
    expect(toYaml({ v: value })).toBe(`v: ${value}\n`);
  });

  test('numbers and booleans stay typed', () => {
    expect(toYaml({ a: 5, b: true, c: 1.5 })).toBe('a: 5\nb: true\nc: 1.5\n');
  });

  test('multi-line strings are literal blocks, long lines are never folded', () => {
    const long = 'x'.repeat(200);
    expect(toYaml({ config: 'a: 1\nb: 2\n', long })).toBe(`config: |\n  a: 1\n  b: 2\nlong: ${long}\n`);
  });

  test('the same object twice is written out twice, never as an anchor and alias', () => {
    const shared = { a: 1 };
    expect(toYaml({ first: shared, second: shared })).toBe('first:\n  a: 1\nsecond:\n  a: 1\n');
  });

  test('keys keep their order; output is deterministic', () => {
    const o = { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'x' } };
    expect(toYaml(o)).toBe(toYaml(JSON.parse(JSON.stringify(o))));
    expect(toYaml(o).split('\n')[0]).toBe('kind: Namespace');
  });
});

describe('readsAsNonString', () => {
  test('detects YAML 1.2 numbers, booleans and nulls', () => {
    for (const v of ['0o17', '1e3', 'true', 'null', '~', '-5', '.5']) expect(readsAsNonString(v)).toBe(true);
    for (const v of ['abc', 'v1', '1.2.3', '10Gi', 'on']) expect(readsAsNonString(v)).toBe(false);
  });
});
