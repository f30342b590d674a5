/**
 * The tenant JSON Schema (`dist/tenant.schema.json`, what editors check) and
 * validation (`npm run synth`) agree on every tenant file, field by field:
 * variants of a full tenant file are generated from the schema itself
 * (test/support/schema-variants.ts) — for every keyword at every place one
 * that breaks it, and every other value the schema allows — and each is
 * given to both. Every document the schema refuses, validation refuses
 * too; every document the schema accepts, validation accepts, except for
 * the rules JSON Schema cannot state, listed in EXCEPTIONS below and in the
 * README ("What the editor cannot check").
 */
import Ajv from 'ajv';
import { stringify } from 'yaml';
import { inexpressibleRefinements, uncoveredRefinements } from '../../src/spec/json-forms';
import { tenantJsonSchemaObject } from '../../src/definition/json-schema';
import { loadPlatformContext, loadTenants } from '../../src/definition/load';
import { DefinitionError, Problem } from '../../src/spec/problems';
import { EXAMPLE_TENANT } from '../../src/spec/tenant';
import { fixtureSources } from '../support/platform';
import { exampleDocument, invalidVariants, Json, Schema, validVariants, Variant } from '../support/schema-variants';

/**
 * What validation refuses that the JSON Schema cannot: rules across files,
 * and single-file rules JSON Schema (draft-07, no extensions) cannot state.
 * Recognised by message.
 */
export const EXCEPTIONS: readonly { rule: string; why: string; message: RegExp }[] = [
  // Across files.
  { rule: 'two tenants with one name', why: 'across files', message: /^duplicate tenant:/ },
  { rule: 'two tenants claiming one namespace', why: 'across files', message: /is also claimed by/ },
  { rule: 'allowFrom naming an unknown tenant', why: 'across files', message: /^unknown tenant; known tenants/ },
  { rule: 'allowFrom naming a tenant without that environment on the cluster (dangling allowance)', why: 'across files', message: /^tenant \S+ has no \S+ environment on/ },
  { rule: 'Ingress domains two tenants could both use', why: 'across files', message: /each tenant's Ingress hosts must be its own/ },
  { rule: 'fluentd buffers of all tenants fit the node\'s buffer disk', why: 'across files (sum over every tenant of a cluster)', message: /MiB of fluentd buffers on each node/ },
  // Single-file rules JSON Schema cannot state.
  { rule: 'metadata.name equals the file name', why: 'the file name is not part of the document', message: /must match the file name/ },
  { rule: 'quota limits at least the requests', why: 'compares two values', message: /is lower than requests/ },
  { rule: 'LimitRange min ≤ default request ≤ default limit ≤ max (merged over the platform defaults)', why: 'compares quantities with units', message: /is above the|is above max/ },
  { rule: 'allowFrom does not name the tenant itself', why: 'compares a value with metadata.name', message: /names the tenant itself/ },
  { rule: 'allowFrom clusters are among the environment\'s clusters', why: 'compares a value with another field\'s values', message: /is not one of the environment's clusters/ },
  { rule: 'externalSecrets keys start with `<tenant>/`', why: 'compares a value with metadata.name', message: /a tenant reads only its own keys/ },
  { rule: 'logging.default and routes[].output name a declared output', why: 'a value must be a key of another field', message: /names an output the tenant does not declare/ },
  { rule: 'ExternalSecret and SLO names unique within their list', why: 'unique by one field (uniqueItems compares whole items)', message: /declare an ExternalSecret name twice|duplicate SLO name/ },
  { rule: 'exclude patterns are valid regular expressions', why: 'only format "regex" says it, which plain validators do not assert', message: /must be a valid regular expression/ },
];

const sources = fixtureSources();
const platform = loadPlatformContext(sources);
const schema = tenantJsonSchemaObject(platform.tenantContext) as Schema;
const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile(schema);
const byAjv = (doc: Json) => validate(doc) as boolean;
// The peer the examples allow traffic from; the other fixture tenants play no part.
const peers = sources.tenantFiles.filter((f) => f.file === 'tenants/checkout.yaml');

function synthProblems(doc: Json): Problem[] {
  const name = typeof (doc as any)?.metadata?.name === 'string' && (doc as any).metadata.name !== '' ? (doc as any).metadata.name : EXAMPLE_TENANT;
  const file = `tenants/${name}.yaml`;
  try {
    loadTenants(platform, [...peers.filter((p) => p.file !== file), { file, text: stringify(doc) }]);
    return [];
  } catch (e) {
    if (e instanceof DefinitionError) return [...e.problems];
    throw e;
  }
}

const base = exampleDocument(schema);

describe('the full example tenant', () => {
  test('is valid for both, and holds every field the schema has', () => {
    expect(validate(base) ? [] : validate.errors).toEqual([]);
    expect(synthProblems(base).map((p) => `${p.path}: ${p.message}`)).toEqual([]);
  });
});

describe('schema and validation agree', () => {
  const invalid = invalidVariants(schema, base, byAjv);
  const valid = validVariants(schema, base, byAjv);

  test('variants cover every keyword the schema uses', () => {
    const used = new Set<string>();
    const visit = (s: unknown): void => {
      if (Array.isArray(s)) { s.forEach(visit); return; }
      if (!s || typeof s !== 'object') return;
      for (const [k, v] of Object.entries(s)) {
        used.add(k);
        if (k !== 'examples' && k !== 'default' && k !== 'enum' && k !== 'const') visit(v);
      }
    };
    visit(schema);
    const validating = ['type', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
      'minItems', 'maxItems', 'uniqueItems', 'required', 'additionalProperties', 'propertyNames', 'minProperties', 'not', 'if', 'anyOf', 'dependencies'];
    const covered = new Set(invalid.map((v) => v.keyword.replace(/^if\/then:.*/, 'if').replace(/\(.*\)$/, '')));
    expect(validating.filter((k) => used.has(k) && !covered.has(k))).toEqual([]);
    expect(invalid.length).toBeGreaterThan(300);
    expect(valid.length).toBeGreaterThan(100);
  });

  test('every variant the schema refuses, validation refuses in the same file', () => {
    const accepted: string[] = [];
    for (const v of invalid) {
      const name = (v.doc as any)?.metadata?.name;
      const file = `tenants/${typeof name === 'string' && name !== '' ? name : EXAMPLE_TENANT}.yaml`;
      if (!synthProblems(v.doc).some((p) => p.file === file)) accepted.push(describe_(v));
    }
    expect(accepted).toEqual([]);
  });

  test('every variant the schema accepts, validation accepts, but for the listed exceptions', () => {
    const refused: string[] = [];
    for (const v of valid) {
      for (const p of synthProblems(v.doc)) {
        if (!EXCEPTIONS.some((x) => x.message.test(p.message))) refused.push(`${describe_(v)} → ${p.path}: ${p.message}`);
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('every refinement of the tenant schema', () => {
  const { tenantSchema } = platform;

  test('carries its JSON Schema form or the reason it has none', () => {
    expect(uncoveredRefinements(tenantSchema)).toEqual([]);
  });

  test('without a JSON form is one of the listed exceptions', () => {
    const reasons = [...new Set(inexpressibleRefinements(tenantSchema).map((r) => r.reason))].sort();
    expect(reasons).toEqual([
      'a valid regular expression: JSON Schema says it only with format "regex", which ajv-cli without ajv-formats and the YAML language server do not assert',
      'a value must be one of the values of another field of the same file (JSON Schema compares no two values)',
      'unique by one field across list items (JSON Schema uniqueItems compares whole items)',
    ]);
  });
});

function describe_(v: Variant): string {
  return `${v.path} [${v.keyword}]`;
}
