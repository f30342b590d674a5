/**
 * The block layout of plain JSON data as the `yaml` library writes it with
 * the emitter's options (two-space indentation, sequence items indented under
 * their key, `{}` and `[]` for empty collections), with every scalar written
 * as the library writes it (`scalarText`). Data it cannot lay out exactly —
 * a multi-line string, a key needing quotes for YAML 1.2 readers, a top-level
 * scalar, anything but plain objects, arrays and JSON scalars — is left to
 * the library (`undefined`).
 *
 * Tests compare it with the library on the whole rendered platform and on
 * generated data (fast-check).
 */
import { scalarText } from './yaml-scalar';

/** The document for `value`, ending in a newline; undefined when the library must write it. */
export function blockYaml(value: unknown): string | undefined {
  const out: string[] = [];
  try {
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]\n';
      writeSeq(value, '', out, false);
    } else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0) return '{}\n';
      writeMap(value, keys, '', out, false);
    } else {
      return undefined;
    }
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
  return out.join('');
}

const UNSUPPORTED = Symbol('unsupported');

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

function scalar(v: unknown, position: 'key' | 'value' | 'item'): string {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
    const text = scalarText(v as string | number | boolean | null, position);
    if (text !== null) return text;
  }
  throw UNSUPPORTED;
}

/**
 * Writes a value that follows `key:` or `- ` (already written): a scalar or
 * an empty collection on the same line, a collection on the next lines at
 * `indent` — or, after `- ` (`inline`), its first entry on the same line.
 */
function writeValue(v: unknown, indent: string, out: string[], inline: boolean): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.push(inline ? '[]\n' : ' []\n');
    else {
      if (!inline) out.push('\n');
      writeSeq(v, indent, out, inline);
    }
  } else if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) out.push(inline ? '{}\n' : ' {}\n');
    else {
      if (!inline) out.push('\n');
      writeMap(v, keys, indent, out, inline);
    }
  } else if (v === undefined || (typeof v === 'object' && v !== null)) {
    throw UNSUPPORTED;
  } else {
    out.push(inline ? '' : ' ', scalar(v, inline ? 'item' : 'value'), '\n');
  }
}

/**
 * Writes the entries of a non-empty map, each on its own line at `indent`,
 * except the first when `inline` (it follows a `- ` already written).
 */
function writeMap(map: Record<string, unknown>, keys: readonly string[], indent: string, out: string[], inline: boolean): void {
  const nested = `${indent}  `;
  for (let i = 0; i < keys.length; i++) {
    out.push(i === 0 && inline ? '' : indent, scalar(keys[i], 'key'), ':');
    writeValue(map[keys[i]], nested, out, false);
  }
}

/**
 * Writes the items of a non-empty sequence as `- ` lines at `indent`, except
 * the first when `inline` (it follows a `- ` already written).
 */
function writeSeq(seq: readonly unknown[], indent: string, out: string[], inline: boolean): void {
  const nested = `${indent}  `;
  for (let i = 0; i < seq.length; i++) {
    out.push(i === 0 && inline ? '- ' : `${indent}- `);
    writeValue(seq[i], nested, out, true);
  }
}
