/**
 * One definition for both validators: every rule the zod schema checks with a
 * refinement carries its JSON Schema form (or the reason it has none), and
 * every field carries its description and example as zod metadata, so the
 * generated JSON Schema (`dist/tenant.schema.json`) refuses what validation
 * refuses and shows editors what each field means.
 *
 * ```ts
 * const justified = refineWith(podSecurity,
 *   (v, issue) => { if (v.level !== 'restricted' && !v.justification) issue(['justification'], 'is required …'); },
 *   { if: { … }, then: { required: ['justification'] } });
 * ```
 *
 * {@link uncoveredRefinements} lists refinements added with plain
 * `.refine()` / `.superRefine()`, which would silently weaken the JSON
 * Schema; a test keeps that list empty for the tenant schema.
 */
import { z } from 'zod';

/** A JSON Schema (draft-07) object, or a fragment of one. */
export type JsonSchema = { [keyword: string]: unknown };

/** A rule JSON Schema cannot state, and why (listed in the README and the parity test). */
export interface Inexpressible {
  readonly inexpressible: string;
}

/** The JSON Schema form of a refinement: a fragment merged into the field's schema, or why there is none. */
export type JsonForm = JsonSchema | Inexpressible;

/** Reports one problem from inside a refinement: a path below the refined value, the message, optionally the bad value. */
export type Issue = (path: readonly PropertyKey[], message: string, value?: unknown) => void;

const FORMS = new WeakMap<object, JsonForm>();

type Check = { _zod: { def: { check: string } } };

/** The checks (refinements and built-in checks) zod keeps on a schema, in the order they were added. */
function checksOf(schema: unknown): readonly Check[] {
  return (schema as { _zod: { def: { checks?: Check[] } } })._zod.def.checks ?? [];
}

/**
 * Adds a refinement to `schema` with its JSON Schema form. `check` reports
 * each problem through `issue` (path relative to the value).
 *
 * @returns a new schema, like `.superRefine()`
 */
export function refineWith<T extends z.ZodType>(
  schema: T, check: (value: z.output<T>, issue: Issue) => void, form: JsonForm,
): T {
  const next = schema.superRefine((value, ctx) => {
    check(value as z.output<T>, (path, message, bad) => ctx.addIssue({
      code: 'custom', path: [...path] as (string | number)[], message, ...(bad !== undefined ? { input: bad } : {}),
    }));
  }) as unknown as T;
  const checks = checksOf(next);
  FORMS.set(checks[checks.length - 1], form);
  return next;
}

/** A rule JSON Schema cannot state, with the reason. */
export function inexpressible(reason: string): Inexpressible {
  return { inexpressible: reason };
}

function isInexpressible(form: JsonForm): form is Inexpressible {
  return typeof (form as Inexpressible).inexpressible === 'string';
}

/**
 * Merges `fragment` into `target`: keywords the target lacks are copied,
 * the fragment goes into `allOf` when any keyword is already there.
 */
function mergeJsonSchema(target: JsonSchema, fragment: JsonSchema): void {
  // zod generates a schema and its clones (e.g. after .meta()) from one definition: merge each form once.
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (Object.entries(fragment).every(([k, v]) => same(target[k], v))) return;
  if (((target.allOf as unknown[] | undefined) ?? []).some((f) => same(f, fragment))) return;
  if (Object.keys(fragment).some((k) => k in target)) {
    target.allOf = [...((target.allOf as JsonSchema[] | undefined) ?? []), fragment];
  } else {
    Object.assign(target, fragment);
  }
}

/**
 * The `override` hook for `z.toJSONSchema`: merges the JSON Schema form of
 * each refinement of a schema into its generated JSON Schema.
 */
export function applyJsonForms(ctx: { zodSchema: unknown; jsonSchema: unknown }): void {
  const doc = DOCS.get(ctx.zodSchema as object);
  const json = ctx.jsonSchema as JsonSchema;
  // zod leaves `examples` out of the input schema of a transform (e.g. quantities); they are input values here.
  if (doc && json.examples === undefined) json.examples = [doc.example];
  for (const c of checksOf(ctx.zodSchema)) {
    const form = FORMS.get(c);
    if (form && !isInexpressible(form)) mergeJsonSchema(ctx.jsonSchema as JsonSchema, form);
  }
}

/** Description and example of a field, for editor hover and completion (`description`, `examples`). */
export function documented<T extends z.ZodType>(schema: T, description: string, example: unknown): T {
  const out = schema.meta({ description, examples: [example] }) as T;
  DOCS.set(out, { example });
  return out;
}

const DOCS = new WeakMap<object, { readonly example: unknown }>();

/** One refinement found in a schema tree, with the path of the field it checks. */
interface FoundRefinement {
  readonly path: string;
  readonly form?: JsonForm;
}

type Def = { type: string; [key: string]: any };

/**
 * Every refinement (`custom` check) in the schema tree, with its JSON form if
 * it was added by {@link refineWith}. Walks objects, arrays, unions,
 * records, pipes and wrappers (optional, default, …).
 */
function refinementsOf(schema: z.ZodType): FoundRefinement[] {
  const out: FoundRefinement[] = [];
  const seen = new Set<unknown>();
  const walk = (s: any, path: string): void => {
    if (!s?._zod || seen.has(s)) return;
    seen.add(s);
    const def: Def = s._zod.def;
    for (const c of checksOf(s)) {
      if (c._zod.def.check === 'custom') out.push({ path: path || '(root)', form: FORMS.get(c) });
    }
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape)) walk(v, `${path}.${k}`);
        if (def.catchall) walk(def.catchall, `${path}.*`);
        break;
      case 'array': walk(def.element, `${path}[]`); break;
      case 'union': def.options.forEach((o: unknown, i: number) => walk(o, `${path}|${i}`)); break;
      case 'intersection': walk(def.left, path); walk(def.right, path); break;
      case 'record': walk(def.keyType, `${path}.<key>`); walk(def.valueType, `${path}.*`); break;
      case 'pipe': walk(def.in, path); walk(def.out, path); break;
      case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'nonoptional': case 'catch':
        walk(def.innerType, path); break;
      case 'lazy': walk(def.getter(), path); break;
      default: break;
    }
  };
  walk(schema, '');
  return out;
}

/** Refinements without a JSON Schema form or a stated reason: each weakens the generated JSON Schema. */
export function uncoveredRefinements(schema: z.ZodType): string[] {
  return refinementsOf(schema).filter((r) => !r.form).map((r) => r.path);
}

/** Refinements JSON Schema cannot state, with their reasons. */
export function inexpressibleRefinements(schema: z.ZodType): { path: string; reason: string }[] {
  return refinementsOf(schema).flatMap((r) => (r.form && isInexpressible(r.form) ? [{ path: r.path, reason: r.form.inexpressible }] : []));
}
