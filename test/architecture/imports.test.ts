/**
 * The import rules of .dependency-cruiser.js, enforced: no import cycles;
 * the contracts (src/spec, src/contracts) at the bottom, the composition root
 * (src/app, src/cli, src/testing, src/index.ts) at the top; the library never
 * imports an organisation; the default platform (main.ts, platform/,
 * test/platform.test.ts) imports only the public entry points. Each rule is
 * also shown to catch a violation.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../support/platform';
import { scratchDir } from '../support/scratch-dir';

const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

function cruise(cwd: string, targets: string[]) {
  return spawnSync(process.execPath, [DEPCRUISE, '--config', path.join(ROOT, '.dependency-cruiser.js'), '--output-type', 'err', ...targets], { cwd, encoding: 'utf8' });
}

/** A scratch repository laid out like this one, with `files` (path → source). */
function scratch(files: Record<string, string>): string {
  const dir = scratchDir('platform-imports-');
  const all: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { 'cdk8s-platform': ['src/index.ts'] } } }),
    'src/index.ts': "export * from './spec/cluster';\n",
    'src/spec/cluster.ts': 'export const x = 1;\n',
    'src/tenancy/tenant.ts': "import { x } from '../spec/cluster';\nexport const y = x;\n",
    'src/app/standard.ts': "import { y } from '../tenancy/tenant';\nexport const z = y;\n",
    ...files,
  };
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'scratch', dependencies: { constructs: '*' } }));
  for (const [f, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

describe('import rules', () => {
  test('the library and the default platform keep them', () => {
    const run = cruise(ROOT, ['src', 'main.ts', 'platform', 'test/platform.test.ts']);
    expect(run.stdout + run.stderr).toMatch(/no dependency violations found/);
    expect(run.status).toBe(0);
  });

  test('each rule catches a violation', () => {
    const dir = scratch({
      // no-circular
      'src/spec/a.ts': "import { b } from './b';\nexport const a = 1; export const c = b;\n",
      'src/spec/b.ts': "import { a } from './a';\nexport const b = a;\n",
      // contracts-at-the-bottom
      'src/spec/cluster.ts': "import { y } from '../tenancy/tenant';\nexport const x = 1; export const v = y;\n",
      // composition-root-at-the-top and library-knows-no-organisation
      'src/tenancy/tenant.ts': "import { z } from '../app/standard';\nimport org from '../../main';\nexport const y = 1; export const v = [z, org];\n",
      // organisation-uses-the-public-entry and organisation-imports-no-dependency-directly
      'main.ts': "import { Construct } from 'constructs';\nimport { y } from './src/tenancy/tenant';\nexport default [y, Construct];\n",
    });
    const run = cruise(dir, ['src', 'main.ts']);
    for (const rule of ['no-circular', 'contracts-at-the-bottom', 'composition-root-at-the-top', 'library-knows-no-organisation',
      'organisation-uses-the-public-entry', 'organisation-imports-no-dependency-directly']) {
      expect(run.stdout + run.stderr).toContain(`error ${rule}:`);
    }
    expect(run.status).not.toBe(0);
  });

  test('the public entry is allowed to the default platform', () => {
    const dir = scratch({ 'main.ts': "import { x } from 'cdk8s-platform';\nexport default x;\n" });
    const run = cruise(dir, ['src', 'main.ts']);
    expect(run.status).toBe(0);
  });
});
