/**
 * What a tenant author sees in the editor: the YAML language server (the
 * engine of the Red Hat YAML extension for VS Code, and of most editors'
 * YAML support), driven headless, finds the schema through the modeline of a
 * tenant file, reports nothing on valid files, flags what the schema
 * refuses, and shows each field's description and example on hover and the
 * platform's names on completion.
 */
import Ajv from 'ajv';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stringify } from 'yaml';
import { getLanguageService } from 'yaml-language-server';
import { TENANT_SCHEMA_FILE } from '../../src/definition/json-schema';
import { fixtureFiles, fixtureSources } from '../support/platform';
import { exampleDocument, invalidVariants, Json, validVariants } from '../support/schema-variants';

const schemaText = fixtureFiles().get(TENANT_SCHEMA_FILE)!;
const schema = JSON.parse(schemaText);
const requested: string[] = [];
const service = getLanguageService({
  schemaRequestService: async (uri: string) => {
    requested.push(uri);
    if (uri === 'file:///org/dist/tenant.schema.json') return schemaText;
    throw new Error(`no schema at ${uri}`);
  },
  workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
});
service.configure({ validate: true, hover: true, completion: true, isKubernetes: false });

const MODELINE = '# yaml-language-server: $schema=../dist/tenant.schema.json';
let n = 0;
const open = (text: string) => TextDocument.create(`file:///org/tenants/t${n++}.yaml`, 'yaml', 1, text);
const diagnostics = async (text: string) => (await service.doValidation(open(text), false)).map((d) => `${d.range.start.line + 1}: ${d.message}`);
const checkout = fixtureSources().tenantFiles.find((f) => f.file === 'tenants/checkout.yaml')!.text;

describe('the YAML language server with the tenant schema', () => {
  test.each(fixtureSources().tenantFiles.map((f) => [f.file, f.text]))('%s: no diagnostics', async (_file, text) => {
    expect(await diagnostics(text)).toEqual([]);
    expect(requested).toContain('file:///org/dist/tenant.schema.json');
  });

  test('flags a cluster of another environment, naming the allowed ones, and a cost centre that is no label value', async () => {
    const text = checkout.replace('clusters: [prod-eu1]', 'clusters: [dev-eu1]').replace('costCenter: cc-2050', 'costCenter: "cc 2050"');
    expect(await diagnostics(text)).toEqual([
      expect.stringMatching(/^12: String does not match the pattern/),
      '36: Value is not accepted. Valid values: "prod-eu1", "prod-onprem1".',
    ]);
  });

  test('hover shows the field\'s description and example', async () => {
    const doc = open(checkout);
    const line = checkout.split('\n').findIndex((l) => l.trimStart().startsWith('costCenter:'));
    const hover = await service.doHover(doc, { line, character: 4 });
    const value = (hover!.contents as { value: string }).value;
    expect(value).toContain('Cost centre, put on every namespace as the label platform.cdk8s.io/cost-center');
    expect(value).toContain('Example:');
    expect(value).toContain('cc-3021');
  });

  test('completion offers the clusters that run the environment', async () => {
    const lines = checkout.split('\n');
    const line = lines.findIndex((l) => l.includes('clusters: [prod-eu1]'));
    const list = await service.doComplete(open(checkout), { line, character: lines[line].indexOf('prod-eu1') }, false);
    expect(list.items.map((i) => i.label)).toEqual(['prod-eu1', 'prod-onprem1']);
  });

  test('agrees with Ajv on generated variants of every kind (a sample of each keyword)', async () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(schema);
    const byAjv = (d: Json) => validate(d) as boolean;
    const base = exampleDocument(schema);
    const pick = <T extends { keyword: string }>(list: T[], every: number) => list.filter((v, i) => i % every === 0 || list.findIndex((o) => o.keyword === v.keyword) === i);
    const missed: string[] = [];
    for (const v of pick(invalidVariants(schema, base, byAjv), 12)) {
      if ((await diagnostics(`${MODELINE}\n${stringify(v.doc)}`)).length === 0) missed.push(`${v.path} [${v.keyword}]`);
    }
    const extra: string[] = [];
    for (const v of pick(validVariants(schema, base, byAjv), 8)) {
      const found = await diagnostics(`${MODELINE}\n${stringify(v.doc)}`);
      if (found.length > 0) extra.push(`${v.path} [${v.keyword}]: ${found.join('; ')}`);
    }
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
  });
});
