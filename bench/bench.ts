/**
 * `npm run bench`: rendering speed and memory at fleet scale.
 *
 * For each fleet size (tenant placements, one per tenant, ~17 objects each,
 * 500 placements per cluster, see `fleet.ts`) it runs, each in its own
 * process (so peak RSS is per configuration), from one compiled bundle:
 * - `floor`: the same objects serialised with the project's YAML emitter and
 *   written, with no cdk8s — what rendering cannot beat on one thread;
 * - `platform`: the platform renderer (threads chosen automatically);
 * - `platform 1 thread`: the same on one thread;
 * - `cdk8s`: plain cdk8s `App.synth()` (FOLDER_PER_CHART_FILE_PER_RESOURCE)
 *   on the same construct tree, at the `--cdk8s-sizes` only and stopped after
 *   `--cdk8s-timebox` seconds (then reported as a lower bound, with an
 *   extrapolation from the smaller sizes).
 *
 * - `one cluster`: N tenants with two environments each on one dev and one
 *   prod cluster (each cluster carries N tenants), at the `--one-cluster`
 *   sizes, with the default platform's settings unchanged.
 *
 * It prints wall time, objects per second, peak RSS, the largest rendered
 * object and the largest fluentd configuration per configuration, the
 * largest object of each kind, then the ratios against the targets.
 *
 * Output goes to a work folder in memory (`/dev/shm` where it exists, else
 * the system temp folder; `--work-dir` to choose): every configuration writes
 * tens of thousands of files, and on a disk the file system's own cost per
 * file (which grows as files are created and deleted run after run) would
 * swamp the renderer's. The report names the folder and its file system.
 *
 * Options: `--sizes 100,1000,5000,10000` `--one-cluster 500,1000` `--cdk8s-sizes 1000,5000,10000` (or `none`)
 * `--cdk8s-timebox 300` (seconds) `--repeat 1` (best of N wall times)
 * `--work-dir <dir>` `--keep` (keep the work folder).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import type { ConfigResult } from './run-config';

const ROOT = path.resolve(__dirname, '..');

/**
 * Targets from the issues: 10,000 placements within 1.5× the floor and under 2 GiB; 2N within 2.1× N; 3× faster than cdk8s;
 * 5,000 tenants under 20 s; 1,000 tenants on one cluster under 10 s; every object under 256 KiB (the client-side-apply annotation cap).
 */
const TARGETS = { floorRatio: 1.5, rssMiB: 2048, doubling: 2.1, cdk8sSpeedup: 3, issue2Tenants: 5000, issue2Seconds: 20, oneClusterTenants: 1000, oneClusterSeconds: 10, objectKiB: 256 };

interface Row {
  readonly label: string;
  readonly result?: ConfigResult;
  /** Set when the run was stopped at the time-box. */
  readonly timedOutAfterS?: number;
}

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`sizes "${text}" must be whole numbers separated by commas`);
  return sizes;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'sizes': { type: 'string', default: '100,1000,5000,10000' },
      'cdk8s-sizes': { type: 'string', default: '1000,5000,10000' },
      'one-cluster': { type: 'string', default: '500,1000' },
      'cdk8s-timebox': { type: 'string', default: '300' },
      'repeat': { type: 'string', default: '1' },
      'work-dir': { type: 'string' },
      'keep': { type: 'boolean', default: false },
    },
  });
  const sizes = parseSizes(values.sizes!);
  const cdk8sSizes = new Set(values['cdk8s-sizes'] === 'none' ? [] : parseSizes(values['cdk8s-sizes']!));
  const oneCluster = values['one-cluster'] === 'none' ? [] : parseSizes(values['one-cluster']!);
  const timeboxS = Number(values['cdk8s-timebox']);
  const repeat = Math.max(1, Number(values.repeat));

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { bundle } = require('../scripts/bundle') as { bundle(o: { root: string; entry: string; name: string }): Promise<string> };
  const entry = await bundle({ root: ROOT, entry: 'bench/run-config.ts', name: 'bench' });
  const work = fs.mkdtempSync(path.join(values['work-dir'] ?? defaultWorkDir(), 'cdk8s-platform-bench-'));
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  process.stdout.write(`cdk8s-platform benchmark — ${os.cpus().length} CPUs (${os.availableParallelism()} available), `
    + `Node.js ${process.versions.node}, load average at start ${load}\n`);
  process.stdout.write(`Work folder: ${work} (${fileSystemOf(work)})${values.keep ? '' : ', removed at the end'}\n\n`);

  const rows: Row[] = [];
  try {
    for (const size of sizes) {
      const dir = path.join(work, String(size));
      fs.mkdirSync(dir);
      progress(`${size} placements: preparing the floor's input`);
      await runConfig(entry, ['prepare', String(size), dir]);
      rows.push(await best(repeat, 'floor', () => runConfig(entry, ['floor', String(size), dir]), dir));
      rows.push(await best(repeat, 'platform', () => runConfig(entry, ['platform', String(size), dir, 'auto']), dir));
      rows.push(await best(repeat, 'platform 1 thread', () => runConfig(entry, ['platform', String(size), dir, '1']), dir));
      if (cdk8sSizes.has(size)) {
        progress(`${size} placements: plain cdk8s (time-box ${timeboxS} s)`);
        const r = await runConfig(entry, ['cdk8s', String(size), dir], timeboxS);
        rows.push(r === 'timeout' ? { label: 'cdk8s', timedOutAfterS: timeboxS, result: undefined } : { label: 'cdk8s', result: r });
        clean(dir, 'cdk8s');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const size of oneCluster) {
      const dir = path.join(work, `one-${size}`);
      fs.mkdirSync(dir);
      rows.push(await best(repeat, 'one cluster', () => runConfig(entry, ['one-cluster', String(size), dir, 'auto']), dir));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    progress('');
    if (!values.keep) fs.rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(report(rows, sizes, cdk8sSizes));
}

/** `/dev/shm` (memory) when it exists and is writable, else the system temp folder. */
function defaultWorkDir(): string {
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

/** The type of the file system holding `dir` (from /proc/mounts), or `unknown`. */
function fileSystemOf(dir: string): string {
  try {
    const mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')).filter((m) => m.length > 2);
    const best = mounts.filter(([, at]) => dir === at || dir.startsWith(at.endsWith('/') ? at : `${at}/`))
      .sort((a, b) => b[1].length - a[1].length)[0];
    return best ? `${best[2]} file system` : 'unknown file system';
  } catch {
    return 'unknown file system';
  }
}

async function best(repeat: number, label: string, run: () => Promise<ConfigResult | 'timeout'>, dir: string): Promise<Row> {
  let chosen: ConfigResult | undefined;
  for (let i = 0; i < repeat; i++) {
    progress(`${path.basename(dir)} placements: ${label}${repeat > 1 ? ` (run ${i + 1}/${repeat})` : ''}`);
    const r = await run();
    clean(dir, label.split(' ')[0]);
    if (r === 'timeout') continue;
    if (!chosen || r.wallMs < chosen.wallMs) chosen = { ...r, peakRssMiB: Math.max(r.peakRssMiB, chosen?.peakRssMiB ?? 0) };
    // Each run as it ends, so a long benchmark stopped early still leaves its figures.
    if (!process.stderr.isTTY) process.stderr.write(`${label}: ${JSON.stringify({ ...r, largestByKind: undefined })}\n`);
  }
  return { label, result: chosen };
}

function clean(dir: string, output: string): void {
  fs.rmSync(path.join(dir, output), { recursive: true, force: true });
}

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}

/** Runs one configuration in a child process; `timeout` when stopped at the time-box. */
function runConfig(entry: string, args: string[], timeboxS?: number): Promise<ConfigResult | 'timeout'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', entry, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const timer = timeboxS ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeboxS * 1000) : undefined;
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      if (timedOut) return resolve('timeout');
      if (code !== 0) return reject(new Error(`benchmark configuration ${args.join(' ')} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ConfigResult);
    });
  });
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The report: one table of every run, then the ratios against the targets. */
export function report(rows: readonly Row[], sizes: readonly number[], cdk8sSizes: ReadonlySet<number>): string {
  const lines: string[] = [];
  const header = ['config', 'placements', 'objects', 'wall s', 'objects/s', 'CPU s', 'peak RSS MiB', 'load s', 'largest object KiB', 'fluentd config KiB'];
  const kib = (bytes: number | undefined) => (bytes === undefined ? '' : fmt(bytes / 1024, 1));
  const table: string[][] = rows.map((r) => {
    if (!r.result) return [r.label, '', '', `> ${r.timedOutAfterS} (time-boxed)`, '', '', '', '', '', ''];
    const x = r.result;
    return [r.label, r.label === 'one cluster' ? `${fmt(x.placements)} tenants × 2` : fmt(x.placements), fmt(x.objects), fmt(x.wallMs / 1000, 2),
      fmt(x.objects / (x.wallMs / 1000)), fmt(x.cpuMs / 1000, 2), fmt(x.peakRssMiB), x.loadMs !== undefined ? fmt(x.loadMs / 1000, 2) : '',
      kib(x.largest?.bytes), kib(x.fluentdConfigBytes)];
  });
  // Time-boxed rows have no result; give them their size from their position (after the size's other rows).
  let size = 0;
  rows.forEach((r, i) => {
    if (r.result) size = r.result.placements;
    else table[i][1] = fmt(size);
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  lines.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...table.map(line), '');

  const get = (label: string, n: number) => rows.find((r) => r.label === label && r.result?.placements === n)?.result;
  const measured = rows.map((r) => r.result).filter((r): r is ConfigResult => r?.largest !== undefined);
  if (measured.length > 0) {
    // The largest one-cluster run when there is one (what grows per tenant on a cluster), else the largest fleet.
    const rank = (r: ConfigResult) => (r.config === 'one-cluster' ? 1e9 : 0) + r.placements;
    const top = measured.reduce((a, b) => (rank(b) > rank(a) ? b : a));
    lines.push(`Largest object of each kind (${top.config === 'one-cluster' ? `one cluster, ${fmt(top.placements)} tenants × 2 environments` : `${fmt(top.placements)} placements`}):`);
    for (const [kind, o] of Object.entries(top.largestByKind ?? {}).sort((a, b) => b[1].bytes - a[1].bytes)) {
      lines.push(`  ${kind.padEnd(28)} ${kib(o.bytes).padStart(8)} KiB  ${o.path}`);
    }
    lines.push('');
  }
  const check = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  lines.push('Ratios (wall time):');
  for (const n of sizes) {
    const p = get('platform', n);
    const f = get('floor', n);
    const one = get('platform 1 thread', n);
    if (!p || !f) continue;
    const ratio = p.wallMs / f.wallMs;
    const parts = [`${fmt(n)} placements: platform/floor ${fmt(ratio, 2)}`];
    if (one) parts.push(`1 thread/floor ${fmt(one.wallMs / f.wallMs, 2)}`, `threads speed-up ${fmt(one.wallMs / p.wallMs, 2)}×`);
    if (cdk8sSizes.has(n)) {
      const c = get('cdk8s', n);
      const timedOut = rows.find((r) => r.label === 'cdk8s' && !r.result && sizeOfRow(rows, r) === n);
      if (c) parts.push(`cdk8s/platform ${fmt(c.wallMs / p.wallMs, 2)}× (${check(c.wallMs / p.wallMs >= TARGETS.cdk8sSpeedup)})`);
      else if (timedOut) parts.push(`cdk8s/platform > ${fmt(timedOut.timedOutAfterS! * 1000 / p.wallMs, 1)}× (time-boxed)${extrapolate(rows, n, p)}`);
    }
    lines.push(`  ${parts.join(', ')}`);
  }
  for (const label of ['platform', 'one cluster']) {
    for (const r of rows.filter((x) => x.label === label && x.result)) {
      const n = r.result!.placements;
      const a = get(label, n);
      const b = get(label, 2 * n);
      if (a && b) lines.push(`  ${label}: time for ${fmt(2 * n)} ÷ time for ${fmt(n)}: ${fmt(b.wallMs / a.wallMs, 2)} (target ≤ ${TARGETS.doubling}: ${check(b.wallMs / a.wallMs <= TARGETS.doubling)})`);
    }
  }
  const perObject = sizes.map((n) => get('platform', n)).filter((r): r is ConfigResult => !!r)
    .map((r) => `${fmt(r.placements)}: ${fmt((r.wallMs * 1000) / r.objects, 1)} µs`);
  if (perObject.length > 1) lines.push(`  platform time per object: ${perObject.join(', ')}`);

  lines.push('', 'Targets:');
  const largest = Math.max(...sizes);
  const p = get('platform', largest);
  const f = get('floor', largest);
  if (p && f) {
    lines.push(`  ${fmt(largest)} placements within ${TARGETS.floorRatio}× the floor: ${fmt(p.wallMs / f.wallMs, 2)}× — ${check(p.wallMs / f.wallMs <= TARGETS.floorRatio)}`);
    lines.push(`  ${fmt(largest)} placements under ${fmt(TARGETS.rssMiB)} MiB peak RSS: ${fmt(p.peakRssMiB)} MiB — ${check(p.peakRssMiB < TARGETS.rssMiB)}`);
  }
  const i2 = get('platform', TARGETS.issue2Tenants);
  if (i2) {
    const total = (i2.wallMs + (i2.loadMs ?? 0)) / 1000;
    lines.push(`  ${fmt(TARGETS.issue2Tenants)} tenants under ${TARGETS.issue2Seconds} s: render ${fmt(i2.wallMs / 1000, 2)} s, `
      + `with validating the tenant files ${fmt(total, 2)} s — ${check(total < TARGETS.issue2Seconds)}`);
  }
  const one = get('one cluster', TARGETS.oneClusterTenants);
  if (one) {
    const total = (one.wallMs + (one.loadMs ?? 0)) / 1000;
    lines.push(`  ${fmt(TARGETS.oneClusterTenants)} tenants on one cluster (× 2 environments) under ${TARGETS.oneClusterSeconds} s: render ${fmt(one.wallMs / 1000, 2)} s, `
      + `with validating the tenant files ${fmt(total, 2)} s — ${check(total < TARGETS.oneClusterSeconds)}`);
  }
  if (measured.length > 0) {
    const big = measured.reduce((a, b) => ((b.largest!.bytes > a.largest!.bytes) ? b : a));
    lines.push(`  every object under ${TARGETS.objectKiB} KiB: largest ${kib(big.largest!.bytes)} KiB (${big.largest!.path}) — ${check(big.largest!.bytes < TARGETS.objectKiB * 1024)}`);
  }
  return lines.join('\n') + '\n';
}

function sizeOfRow(rows: readonly Row[], row: Row): number {
  let size = 0;
  for (const r of rows) {
    if (r.result) size = r.result.placements;
    if (r === row) return size;
  }
  return size;
}

/** For a time-boxed cdk8s run: its time extrapolated from the two largest measured cdk8s sizes (power law). */
function extrapolate(rows: readonly Row[], n: number, platform: ConfigResult): string {
  const measured = rows.filter((r) => r.label === 'cdk8s' && r.result).map((r) => r.result!).sort((a, b) => a.placements - b.placements);
  if (measured.length < 2) return '';
  const [a, b] = measured.slice(-2);
  const k = Math.log(b.wallMs / a.wallMs) / Math.log(b.placements / a.placements);
  const est = b.wallMs * (n / b.placements) ** k;
  return `; extrapolated from ${fmt(a.placements)} and ${fmt(b.placements)} (time ∝ n^${fmt(k, 2)}): ~${fmt(est / 1000, 0)} s, ~${fmt(est / platform.wallMs, 1)}×`;
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
