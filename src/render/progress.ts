/**
 * Progress of a long render on a terminal: one status line, rewritten after
 * each unit (cluster or fleet), e.g. `Rendering: 12/20 units, prod-c011 done (8,412 objects)`.
 * Nothing is written when the stream is not a terminal (CI logs, pipes), nor
 * for renders that finish before {@link PROGRESS_DELAY_MS}.
 */

/** Renders shorter than this show no progress at all. */
export const PROGRESS_DELAY_MS = 500;

/** What the reporter needs of a rendered unit. */
export interface ProgressUnit {
  readonly unit: { readonly kind: string; readonly cluster?: string };
  readonly objectCount: number;
}

/** A progress line on a terminal stream. */
export interface ProgressReporter {
  /** Call after each unit: `done` of `total` units are rendered. */
  onUnit(done: number, total: number, unit: ProgressUnit): void;
  /** Clears the status line (call once, after the render or when it fails). */
  finish(): void;
}

/**
 * A reporter writing to `stream` when it is a terminal (`isTTY`), else doing nothing.
 *
 * @param now clock in milliseconds (for tests)
 */
export function progressReporter(
  stream: { readonly isTTY?: boolean; write(text: string): unknown },
  now: () => number = () => Date.now(),
): ProgressReporter {
  if (!stream.isTTY) return { onUnit: () => undefined, finish: () => undefined };
  const started = now();
  let shown = false;
  return {
    onUnit(done, total, s) {
      if (now() - started < PROGRESS_DELAY_MS) return;
      const what = s.unit.kind === 'cluster' ? `cluster ${s.unit.cluster}` : 'fleet';
      stream.write(`\r\x1b[KRendering: ${done}/${total} units, ${what} done (${s.objectCount.toLocaleString('en-US')} objects)`);
      shown = true;
    },
    finish() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
