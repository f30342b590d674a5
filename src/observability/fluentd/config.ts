/**
 * A typed model of fluentd configuration (the v1 syntax) and its
 * deterministic text rendering.
 *
 * Quoting follows fluentd's own literal parser
 * (lib/fluent/config/literal_parser.rb):
 * - a one-line value is written bare when fluentd reads it back unchanged:
 *   it does not start with a quote, `[`, `{` or white space, does not end in
 *   white space, and has no ` #` (which would start a comment);
 * - any other text is written single-quoted, where only `\\` and `\'` are
 *   escapes and `#{...}` is NOT evaluated — so text from the platform
 *   definition can never run Ruby code in fluentd;
 * - only {@link env} references are written double-quoted, as
 *   `"#{ENV['NAME']}"`, fluentd's embedded-Ruby form for reading a secret
 *   from the environment;
 * - JSON values are written as compact JSON (fluentd parses a value starting
 *   with `[` or `{` as JSON).
 * Line breaks are refused everywhere: a value is one line.
 */

import { checkFluentdConfig, ConfigElement } from './config-check';

/** A parameter value. */
export type ParamValue = string | number | boolean | EnvRef | JsonRef | RegexpRef;

/** An environment variable read by fluentd at start-up (a secret injected into the pod). */
export interface EnvRef { readonly env: string }
/** A JSON array or object value. */
export interface JsonRef { readonly json: unknown[] | Record<string, unknown> }
/** A regular expression value, written `/source/`. */
export interface RegexpRef { readonly regexp: string }

/** `"#{ENV['NAME']}"`: the value of environment variable `name` (`[A-Z_][A-Z0-9_]*`). */
export function env(name: string): EnvRef {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new Error(`fluentd env: "${name}" is not an environment variable name ([A-Z_][A-Z0-9_]*)`);
  return { env: name };
}
/** A JSON parameter value. */
export function json(value: unknown[] | Record<string, unknown>): JsonRef {
  return { json: value };
}
/** A regular-expression parameter value. */
export function regexp(source: string): RegexpRef {
  return { regexp: source };
}

/** One directive (`<source>`, `<match pattern>`, `<buffer>`, …) with its parameters and nested directives. */
export interface Directive {
  /** Directive name, e.g. `match`. */
  readonly name: string;
  /** Argument after the name, e.g. the tag pattern of `<match kubernetes.**>`. */
  readonly arg?: string;
  /** Parameters in order; `undefined` values are left out. */
  readonly params: ReadonlyArray<readonly [string, ParamValue | undefined]>;
  readonly children: readonly Directive[];
  /** Comment lines written above the directive. */
  readonly comment?: readonly string[];
}

/** Builds a directive; parameters keep the object's key order, undefined values are dropped. */
export function directive(
  name: string, arg: string | undefined, params: Record<string, ParamValue | undefined>,
  children: readonly Directive[] = [], comment?: readonly string[],
): Directive {
  return { name, arg, params: Object.entries(params), children, comment };
}

const KEY = /^@?[A-Za-z0-9_][A-Za-z0-9_.\/-]*$/;
const NAME = /^[a-zA-Z0-9_]+$/;

function oneLine(text: string, what: string): string {
  if (/[\r\n]/.test(text)) throw new Error(`fluentd config: ${what} must be one line, got ${JSON.stringify(text)}`);
  return text;
}

/** Writes a string the way fluentd reads it back unchanged: bare when safe, else single-quoted. */
export function quoteString(value: string): string {
  oneLine(value, 'a value');
  if (/^[^\s"'[{]/.test(value) && !/\s$/.test(value) && !/[ \t]#/.test(value)) return value;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Renders one parameter value. */
export function renderValue(value: ParamValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`fluentd config: ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return quoteString(value);
  if ('env' in value) return `"#{ENV['${env(value.env).env}']}"`;
  if ('json' in value) return oneLine(JSON.stringify(value.json), 'a JSON value');
  return quoteString(`/${value.regexp}/`);
}

function renderDirective(d: Directive, indent: string, out: string[]): void {
  if (!NAME.test(d.name)) throw new Error(`fluentd config: "${d.name}" is not a directive name`);
  for (const line of d.comment ?? []) out.push(`${indent}# ${oneLine(line, 'a comment')}`.trimEnd());
  let open = `<${d.name}`;
  if (d.arg !== undefined && d.arg !== '') {
    if (!/^[^\s>#'"][^>#\r\n]*$/.test(d.arg) || /\s$/.test(d.arg)) throw new Error(`fluentd config: "${d.arg}" is not a valid argument of <${d.name}>`);
    open += ` ${d.arg}`;
  }
  out.push(`${indent}${open}>`);
  const inner = `${indent}  `;
  for (const [key, value] of d.params) {
    if (value === undefined) continue;
    if (!KEY.test(key)) throw new Error(`fluentd config: "${key}" is not a parameter name`);
    out.push(`${inner}${key} ${renderValue(value)}`);
  }
  for (const child of d.children) renderDirective(child, inner, out);
  out.push(`${indent}</${d.name}>`);
}

/**
 * Renders a whole configuration file: the header comment lines, then each
 * top-level directive separated by a blank line. Ends with a newline.
 *
 * @throws Error when a name, argument or value cannot be written safely (a line break, a bad name)
 */
export function renderConfig(header: readonly string[], directives: readonly Directive[]): string {
  const out: string[] = header.map((l) => `# ${oneLine(l, 'a comment')}`.trimEnd());
  for (const d of directives) {
    if (out.length > 0) out.push('');
    renderDirective(d, '', out);
  }
  return `${out.join('\n')}\n`;
}

/** A parameter value as fluentd reads it back (environment references as `${ENV:NAME}`). */
function valueText(value: ParamValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('env' in value) return `\${ENV:${value.env}}`;
  if ('json' in value) return JSON.stringify(value.json);
  return `/${value.regexp}/`;
}

/** The directive as a plain element tree (the shape {@link checkFluentdConfig} checks). */
function elementOf(d: Directive): ConfigElement {
  const params: Record<string, string> = {};
  for (const [k, v] of d.params) if (v !== undefined) params[k] = valueText(v);
  return { name: d.name, arg: d.arg ?? '', params, children: d.children.map(elementOf) };
}

/**
 * Renders a configuration after checking it against what fluentd and the
 * pinned plugin releases accept ({@link checkFluentdConfig}).
 *
 * @throws Error listing every problem when fluentd would refuse (or silently ignore part of) the configuration
 */
export function renderCheckedConfig(header: readonly string[], directives: readonly Directive[]): string {
  const problems = checkFluentdConfig(directives.map(elementOf));
  if (problems.length > 0) throw new Error(`fluentd config: the rendered configuration would not be accepted as written:\n  ${problems.join('\n  ')}`);
  return renderConfig(header, directives);
}
