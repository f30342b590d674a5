/**
 * `cdk8s-platform init <dir>`: the files of a new organisation's repository,
 * its package.json (depending on this library, scripts synth/diff/test),
 * and refusals. The full round trip (install, synth, test, upgrade) is
 * test/package/organisation.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { createOrganisation } from '../../src/cli/init';
import { run } from '../../src/cli/main';
import { ROOT } from '../support/platform';
import { scratchDir } from '../support/scratch-dir';

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => { out.stdout += s; return true; } } as unknown as NodeJS.WritableStream,
      stderr: { write: (s: string) => { out.stderr += s; return true; } } as unknown as NodeJS.WritableStream,
    },
  };
}

describe('init', () => {
  test('creates an organisation\'s repository: its definition, tests, workflow and tool configuration', () => {
    const dir = path.join(scratchDir('platform-init-'), 'Acme Platform');
    const files = createOrganisation({ dir });
    for (const f of ['package.json', 'cdk8s.yaml', 'tsconfig.json', 'jest.config.js', 'README.md', '.gitignore', 'main.ts',
      'platform/settings.ts', 'platform/clusters.ts', 'test/platform.test.ts', '.github/workflows/platform.yml']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('tenants/')).length).toBeGreaterThan(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const library = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: 'acme-platform',
      private: true,
      scripts: { synth: 'cdk8s-platform synth', diff: 'cdk8s-platform diff', test: 'tsc --noEmit -p . && jest' },
      dependencies: { 'cdk8s-platform': `^${library.version}` },
    });
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['@types/jest', '@types/node', 'jest', 'ts-jest', 'typescript']);
    // The organisation's files import the library by its name only, and its cdk8s.yaml names no local path.
    for (const f of ['main.ts', 'platform/settings.ts', 'platform/clusters.ts', 'test/platform.test.ts']) {
      const imports = [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((i) => !i.startsWith('./') && !i.startsWith('../') && !i.startsWith('cdk8s-platform'))).toEqual([]);
      expect(imports.filter((i) => i.includes('src/'))).toEqual([]);
    }
    const cdk8s = parse(fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8'));
    expect(cdk8s).toMatchObject({ language: 'typescript', app: 'npx cdk8s-platform synth', imports: [] });
  });

  test('names the library as told (e.g. a tarball) and refuses a folder that is not empty', async () => {
    const parent = scratchDir('platform-init-');
    const a = io();
    expect(await run(['init', path.join(parent, 'org'), '--library', 'file:../cdk8s-platform-9.9.9.tgz', '--name', 'acme'], { io: a.io })).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(parent, 'org/package.json'), 'utf8')).dependencies).toEqual({ 'cdk8s-platform': 'file:../cdk8s-platform-9.9.9.tgz' });
    expect(a.out.stdout).toMatch(/npm install && npm run synth/);
    const b = io();
    expect(await run(['init', path.join(parent, 'org')], { io: b.io })).toBe(1);
    expect(b.out.stderr).toMatch(/exists and is not empty/);
    const c = io();
    expect(await run(['init'], { io: c.io })).toBe(1);
    expect(c.out.stderr).toMatch(/init takes one folder/);
  });

  test('unknown commands and a missing main.ts are refused with a message', async () => {
    const a = io();
    expect(await run(['render'], { io: a.io })).toBe(1);
    expect(a.out.stderr).toMatch(/Unknown command "render"; the commands are init, synth and diff/);
    const b = io();
    expect(await run(['synth', '--app', path.join(os.tmpdir(), 'no-such-main.ts')], { io: b.io })).toBe(1);
    expect(b.out.stderr).toMatch(/no-such-main.ts does not exist/);
  });
});
