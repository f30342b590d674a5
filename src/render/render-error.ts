/**
 * The error the renderer throws when the construct tree or a pass has
 * problems: every problem at once, each naming the construct path or file.
 */
export class RenderError extends Error {
  /** Merges the problems of several render errors (e.g. one per cluster) into one error. */
  public static merge(errors: readonly RenderError[]): RenderError {
    return new RenderError(errors.flatMap((e) => e.problems));
  }

  /** Returns true when `x` is a RenderError (works across module copies and threads' re-created errors). */
  public static isRenderError(x: unknown): x is RenderError {
    return x instanceof Error && Array.isArray((x as { problems?: unknown }).problems);
  }

  /** Each problem as one line of text. */
  public readonly problems: readonly string[];

  /** @param problems one line each; at least one */
  constructor(problems: readonly string[]) {
    super(`Cannot render (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
    this.name = 'RenderError';
    this.problems = [...problems];
  }
}
