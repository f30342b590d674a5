/**
 * The generated tenant JSON Schema is a plain draft-07 schema that standard
 * tools take as it is — `ajv-cli` with no flag, Ajv's default options with
 * no strict-mode warning — and documents every field for editor hover.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { TENANT_SCHEMA_FILE } from '../../src/definition/json-schema';
import { FIXTURE_ROOT } from '../fixtures/example-org';
import { fixtureFiles, fixtureSources, ROOT } from '../support/platform';
import { scratchDir } from '../support/scratch-dir';

const text = fixtureFiles().get(TENANT_SCHEMA_FILE)!;
const schema = JSON.parse(text);
const tenantFiles = fixtureSources().tenantFiles;

/** Every place in the schema where a property is declared, with its path. */
function properties(node: any, at = ''): { path: string; schema: any }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => properties(n, `${at}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const out: { path: string; schema: any }[] = [];
  for (const [k, v] of Object.entries<any>(node)) {
    if (k === 'examples' || k === 'default' || k === 'enum' || k === 'const') continue;
    if (k === 'properties') {
      for (const [name, s] of Object.entries<any>(v)) {
        out.push({ path: `${at}.${name}`, schema: s });
        out.push(...properties(s, `${at}.${name}`));
      }
    } else if (k === 'if' || k === 'then' || k === 'not' || k === 'allOf' || k === 'anyOf' || k === 'dependencies') {
      // Conditions and forms restate properties declared (and documented) elsewhere.
    } else {
      out.push(...properties(v, k === 'items' ? `${at}[]` : k === 'additionalProperties' ? `${at}.*` : at));
    }
  }
  return out;
}

describe('tenant JSON Schema, with standard tools', () => {
  const dir = scratchDir('tenant-schema-');
  const schemaFile = path.join(dir, TENANT_SCHEMA_FILE);
  fs.writeFileSync(schemaFile, text);
  const ajvCli = path.join(ROOT, 'node_modules', '.bin', 'ajv');
  const run = (...files: string[]) => {
    try {
      return { code: 0, out: execFileSync(ajvCli, ['validate', '-s', schemaFile, ...files.flatMap((f) => ['-d', f])], { encoding: 'utf8', stdio: 'pipe' }) };
    } catch (e: any) {
      return { code: e.status as number, out: `${e.stdout}${e.stderr}` };
    }
  };

  test('ajv-cli, without flags, validates every fixture tenant file and prints nothing else', () => {
    const files = tenantFiles.map((f) => path.join(FIXTURE_ROOT, f.file));
    expect(run(...files)).toEqual({ code: 0, out: files.map((f) => `${f} valid\n`).join('') });
  });

  test('ajv-cli, without flags, refuses a tenant on a cluster of another environment', () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, tenantFiles.find((f) => f.file === 'tenants/checkout.yaml')!.text.replace('clusters: [prod-eu1]', 'clusters: [dev-eu1]'));
    const { code, out } = run(bad);
    expect(code).toBe(1);
    expect(out).toMatch(/bad.yaml invalid/);
    expect(out).toMatch(/instancePath: '\/spec\/environments\/prod\/clusters\/0'/);
    expect(out).not.toMatch(/strict mode|unknown format|unknown keyword/);
  });

  test('compiles with Ajv\'s default options without a single strict-mode warning', () => {
    const warnings: string[] = [];
    const log = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    new Ajv({ logger: { log, warn: log, error: log } }).compile(schema);
    expect(warnings).toEqual([]);
  });

  test('is draft-07 and uses only standard keywords, no format', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(text).not.toMatch(/"format":/);
  });
});

describe('tenant JSON Schema, for editors', () => {
  const props = properties(schema);

  test('declares many properties', () => {
    expect(props.length).toBeGreaterThan(200);
  });

  test('every property has a description and an example', () => {
    const missing = props.filter((p) => !p.schema.description || !Array.isArray(p.schema.examples) || p.schema.examples.length === 0).map((p) => p.path);
    expect(missing).toEqual([]);
  });

  test('every example is valid for its property', () => {
    const ajv = new Ajv({ allErrors: true });
    ajv.addSchema(schema, 'tenant');
    const wrong: string[] = [];
    for (const p of props) {
      const check = ajv.compile(p.schema);
      for (const e of p.schema.examples ?? []) if (!check(e)) wrong.push(`${p.path}: ${JSON.stringify(e)} ${ajv.errorsText(check.errors)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('names the platform\'s environments, and for each the clusters that run it, for completion', () => {
    const envs = schema.properties.spec.properties.environments;
    expect(Object.keys(envs.properties)).toEqual(['dev', 'staging', 'prod']);
    expect(envs.additionalProperties).toBe(false);
    expect(envs.properties.prod.properties.clusters.items.enum).toEqual(['prod-eu1', 'prod-onprem1']);
    expect(envs.properties.dev.properties.clusters.items.enum).toEqual(['dev-eu1']);
  });

  test('refuses platform and add-on namespaces as tenant namespaces', () => {
    const refused = schema.properties.spec.properties.environments.properties.dev.properties.namespace.not.enum;
    expect(refused).toEqual(expect.arrayContaining(['kube-system', 'argocd', 'flux-system', 'monitoring', 'logging', 'cert-manager', 'velero', 'gatekeeper-system', 'istio-system']));
  });
});

describe('tenant files', () => {
  test.each([...tenantFiles.map((f) => path.join(FIXTURE_ROOT, f.file)), ...fs.readdirSync(path.join(ROOT, 'tenants')).map((f) => path.join(ROOT, 'tenants', f))])(
    '%s starts with the modeline that points the YAML language server at the schema', (file) => {
      expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../dist/tenant.schema.json');
      expect(parse(fs.readFileSync(file, 'utf8')).kind).toBe('Tenant');
    });
});
