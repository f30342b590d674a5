/**
 * Plain JSON values as the platform handles them everywhere: Helm values,
 * parsed YAML documents, rendered objects.
 */

/** A JSON object: string keys, any values. */
export type JsonObject = Record<string, unknown>;

/** True when `v` is a JSON object: not null, not an array. */
export function isJsonObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Deep merge of JSON objects, as Helm merges a subchart's values under the
 * parent's: `over` wins; objects merge key by key; arrays and scalars are
 * replaced. Neither input is changed.
 */
export function deepMerge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isJsonObject(out[k]) && isJsonObject(v) ? deepMerge(out[k] as JsonObject, v) : v;
  }
  return out;
}
