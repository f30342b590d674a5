/**
 * Replaces the output folder atomically: everything is written into a sibling
 * folder first, then swapped in with two renames. If anything fails before the
 * swap, the previous output stays exactly as it was and the half-written
 * folder is removed.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes files into a folder, creating sub-folders once each. Several writers
 * (e.g. one per render thread) may write disjoint files into one folder.
 */
export class FolderWriter {
  private readonly made = new Set<string>();
  /** Number of files written. */
  public fileCount = 0;

  /** @param dir folder the relative paths are resolved against */
  constructor(public readonly dir: string) {}

  /**
   * Writes each file (path relative to the folder, forward slashes → content).
   * @throws Error from the file system
   */
  public write(files: Iterable<readonly [string, string]>): void {
    for (const [rel, content] of files) this.writeFile(rel, content);
  }

  /**
   * Writes one file (path relative to the folder, forward slashes).
   * @throws Error from the file system
   */
  public writeFile(rel: string, content: string): void {
    const slash = rel.lastIndexOf('/');
    const folder = slash < 0 ? '' : rel.slice(0, slash);
    if (!this.made.has(folder)) {
      fs.mkdirSync(path.join(this.dir, folder), { recursive: true });
      this.made.add(folder);
    }
    fs.writeFileSync(`${this.dir}/${rel}`, content);
    this.fileCount++;
  }
}

/**
 * The new content of an output folder, written aside (a hidden sibling
 * folder) and swapped in by {@link StagedFolder.commit}; or dropped by
 * {@link StagedFolder.abort}, leaving the output folder as it was.
 */
export class StagedFolder {
  /** The staging folder files are written into. */
  public readonly dir: string;
  private readonly target: string;
  private done = false;

  /** @param outDir the output folder to replace, e.g. `dist` */
  constructor(outDir: string) {
    this.target = path.resolve(outDir);
    const parent = path.dirname(this.target);
    fs.mkdirSync(parent, { recursive: true });
    this.dir = fs.mkdtempSync(path.join(parent, `.${path.basename(this.target)}-new-`));
  }

  /**
   * Replaces the output folder with the staging folder (two renames; the
   * previous content is restored if the second fails), then removes the old content.
   * @throws Error from the file system; the output folder is then unchanged
   */
  public commit(): void {
    this.finish();
    const old = this.dir.replace('-new-', '-old-');
    const hadPrevious = fs.existsSync(this.target);
    if (hadPrevious) fs.renameSync(this.target, old);
    try {
      fs.renameSync(this.dir, this.target);
    } catch (e) {
      if (hadPrevious) fs.renameSync(old, this.target);
      fs.rmSync(this.dir, { recursive: true, force: true });
      throw e;
    }
    if (hadPrevious) fs.rmSync(old, { recursive: true, force: true });
  }

  /** Removes the staging folder; the output folder is left as it was. */
  public abort(): void {
    this.finish();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private finish(): void {
    if (this.done) throw new Error(`staging folder ${this.dir} was already committed or aborted`);
    this.done = true;
  }
}

/**
 * Writes `files` (path relative to `outDir` → content) as the new content of
 * `outDir`, replacing whatever was there, with no stale files left.
 *
 * @param outDir the output folder, e.g. `dist`
 * @throws Error from the file system; `outDir` is then unchanged
 */
export function writeTreeAtomically(outDir: string, files: ReadonlyMap<string, string>): void {
  const staged = new StagedFolder(outDir);
  try {
    new FolderWriter(staged.dir).write(files);
  } catch (e) {
    staged.abort();
    throw e;
  }
  staged.commit();
}
