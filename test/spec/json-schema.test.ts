/**
 * The generated tenant JSON Schema checks tenant files the way editors will.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { fixtureFiles, ROOT } from '../support/platform';

const schema = JSON.parse(fixtureFiles().get('tenant.schema.json')!);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const tenantFiles = fs.readdirSync(path.join(ROOT, 'tenants')).filter((f) => f.endsWith('.yaml'));
const load = (f: string) => parse(fs.readFileSync(path.join(ROOT, 'tenants', f), 'utf8'));

describe('tenant JSON Schema', () => {
  test.each(tenantFiles)('%s references the schema and validates against it', (f) => {
    expect(fs.readFileSync(path.join(ROOT, 'tenants', f), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../dist/tenant.schema.json');
    expect(validate(load(f)) ? [] : validate.errors).toEqual([]);
  });

  test('rejects a typo, an unknown cluster and an unknown environment, as the loader does', () => {
    const doc = load('payments.yaml');
    doc.spec.costCentre = doc.spec.costCenter;
    doc.spec.environments.prod.clusters = ['prod-us9'];
    doc.spec.environments.qa = doc.spec.environments.dev;
    expect(validate(doc)).toBe(false);
    const messages = validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      '/spec must NOT have additional properties',
      '/spec/environments property name must be valid',
      '/spec/environments/prod/clusters/0 must be equal to one of the allowed values',
    ]));
  });

  test('names the platform\'s environments and clusters for completion', () => {
    const env = schema.properties.spec.properties.environments;
    expect(env.propertyNames.enum).toEqual(['dev', 'staging', 'prod']);
    expect(JSON.stringify(schema)).toContain('"enum":["dev-eu1","staging-eu1","prod-eu1","prod-onprem1"]');
  });
});
