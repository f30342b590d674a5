import { isQuantity, parseQuantity } from '../../src/spec/quantity';

describe('Kubernetes quantities', () => {
  test.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['512Mi', 512 * 2 ** 20],
    ['10Gi', 10 * 2 ** 30],
    ['1Ti', 2 ** 40],
    ['2Ei', 2 * 2 ** 60],
    ['1k', 1000],
    ['1M', 1e6],
    ['3E', 3e18],
    ['1e3', 1000],
    ['1E3', 1000],
    ['2.5e-3', 0.0025],
    ['.5', 0.5],
  ])('%s is %d base units', (text, value) => {
    expect(isQuantity(text)).toBe(true);
    expect(parseQuantity(text)).toBeCloseTo(value, 6);
  });

  test.each(['', 'abc', '1 Gi', '1GB', '1gi', 'Gi', '1.2.3', '--1', '1e', '0x10'])('%p is not a quantity', (text) => {
    expect(isQuantity(text)).toBe(false);
    expect(() => parseQuantity(text)).toThrow(/is not a Kubernetes quantity/);
  });

  test('binary and decimal suffixes compare correctly', () => {
    expect(parseQuantity('1Gi')).toBeGreaterThan(parseQuantity('1G'));
    expect(parseQuantity('1000m')).toBe(parseQuantity('1'));
  });
});
