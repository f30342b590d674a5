/**
 * CIDRs as NetworkPolicy `ipBlock.cidr` takes them, as one regular
 * expression: the rule itself, used by zod and copied into the JSON Schema,
 * so both refuse exactly the same strings.
 *
 * Accepted: an IPv4 address in dotted decimal without leading zeros, or an
 * IPv6 address in hexadecimal groups (`::` compression allowed, no zone, no
 * embedded IPv4), then `/` and a prefix length without leading zeros (0–32,
 * 0–128), with every host bit zero. Sources: Kubernetes API validation of
 * `ipBlock.cidr` (Go `net.ParseCIDR`, which refuses IPv4 leading zeros since
 * Go 1.17 and zones always); KEP-4858 "IP/CIDR validation improvements"
 * (Kubernetes 1.33+ also refuses IPv4-mapped IPv6 for new objects); RFC 4291
 * section 2.2 (IPv6 text forms) and 2.3 (prefixes).
 */

const HEX = '[0-9a-fA-F]';
const GROUP = `${HEX}{1,4}`;
const ZERO_GROUP = '0{1,4}';
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';

function alternatives(values: readonly (string | number)[]): string {
  return `(?:${values.join('|')})`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** An IPv4 octet whose `zeroBits` low bits are zero (0–8). */
function octetWithZeroBits(zeroBits: number): string {
  if (zeroBits === 0) return OCTET;
  const step = 2 ** zeroBits;
  return alternatives(range(0, 255).filter((v) => v % step === 0));
}

/**
 * IPv4 CIDRs with host bits zero. With prefix length p, the first i =
 * floor(p/8) octets are free, octet i keeps its low 8-(p mod 8) bits zero
 * and the rest are 0; the zero bits are tied to the prefix length by a
 * lookahead, so each octet pattern appears once.
 */
function ipv4Cidr(): string {
  const partial = alternatives(range(1, 8).map((zeroBits) => {
    const prefixes = range(0, 31).filter((p) => 8 - (p % 8) === zeroBits);
    return `${octetWithZeroBits(zeroBits)}(?=[^/]*/${alternatives(prefixes)}$)`;
  }));
  const withPartial = alternatives(range(0, 3).map((i) =>
    `(?=[^/]*/${alternatives(range(8 * i, 8 * i + 7))}$)${`${OCTET}\\.`.repeat(i)}${partial}${'\\.0'.repeat(3 - i)}`));
  const prefix = '(?:3[0-2]|[12]?[0-9])';
  return `(?:${withPartial}|${OCTET}(?:\\.${OCTET}){3}(?=/32$))/${prefix}`;
}

/** Hex digits whose `bits` low bits are zero (0–3). */
const DIGIT_WITH_ZERO_BITS = [HEX, '[02468aAcCeE]', '[048cC]', '[08]'];

/** An IPv6 group (1–4 hex digits, leading zeros allowed) whose `zeroBits` low bits are zero (0–15). */
function groupWithZeroBits(zeroBits: number): string {
  if (zeroBits === 0) return GROUP;
  const zeroDigits = Math.floor(zeroBits / 4);
  const digit = DIGIT_WITH_ZERO_BITS[zeroBits % 4];
  const nonZero = `${HEX}{0,${3 - zeroDigits}}${digit}${'0'.repeat(zeroDigits)}`;
  return zeroDigits > 0 ? `(?:${nonZero}|0{1,${zeroDigits}})` : nonZero;
}

/** An IPv6 address in any text form without embedded IPv4 or zone (RFC 4291 2.2). */
const IPV6_SYNTAX = alternatives([
  `(?:${GROUP}:){7}${GROUP}`,
  `(?:${GROUP}:){1,7}:`,
  `(?:${GROUP}:){1,6}:${GROUP}`,
  `(?:${GROUP}:){1,5}(?::${GROUP}){1,2}`,
  `(?:${GROUP}:){1,4}(?::${GROUP}){1,3}`,
  `(?:${GROUP}:){1,3}(?::${GROUP}){1,4}`,
  `(?:${GROUP}:){1,2}(?::${GROUP}){1,5}`,
  `${GROUP}:(?::${GROUP}){1,6}`,
  `:(?:(?::${GROUP}){1,7}|:)`,
]);

/**
 * IPv6 CIDRs with host bits zero. With prefix length p, k = ceil(p/16)
 * groups carry the prefix and group k-1 keeps its low 16k-p bits zero; every
 * later group is zero, written out or inside `::`. The text forms:
 * the first k groups written out then zeros (A); `::` before group k-1 and
 * group k-1 written (B1); group k-1 inside `::` (B2). The address is also
 * checked against the full IPv6 syntax first (lookahead), so the forms need
 * not count groups themselves.
 */
function ipv6Cidr(): string {
  const prefixesOfGroupCount = (k: number) => alternatives(range(16 * (k - 1) + 1, 16 * k));
  // Group k-1, its zero bits tied to the prefix length: p ≡ -zeroBits (mod 16).
  const boundaryGroup = alternatives(range(0, 15).map((zeroBits) => {
    const prefixes = range(1, 128).filter((p) => (16 - (p % 16)) % 16 === zeroBits);
    return `${groupWithZeroBits(zeroBits)}(?=[^/]*/${alternatives(prefixes)}$)`;
  }));
  const zeros = `(?::${ZERO_GROUP})*(?:::(?:${ZERO_GROUP}(?::${ZERO_GROUP})*)?)?`;
  const formA = `${alternatives(range(1, 8).map((k) => `(?=[^/]*/${prefixesOfGroupCount(k)}$)(?:${GROUP}:){${k - 1}}`))}${boundaryGroup}${zeros}`;
  const formB1 = `(?:${GROUP}(?::${GROUP})*)?::(?:${GROUP}:)*${boundaryGroup}${alternatives(range(1, 8).map((k) => `(?::${ZERO_GROUP}){${8 - k}}(?=/${prefixesOfGroupCount(k)}$)`))}`;
  const formB2 = alternatives(range(1, 8).map((k) => {
    const before = k === 1 ? '' : `(?:${GROUP}(?::${GROUP}){0,${k - 2}})?`;
    const after = k === 8 ? '' : `(?:${ZERO_GROUP}(?::${ZERO_GROUP}){0,${7 - k}})?`;
    return `${before}::${after}(?=/${prefixesOfGroupCount(k)}$)`;
  }));
  const allZero = `(?:(?:${ZERO_GROUP}(?::${ZERO_GROUP})*)?::(?:${ZERO_GROUP}(?::${ZERO_GROUP})*)?|${ZERO_GROUP}(?::${ZERO_GROUP}){7})(?=/0$)`;
  const prefix = '(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])';
  return `(?=${IPV6_SYNTAX}/)${alternatives([formA, formB1, formB2, allZero])}/${prefix}`;
}

/**
 * The pattern of a CIDR NetworkPolicy accepts, host bits zero:
 * `10.20.0.0/16`, `0.0.0.0/0`, `2001:db8::/32`, `fd00:0:0:1::/64`.
 */
export const CIDR_PATTERN = new RegExp(`^(?:${ipv4Cidr()}|${ipv6Cidr()})$`);

/** True when `value` is a CIDR {@link CIDR_PATTERN} accepts. */
export function isCidr(value: string): boolean {
  return CIDR_PATTERN.test(value);
}
