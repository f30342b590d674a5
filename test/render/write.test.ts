/**
 * Atomic replacement of the output folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeTreeAtomically } from '../../src/render/write';
import { snapshotDir, tempDistWith } from '../support/definitions';
import { scratchDir } from '../support/scratch-dir';

describe('writeTreeAtomically', () => {
  test('replaces the folder: new files written, stale files gone', () => {
    const dir = tempDistWith({ 'clusters/a/tenants/old/x.yaml': 'old\n', 'keep.txt': 'before\n' });
    writeTreeAtomically(dir, new Map([['keep.txt', 'after\n'], ['clusters/a/tenants/new/y.yaml', 'new\n']]));
    expect(snapshotDir(dir)).toEqual({ 'keep.txt': 'after\n', [path.join('clusters/a/tenants/new/y.yaml')]: 'new\n' });
    expect(fs.readdirSync(path.dirname(dir)).filter((f) => f.startsWith(`.${path.basename(dir)}-`))).toEqual([]);
  });

  test('creates the folder when it does not exist', () => {
    const dir = path.join(scratchDir('platform-'), 'dist');
    writeTreeAtomically(dir, new Map([['a.yaml', 'a\n']]));
    expect(snapshotDir(dir)).toEqual({ 'a.yaml': 'a\n' });
  });

  test('leaves the previous folder untouched when writing fails half-way', () => {
    const dir = tempDistWith({ 'images.txt': 'previous\n' });
    const before = snapshotDir(dir);
    // A file and a folder of the same name cannot both be written: the second write fails.
    const files = new Map([['a', 'file\n'], ['a/b.yaml', 'nested\n']]);
    expect(() => writeTreeAtomically(dir, files)).toThrow();
    expect(snapshotDir(dir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(dir)).filter((f) => f.startsWith(`.${path.basename(dir)}-`))).toEqual([]);
  });
});
