/**
 * Renders the units of `dist/` (clusters and the fleet) on several threads:
 * this thread plus `threads - 1` worker threads take units from one shared
 * counter, so a thread that finishes a small cluster takes the next one. Each
 * unit is rendered from its own construct tree by the same function as on one
 * thread (`renderDistUnit`), and results are put back in unit order, so the
 * output is byte-identical to a single-threaded render.
 *
 * Workers receive the validated platform (plain data) and rebuild the render
 * options from the recipe (functions cannot cross threads): each worker loads
 * the recipe's module, which registers it, and finds it by its key. They either
 * write their units' files straight into the staging folder (`writeInto`,
 * used by `npm run synth`: nothing large crosses threads) or send them back.
 */
import { availableParallelism } from 'os';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { RenderedFiles } from '../render/render';
import { RenderError } from '../render/render-error';
import { FolderWriter } from '../render/write';
import { PlatformSpec, placementsOn } from '../spec/model';
import { distExtras, DistUnitSummary, renderDistUnit, UnitCallback } from './dist-units';
import { RecipeLocation, registeredRecipe, RenderRecipe } from './render-recipe';
import { RenderOptions, RenderUnit, renderUnits } from './render-platform';

/** Below this many tenant placements, `autoThreads` renders on one thread: starting a worker costs more than it saves. */
export const PARALLEL_MIN_PLACEMENTS = 1000;

/**
 * The number of render threads worth using for `platform`: one per available
 * CPU (at most one per cluster) when it has at least
 * {@link PARALLEL_MIN_PLACEMENTS} placements on two or more clusters, else 1.
 */
export function autoThreads(platform: PlatformSpec): number {
  const placements = platform.clusters.reduce((n, c) => n + placementsOn(platform, c).length, 0);
  if (placements < PARALLEL_MIN_PLACEMENTS || platform.clusters.length < 2) return 1;
  return Math.max(1, Math.min(availableParallelism(), platform.clusters.length));
}

/** Options of {@link renderDistUnitsInThreads}. */
export interface ThreadedRenderOptions {
  /** Render threads, this one included (at least 1). */
  readonly threads: number;
  /**
   * Folder every thread writes its units' files into (paths relative to it).
   * @default - files are passed to `sink` instead
   */
  readonly writeInto?: string;
  /**
   * Receives each unit's files, in unit order, when `writeInto` is not set.
   * @default - files are dropped
   */
  readonly sink?: (files: RenderedFiles) => void;
  /** @default - nothing */
  readonly onUnit?: UnitCallback;
}

const WORKER_KIND = 'cdk8s-platform/render-dist-units';

interface WorkerInput {
  readonly kind: typeof WORKER_KIND;
  readonly platform: PlatformSpec;
  readonly units: readonly RenderUnit[];
  /** Where the worker finds the recipe. */
  readonly recipe: RecipeLocation;
  /** Shared counter: the index of the next unit to take. */
  readonly next: Int32Array;
  readonly writeInto?: string;
}

type UnitMessage =
  | { readonly type: 'unit'; readonly index: number; readonly summary: DistUnitSummary; readonly files?: [string, string][] }
  | { readonly type: 'problems'; readonly index: number; readonly problems: string[] }
  | { readonly type: 'error'; readonly index: number; readonly message: string };

/**
 * Renders `units` of `platform` with `recipe` on `options.threads` threads
 * (on this thread only when the recipe has no `worker` location).
 *
 * @returns the units' summaries in unit order
 * @throws RenderError with every failing unit's problems (in unit order); the
 *   first other Error a thread met (its message and stack), after every thread stopped
 */
export async function renderDistUnitsInThreads(
  platform: PlatformSpec, recipe: RenderRecipe, units: readonly RenderUnit[], options: ThreadedRenderOptions,
): Promise<DistUnitSummary[]> {
  const renderOptions = recipe.renderOptions(platform);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const results: UnitMessage[] = new Array(units.length);
  let done = 0;
  let fatal: Error | undefined;
  const accept = (m: UnitMessage) => {
    results[m.index] = m;
    if (m.type === 'error') {
      fatal ??= new Error(m.message);
      Atomics.store(next, 0, units.length); // no thread takes another unit
    } else if (m.type === 'unit') {
      options.onUnit?.(++done, units.length, m.summary);
    }
  };

  const location = recipe.worker;
  const workerCount = location ? Math.max(0, Math.min(options.threads, units.length) - 1) : 0;
  const finished = Array.from({ length: workerCount }, () => new Promise<void>((resolve) => {
    const input: WorkerInput = { kind: WORKER_KIND, platform, units, recipe: location!, next, writeInto: options.writeInto };
    const worker = startWorker(input);
    worker.on('message', accept);
    worker.on('error', (e) => {
      fatal ??= e;
      Atomics.store(next, 0, units.length);
    });
    worker.on('exit', () => resolve());
  }));

  // This thread renders too, yielding between units so worker results are taken in.
  const writer = options.writeInto ? new FolderWriter(options.writeInto) : undefined;
  for (let index = Atomics.add(next, 0, 1); index < units.length; index = Atomics.add(next, 0, 1)) {
    accept(renderOne(platform, renderOptions, units, index, writer));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(finished);

  if (fatal) throw fatal;
  const problems = results.flatMap((m) => (m.type === 'problems' ? m.problems : []));
  if (problems.length > 0) throw new RenderError(problems);
  const missing = results.findIndex((m) => m === undefined);
  if (results.length !== units.length || missing >= 0) throw new Error(`render thread lost unit ${missing}`);
  if (!options.writeInto && options.sink) {
    for (const m of results) if (m.type === 'unit' && m.files) options.sink(new Map(m.files));
  }
  return results.map((m) => (m as Extract<UnitMessage, { type: 'unit' }>).summary);
}

/**
 * Every file of `dist/` for `platform`, rendered with `recipe` on `threads`
 * threads: the same files, in the same order and byte for byte, as `renderDistFiles`.
 *
 * @throws as {@link renderDistUnitsInThreads}
 */
export async function renderDistInThreads(platform: PlatformSpec, recipe: RenderRecipe, threads: number): Promise<{ files: RenderedFiles; objectCount: number }> {
  const files: RenderedFiles = new Map();
  const summaries = await renderDistUnitsInThreads(platform, recipe, renderUnits(platform), {
    threads,
    sink: (unitFiles) => { for (const [p, c] of unitFiles) files.set(p, c); },
  });
  for (const [p, c] of distExtras(platform, summaries)) files.set(p, c);
  return { files, objectCount: summaries.reduce((n, s) => n + s.objectCount, 0) };
}

function renderOne(platform: PlatformSpec, options: RenderOptions, units: readonly RenderUnit[], index: number, writer?: FolderWriter): UnitMessage {
  try {
    const files: [string, string][] = [];
    const summary = renderDistUnit(platform, options, units[index], writer
      ? (p, content) => writer.writeFile(p, content)
      : (p, content) => { files.push([p, content]); });
    return { type: 'unit', index, summary, files: writer ? undefined : files };
  } catch (e) {
    if (RenderError.isRenderError(e)) return { type: 'problems', index, problems: [...e.problems] };
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { type: 'error', index, message: `rendering ${describeUnit(units[index])} failed: ${message}` };
  }
}

function describeUnit(unit: RenderUnit): string {
  return unit.kind === 'cluster' ? `cluster ${unit.cluster}` : 'the fleet charts';
}

/**
 * Starts a worker that loads the recipe's module — registering tsx first
 * when it is TypeScript (tsx, ts-jest) — and so this module, which then runs
 * the worker loop (see the end of this file).
 */
function startWorker(input: WorkerInput): Worker {
  const entry = input.recipe.entry;
  const code = (entry.endsWith('.ts') ? `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();\n` : '')
    + `require(${JSON.stringify(entry)});\n`;
  return new Worker(code, { eval: true, workerData: input });
}

function runWorker(input: WorkerInput): void {
  const options = registeredRecipe(input.recipe.key).renderOptions(input.platform);
  const writer = input.writeInto ? new FolderWriter(input.writeInto) : undefined;
  for (let index = Atomics.add(input.next, 0, 1); index < input.units.length; index = Atomics.add(input.next, 0, 1)) {
    const message = renderOne(input.platform, options, input.units, index, writer);
    parentPort!.postMessage(message);
    if (message.type === 'error') return;
  }
}

/** True when this thread is a render worker started by {@link renderDistUnitsInThreads}. */
export function isRenderWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | null)?.kind === WORKER_KIND;
}

// In a worker, the loop starts once the entry module has finished loading
// (and so has registered the recipe).
if (isRenderWorker()) {
  setImmediate(() => {
    try {
      runWorker(workerData as WorkerInput);
    } catch (e) {
      const input = workerData as WorkerInput;
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      Atomics.store(input.next, 0, input.units.length);
      parentPort!.postMessage({ type: 'error', index: 0, message: `a render thread could not start: ${message}` });
    }
  });
}
