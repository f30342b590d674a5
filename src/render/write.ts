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

  private readonly preserve?: (rel: string) => boolean;

  /**
   * @param outDir the output folder to replace, e.g. `dist`
   * @param preserve folders of the output folder that belong to someone else
   *   (paths relative to it, forward slashes, ending in `/`): at commit, the
   *   files under a folder for which it returns true are carried over
   *   unchanged unless the new content has the same file (the render's own
   *   files win), e.g. what `flux bootstrap` commits into `flux-system/`
   * @default preserve - nothing is carried over
   */
  constructor(outDir: string, preserve?: (folder: string) => boolean) {
    this.target = path.resolve(outDir);
    this.preserve = preserve;
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
    if (hadPrevious && this.preserve) {
      try {
        carryOver(this.target, this.dir, '', this.preserve);
      } catch (e) {
        fs.rmSync(this.dir, { recursive: true, force: true });
        throw e;
      }
    }
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
 * Copies into `to` the files of every folder of `from` that `preserve`
 * claims, except those `to` already has (the render's own files win).
 */
function carryOver(from: string, to: string, rel: string, preserve: (folder: string) => boolean, claimed = false): void {
  for (const e of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const entry = `${rel}${e.name}`;
    if (e.isDirectory()) {
      carryOver(from, to, `${entry}/`, preserve, claimed || preserve(`${entry}/`));
    } else if (claimed && e.isFile() && !fs.existsSync(path.join(to, entry))) {
      fs.mkdirSync(path.dirname(path.join(to, entry)), { recursive: true });
      fs.copyFileSync(path.join(from, entry), path.join(to, entry));
    }
  }
}

/**
 * Writes `files` (path relative to `outDir` → content) as the new content of
 * `outDir`, replacing whatever was there, with no stale files left (except
 * in the folders `preserve` claims, see {@link StagedFolder}).
 *
 * @param outDir the output folder, e.g. `dist`
 * @throws Error from the file system; `outDir` is then unchanged
 */
export function writeTreeAtomically(outDir: string, files: ReadonlyMap<string, string>, preserve?: (folder: string) => boolean): void {
  const staged = new StagedFolder(outDir, preserve);
  try {
    new FolderWriter(staged.dir).write(files);
  } catch (e) {
    staged.abort();
    throw e;
  }
  staged.commit();
}
