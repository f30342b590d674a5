/**
 * How the project's YAML emitter writes one scalar: the `yaml` library's
 * options, which strings must be quoted for every reader, and the library's
 * rendering of a scalar in each position, cached per distinct value.
 */
import { Document, parse, Scalar } from 'yaml';

/** Options of every document the emitter writes. */
export const STRINGIFY_OPTIONS = {
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


/** Where a scalar stands: a map key, a map value, or a sequence item. */
export type ScalarPosition = 'key' | 'value' | 'item';

/** Most entries kept per cache; beyond it, scalars are rendered every time. */
const CACHE_LIMIT = 200_000;
const rendered: Record<ScalarPosition, Map<unknown, string | null>> = { key: new Map(), value: new Map(), item: new Map() };

// Strings of at least 6 characters that start with a letter, hold only
// letters, digits, spaces and . _ / @ ( ) , + = % - :, never ": " or " #",
// and end in neither a space nor ":" are plain in every position for YAML 1.1
// and 1.2: no boolean or null spelling is that long, none can start an
// indicator, a comment or a mapping value, and YAML 1.2 readers would not
// misread them (see readsAsNonString). Most names, kinds, paths, URLs, e-mail
// addresses and descriptions are. Tests check the claim against the library.
const SAFE_PLAIN = /^[A-Za-z](?:[A-Za-z0-9._/@(),+=%-]|:(?! )| (?! |#))*[A-Za-z0-9._/@()+=%,-]$/;
const SAFE_MIN_LENGTH = 6;

/**
 * The text of `value` in `position` as the `yaml` library writes it with
 * {@link STRINGIFY_OPTIONS}, strings that {@link readsAsNonString} double-quoted;
 * or null when it would not be one line (a literal block, an explicit key) or
 * holds a character whose writing depends on the context (see CONTEXT_DEPENDENT).
 *
 * @param value a string, number, boolean or null
 */
export function scalarText(value: string | number | boolean | null, position: ScalarPosition): string | null {
  if (typeof value === 'string' && value.length >= SAFE_MIN_LENGTH && SAFE_PLAIN.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  const cache = rendered[position];
  let text = cache.get(value);
  if (text === undefined) {
    text = renderWithLibrary(value, position);
    if (cache.size < CACHE_LIMIT) cache.set(value, text);
  }
  return text;
}

// Control characters, C1 controls (NEL), line and paragraph separators, the
// byte order mark and lone surrogates: the library's handling of these
// depends on where the scalar stands (YAML 1.1 counts some as line breaks),
// so a document holding one is left to the library whole.
const CONTEXT_DEPENDENT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/;

function renderWithLibrary(value: string | number | boolean | null, position: ScalarPosition): string | null {
  if (typeof value === 'string' && CONTEXT_DEPENDENT.test(value)) return null;
  let node: unknown = value;
  if (typeof value === 'string' && readsAsNonString(value)) {
    if (position === 'key') return null; // the library path quotes such keys
    const scalar = new Scalar(value);
    scalar.type = Scalar.QUOTE_DOUBLE;
    node = scalar;
  }
  const doc = position === 'key'
    ? new Document({ [String(value)]: 0 }, STRINGIFY_OPTIONS)
    : new Document(position === 'value' ? { k: node } : [node], STRINGIFY_OPTIONS);
  const text = doc.toString(STRINGIFY_OPTIONS);
  const [prefix, suffix] = position === 'key' ? ['', ': 0\n'] : position === 'value' ? ['k: ', '\n'] : ['- ', '\n'];
  if (!text.startsWith(prefix) || !text.endsWith(suffix)) return null;
  const body = text.slice(prefix.length, text.length - suffix.length);
  return body.includes('\n') || body.startsWith('? ') ? null : body;
}
