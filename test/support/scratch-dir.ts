import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const made: string[] = [];

/**
 * A new empty directory `<os.tmpdir()>/<prefix>XXXXXX` for one test file,
 * removed with everything in it after that file's tests
 * (test/support/remove-scratch-dirs.ts, a Jest `setupFilesAfterEnv` entry).
 * Returns its absolute path.
 */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory `scratchDir` made in this test file. */
export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
