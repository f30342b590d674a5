/**
 * The project's YAML emitter: one document per call, deterministic, and safe
 * for every YAML reader Kubernetes tooling uses.
 *
 * Strings that a YAML 1.1 reader (Go's gopkg.in/yaml.v2, used by kubectl via
 * sigs.k8s.io/yaml) or a YAML 1.2 reader (gopkg.in/yaml.v3, Helm, Argo CD)
 * would read as something else — "on", "yes", "0042", "1e3", "0o17", "12:30" —
 * are written as quoted strings. Serialised with the `yaml` library.
 */
import { Document, isScalar, parse, Scalar, visit } from 'yaml';

const STRINGIFY_OPTIONS = {
  // Emitting in YAML 1.1 mode quotes every string 1.1 would resolve to a
  // bool, int, float, null or timestamp; no %YAML directive is written.
  version: '1.1',
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal',
  aliasDuplicateObjects: false,
} as const;

// A string can only be read as a non-string by some reader when it starts
// with a digit, a sign or a dot, or is a short word.
const CANDIDATE = /^[-+.0-9]|^[A-Za-z~]{1,5}$/;
// The YAML 1.1 value key `=`: a plain `=` means something to 1.1 readers.
const YAML11_SPECIAL = new Set(['=']);
const ambiguityCache = new Map<string, boolean>();

/**
 * True when a YAML 1.2 reader would read the plain scalar `value` as
 * anything but that string, or it is the YAML 1.1 value key `=` (other
 * YAML 1.1 cases are covered by emitting in 1.1 mode).
 */
export function readsAsNonString(value: string): boolean {
  if (YAML11_SPECIAL.has(value)) return true;
  if (!CANDIDATE.test(value)) return false;
  let result = ambiguityCache.get(value);
  if (result === undefined) {
    let parsed: unknown;
    try {
      parsed = parse(value, { version: '1.2' });
    } catch {
      parsed = undefined;
    }
    result = parsed !== value;
    if (ambiguityCache.size < 100_000) ambiguityCache.set(value, result);
  }
  return result;
}

/**
 * Serialises one object to a YAML document (no leading `---`), ending in a
 * newline.
 *
 * @param value plain JSON data (objects, arrays, strings, numbers, booleans)
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value, STRINGIFY_OPTIONS);
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && readsAsNonString(node.value) && isScalar(node)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc.toString(STRINGIFY_OPTIONS);
}
