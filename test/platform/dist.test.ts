/**
 * The committed dist/ is exactly what the definition renders today: no
 * missing, extra or changed file. Run `npm run synth` and commit when it fails.
 */
import * as fs from 'fs';
import * as path from 'path';
import { defaultPlatformFiles, ROOT } from '../support/platform';

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

describe('committed dist/', () => {
  const dist = path.join(ROOT, 'dist');
  const fresh = defaultPlatformFiles();
  const committed = listFiles(dist).sort();

  test('holds exactly the files a fresh render produces (run `npm run synth` and commit)', () => {
    expect(committed).toEqual([...fresh.keys()].sort());
  });

  test('every file is byte-identical to a fresh render (run `npm run synth` and commit)', () => {
    const stale = [...fresh].filter(([p, content]) =>
      !fs.existsSync(path.join(dist, p)) || fs.readFileSync(path.join(dist, p), 'utf8') !== content).map(([p]) => p);
    expect(stale).toEqual([]);
  });
});
