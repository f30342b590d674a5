/**
 * A parser for fluentd's configuration format (the v1 syntax), written after
 * fluentd's own parser (lib/fluent/config/v1_parser.rb, literal_parser.rb,
 * basic_parser.rb) so that a file this accepts, fluentd reads the same way:
 * directives `<name arg>…</name>`, `key value` parameters with bare,
 * single-quoted, double-quoted and JSON values, comments.
 *
 * Embedded Ruby (`#{…}` in double quotes) is accepted only in the form
 * `#{ENV['NAME']}`, recorded in `envRefs`; anything else is an error, so the
 * tests fail if a rendered configuration could run code.
 */

/** A parsed directive. */
export interface FluentdElement {
  readonly name: string;
  readonly arg: string;
  /** Parameters by name, values unescaped (env references as `${ENV:NAME}`). */
  readonly params: Record<string, string>;
  readonly children: FluentdElement[];
  /** 1-based line of the opening tag (0 for the root). */
  readonly line: number;
  /** Environment variables read through `#{ENV['NAME']}`. */
  readonly envRefs: string[];
}

const LINE_END = /(?:[ \t]*(?:#.*)?(?:$|[\r\n]))+/y;
const SPACING = /(?:[ \t\r\n]|#.*?(?:$|[\r\n]))+/y;
const SPACING_WITHOUT_COMMENT = /(?:[ \t\r\n])+/y;
const ELEMENT_NAME = /[a-zA-Z0-9_]+/y;
const ELEM_SYMBOLS = ['match', 'source', 'filter', 'system'];
const RESERVED_PARAMS = ['@type', '@id', '@label', '@log_level'];

class Scanner {
  public pos = 0;
  public last = '';
  constructor(public readonly text: string) {}

  public eof(): boolean { return this.pos >= this.text.length; }

  public scan(re: RegExp): string | undefined {
    const sticky = re.sticky ? re : new RegExp(re.source, `${re.flags}y`);
    sticky.lastIndex = this.pos;
    const m = sticky.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    this.last = m[0];
    return m[0];
  }

  public check(re: RegExp): string | undefined {
    const at = this.pos;
    const r = this.scan(re);
    this.pos = at;
    return r;
  }

  public skip(literal: string): boolean {
    if (this.text.startsWith(literal, this.pos)) {
      this.pos += literal.length;
      this.last = literal;
      return true;
    }
    return false;
  }

  public lineEnd(): boolean {
    if (this.eof()) return true;
    return this.scan(LINE_END) !== undefined;
  }

  public spacing(): void { this.scan(SPACING); }

  public line(): number { return this.text.slice(0, this.pos).split('\n').length; }

  public error(message: string): never {
    throw new Error(`fluentd config parse error: ${message} at line ${this.line()}: ${JSON.stringify(this.text.split('\n')[this.line() - 1])}`);
  }
}

function scanNonQuoted(s: Scanner, boundary: RegExp): string | undefined {
  const charset = new RegExp(`(?!${boundary.source}).`, 'y');
  let out = '';
  for (;;) {
    if (s.skip('#')) out += '#';
    else {
      const c = s.scan(charset);
      if (c === undefined) break;
      out += c;
    }
  }
  return out === '' ? undefined : out;
}

function escapeChar(s: Scanner, c: string): string {
  switch (c) {
    case '"': return '"';
    case "'": return "'";
    case 'r': return '\r';
    case 'n': return '\n';
    case 't': return '\t';
    case 'f': return '\f';
    case 'b': return '\b';
    case '0': return '\0';
    default:
      if (/[a-zA-Z0-9]/.test(c)) s.error(`unexpected back-slash escape character '${c}'`);
      return c;
  }
}

function scanDoubleQuoted(s: Scanner, envRefs: string[]): string {
  let out = '';
  for (;;) {
    if (s.skip('"')) return out;
    const eol = s.check(/[^"](?:$|[\r\n])/);
    if (eol !== undefined) {
      const kept = s.check(/[^\\](?:$|[\r\n])/);
      if (kept !== undefined) out += kept;
      s.scan(/[^"](?:$|[\r\n])/);
      continue;
    }
    const esc = s.scan(/\\./);
    if (esc !== undefined) { out += escapeChar(s, esc[1]); continue; }
    if (s.skip('#{')) {
      const env = s.scan(/ENV\['([A-Za-z_][A-Za-z0-9_]*)'\]\}/);
      if (env === undefined) s.error('embedded Ruby code other than #{ENV[\'NAME\']}');
      const name = /ENV\['([^']+)'\]/.exec(env)![1];
      envRefs.push(name);
      out += `\${ENV:${name}}`;
      continue;
    }
    const c = s.scan(/[\s\S]/);
    if (c === undefined) s.error('unexpected end of file in a double quoted string');
    out += c;
  }
}

function scanSingleQuoted(s: Scanner): string {
  let out = '';
  for (;;) {
    if (s.skip("'")) return out;
    if (s.skip("\\'")) { out += "'"; continue; }
    if (s.skip('\\\\')) { out += '\\'; continue; }
    const c = s.scan(/./);
    if (c === undefined) s.error('unexpected end of file in a single quoted string');
    out += c;
  }
}

function scanString(s: Scanner, boundary: RegExp, envRefs: string[]): string | undefined {
  if (s.skip('"')) return scanDoubleQuoted(s, envRefs);
  if (s.skip("'")) return scanSingleQuoted(s);
  return scanNonQuoted(s, boundary);
}

function scanJson(s: Scanner, isArray: boolean): string {
  let buffer = isArray ? '[' : '{';
  let lineBuffer = '';
  const tryParse = (text: string) => { try { return JSON.parse(text) as unknown; } catch { return undefined; } };
  for (;;) {
    if (s.eof()) s.error(`incomplete JSON ${isArray ? 'array' : 'hash'}`);
    const c = s.text[s.pos++];
    if (c === '#') {
      const closed = tryParse(`${buffer}${lineBuffer.trimEnd().replace(/,$/, '')}${isArray ? ']' : '}'}`);
      if (closed !== undefined) {
        while (!s.eof() && s.text[s.pos++] !== '\n') { /* comment */ }
        buffer += `${lineBuffer}\n`;
        lineBuffer = '';
      } else {
        lineBuffer += c;
      }
      continue;
    }
    if (c === '\n') { buffer += `${lineBuffer}\n`; lineBuffer = ''; continue; }
    lineBuffer += c;
    const parsed = tryParse(buffer + lineBuffer);
    if (parsed !== undefined) return JSON.stringify(parsed);
  }
}

function parseLiteral(s: Scanner, envRefs: string[]): string | undefined {
  s.scan(SPACING_WITHOUT_COMMENT);
  if (s.skip('[')) return scanJson(s, true);
  if (s.skip('{')) return scanJson(s, false);
  return scanString(s, LINE_END, envRefs);
}

function parseElement(s: Scanner, root: boolean, name: string, line: number, arg = ''): FluentdElement {
  const params: Record<string, string> = {};
  const children: FluentdElement[] = [];
  const envRefs: string[] = [];
  for (;;) {
    s.spacing();
    if (s.eof()) {
      if (root) break;
      s.error(`expected end tag '</${name}>' but got end of file`);
    }
    if (s.skip('</')) {
      const end = s.scan(ELEMENT_NAME);
      s.spacing();
      if (!s.skip('>')) s.error('expected character in tag name');
      if (!s.lineEnd()) s.error('expected end of line after end tag');
      if (end !== name) s.error(`unmatched end tag </${end}> for <${name}>`);
      break;
    }
    if (s.skip('<')) {
      const childLine = s.line();
      const childName = s.scan(ELEMENT_NAME);
      if (childName === undefined) s.error('expected a directive name');
      s.spacing();
      const childArg = scanNonQuoted(s, /(?:(?:[ \t\r\n]|#.*?(?:$|[\r\n]))*>)/) ?? '';
      s.spacing();
      if (!s.skip('>')) s.error("expected '>'");
      if (!s.lineEnd()) s.error('expected end of line after tag');
      children.push(parseElement(s, false, childName, childLine, childArg));
      continue;
    }
    const key = scanString(s, /(?:[ \t\r\n]|#.*?(?:$|[\r\n]))/, envRefs);
    if (key === undefined) s.error('expected a parameter name');
    const space = s.scan(SPACING_WITHOUT_COMMENT) ?? '';
    if (space.includes('\n') || s.eof()) {
      params[key] = '';
      continue;
    }
    if (key.startsWith('@') && !RESERVED_PARAMS.includes(key) && (root || ELEM_SYMBOLS.includes(name))) {
      s.error(`'@' is the system reserved prefix: ${key}`);
    }
    if (key in params) s.error(`parameter ${key} is set twice in <${name}>`);
    const value = parseLiteral(s, envRefs);
    if (!s.lineEnd()) s.error('expected end of line');
    params[key] = value ?? '';
  }
  return { name, arg: arg.trim(), params, children, line, envRefs };
}

/**
 * Parses a fluentd configuration file.
 *
 * @returns the root element (name `ROOT`) holding the top-level directives
 * @throws Error naming the line of the first syntax error
 */
export function parseFluentdConfig(text: string): FluentdElement {
  return parseElement(new Scanner(text), true, 'ROOT', 0);
}

/** Every element of the tree, depth first, with its parent chain. */
export function walk(root: FluentdElement, visit: (e: FluentdElement, parents: readonly FluentdElement[]) => void): void {
  const rec = (e: FluentdElement, parents: FluentdElement[]) => {
    visit(e, parents);
    for (const c of e.children) rec(c, [...parents, e]);
  };
  for (const c of root.children) rec(c, [root]);
}
