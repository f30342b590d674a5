/**
 * The README's "Adding a tenant" example works as written: its tenant file
 * passes the committed `dist/tenant.schema.json` and `npm run synth`'s
 * validation of the default platform (beside its other tenants, whether the
 * example was already added or not), and its name is used by no fixture
 * tenant and no test — so following the steps never turns `npm test` red.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import platform from '../../main';
import { loadPlatform } from '../../src/definition/load';
import { EXAMPLE_TENANT } from '../../src/spec/tenant';
import { fixtureSources, ROOT } from '../support/platform';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Adding a tenant'), readme.indexOf('\n## ', readme.indexOf('## Adding a tenant') + 1));
const block = /```yaml\n([\s\S]*?)```/.exec(section)![1].split('\n').map((l) => l.replace(/^ {3}/, '')).join('\n');
const doc = parse(block);
const file = `tenants/${doc.metadata.name}.yaml`;

describe('the README\'s onboarding example', () => {
  test('names the example tenant of the schema, with the modeline first', () => {
    expect(doc.metadata.name).toBe(EXAMPLE_TENANT);
    expect(block.split('\n')[0]).toBe('# yaml-language-server: $schema=../dist/tenant.schema.json');
    expect(section).toContain(`tenants/${EXAMPLE_TENANT}.yaml`);
  });

  test('is valid for the committed tenant JSON Schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'tenant.schema.json'), 'utf8')));
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  test('is valid for the default platform, beside its other tenants', () => {
    const sources = platform.sources();
    const others = sources.tenantFiles.filter((f) => f.file !== file);
    expect(() => loadPlatform({ ...sources, tenantFiles: [...others, { file, text: block }] })).not.toThrow();
  });

  test('collides with no tenant of the fixture organisation and no test', () => {
    expect(fixtureSources().tenantFiles.map((f) => f.file)).not.toContain(file);
    const tests = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      (e.isDirectory() ? tests(path.join(dir, e.name)) : e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []));
    const mentioning = tests(path.join(ROOT, 'test'))
      .filter((f) => f !== __filename && new RegExp(`\\b${EXAMPLE_TENANT}\\b`).test(fs.readFileSync(f, 'utf8')));
    expect(mentioning).toEqual([]);
  });
});
