/**
 * CEL literals for expressions the platform writes: admission policies
 * (ValidatingAdmissionPolicy, Gatekeeper K8sNativeValidation) and the API
 * server's structured authentication configuration.
 *
 * Source: CEL language definition, "String and Bytes Values" (escape sequences).
 */

/** A CEL string literal for `s` (single-quoted, backslash and quote escaped). */
export function celString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A CEL list literal of strings. */
export function celStringList(values: readonly string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}
