/**
 * Where the two sides of a review come from: a `dist/` folder on disk, a
 * fresh render of a checkout, a commit's committed `dist/` (read from Git
 * objects), or a commit rendered with its own code in a temporary
 * `git worktree` — the user's working tree is never touched.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isEngineOwnedFile } from '../render/layout';
import { DistFiles } from './dist-entries';

/**
 * Every file under `dir` (path relative to it, forward slashes → content).
 * @throws Error when `dir` does not exist
 */
export function readDistFolder(dir: string): Map<string, string> {
  if (!fs.existsSync(dir)) throw new Error(`${dir} does not exist; run \`npm run synth\` first, or compare with --base <git-ref>`);
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/**
 * `before` without the files of engine-owned folders (Flux's
 * `bootstrap/flux-system/`, see `isEngineOwnedFile`) that `after` does not
 * have: they are the engine's, not a render's, so they are no change.
 */
export function withoutEngineFiles(before: DistFiles, after: DistFiles): DistFiles {
  return new Map([...before].filter(([f]) => !isEngineOwnedFile(f) || after.has(f)));
}

/**
 * A fresh render of the checkout's platform, in this process (the same files
 * `npm run synth` writes).
 *
 * @throws DefinitionError when the definition is invalid; RenderError when rendering fails
 */
export type FreshRender = () => DistFiles;

function git(repo: string, args: string[], input?: Buffer): Buffer {
  return execFileSync('git', args, { cwd: repo, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * The full commit id of `ref`.
 * @throws Error naming the ref when Git does not know it
 */
export function resolveCommit(repo: string, ref: string): string {
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).toString().trim();
  } catch {
    throw new Error(`git does not know the commit "${ref}"; give a branch, tag or commit (in CI, fetch the base branch first)`);
  }
}

/**
 * The `dist/` committed at `ref`, read from Git objects (no checkout).
 *
 * @param distPath the folder in the repository, e.g. `dist`
 */
export function readCommittedDist(repo: string, ref: string, distPath = 'dist'): Map<string, string> {
  const commit = resolveCommit(repo, ref);
  const listing = git(repo, ['ls-tree', '-r', '-z', commit, '--', distPath]).toString().split('\0').filter(Boolean);
  const blobs = listing.map((line) => {
    const [meta, file] = line.split('\t');
    return { sha: meta.split(' ')[2], file: file.slice(distPath.length + 1) };
  });
  const out = new Map<string, string>();
  if (blobs.length === 0) return out;
  const data = git(repo, ['cat-file', '--batch'], Buffer.from(blobs.map((b) => b.sha).join('\n') + '\n'));
  let offset = 0;
  for (const b of blobs) {
    const eol = data.indexOf(0x0a, offset);
    const size = Number(data.subarray(offset, eol).toString().split(' ')[2]);
    out.set(b.file, data.subarray(eol + 1, eol + 1 + size).toString('utf8'));
    offset = eol + 1 + size + 1;
  }
  return out;
}

/**
 * Renders the commit `ref` with its own code: a temporary `git worktree`
 * (detached, outside the repository) sharing this checkout's `node_modules`,
 * where `npm run synth` writes that commit's `dist/`. The worktree is removed
 * afterwards. Takes the time of one synth.
 *
 * @throws Error with the synth's output when it fails
 */
export function renderCommit(repo: string, ref: string): { files: Map<string, string>; commit: string; notes: string[] } {
  const commit = resolveCommit(repo, ref);
  const root = git(repo, ['rev-parse', '--show-toplevel']).toString().trim();
  const modules = path.join(root, 'node_modules');
  if (!fs.existsSync(modules)) throw new Error(`${modules} is missing; run \`npm ci\` first (the base commit is rendered with these dependencies)`);
  const notes: string[] = [];
  const lockAtRef = spawnSync('git', ['show', `${commit}:package-lock.json`], { cwd: repo, maxBuffer: 1 << 28 }).stdout?.toString();
  const lockHere = fs.existsSync(path.join(root, 'package-lock.json')) ? fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8') : undefined;
  if (lockAtRef !== lockHere) notes.push(`${ref} has other dependencies (package-lock.json differs); it was rendered with this checkout's node_modules`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-platform-base-'));
  const worktree = path.join(tmp, 'checkout');
  git(repo, ['worktree', 'add', '--detach', '--quiet', worktree, commit]);
  try {
    fs.symlinkSync(modules, path.join(worktree, 'node_modules'), 'dir');
    const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_PLATFORM_CACHE: path.join(tmp, 'cache') };
    delete env.PLATFORM_DIST;
    const run = spawnSync('npm', ['run', '--silent', 'synth'], { cwd: worktree, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.status !== 0) {
      throw new Error(`rendering ${ref} (${commit.slice(0, 7)}) with its own \`npm run synth\` failed (exit ${run.status}):\n`
        + `${(run.stderr || run.stdout || '').trim()}\nTo compare with the dist/ committed there instead, add --base-dist.`);
    }
    return { files: readDistFolder(path.join(worktree, 'dist')), commit, notes };
  } finally {
    try {
      git(repo, ['worktree', 'remove', '--force', worktree]);
    } catch {
      git(repo, ['worktree', 'prune']);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
