/**
 * Small helpers that build PromQL text safely: label values are written as
 * PromQL string literals (Go escaping, which JSON string escaping satisfies),
 * durations are checked.
 */

/** A label matcher: an exact value, or `{ re }`, `{ ne }`, `{ nre }` for =~, !=, !~. */
export type Matcher = string | { readonly re: string } | { readonly ne: string } | { readonly nre: string };

/** A PromQL string literal for `value`. */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/**
 * A vector selector, e.g. `selector('up', { job: 'apiserver' })` →
 * `up{job="apiserver"}`. Matchers are written in the given key order.
 *
 * @throws Error when a metric or label name is not a valid Prometheus name
 */
export function selector(metric: string, matchers: Readonly<Record<string, Matcher>> = {}): string {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric)) throw new Error(`PromQL: "${metric}" is not a metric name`);
  const parts = Object.entries(matchers).map(([label, m]) => {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) throw new Error(`PromQL: "${label}" is not a label name`);
    if (typeof m === 'string') return `${label}=${promString(m)}`;
    if ('re' in m) return `${label}=~${promString(m.re)}`;
    if ('ne' in m) return `${label}!=${promString(m.ne)}`;
    return `${label}!~${promString(m.nre)}`;
  });
  return parts.length === 0 ? metric : `${metric}{${parts.join(', ')}}`;
}

/** A number as PromQL writes it (no exponent for the magnitudes used in rules). */
export function promNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`PromQL: ${n} is not a finite number`);
  return Number(n.toPrecision(12)).toString();
}
