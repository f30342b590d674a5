/**
 * Simulates how fluentd routes one event through a parsed configuration:
 * the event enters its source's `@label`; filters whose pattern matches the
 * tag and that come before the first matching `<match>` are applied in file
 * order; the first `<match>` whose pattern matches receives it;
 * `rewrite_tag_filter` applies its first matching rule and re-emits the
 * record with the new tag into the same label.
 *
 * Ported from fluentd 1.19.3 lib/fluent/match.rb (GlobMatchPattern,
 * OrMatchPattern), lib/fluent/event_router.rb (first match wins, filters
 * before it), fluent-plugin-rewrite-tag-filter 2.4.0 out_rewrite_tag_filter.rb
 * (first rule wins, `$n` and `${tag_parts[n]}`, per-rule `label`),
 * filter_grep.rb (its conditions merged across `<and>`/`<or>` blocks exactly
 * as `configure` builds them, refusing what it refuses), filter_parser and
 * filter_record_transformer (`${tag_parts[n]}`, `${record["key"]}`), and
 * kubernetes_metadata 3.x (pod and namespace labels under
 * `kubernetes.labels` / `kubernetes.namespace_labels`, keys kept with their
 * dots: no `de_dot` since 3.0.0). Anything the simulation does not model
 * throws, so it never silently answers wrong.
 */
import { grepProblems } from '../../src/observability/fluentd/config-check';
import { FluentdElement } from './fluentd-config';

/** Converts a fluentd tag pattern (one word) to a JavaScript RegExp, as GlobMatchPattern does. */
export function globToRegExp(pattern: string): RegExp {
  if (pattern === '**') return /^[\s\S]*$/;
  const stack: string[][] = [];
  const regex: string[] = [''];
  let escape = false;
  let dot = false;
  let i = 0;
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  while (i < pattern.length) {
    const c = pattern[i];
    if (escape) {
      regex[regex.length - 1] += esc(c);
      escape = false;
      i++;
      continue;
    } else if (pattern.slice(i, i + 2) === '**') {
      if (dot) {
        regex[regex.length - 1] += '(?![^\\.])';
        dot = false;
      }
      if (pattern[i + 2] === '.') {
        regex[regex.length - 1] += '(?:.*\\.|^)';
        i += 3;
      } else {
        regex[regex.length - 1] += '.*';
        i += 2;
      }
      continue;
    } else if (dot) {
      regex[regex.length - 1] += '\\.';
      dot = false;
    }
    if (c === '\\') escape = true;
    else if (c === '.') dot = true;
    else if (c === '*') regex[regex.length - 1] += '[^\\.]*';
    else if (c === '{') { stack.push([]); regex.push(''); }
    else if (c === '}' && stack.length > 0) {
      stack[stack.length - 1].push(regex.pop()!);
      const alts = stack.pop()!;
      regex[regex.length - 1] += `(?:${alts.map((a) => `(?:${a})`).join('|')})`;
    } else if (c === ',' && stack.length > 0) {
      stack[stack.length - 1].push(regex.pop()!);
      regex.push('');
    } else if (/[a-zA-Z0-9_]/.test(c)) regex[regex.length - 1] += c;
    else regex[regex.length - 1] += `\\${c}`;
    i++;
  }
  while (stack.length > 0) {
    stack[stack.length - 1].push(regex.pop()!);
    const alts = stack.pop()!;
    regex[regex.length - 1] += `(?:${alts.map((a) => `(?:${a})`).join('|')})`;
  }
  return new RegExp(`^${regex[regex.length - 1]}$`);
}

/** True when `tag` matches the `<match>`/`<filter>` argument (whitespace-separated patterns, any of them). */
export function tagMatches(arg: string, tag: string): boolean {
  return arg.split(/\s+/).filter(Boolean).some((p) => globToRegExp(p).test(tag));
}

/** A fluentd `regexp` parameter (`/source/flags`) as a JavaScript RegExp (Ruby \A and \z mapped). */
export function rubyRegexp(value: string): RegExp {
  const m = /^\/(.*)\/([imx]*)$/s.exec(value);
  const source = m ? m[1] : value;
  const flags = m ? m[2] : '';
  if (flags.includes('x')) throw new Error(`simulation: extended regexps are not modelled (${value})`);
  if (/\\[hHRXKG]|\(\?[imx-]+[:)]|\+\+|\*\+|\?\+/.test(source)) throw new Error(`simulation: Ruby-only regexp syntax in ${value}`);
  const js = source.replace(/\\A/g, '^').replace(/\\z/g, '$');
  return new RegExp(js, `${flags.includes('i') ? 'i' : ''}${flags.includes('m') ? 's' : ''}`);
}

/** Reads a field with a record accessor (`$.a.b`, `$["a"]['b']`) or a plain key. */
export function access(record: Record<string, unknown>, key: string): unknown {
  let path: string[];
  if (key.startsWith('$.')) path = key.slice(2).split('.');
  else if (key.startsWith('$[')) {
    path = [];
    const re = /\[(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\d+))\]/y;
    let at = 1;
    while (at < key.length) {
      re.lastIndex = at;
      const m = re.exec(key);
      if (!m) throw new Error(`simulation: cannot read record accessor ${key}`);
      path.push(m[1] ?? m[2] ?? m[3]);
      at = re.lastIndex;
    }
  } else path = [key];
  let v: unknown = record;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/** What the Kubernetes API knows about the pod that wrote a container log line. */
export interface PodInfo {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of the pod's Namespace. */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

/** One event entering the pipeline. */
export interface SimEvent {
  /** `@id` of the source it comes from. */
  readonly source: string;
  readonly tag: string;
  readonly record: Record<string, unknown>;
  /** For container logs: the pod, as kubernetes_metadata would look it up. */
  readonly pod?: PodInfo;
}

/** Where the event ended. */
export interface SimResult {
  /** The output `<match>` reached, or undefined when the event was dropped. */
  readonly output?: FluentdElement;
  /** Why the event was dropped. */
  readonly dropped?: string;
  /** Tags the event had, in order. */
  readonly tags: readonly string[];
  /** The record as it reached the output. */
  readonly record: Record<string, unknown>;
  /** The label it was routed in. */
  readonly label: string;
}

function stringOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** filter_grep as `configure` builds it: the four merged condition sets; throws what fluentd raises. */
function grepKeeps(e: FluentdElement, record: Record<string, unknown>): boolean {
  const problems = grepProblems(e);
  if (problems.length > 0) throw new Error(`fluentd would refuse this grep filter: ${problems.join('; ')}`);
  const matches = (r: FluentdElement) => rubyRegexp(r.params.pattern).test(stringOf(access(record, r.params.key)));
  const rules = (group: string | undefined, name: string) => (group === undefined ? e.children : e.children.filter((c) => c.name === group).flatMap((g) => g.children))
    .filter((c) => c.name === name);
  const regexpAnd = [...rules(undefined, 'regexp'), ...rules('and', 'regexp')];
  const regexpOr = rules('or', 'regexp');
  const excludeAnd = rules('and', 'exclude');
  const excludeOr = [...rules(undefined, 'exclude'), ...rules('or', 'exclude')];
  if (regexpAnd.length > 0 && regexpAnd.some((r) => !matches(r))) return false;
  if (regexpOr.length > 0 && !regexpOr.some(matches)) return false;
  if (excludeAnd.length > 0 && excludeAnd.every(matches)) return false;
  if (excludeOr.some(matches)) return false;
  return true;
}

/** filter_record_transformer's placeholders without enable_ruby: `${tag}`, `${tag_parts[n]}`, `${record["key"]}`. */
function expandRecordPlaceholders(value: string, tag: string, record: Record<string, unknown>): string {
  const parts = tag.split('.');
  return value.replace(/\$\{([^}]+)\}/g, (ph, inner: string) => {
    if (inner === 'tag') return tag;
    const part = /^tag_parts\[(-?\d+)\]$/.exec(inner);
    if (part) {
      const i = Number(part[1]);
      const v = parts[i < 0 ? parts.length + i : i];
      if (v === undefined) throw new Error(`simulation: ${ph} out of range for tag ${tag}`);
      return v;
    }
    const field = /^record\["([^"]+)"\]$/.exec(inner);
    if (field) return stringOf(record[field[1]]);
    throw new Error(`simulation: record_transformer placeholder ${ph} not modelled`);
  });
}

function applyFilter(e: FluentdElement, record: Record<string, unknown>, ev: SimEvent, tag: string): Record<string, unknown> | undefined {
  const p = e.params;
  switch (p['@type']) {
    case 'concat':
      return record; // whole (F) lines only in the simulation
    case 'kubernetes_metadata': {
      if (!ev.pod) throw new Error('simulation: kubernetes_metadata needs the pod of a container log event');
      if (p.de_dot !== undefined || p.de_slash !== undefined) throw new Error('simulation: de_dot/de_slash do not exist in kubernetes_metadata 3.x');
      const kubernetes: Record<string, unknown> = { namespace_name: ev.pod.namespace, pod_name: ev.pod.pod, container_name: ev.pod.container };
      if (Object.keys(ev.pod.labels).length > 0) kubernetes.labels = { ...ev.pod.labels };
      if (ev.pod.namespaceLabels && Object.keys(ev.pod.namespaceLabels).length > 0) kubernetes.namespace_labels = { ...ev.pod.namespaceLabels };
      return { ...record, kubernetes };
    }
    case 'grep':
      return grepKeeps(e, record) ? record : undefined;
    case 'parser': {
      const parse = e.children.find((c) => c.name === 'parse');
      if (parse?.params['@type'] !== 'json') throw new Error('simulation: only the json parser is modelled');
      const raw = record[p.key_name];
      let parsed: unknown;
      try { parsed = typeof raw === 'string' ? JSON.parse(raw) : undefined; } catch { parsed = undefined; }
      const reserve = p.reserve_data === 'true';
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return reserve ? record : undefined;
      const values = p.hash_value_field ? { [p.hash_value_field]: parsed } : parsed as Record<string, unknown>;
      const base = reserve ? { ...record } : {};
      if (p.remove_key_name_field === 'true') delete base[p.key_name];
      return { ...base, ...values };
    }
    case 'record_transformer': {
      const rec = e.children.find((c) => c.name === 'record');
      const added: Record<string, unknown> = {};
      if (p.enable_ruby === 'true') throw new Error('simulation: enable_ruby is not modelled');
      for (const [k, v] of Object.entries(rec?.params ?? {})) added[k] = expandRecordPlaceholders(v, tag, record);
      return { ...record, ...added };
    }
    default:
      throw new Error(`simulation: filter @type ${p['@type']} is not modelled`);
  }
}

function rewriteTag(e: FluentdElement, tag: string, record: Record<string, unknown>): { tag: string; label?: string } | undefined {
  const placeholders: Record<string, string> = { '${tag}': tag, '__TAG__': tag };
  tag.split('.').forEach((part, i) => { placeholders[`\${tag_parts[${i}]}`] = part; placeholders[`__TAG_PARTS[${i}]__`] = part; });
  for (const rule of e.children.filter((c) => c.name === 'rule')) {
    const value = stringOf(access(record, rule.params.key));
    const invert = rule.params.invert === 'true';
    if (value === '' && !invert) continue;
    const m = rubyRegexp(rule.params.pattern).exec(value);
    if (invert ? m : !m) continue;
    let out = rule.params.tag;
    if (!invert && m) out = out.replace(/\$(\d)/g, (_, d) => m[Number(d)] ?? '');
    out = out.replace(/(\$\{[a-z_]+(\[[0-9]+\])?\}|__[A-Z_]+__)/g, (ph) => {
      if (!(ph in placeholders)) throw new Error(`simulation: placeholder ${ph} not modelled`);
      return placeholders[ph];
    });
    return { tag: out, label: rule.params.label };
  }
  return undefined;
}

/**
 * Routes `ev` through `root`.
 *
 * @throws Error when the source is unknown or the configuration uses something the simulation does not model
 */
export function simulate(root: FluentdElement, ev: SimEvent): SimResult {
  const source = root.children.find((c) => c.name === 'source' && c.params['@id'] === ev.source);
  if (!source) throw new Error(`simulation: no <source> with @id ${ev.source}`);
  let labelName = source.params['@label'] ?? '';
  const scopeOf = (name: string) => {
    const scope = name ? root.children.find((c) => c.name === 'label' && c.arg === name) : root;
    if (!scope) throw new Error(`simulation: no <label ${name}>`);
    return scope;
  };
  const tags: string[] = [];
  let record = { ...ev.record };
  let tag = ev.tag;
  for (let hops = 0; hops < 16; hops++) {
    const scope = scopeOf(labelName);
    tags.push(tag);
    const match = scope.children.find((c) => c.name === 'match' && tagMatches(c.arg, tag));
    const end = match ? scope.children.indexOf(match) : scope.children.length;
    for (const f of scope.children.slice(0, end)) {
      if (f.name !== 'filter' || !tagMatches(f.arg, tag)) continue;
      const next = applyFilter(f, record, ev, tag);
      if (!next) return { dropped: `filtered out by ${f.params['@id'] ?? f.params['@type']}`, tags, record, label: labelName };
      record = next;
    }
    if (!match) return { dropped: 'no patterns matched', tags, record, label: labelName };
    if (match.params['@type'] !== 'rewrite_tag_filter') return { output: match, tags, record, label: labelName };
    const rewritten = rewriteTag(match, tag, record);
    if (rewritten === undefined) return { dropped: `no rule of ${match.params['@id']} matched`, tags, record, label: labelName };
    if (rewritten.tag === tag && rewritten.label === undefined) return { dropped: `${match.params['@id']} kept the tag`, tags, record, label: labelName };
    tag = rewritten.tag;
    if (rewritten.label !== undefined) labelName = rewritten.label;
  }
  throw new Error(`simulation: routing loop through tags ${tags.join(' → ')}`);
}

/** Every `<match>` of `scope` whose pattern matches `tag` (to check that exactly one output claims a tag). */
export function matchesFor(scope: FluentdElement, tag: string): FluentdElement[] {
  return scope.children.filter((c) => c.name === 'match' && tagMatches(c.arg, tag));
}

/**
 * An output parameter as the output writes it for `record`: `${key}` chunk-key
 * placeholders replaced by the record's fields (fluentd `extract_placeholders`).
 *
 * @throws Error when a placeholder names a field the record lacks (fluentd would leave it empty)
 */
export function expandChunkPlaceholders(value: string, record: Record<string, unknown>): string {
  return value.replace(/\$\{([-_.@$a-zA-Z0-9]+)\}/g, (ph, key: string) => {
    const v = access(record, key);
    if (v === undefined || v === null || v === '') throw new Error(`simulation: ${ph} has no value in the record`);
    return stringOf(v);
  });
}
