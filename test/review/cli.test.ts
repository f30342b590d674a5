/**
 * `npm run diff`: options, the comparison of dist/ on disk with a fresh
 * render, the review gate's exit code, Markdown output, and the base taken
 * from Git (committed dist/ read from objects; a commit rendered with its
 * own code in a temporary worktree, leaving the working tree untouched).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { main, parseDiffArgs } from '../../src/review/cli';
import { readCommittedDist, renderCommit } from '../../src/review/dist-sources';
import { COMMENT_MARKER } from '../../src/review/report';
import { fixtureFiles, ROOT } from '../support/platform';

function capture(run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: any) => { out += String(s); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { err += String(s); return true; });
  return run().then((code) => ({ code, out, err })).finally(() => { o.mockRestore(); e.mockRestore(); });
}

/** The fresh render of the checkouts below: the fixture organisation's. */
const fresh = () => fixtureFiles();

/** A checkout whose dist/ equals a fresh render of the fixture organisation, with `edit` applied to it. */
function checkout(edit: (dist: string) => void = () => undefined): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-diff-'));
  for (const [p, content] of fixtureFiles()) {
    fs.mkdirSync(path.dirname(path.join(root, 'dist', p)), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist', p), content);
  }
  edit(path.join(root, 'dist'));
  return root;
}

const DEVELOPER_ROLE = 'clusters/prod-eu1/platform/tenancy/clusterrole-tenant-developer.yaml';

/** Removes `delete` from every rule of the committed developer role, so the fresh render grants more. */
function narrowDeveloperRole(dist: string): void {
  const file = path.join(dist, DEVELOPER_ROLE);
  const role = parse(fs.readFileSync(file, 'utf8'));
  for (const r of role.rules) r.verbs = r.verbs.filter((v: string) => v !== 'delete');
  fs.writeFileSync(file, stringify(role));
}

describe('options', () => {
  test('parse formats, the gate and the base', () => {
    expect(parseDiffArgs([])).toEqual({ base: undefined, baseDist: false, format: 'text', output: undefined, failOn: undefined });
    expect(parseDiffArgs(['--base', 'origin/main', '--base-dist', '--format', 'markdown', '--fail-on-high'])).toMatchObject({ base: 'origin/main', baseDist: true, format: 'markdown', failOn: 'high' });
    expect(parseDiffArgs(['--fail-on', 'medium'])).toMatchObject({ failOn: 'medium' });
    expect(parseDiffArgs(['--help'])).toBe('help');
  });

  test('reject bad values, naming what is allowed', () => {
    expect(() => parseDiffArgs(['--format', 'html'])).toThrow(/--format "html" must be text or markdown/);
    expect(() => parseDiffArgs(['--fail-on', 'severe'])).toThrow(/--fail-on "severe" must be one of high, medium, low/);
    expect(() => parseDiffArgs(['--base-dist'])).toThrow(/--base-dist needs --base/);
    expect(() => parseDiffArgs(['main'])).toThrow(/unexpected argument "main"/);
  });
});

describe('dist/ on disk against a fresh render', () => {
  test('no changes when dist/ is fresh', async () => {
    const root = checkout();
    const r = await capture(() => main(root, [], fresh));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Platform diff: dist\/ on disk → fresh render\nno changes \(\d+ files unchanged\)/);
  });

  test('a broadened role is a high flag; --fail-on high exits 2 and still prints the report', async () => {
    const root = checkout(narrowDeveloperRole);
    const r = await capture(() => main(root, ['--fail-on', 'high'], fresh));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/HIGH +rbac-broadened +prod-eu1: ClusterRole tenant-developer — now grants delete/);
    expect(r.out).toMatch(/~ ClusterRole tenant-developer {2}clusters\/prod-eu1\/platform\/tenancy\/clusterrole-tenant-developer.yaml\n {8}rules\[/);
    expect(r.err).toMatch(/Review gate: 1 risk flag at high or above/);
    expect((await capture(() => main(root, [], fresh))).code).toBe(0);
  });

  test('--format markdown --output writes a PR comment with the marker', async () => {
    const root = checkout(narrowDeveloperRole);
    const file = path.join(root, 'diff.md');
    const r = await capture(() => main(root, ['--format', 'markdown', '--output', file], fresh));
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const md = fs.readFileSync(file, 'utf8');
    expect(md.startsWith(`${COMMENT_MARKER}\n### Platform diff:`)).toBe(true);
    expect(md).toMatch(/\| \*\*high\*\* \| `rbac-broadened` \| prod-eu1 \| ClusterRole tenant-developer \|/);
  });

  test('a missing dist/ and bad options exit 1 with a message', async () => {
    const root = checkout((dist) => fs.rmSync(dist, { recursive: true }));
    expect(await capture(() => main(root, [], fresh))).toMatchObject({ code: 1, err: expect.stringMatching(/dist does not exist; run `npm run synth` first/) });
    expect(await capture(() => main(root, ['--format', 'x'], fresh))).toMatchObject({ code: 1, err: expect.stringMatching(/Usage: npm run diff/) });
  });
});

describe('the base from Git', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

  test('reads the committed dist/ of a commit from Git objects', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-git-'));
    git(repo, 'init', '-q');
    fs.mkdirSync(path.join(repo, 'dist', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'dist', 'a.txt'), 'first\n');
    fs.writeFileSync(path.join(repo, 'dist', 'sub', 'b.yaml'), 'x: "ünïcode"\n');
    git(repo, 'add', '.');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'one');
    fs.writeFileSync(path.join(repo, 'dist', 'a.txt'), 'second\n');
    expect(readCommittedDist(repo, 'HEAD')).toEqual(new Map([['a.txt', 'first\n'], ['sub/b.yaml', 'x: "ünïcode"\n']]));
    expect(() => readCommittedDist(repo, 'no-such-branch')).toThrow(/git does not know the commit "no-such-branch"/);
  });

  // Needs this checkout's Git history (skipped in a source tarball).
  const inGit = spawnSync('git', ['rev-parse', '--verify', 'HEAD'], { cwd: ROOT }).status === 0;
  (inGit ? test : test.skip)('renders a commit with its own synth in a temporary worktree, leaving the working tree as it was', () => {
    const status = git(ROOT, 'status', '--porcelain');
    const worktrees = git(ROOT, 'worktree', 'list');
    const rendered = renderCommit(ROOT, 'HEAD');
    expect(rendered.files.size).toBeGreaterThan(100);
    expect([...rendered.files.keys()].sort()).toEqual([...readCommittedDist(ROOT, 'HEAD').keys()].sort());
    expect(git(ROOT, 'status', '--porcelain')).toBe(status);
    expect(git(ROOT, 'worktree', 'list')).toBe(worktrees);
  });
});
