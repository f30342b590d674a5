/**
 * One benchmark configuration, run in its own process so that its peak RSS
 * is its own. Prints one JSON line (a {@link ConfigResult}) on stdout.
 *
 * Usage: `node <bundle of this file> <config> <placements> <work folder> [threads]`
 *
 * Configurations (the timed part in brackets; preparing the input is not timed):
 * - `prepare`: renders the fleet once and saves every object (path and plain
 *   JSON) to `<work>/objects.ndjson`, the input of `floor`.
 * - `floor`: [serialise each saved object with the project's YAML emitter and
 *   write it into a staged folder, swapped in] — no cdk8s at all; the objects
 *   are read and parsed in batches between the timed parts.
 * - `platform`: [render the validated fleet with the platform renderer and
 *   write dist/ atomically] with `threads` threads (`auto` by default);
 *   validating the tenant files is timed separately (`loadMs`).
 * - `cdk8s`: [build the same construct tree and synthesise it with plain
 *   cdk8s, `App.synth()` with YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE].
 * - `one-cluster`: like `platform`, on `placements` tenants with two
 *   environments each on one dev and one prod cluster (`tenantsOnOneCluster`).
 *
 * `platform` and `one-cluster` then measure the written files (not timed):
 * the largest object, the largest of each kind and the largest fluentd
 * configuration.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, YamlOutputType } from 'cdk8s';
import { isMainThread } from 'worker_threads';
import { buildPlatformApp } from '../src/assembly/platform-app';
import { renderUnit, renderUnits } from '../src/assembly/render-platform';
import { isRenderWorker } from '../src/assembly/render-threads';
import { standardRenderOptions } from '../src/app/standard';
import { writeDist } from '../src/app/synth';
import { KubeObject } from '../src/render/manifests';
import { FolderWriter, StagedFolder } from '../src/render/write';
import { toYaml } from '../src/render/yaml';
import { loadPlatform } from '../src/definition/load';
import { parse } from 'yaml';
import { syntheticFleet, tenantsOnOneCluster } from './fleet';

/** What one configuration run measured. */
export interface ConfigResult {
  readonly config: string;
  readonly placements: number;
  readonly threads?: number | 'auto';
  /** Kubernetes objects written. */
  readonly objects: number;
  /** Files written. */
  readonly files: number;
  /** Wall time of the timed part, milliseconds. */
  readonly wallMs: number;
  /** Validating the definition (parse and check every tenant file), milliseconds (platform only). */
  readonly loadMs?: number;
  /** CPU time (user + system, every thread) of the timed part, milliseconds. */
  readonly cpuMs: number;
  /** Peak resident set size of the process (all threads), MiB. */
  readonly peakRssMiB: number;
  /** The largest object written (its file, one object per file), bytes of YAML. */
  readonly largest?: { readonly path: string; readonly bytes: number };
  /** The largest object of each kind (file name prefix, e.g. `configmap`), bytes. */
  readonly largestByKind?: Readonly<Record<string, { readonly path: string; readonly bytes: number }>>;
  /** The largest fluentd configuration (`fluent.conf` of a cluster's ConfigMap), bytes. */
  readonly fluentdConfigBytes?: number;
}

/** The largest files under `dir`, overall and per kind, and the largest fluentd configuration. */
function measureOutput(dir: string): Pick<ConfigResult, 'largest' | 'largestByKind' | 'fluentdConfigBytes'> {
  let largest: { path: string; bytes: number } | undefined;
  const byKind: Record<string, { path: string; bytes: number }> = {};
  let fluentd = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.yaml')) continue;
    const file = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    const rel = path.relative(dir, file);
    if (!rel.startsWith('clusters/') && !rel.startsWith('fleet/')) continue;
    const bytes = fs.statSync(file).size;
    const kind = e.name.split('-')[0];
    if (!largest || bytes > largest.bytes) largest = { path: rel, bytes };
    if (!byKind[kind] || bytes > byKind[kind].bytes) byKind[kind] = { path: rel, bytes };
    if (e.name === 'configmap-fluentd-config.yaml') {
      const text = (parse(fs.readFileSync(file, 'utf8')) as { data: Record<string, string> }).data['fluent.conf'];
      fluentd = Math.max(fluentd, Buffer.byteLength(text));
    }
  }
  return { largest, largestByKind: byKind, fluentdConfigBytes: fluentd };
}

const OBJECTS_FILE = 'objects.ndjson';

function elapsed(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

async function run(config: string, placements: number, work: string, threadsArg?: string): Promise<ConfigResult> {
  const sources = config === 'one-cluster' ? tenantsOnOneCluster(placements) : syntheticFleet(placements);
  switch (config) {
    case 'prepare': {
      const platform = loadPlatform(sources);
      const options = standardRenderOptions(platform);
      const fd = fs.openSync(path.join(work, OBJECTS_FILE), 'w');
      let objects = 0;
      for (const unit of renderUnits(platform)) {
        const lines: string[] = [];
        for (const m of renderUnit(platform, options, unit).manifests) {
          if (m.object) lines.push(`${JSON.stringify({ p: m.path, o: m.object })}\n`);
        }
        fs.writeSync(fd, lines.join(''));
        objects += lines.length;
      }
      fs.closeSync(fd);
      return { config, placements, objects, files: 0, wallMs: 0, cpuMs: 0, peakRssMiB: peakRssMiB() };
    }
    case 'floor': {
      // Objects are read and parsed in batches, outside the timed part, so the
      // floor is serialising and writing only, with memory bounded by a batch.
      let wallNs = 0n;
      let cpuUs = 0;
      const timed = (fn: () => void) => {
        const cpu = process.cpuUsage();
        const start = process.hrtime.bigint();
        fn();
        wallNs += process.hrtime.bigint() - start;
        const used = process.cpuUsage(cpu);
        cpuUs += used.user + used.system;
      };
      let staged!: StagedFolder;
      let writer!: FolderWriter;
      timed(() => {
        staged = new StagedFolder(path.join(work, 'floor'));
        writer = new FolderWriter(staged.dir);
      });
      let objects = 0;
      for (const batch of readBatches(path.join(work, OBJECTS_FILE), 2000)) {
        const parsed = batch.map((l) => JSON.parse(l) as { p: string; o: KubeObject });
        objects += parsed.length;
        timed(() => {
          for (const { p, o } of parsed) writer.write([[p, toYaml(o)]]);
        });
      }
      timed(() => staged.commit());
      return {
        config, placements, objects, files: writer.fileCount,
        wallMs: Number(wallNs) / 1e6, cpuMs: cpuUs / 1000, peakRssMiB: peakRssMiB(),
      };
    }
    case 'one-cluster':
    case 'platform': {
      const threads = threadsArg === undefined || threadsArg === 'auto' ? 'auto' : Number(threadsArg);
      const loadStart = process.hrtime.bigint();
      const platform = loadPlatform(sources);
      const loadMs = elapsed(loadStart);
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      const out = path.join(work, config);
      const summary = await writeDist(platform, out, { threads });
      const wallMs = elapsed(start);
      const cpuMs = cpuSince(cpu);
      const rss = peakRssMiB();
      return {
        config, placements, threads, objects: summary.objectCount, files: summary.fileCount,
        wallMs, cpuMs, loadMs, peakRssMiB: rss, ...measureOutput(out),
      };
    }
    case 'cdk8s': {
      const platform = loadPlatform(sources);
      const outdir = path.join(work, 'cdk8s');
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      const app = buildPlatformApp(platform, {
        ...standardRenderOptions(platform),
        appProps: { outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE },
      });
      app.synth();
      const wallMs = elapsed(start);
      const cpuMs = cpuSince(cpu);
      const objects = app.node.findAll().filter((x) => x instanceof ApiObject).length;
      return { config, placements, objects, files: countFiles(outdir), wallMs, cpuMs, peakRssMiB: peakRssMiB() };
    }
    default:
      throw new Error(`unknown configuration "${config}"; one of prepare, floor, platform, one-cluster, cdk8s`);
  }
}

/** The lines of a file, `size` at a time, read in chunks (the file may be larger than a string can hold). */
function* readBatches(file: string, size: number): Generator<string[]> {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(16 << 20);
  let rest = '';
  let batch: string[] = [];
  try {
    for (let n = fs.readSync(fd, buffer); n > 0; n = fs.readSync(fd, buffer)) {
      const lines = (rest + buffer.subarray(0, n).toString('utf8')).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (!line) continue;
        batch.push(line);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  if (rest) batch.push(rest);
  if (batch.length > 0) yield batch;
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).length;
}

if (isMainThread && !isRenderWorker()) {
  const [config, placements, work, threads] = process.argv.slice(2);
  run(config, Number(placements), work, threads).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
