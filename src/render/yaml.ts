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
  // Strings a YAML 1.2 reader would misread become double-quoted scalar nodes
  // before the document is built (a walk over plain data is much cheaper than
  // a visit of the document's nodes). Map keys cannot hold nodes, so the rare
  // object with such a key takes the visit.
  const marked = quoteAmbiguous(value);
  if (marked !== AMBIGUOUS_KEY) return new Document(marked, STRINGIFY_OPTIONS).toString(STRINGIFY_OPTIONS);
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

const AMBIGUOUS_KEY = Symbol('ambiguous key');

/**
 * `value` with every string that {@link readsAsNonString} replaced by a
 * double-quoted Scalar node (copying only the objects and arrays on the way
 * to one), or AMBIGUOUS_KEY when a map key would need quoting.
 */
function quoteAmbiguous(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!readsAsNonString(value)) return value;
    const node = new Scalar(value);
    node.type = Scalar.QUOTE_DOUBLE;
    return node;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = quoteAmbiguous(value[i]);
      if (v === AMBIGUOUS_KEY) return AMBIGUOUS_KEY;
      if (v !== value[i]) (copy ??= [...value])[i] = v;
    }
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      if (readsAsNonString(k)) return AMBIGUOUS_KEY;
      const q = quoteAmbiguous(v);
      if (q === AMBIGUOUS_KEY) return AMBIGUOUS_KEY;
      if (q !== v) (copy ??= { ...(value as Record<string, unknown>) })[k] = q;
    }
    return copy ?? value;
  }
  return value;
}
