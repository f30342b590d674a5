/**
 * Progress on a terminal only, and the staged output folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { progressReporter, PROGRESS_DELAY_MS } from '../../src/render/progress';
import { FolderWriter, StagedFolder } from '../../src/render/write';
import { scratchDir } from '../support/scratch-dir';

const unit = { unit: { kind: 'cluster', cluster: 'prod-eu1' }, objectCount: 12345 };

describe('progress', () => {
  test('writes nothing when the stream is not a terminal', () => {
    const written: string[] = [];
    const p = progressReporter({ isTTY: false, write: (t: string) => written.push(t) }, () => 10_000);
    p.onUnit(1, 2, unit);
    p.finish();
    expect(written).toEqual([]);
  });

  test('on a terminal: nothing for short renders, then one rewritten line per unit, cleared at the end', () => {
    const written: string[] = [];
    let now = 0;
    const p = progressReporter({ isTTY: true, write: (t: string) => written.push(t) }, () => now);
    p.onUnit(1, 3, unit);
    expect(written).toEqual([]);
    now = PROGRESS_DELAY_MS + 1;
    p.onUnit(2, 3, unit);
    p.onUnit(3, 3, { unit: { kind: 'fleet' }, objectCount: 1 });
    p.finish();
    expect(written).toEqual([
      '\r\x1b[KRendering: 2/3 units, cluster prod-eu1 done (12,345 objects)',
      '\r\x1b[KRendering: 3/3 units, fleet done (1 objects)',
      '\r\x1b[K',
    ]);
  });
});

describe('StagedFolder', () => {
  const tmp = () => path.join(scratchDir('platform-staged-'), 'dist');

  test('several writers fill one staging folder; commit swaps it in', () => {
    const dir = tmp();
    const staged = new StagedFolder(dir);
    const a = new FolderWriter(staged.dir);
    const b = new FolderWriter(staged.dir);
    a.write([['clusters/a/x.yaml', 'a\n']]);
    b.write([['clusters/b/y.yaml', 'b\n'], ['top.txt', 't\n']]);
    expect([a.fileCount, b.fileCount]).toEqual([1, 2]);
    expect(fs.existsSync(dir)).toBe(false);
    staged.commit();
    expect(fs.readFileSync(path.join(dir, 'clusters/b/y.yaml'), 'utf8')).toBe('b\n');
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['dist']);
  });

  test('abort leaves the output folder as it was; a staged folder is used once', () => {
    const dir = tmp();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'old.txt'), 'old\n');
    const staged = new StagedFolder(dir);
    new FolderWriter(staged.dir).write([['new.txt', 'new\n']]);
    staged.abort();
    expect(fs.readdirSync(dir)).toEqual(['old.txt']);
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['dist']);
    expect(() => staged.commit()).toThrow(/already committed or aborted/);
  });
});
