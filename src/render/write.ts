/**
 * Replaces the output folder atomically: everything is written into a sibling
 * folder first, then swapped in with two renames. If anything fails before the
 * swap, the previous output stays exactly as it was and the half-written
 * folder is removed.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes `files` (path relative to `outDir` → content) as the new content of
 * `outDir`, replacing whatever was there, with no stale files left.
 *
 * @param outDir the output folder, e.g. `dist`
 * @throws Error from the file system; `outDir` is then unchanged
 */
export function writeTreeAtomically(outDir: string, files: ReadonlyMap<string, string>): void {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${base}-new-`));
  try {
    const made = new Set<string>();
    for (const rel of [...files.keys()].sort()) {
      const file = path.join(staging, rel);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      fs.writeFileSync(file, files.get(rel)!);
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const old = `${staging.replace(`-new-`, '-old-')}`;
  const hadPrevious = fs.existsSync(target);
  if (hadPrevious) fs.renameSync(target, old);
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    if (hadPrevious) fs.renameSync(old, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (hadPrevious) fs.rmSync(old, { recursive: true, force: true });
}
