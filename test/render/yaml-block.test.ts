/**
 * The block layout writes exactly what the `yaml` library writes — on the
 * whole fixture organisation and on generated data — and leaves to the library
 * what it cannot lay out.
 */
import * as fc from 'fast-check';
import { libraryYaml, toYaml } from '../../src/render/yaml';
import { blockYaml } from '../../src/render/yaml-block';
import { scalarText } from '../../src/render/yaml-scalar';
import { fixtureObjects } from '../support/platform';

/** Characters that make YAML writers quote, escape or break lines. */
const TRICKY = [...'abcXYZ019 -_.:/#&*!|>\'"%@`?,[]{}~=+\\\t\n\u00e9\u2028', '\u0007', '\u0085', '\u00a0', '\u2029', '\ufeff', 'yes', 'on', 'null', '0x1', '1e3', '12:30'];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 8 }),
  fc.constantFrom('', 'on', 'No', '~', '0042', '1.28', '=', '<<', '- x', 'a: b', ' x', 'x ', '#', 'true', 'v1.30', 'restricted'),
  fc.string({ maxLength: 12 }),
);
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
}));

describe('block layout', () => {
  test('every object of the fixture organisation: the library\'s text; only objects with multi-line strings left to the library', () => {
    const multiLine = (v: unknown): boolean => (typeof v === 'string' ? v.includes('\n')
      : v !== null && typeof v === 'object' && Object.values(v).some(multiLine));
    for (const { path, object } of fixtureObjects()) {
      const block = blockYaml(object);
      expect([path, block ?? libraryYaml(object)]).toEqual([path, libraryYaml(object)]);
      expect([path, block === undefined]).toEqual([path, multiLine(object)]);
    }
  });

  test('generated data: the library\'s text whenever it does not leave the data to the library', () => {
    fc.assert(fc.property(fc.oneof(fc.array(value, { maxLength: 4 }), fc.dictionary(text, value, { maxKeys: 5 })), (v) => {
      const block = blockYaml(v);
      return block === undefined || block === libraryYaml(v);
    }), { numRuns: 3000 });
  });

  test('names, paths, URLs, addresses and descriptions the fast path takes for plain are plain in every position', () => {
    const safe = fc.tuple(fc.constantFrom(...'abzABZ'), fc.string({ unit: fc.constantFrom(...'az09._/@(),+=%-:# AZ'), minLength: 5, maxLength: 40 }))
      .map(([a, b]) => a + b);
    fc.assert(fc.property(safe, (s) => {
      const lib = { key: libraryYaml({ [s]: 0 }), value: libraryYaml({ k: s }), item: libraryYaml([s]) };
      const plain = lib.key === `${s}: 0\n` && lib.value === `k: ${s}\n` && lib.item === `- ${s}\n`;
      // Whatever the library writes, the fast path writes the same.
      return scalarText(s, 'value') === lib.value.slice(3, -1) && scalarText(s, 'item') === lib.item.slice(2, -1)
        && (scalarText(s, 'key') === null || scalarText(s, 'key') === lib.key.slice(0, -4))
        && (!plain || scalarText(s, 'value') === s);
    }), { numRuns: 3000 });
    const long = 'Allow traffic from tenant checkout (prod), see https://wiki.example.com/net#x. '.repeat(5).trim();
    expect(libraryYaml({ d: long })).toBe(`d: ${long}\n`);
    expect(scalarText(long, 'value')).toBe(long);
  });

  test('leaves multi-line strings, keys YAML 1.2 readers would misread and top-level scalars to the library', () => {
    expect(blockYaml({ config: 'a\nb' })).toBeUndefined();
    expect(blockYaml({ '1e3': 'x' })).toBeUndefined();
    expect(blockYaml('text')).toBeUndefined();
    expect(blockYaml({ a: undefined })).toBeUndefined();
    expect(toYaml({ config: 'a\nb', '1e3': 'x' })).toBe(libraryYaml({ config: 'a\nb', '1e3': 'x' }));
  });

  test('nested and empty collections', () => {
    const v = { a: [{ b: [[1, []], {}], c: {} }, [[]]], d: [] };
    expect(blockYaml(v)).toBe('a:\n  - b:\n      - - 1\n        - []\n      - {}\n    c: {}\n  - - []\nd: []\n');
    expect(blockYaml(v)).toBe(libraryYaml(v));
  });
});
