/**
 * Kubernetes resource quantities (`resource.Quantity`).
 *
 * Grammar, from k8s.io/apimachinery/pkg/api/resource/quantity.go:
 *
 *   <quantity>        ::= <signedNumber><suffix>
 *   <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
 *   <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   <decimalSI>       ::= m | "" | k | M | G | T | P | E
 *   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
 */

/** Regular expression of a Kubernetes quantity. */
export const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** A quantity without a minus sign: what quotas, LimitRanges and requests take. */
export const NON_NEGATIVE_QUANTITY = /^\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const MULTIPLIERS: Record<string, number> = {
  '': 1,
  'm': 1e-3,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/** What the error messages say a quantity may look like. */
export const QUANTITY_HINT = 'a Kubernetes quantity such as 500m, 2, 1.5, 512Mi, 10Gi or 1e3';

/** True when `value` is a syntactically valid Kubernetes quantity. */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/**
 * Parses a Kubernetes quantity into its value in base units (cores for CPU,
 * bytes for memory and storage, a plain count otherwise).
 *
 * @param value e.g. `"500m"` → 0.5, `"2Gi"` → 2147483648, `"1e3"` → 1000
 * @returns the value as a floating-point number (exact enough to compare quotas)
 * @throws Error when `value` is not a quantity
 */
export function parseQuantity(value: string): number {
  const match = QUANTITY.exec(value);
  if (!match) {
    throw new Error(`"${value}" is not ${QUANTITY_HINT}`);
  }
  const [, number, suffix = ''] = match;
  if (/^[eE][+-]?[0-9]/.test(suffix)) {
    return Number(number) * 10 ** Number(suffix.slice(1));
  }
  return Number(number) * MULTIPLIERS[suffix];
}
