/**
 * Checks of a fluentd configuration tree against what fluentd and the
 * plugins of the pinned image accept ({@link PLUGINS}): known directives in
 * the right places, `@type` where fluentd needs one, only parameters and
 * sections the plugin release declares (a removed parameter named with the
 * release that removed it), and the configure-time rules fluentd enforces
 * that a parameter list cannot express:
 *
 * - `filter_grep` (fluentd 1.19.3 lib/fluent/plugin/filter_grep.rb
 *   `configure`): the `<regexp>` of every `<and>` and the top-level
 *   `<regexp>`s form ONE conjunction, the `<exclude>`s of every `<and>`
 *   form ONE conjunction, the `<exclude>`s of every `<or>` and the top-level
 *   `<exclude>`s ONE disjunction; a key repeated in any of these sets is
 *   refused ("Duplicate key in <and>: …"), and an `<and>` or `<or>` with
 *   both `<regexp>` and `<exclude>` is refused. So two exclusions need two
 *   grep filters, not two `<and>` blocks of one.
 * - buffer chunk keys (lib/fluent/plugin/output.rb `configure`): `tag`,
 *   `time` (needs `timekey`), record keys of `[-_.@a-zA-Z0-9]` or `$.`
 *   accessors, never bracket notation; and a `${key}` placeholder in an
 *   output parameter is replaced only when `key` is a chunk key
 *   (`extract_placeholders`), `${tag}`/`${tag[n]}` only with the `tag` key.
 *
 * Works on a plain element tree, so the renderer checks what it builds and
 * the tests check what they parse back from the rendered text.
 */
import { COMMON_PARAMS, PLUGINS, SectionSpec, SYSTEM_PARAMS, TYPED_DIRECTIVES, TYPED_SECTIONS } from './plugin-catalog';

/** A configuration element: directive name, argument, parameters (values as fluentd reads them) and children. */
export interface ConfigElement {
  readonly name: string;
  readonly arg: string;
  readonly params: Readonly<Record<string, string>>;
  readonly children: readonly ConfigElement[];
  /** 1-based line of the opening tag, when known. */
  readonly line?: number;
}

function where(e: ConfigElement): string {
  return `<${e.name}${e.arg ? ` ${e.arg}` : ''}>${e.line ? ` (line ${e.line})` : ''}`;
}

function checkSection(e: ConfigElement, spec: SectionSpec, allowed: readonly string[], out: string[], removed?: Readonly<Record<string, string>>, plugin?: string): void {
  if (spec.params !== 'any') {
    for (const key of Object.keys(e.params)) {
      if (allowed.includes(key) || spec.params.includes(key)) continue;
      const gone = removed?.[key];
      out.push(gone ? `${where(e)}: parameter ${key} no longer exists in ${plugin}: ${gone}` : `${where(e)}: unknown parameter ${key}`);
    }
  }
  for (const child of e.children) {
    const sub = spec.sections?.[child.name];
    if (!sub) {
      out.push(`${where(child)}: section not allowed in ${where(e)}`);
    } else if (sub === 'typed') {
      const type = child.params['@type'];
      const typed = type ? TYPED_SECTIONS[`${child.name}/${type}`] : undefined;
      if (!type) out.push(`${where(child)}: missing @type`);
      else if (!typed) out.push(`${where(child)}: unknown ${child.name} type ${type}`);
      else checkSection(child, { params: typed.params, sections: {} }, [], out);
    } else {
      checkSection(child, sub, [], out);
    }
  }
}

/** The problems fluentd's filter_grep `configure` raises for `e`, with its own messages. */
export function grepProblems(e: ConfigElement): string[] {
  const out: string[] = [];
  const sets = { regexpAnd: new Set<string>(), excludeAnd: new Set<string>(), regexpOr: new Set<string>(), excludeOr: new Set<string>() };
  const add = (set: Set<string>, rule: ConfigElement, message: string) => {
    const key = rule.params.key;
    if (key === undefined || rule.params.pattern === undefined) {
      out.push(`${where(rule)}: 'key' and 'pattern' are required`);
      return;
    }
    if (set.has(key)) out.push(`${where(e)}: ${message}: ${key}`);
    set.add(key);
  };
  const top = (name: string) => e.children.filter((c) => c.name === name);
  for (const r of top('regexp')) add(sets.regexpAnd, r, 'Duplicate key');
  for (const r of top('exclude')) add(sets.excludeOr, r, 'Duplicate key');
  for (const [group, regexps, excludes] of [['and', sets.regexpAnd, sets.excludeAnd], ['or', sets.regexpOr, sets.excludeOr]] as const) {
    for (const g of top(group)) {
      const rs = g.children.filter((c) => c.name === 'regexp');
      const xs = g.children.filter((c) => c.name === 'exclude');
      if (rs.length > 0 && xs.length > 0) out.push(`${where(g)}: Do not specify both <regexp> and <exclude> in <${group}>`);
      for (const r of rs) add(regexps, r, `Duplicate key in <${group}>`);
      for (const x of xs) add(excludes, x, `Duplicate key in <${group}>`);
    }
  }
  return out;
}

const CHUNK_KEY_PATTERN = /^[-_.@a-zA-Z0-9]+$/;
const CHUNK_KEY_PLACEHOLDER = /\$\{([-_.@$a-zA-Z0-9]+)\}/g;
const CHUNK_TAG_PLACEHOLDER = /\$\{tag(?:\[-?\d+\])?\}/;

/** Buffer chunk keys and the placeholders of an output's parameters (fluentd lib/fluent/plugin/output.rb). */
function chunkKeyProblems(output: ConfigElement): string[] {
  const buffer = output.children.find((c) => c.name === 'buffer');
  const keys = (buffer?.arg ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  const out: string[] = [];
  for (const k of keys) {
    if (k === 'tag' || k === 'time') continue;
    if (k.startsWith('$[')) out.push(`${where(buffer!)}: in chunk_keys: bracket notation is not allowed (${k})`);
    else if (!k.startsWith('$.') && !CHUNK_KEY_PATTERN.test(k)) out.push(`${where(buffer!)}: chunk_keys specification includes invalid char (${k})`);
  }
  if (keys.includes('time') && buffer?.params.timekey === undefined) out.push(`${where(buffer!)}: <buffer ...> argument includes 'time', but timekey is not configured`);
  const recordKeys = keys.filter((k) => k !== 'tag' && k !== 'time');
  for (const [param, value] of Object.entries(output.params)) {
    if (CHUNK_TAG_PLACEHOLDER.test(value) && !keys.includes('tag')) out.push(`${where(output)}: ${param} has a tag placeholder, but chunk key 'tag' is not configured`);
    for (const m of value.matchAll(CHUNK_KEY_PLACEHOLDER)) {
      if (m[1] === 'tag' || m[1] === 'chunk_id') continue;
      if (!recordKeys.includes(m[1])) out.push(`${where(output)}: ${param} has placeholder \${${m[1]}}, but it is not a chunk key (${keys.join(', ') || 'none'})`);
    }
  }
  return out;
}

/**
 * fluent-plugin-s3 1.8.5 `configure` (out_s3.rb): with more than one flush
 * thread, an object key without `${chunk_id}`, `%{uuid_flush}` or
 * `%{hex_random}` lets two flushes write the same object, and one is lost.
 */
function s3Problems(e: ConfigElement): string[] {
  const threads = Number(e.children.find((c) => c.name === 'buffer')?.params.flush_thread_count ?? '1');
  const format = e.params.s3_object_key_format ?? '%{path}%{time_slice}_%{index}.%{file_extension}';
  if (threads > 1 && !/\$\{chunk_id\}|%\{uuid_flush\}|%\{hex_random\}/.test(format)) {
    return [`${where(e)}: s3_object_key_format has no \${chunk_id}, %{uuid_flush} or %{hex_random} with ${threads} flush threads: two flushes can write the same object`];
  }
  return [];
}

function checkPlugin(e: ConfigElement, out: string[]): void {
  if ((e.name === 'match' || e.name === 'filter') && !e.arg) out.push(`${where(e)}: missing tag pattern`);
  const type = e.params['@type'];
  if (!type) {
    out.push(`${where(e)}: missing @type`);
    return;
  }
  const spec = PLUGINS[`${e.name}/${type}`];
  if (!spec) {
    out.push(`${where(e)}: unknown plugin ${e.name}/${type}`);
    return;
  }
  checkSection(e, spec, COMMON_PARAMS, out, spec.removed, `${spec.gem} ${spec.version}`);
  if (e.name === 'filter' && type === 'grep') out.push(...grepProblems(e));
  if (e.name === 'match') out.push(...chunkKeyProblems(e));
  if (e.name === 'match' && type === 's3') out.push(...s3Problems(e));
}

/**
 * Every problem in the top-level elements `root`: unknown or misplaced
 * directives, missing `@type` on source, filter, match, buffer, parse,
 * format and storage, parameters or sections the plugin release does not
 * declare, grep filters fluentd refuses, bad chunk keys and placeholders.
 *
 * @returns problems as text, in file order; empty when fluentd would accept the configuration
 */
export function checkFluentdConfig(root: readonly ConfigElement[]): string[] {
  const out: string[] = [];
  for (const e of root) {
    switch (e.name) {
      case 'system':
        for (const k of Object.keys(e.params)) if (!SYSTEM_PARAMS.includes(k)) out.push(`${where(e)}: unknown parameter ${k}`);
        break;
      case 'source':
      case 'filter':
      case 'match':
        checkPlugin(e, out);
        break;
      case 'label':
        if (!e.arg.startsWith('@')) out.push(`${where(e)}: label names start with @`);
        for (const c of e.children) {
          if (c.name === 'filter' || c.name === 'match') checkPlugin(c, out);
          else out.push(`${where(c)}: only <filter> and <match> belong in a <label>`);
        }
        break;
      default:
        out.push(`${where(e)}: unknown top-level directive`);
    }
  }
  const typed = (e: ConfigElement) => {
    if (TYPED_DIRECTIVES.includes(e.name) && !e.params['@type']) out.push(`${where(e)}: missing @type`);
    e.children.forEach(typed);
  };
  root.forEach(typed);
  return [...new Set(out)];
}
