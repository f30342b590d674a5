/**
 * Documents generated from a JSON Schema itself, for proving that the schema
 * and another validator agree:
 * - {@link exampleDocument}: the fullest valid document the schema's
 *   `examples` make: every property present, objects composed from their
 *   properties' examples, one list item per `anyOf` branch;
 * - {@link invalidVariants}: for every keyword at every place in the schema
 *   (type, enum, const, pattern, lengths, ranges, item counts, uniqueItems,
 *   required, additionalProperties, propertyNames, minProperties, not,
 *   if/then, anyOf, dependencies), copies of a valid document changed there
 *   so that the keyword fails;
 * - {@link validVariants}: copies changed to every other value the schema
 *   allows at each place (each enum value, each anyOf branch, each example,
 *   optional properties left out).
 *
 * Subschemas that are identical at several places (the same quota schema in
 * every environment) are varied once, at their first place.
 */
import { distance } from 'fastest-levenshtein';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [keyword: string]: any };

/** One generated document and where and how it differs from the base. */
export interface Variant {
  /** JSON pointer-like path of the changed value, e.g. `spec.environments.dev.quota.cpu.requests`. */
  readonly path: string;
  /** The keyword the change targets, e.g. `pattern`, `required(name)`, `if/then`. */
  readonly keyword: string;
  readonly doc: Json;
}

type Path = readonly (string | number)[];

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const isObject = (v: unknown): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (path: Path) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');

function setAt(doc: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value as Json;
  const out = clone(doc);
  let cur: any = out;
  for (const p of path.slice(0, -1)) cur = cur[p];
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(cur)) cur.splice(last as number, 1);
    else delete cur[last];
  } else {
    cur[last] = value;
  }
  return out;
}

function firstExample(schema: Schema): Json | undefined {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return clone(schema.examples[0]);
  if ('default' in schema) return clone(schema.default);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  return undefined;
}

/**
 * The fullest valid document the schema's examples make.
 *
 * @throws Error naming the path of a place with neither properties nor an example
 */
export function exampleDocument(schema: Schema, path: Path = []): Json {
  if (isSchema(schema.properties)) {
    const out: { [key: string]: Json } = {};
    for (const [k, s] of Object.entries(schema.properties)) out[k] = exampleDocument(s as Schema, [...path, k]);
    return out;
  }
  if (schema.type === 'array' && isSchema(schema.items)) {
    const items = schema.items as Schema;
    if (isSchema(items.properties)) return [exampleDocument(items, [...path, 0])];
    const branches = (items.anyOf ?? items.oneOf) as Schema[] | undefined;
    if (branches) return branches.map((b, i) => exampleDocument(b, [...path, i]));
  }
  const example = firstExample(schema);
  if (example !== undefined) return example;
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) return exampleDocument(branches[0], path);
  throw new Error(`no example at ${show(path) || '(root)'}`);
}

/** Strings that differ from `value` in ways patterns usually refuse. */
function patternBreakers(value: string): string[] {
  const first = value.slice(0, 1) || 'a';
  return [
    '', ' ', `${value} `, `-${value}`, `${value}-`, value.toUpperCase(), `${value}!`, `${value}_x`, `.${value}`, `${value}.`,
    `${value}/`, `/${value}`, `${value}..`, `../${value}`, `${value}\n`, `0${value}`, `${value}:`, `${value}@`, '*', `${value}*`,
    `${value}#{x}`, `${first}${'a'.repeat(300)}`, `kube-${value}`, value.replace(/\d/, '0$&'), value.replace(/\//, '//'), `${value}%eth0`,
  ];
}

/** A value of another JSON type than `type`. */
function otherType(type: string): Json {
  return type === 'string' ? 12 : 'not-a-' + type;
}

interface Context {
  readonly root: Schema;
  /** Every string value any enum or const of the schema holds, as candidates outside a given enum. */
  readonly knownStrings: readonly string[];
  readonly seen: Set<string>;
  readonly out: Variant[];
  /** Validates a whole document against the root schema. */
  readonly valid: (doc: Json) => boolean;
  /** True inside the `then` of a conditional, whose schema is a fragment (types are said elsewhere). */
  readonly partial?: boolean;
}

function collectStrings(schema: unknown, into: Set<string>): void {
  if (Array.isArray(schema)) { schema.forEach((s) => collectStrings(s, into)); return; }
  if (!isObject(schema)) return;
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'enum' && Array.isArray(v)) v.forEach((x) => typeof x === 'string' && into.add(x));
    else if (k === 'const' && typeof v === 'string') into.add(v);
    else if (k !== 'examples' && k !== 'default') collectStrings(v, into);
  }
}

function add(ctx: Context, base: Json, path: Path, keyword: string, value: Json | undefined): void {
  const doc = setAt(base, path, value);
  if (ctx.valid(doc)) return; // not a violation after all (another place allows it)
  ctx.out.push({ path: show(path) || '(root)', keyword, doc });
}

/**
 * Makes `value` satisfy `cond` (an `if` schema or a `not` schema), using
 * examples of `context` (the schema at the same place) for values to add.
 * Best effort for the forms schemas use: const/enum, required, nested
 * properties, not-required (delete), minItems (pad), maxLength (lengthen).
 */
function satisfy(cond: Schema, value: Json | undefined, context: Schema | undefined): Json[] {
  if ('const' in cond) return [cond.const];
  if (Array.isArray(cond.enum)) return cond.enum.slice(0, 4);
  if (typeof cond.maxLength === 'number' && typeof value === 'string') return [value.padEnd(cond.maxLength + 1, 'x')];
  if (typeof cond.minItems === 'number') {
    const list = Array.isArray(value) ? [...value] : [];
    const item = context ? firstExample(context) : undefined;
    const fill = Array.isArray(item) && item.length > 0 ? item[0] : list[0];
    while (list.length < cond.minItems && fill !== undefined) list.push(clone(fill));
    return [list];
  }
  if (cond.not && Array.isArray(cond.not.required) && isObject(value)) {
    const out = clone(value);
    for (const k of cond.not.required) delete out[k];
    return [out];
  }
  if (isSchema(cond.properties) || Array.isArray(cond.required)) {
    let results: Json[] = [isObject(value) ? clone(value) : {}];
    for (const k of cond.required ?? []) {
      results = results.map((r) => {
        const o = r as { [key: string]: Json };
        if (!(k in o)) {
          const s = context?.properties?.[k];
          const ex = s ? exampleDocumentSafe(s) : undefined;
          if (ex !== undefined) o[k] = ex;
        }
        return o;
      });
    }
    for (const [k, sub] of Object.entries((cond.properties ?? {}) as Record<string, Schema>)) {
      results = results.flatMap((r) => {
        const o = r as { [key: string]: Json };
        if (!(k in o) && !(cond.required ?? []).includes(k)) return [o];
        return satisfy(sub, o[k], context?.properties?.[k]).map((v) => ({ ...clone(o), [k]: v }));
      });
    }
    return results;
  }
  return [];
}

function exampleDocumentSafe(schema: Schema): Json | undefined {
  try { return exampleDocument(schema); } catch { return undefined; }
}

function walk(ctx: Context, schema: Schema, base: Json, path: Path, value: Json | undefined): void {
  if (!isSchema(schema)) return;
  const key = JSON.stringify(schema);
  const first = !ctx.seen.has(key);
  ctx.seen.add(key);

  if (first && value !== undefined) {
    if (!ctx.partial && typeof schema.type === 'string' && !Array.isArray(schema.enum) && !('const' in schema)) add(ctx, base, path, 'type', otherType(schema.type));
    if (Array.isArray(schema.enum)) {
      // The values of other enums closest to this one's (e.g. the clusters of another environment).
      const own = String(schema.enum[0]);
      const others = ctx.knownStrings.filter((s) => !(schema.enum as Json[]).includes(s))
        .sort((a, b) => distance(a, own) - distance(b, own) || a.localeCompare(b)).slice(0, 4);
      for (const v of [`${String(schema.enum[0])}-x`, ...others]) add(ctx, base, path, 'enum', v);
    }
    if ('const' in schema) add(ctx, base, path, 'const', typeof schema.const === 'string' ? `${schema.const}x` : 'x');
    if (typeof schema.pattern === 'string' && typeof value === 'string') {
      const re = new RegExp(schema.pattern, 'u');
      const breakers = [...new Set(patternBreakers(value))].filter((v) => !re.test(v)).slice(0, 3);
      for (const v of breakers) add(ctx, base, path, 'pattern', v);
    }
    if (typeof schema.minLength === 'number' && schema.minLength > 0) add(ctx, base, path, 'minLength', String(value).slice(0, schema.minLength - 1));
    if (typeof schema.maxLength === 'number') add(ctx, base, path, 'maxLength', String(value || 'a').padEnd(schema.maxLength + 1, String(value || 'a').slice(-1)));
    const integer = schema.type === 'integer';
    if (typeof schema.minimum === 'number') add(ctx, base, path, 'minimum', schema.minimum - (integer ? 1 : 0.5));
    if (typeof schema.maximum === 'number') add(ctx, base, path, 'maximum', schema.maximum + (integer ? 1 : 0.5));
    if (typeof schema.exclusiveMinimum === 'number') add(ctx, base, path, 'exclusiveMinimum', schema.exclusiveMinimum);
    if (typeof schema.exclusiveMaximum === 'number') add(ctx, base, path, 'exclusiveMaximum', schema.exclusiveMaximum);
    if (integer && typeof value === 'number') add(ctx, base, path, 'type(integer)', value + 0.5);
    if (Array.isArray(value)) {
      if (typeof schema.minItems === 'number' && schema.minItems > 0) add(ctx, base, path, 'minItems', value.slice(0, schema.minItems - 1));
      if (typeof schema.maxItems === 'number' && value.length > 0) add(ctx, base, path, 'maxItems', Array.from({ length: schema.maxItems + 1 }, () => clone(value[0])));
      if (schema.uniqueItems === true && value.length > 0) add(ctx, base, path, 'uniqueItems', [clone(value[0]), ...clone(value)]);
    }
    if (isObject(value)) {
      for (const k of (schema.required ?? []) as string[]) if (k in value) add(ctx, base, path, `required(${k})`, Object.fromEntries(Object.entries(value).filter(([x]) => x !== k)));
      if (schema.additionalProperties === false) {
        // A near-miss of a declared field (the typo the unknown-field check exists for).
        const typo = Object.keys(value)[0];
        add(ctx, base, path, 'additionalProperties', typo ? { ...clone(value), [`${typo}s`]: clone(value[typo]) } : { unknownField: 'x' });
      }
      if (isSchema(schema.propertyNames)) {
        const k0 = Object.keys(value)[0] ?? 'a';
        for (const bad of [`${k0}-x`, ...patternBreakers(k0)].slice(0, 8)) {
          if (!(bad in value)) add(ctx, base, path, 'propertyNames', { ...clone(value), [bad]: clone(Object.values(value)[0] ?? {}) });
        }
      }
      if (typeof schema.minProperties === 'number') add(ctx, base, path, 'minProperties', {});
      if (isSchema(schema.dependencies)) {
        for (const [k, needs] of Object.entries(schema.dependencies as Record<string, string[]>)) {
          if (k in value) for (const n of needs) add(ctx, base, path, `dependencies(${k})`, Object.fromEntries(Object.entries(value).filter(([x]) => x !== n)));
        }
      }
    }
    if (isSchema(schema.not)) {
      for (const v of satisfy(schema.not, value, schema)) add(ctx, base, path, 'not', v);
    }
    if (isSchema(schema.if) && isSchema(schema.then)) {
      for (const v of satisfy(schema.if, value, schema)) {
        const conditioned = setAt(base, path, v);
        const inner: Context = { ...ctx, seen: new Set(), out: [], partial: true };
        walk(inner, schema.then, conditioned, path, v);
        for (const variant of inner.out) ctx.out.push({ ...variant, keyword: `if/then:${variant.keyword}` });
      }
    }
    const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (branches && isObject(value)) {
      const keys = new Set(branches.flatMap((b) => (b.required ?? []) as string[]));
      add(ctx, base, path, 'anyOf', Object.fromEntries(Object.entries(value).filter(([k]) => !keys.has(k))));
    }
  }

  // Deeper places.
  if (isObject(value) && isSchema(schema.properties)) {
    for (const [k, sub] of Object.entries(schema.properties as Record<string, Schema>)) {
      if (k in value) walk(ctx, sub, base, [...path, k], value[k]);
    }
  }
  if (isObject(value) && isSchema(schema.additionalProperties)) {
    for (const [k, v] of Object.entries(value)) {
      if (!isSchema(schema.properties) || !(k in schema.properties)) walk(ctx, schema.additionalProperties, base, [...path, k], v);
    }
  }
  if (Array.isArray(value) && isSchema(schema.items)) {
    value.forEach((v, i) => walk(ctx, schema.items, base, [...path, i], v));
  }
  for (const sub of (schema.allOf ?? []) as Schema[]) walk(ctx, sub, base, path, value);
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches && value !== undefined) {
    // The branch the value takes: the first one it satisfies on its own.
    const match = branches.find((b) => branchMatches(b, value));
    if (match) walk(ctx, match, base, path, value);
  }
}

function branchMatches(branch: Schema, value: Json): boolean {
  if (!isObject(value)) return true;
  const required = (branch.required ?? []) as string[];
  if (!required.every((k) => k in value)) return false;
  if (branch.additionalProperties === false && isSchema(branch.properties)) return Object.keys(value).every((k) => k in branch.properties);
  return true;
}

/**
 * Invalid variants of `base` (which must be valid): every keyword at every
 * distinct place of `schema`, each change kept only when `valid` rejects
 * the whole document.
 */
export function invalidVariants(schema: Schema, base: Json, valid: (doc: Json) => boolean): Variant[] {
  const knownStrings = new Set<string>();
  collectStrings(schema, knownStrings);
  const ctx: Context = { root: schema, knownStrings: [...knownStrings].sort(), seen: new Set(), out: [], valid };
  walk(ctx, schema, base, [], base);
  return ctx.out;
}

/**
 * Valid variants of `base`: at each place, every enum value, every example,
 * each optional property left out, each anyOf branch's example; kept only
 * when `valid` accepts the whole document.
 */
export function validVariants(schema: Schema, base: Json, valid: (doc: Json) => boolean): Variant[] {
  const out: Variant[] = [];
  const seen = new Set<string>();
  const visit = (s: Schema, path: Path, value: Json | undefined): void => {
    if (!isSchema(s)) return;
    const key = JSON.stringify(s);
    const first = !seen.has(key);
    seen.add(key);
    const tryValue = (keyword: string, v: Json | undefined) => {
      const doc = setAt(base, path, v);
      if (JSON.stringify(doc) !== JSON.stringify(base) && valid(doc)) out.push({ path: show(path) || '(root)', keyword, doc });
    };
    if (first && value !== undefined) {
      for (const v of (s.enum ?? []) as Json[]) tryValue('enum', v);
      for (const v of (s.examples ?? []) as Json[]) tryValue('examples', clone(v));
      for (const b of (s.anyOf ?? s.oneOf ?? []) as Schema[]) {
        const ex = exampleDocumentSafe(b);
        if (ex !== undefined) tryValue('anyOf', ex);
      }
      if (isObject(value) && isSchema(s.properties)) {
        for (const k of Object.keys(s.properties)) {
          if (k in value && !((s.required ?? []) as string[]).includes(k)) tryValue(`optional(${k})`, Object.fromEntries(Object.entries(value).filter(([x]) => x !== k)));
        }
      }
    }
    if (isObject(value) && isSchema(s.properties)) for (const [k, sub] of Object.entries(s.properties as Record<string, Schema>)) if (k in value) visit(sub, [...path, k], value[k]);
    if (isObject(value) && isSchema(s.additionalProperties)) for (const [k, v] of Object.entries(value)) visit(s.additionalProperties, [...path, k], v);
    if (Array.isArray(value) && isSchema(s.items)) value.forEach((v, i) => visit(s.items, [...path, i], v));
  };
  visit(schema, [], base);
  return out;
}
