/**
 * `npm run diff`: options, the comparison of dist/ on disk with a fresh
 * render, the review gate's exit code, Markdown output, and the base taken
 * from Git (committed dist/ read from objects; a commit rendered with its
 * own code in a temporary worktree, leaving the working tree untouched).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { main, parseDiffArgs } from '../../src/review/cli';
import { readCommittedDist, renderCommit } from '../../src/review/dist-sources';
import { renderDist } from '../../src/app/synth';
import { loadPlatform, readTenantFiles } from '../../src/definition/load';
import { COMMENT_MARKER } from '../../src/review/report';
import { fixtureFiles, fixtureSources, ROOT } from '../support/platform';
import { FIXTURE_ROOT } from '../fixtures/example-org';
import { scratchDir } from '../support/scratch-dir';

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
  const root = scratchDir('platform-diff-');
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
    expect(parseDiffArgs([])).toEqual({ base: undefined, baseDist: false, onDisk: false, format: 'text', output: undefined, fullOutput: undefined, detailsUrl: undefined, failOn: undefined });
    expect(parseDiffArgs(['--on-disk', '--full-output', 'all.md', '--details-url', 'https://ci.example.com/run/1'])).toMatchObject({ onDisk: true, fullOutput: 'all.md', detailsUrl: 'https://ci.example.com/run/1' });
    expect(parseDiffArgs(['--base', 'origin/main', '--base-dist', '--format', 'markdown', '--fail-on-high'])).toMatchObject({ base: 'origin/main', baseDist: true, format: 'markdown', failOn: 'high' });
    expect(parseDiffArgs(['--fail-on', 'medium'])).toMatchObject({ failOn: 'medium' });
    expect(parseDiffArgs(['--help'])).toBe('help');
  });

  test('reject bad values, naming what is allowed', () => {
    expect(() => parseDiffArgs(['--format', 'html'])).toThrow(/--format "html" must be text or markdown/);
    expect(() => parseDiffArgs(['--fail-on', 'severe'])).toThrow(/--fail-on "severe" must be one of high, medium, low/);
    expect(() => parseDiffArgs(['--base-dist'])).toThrow(/--base-dist needs --base/);
    expect(() => parseDiffArgs(['main'])).toThrow(/unexpected argument "main"/);
    expect(() => parseDiffArgs(['--on-disk', '--base', 'main'])).toThrow(/--on-disk and --base name two different old sides/);
    expect(() => parseDiffArgs(['--details-url', 'ci run 1'])).toThrow(/--details-url "ci run 1" must be an http\(s\) URL/);
  });
});

describe('dist/ on disk against a fresh render (--on-disk, and the default outside Git)', () => {
  test('no changes when dist/ is fresh', async () => {
    const root = checkout();
    const r = await capture(() => main(root, ['--on-disk'], fresh));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Platform diff: dist\/ on disk → fresh render of the working tree\nno changes \(\d+ files unchanged\)/);
    expect(r.err).toBe('');
  });

  test('outside a Git checkout the default compares dist/ on disk, and says so', async () => {
    const r = await capture(() => main(checkout(), [], fresh));
    expect(r.out).toMatch(/^Platform diff: dist\/ on disk → /);
    expect(r.err).toMatch(/is not a Git checkout with commits; comparing the dist\/ folder on disk instead of HEAD's/);
  });

  test('a broadened role is a high flag; --fail-on high exits 2 and still prints the report', async () => {
    const root = checkout(narrowDeveloperRole);
    const r = await capture(() => main(root, ['--on-disk', '--fail-on', 'high'], fresh));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/HIGH +rbac-broadened +prod-eu1 · platform: ClusterRole tenant-developer — now grants delete/);
    expect(r.out).toMatch(/~ ClusterRole tenant-developer {2}clusters\/prod-eu1\/platform\/tenancy\/clusterrole-tenant-developer.yaml\n {8}rules\[/);
    expect(r.err).toMatch(/Review gate: 1 risk flag at high or above/);
    expect((await capture(() => main(root, ['--on-disk'], fresh))).code).toBe(0);
  });

  test('--format markdown --output writes a PR comment with the marker; --full-output the complete report', async () => {
    const root = checkout(narrowDeveloperRole);
    const file = path.join(root, 'diff.md');
    const full = path.join(root, 'diff-full.md');
    const r = await capture(() => main(root, ['--on-disk', '--format', 'markdown', '--output', file, '--full-output', full], fresh));
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const md = fs.readFileSync(file, 'utf8');
    expect(md.startsWith(`${COMMENT_MARKER}\n### Platform diff:`)).toBe(true);
    expect(md).toMatch(/\| \*\*high\*\* \| `rbac-broadened` \| prod-eu1 · platform \| 1 \| ClusterRole tenant-developer: now grants delete/);
    expect(fs.readFileSync(full, 'utf8')).toBe(md); // small enough to be complete already
  });

  test('a missing dist/ and bad options exit 1 with a message', async () => {
    const root = checkout((dist) => fs.rmSync(dist, { recursive: true }));
    expect(await capture(() => main(root, ['--on-disk'], fresh))).toMatchObject({ code: 1, err: expect.stringMatching(/dist does not exist; run `npm run synth` first/) });
    expect(await capture(() => main(root, ['--format', 'x'], fresh))).toMatchObject({ code: 1, err: expect.stringMatching(/Usage: npm run diff/) });
  });
});

describe('the default: HEAD\'s committed dist/ against a fresh render of the working tree', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

  /** A Git checkout whose HEAD holds the fixture organisation's tenants and their fresh dist/. */
  function committed(): string {
    const root = checkout();
    fs.cpSync(path.join(FIXTURE_ROOT, 'tenants'), path.join(root, 'tenants'), { recursive: true });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'platform');
    return root;
  }

  /** The fixture organisation rendered with the tenants of the checkout at `root`. */
  const renderAt = (root: string) => () => renderDist(loadPlatform({ ...fixtureSources(), tenantFiles: readTenantFiles(path.join(root, 'tenants'), root) })).files;

  /** Raises the prod CPU quota of payments in the working tree (uncommitted). */
  function raiseQuota(root: string): void {
    const file = path.join(root, 'tenants', 'payments.yaml');
    const tenant = parse(fs.readFileSync(file, 'utf8'));
    tenant.spec.environments.prod.quota.cpu.requests = '40';
    tenant.spec.environments.prod.quota.cpu.limits = '80';
    fs.writeFileSync(file, stringify(tenant));
  }

  const quotaChange = /~ ResourceQuota payments-prod\/tenant-quota {2}clusters\/prod-eu1\/tenants\/payments\/resourcequota-tenant-quota.yaml\n {8}spec\.hard\["limits\.cpu"\]: "\d+" → "80"/;

  test('before synth: shows the uncommitted change, and notes that dist/ is not yet rendered', async () => {
    const root = committed();
    raiseQuota(root);
    const r = await capture(() => main(root, [], renderAt(root)));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Platform diff: HEAD \([0-9a-f]{7}, committed dist\/\) → fresh render of the working tree\n/);
    expect(r.out).toMatch(quotaChange);
    expect(r.out).toMatch(/LOW +quota-raised +prod-eu1 · tenant payments: ResourceQuota payments-prod\/tenant-quota/);
    expect(r.err).toMatch(/dist\/ on disk is not the fresh render \(\d+ files? differ\): run `npm run synth` and commit dist\/ with the change/);
  });

  test('right after synth: shows the same change (not "no changes"), without the note', async () => {
    const root = committed();
    raiseQuota(root);
    const fresh = renderAt(root)();
    fs.rmSync(path.join(root, 'dist'), { recursive: true });
    for (const [p, content] of fresh) {
      fs.mkdirSync(path.dirname(path.join(root, 'dist', p)), { recursive: true });
      fs.writeFileSync(path.join(root, 'dist', p), content);
    }
    const r = await capture(() => main(root, [], renderAt(root)));
    expect(r.out).toMatch(quotaChange);
    expect(r.err).toBe('');
    expect((await capture(() => main(root, ['--on-disk'], renderAt(root)))).out).toMatch(/\nno changes/);
  });
});

describe('the base from Git', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

  test('reads the committed dist/ of a commit from Git objects', () => {
    const repo = scratchDir('platform-git-');
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
    // The temporary folder renderCommit makes (other checkouts of the repository may add worktrees of their own meanwhile).
    const made: string[] = [];
    const nodeFs = jest.requireActual<typeof fs>('fs');
    const mkdtemp = nodeFs.mkdtempSync;
    const spy = jest.spyOn(nodeFs, 'mkdtempSync').mockImplementation(((prefix: string) => {
      const dir = mkdtemp(prefix);
      made.push(dir);
      return dir;
    }) as typeof fs.mkdtempSync);
    let rendered;
    try {
      rendered = renderCommit(ROOT, 'HEAD');
    } finally {
      spy.mockRestore();
    }
    expect(rendered.files.size).toBeGreaterThan(100);
    expect([...rendered.files.keys()].sort()).toEqual([...readCommittedDist(ROOT, 'HEAD').keys()].sort());
    expect(git(ROOT, 'status', '--porcelain')).toBe(status);
    expect(made).toHaveLength(1);
    expect(fs.existsSync(made[0])).toBe(false);
    expect(git(ROOT, 'worktree', 'list')).not.toContain(made[0]);
  });
});
