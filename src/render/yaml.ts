/**
 * The project's YAML emitter: one document per call, deterministic, and safe
 * for every YAML reader Kubernetes tooling uses.
 *
 * Strings that a YAML 1.1 reader (Go's gopkg.in/yaml.v2, used by kubectl via
 * sigs.k8s.io/yaml) or a YAML 1.2 reader (gopkg.in/yaml.v3, Helm, Argo CD)
 * would read as something else — "on", "yes", "0042", "1e3", "0o17", "12:30" —
 * are written as quoted strings. Serialised with the `yaml` library: every
 * decision on how a scalar is written (plain, quoted, escaped) is the
 * library's; the block layout of plain JSON data (indentation, `- ` items,
 * `key: value` lines) is written directly (`yaml-block.ts`), which gives the
 * library's output at a fraction of the cost, and everything else (multi-line
 * strings, unusual keys) goes through the library whole.
 */
import { Document, isScalar, Scalar, visit } from 'yaml';
import { blockYaml } from './yaml-block';
import { readsAsNonString, STRINGIFY_OPTIONS } from './yaml-scalar';

export { readsAsNonString } from './yaml-scalar';

/**
 * Serialises one object to a YAML document (no leading `---`), ending in a
 * newline.
 *
 * @param value plain JSON data (objects, arrays, strings, numbers, booleans)
 */
export function toYaml(value: unknown): string {
  return blockYaml(value) ?? libraryYaml(value);
}

/**
 * {@link toYaml} done entirely by the `yaml` library (the reference the block
 * layout is tested against).
 */
export function libraryYaml(value: unknown): string {
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
