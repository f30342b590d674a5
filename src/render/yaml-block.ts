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
  if (!isCollection(value)) return undefined;
  const out: string[] = [];
  try {
    if (isEmpty(value)) return Array.isArray(value) ? '[]\n' : '{}\n';
    if (Array.isArray(value)) writeSeq(value, '', out, false);
    else writeMap(value as Record<string, unknown>, '', out, false);
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
  return out.join('');
}

const UNSUPPORTED = Symbol('unsupported');

function isCollection(v: unknown): v is object {
  return Array.isArray(v) || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype);
}

function isEmpty(v: object): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

function scalar(v: unknown, position: 'key' | 'value' | 'item'): string {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
    const text = scalarText(v as string | number | boolean | null, position);
    if (text !== null) return text;
  }
  throw UNSUPPORTED;
}

/**
 * Writes the entries of a non-empty map, each on its own line at `indent`,
 * except the first when `inline` (it follows a `- ` already written).
 */
function writeMap(map: Record<string, unknown>, indent: string, out: string[], inline: boolean): void {
  let first = true;
  for (const key of Object.keys(map)) {
    const v = map[key];
    if (v === undefined) throw UNSUPPORTED;
    out.push(first && inline ? '' : indent, scalar(key, 'key'), ':');
    first = false;
    if (isCollection(v)) {
      if (isEmpty(v)) {
        out.push(Array.isArray(v) ? ' []\n' : ' {}\n');
      } else if (Array.isArray(v)) {
        out.push('\n');
        writeSeq(v, `${indent}  `, out, false);
      } else {
        out.push('\n');
        writeMap(v as Record<string, unknown>, `${indent}  `, out, false);
      }
    } else {
      out.push(' ', scalar(v, 'value'), '\n');
    }
  }
}

/**
 * Writes the items of a non-empty sequence as `- ` lines at `indent`, except
 * the first when `inline` (it follows a `- ` already written).
 */
function writeSeq(seq: unknown[], indent: string, out: string[], inline: boolean): void {
  seq.forEach((v, i) => {
    out.push(i === 0 && inline ? '- ' : `${indent}- `);
    if (isCollection(v)) {
      if (isEmpty(v)) out.push(Array.isArray(v) ? '[]\n' : '{}\n');
      else if (Array.isArray(v)) writeSeq(v, `${indent}  `, out, true);
      else writeMap(v as Record<string, unknown>, `${indent}  `, out, true);
    } else {
      out.push(scalar(v, 'item'), '\n');
    }
  });
}
