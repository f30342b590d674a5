/**
 * How a chart's templates build the image references a cluster pulls from
 * the release's values (coalesced over the chart's defaults, as Helm does):
 * registry + repository joins, tags defaulting to the appVersion, suffixes
 * and digests. One builder per template idiom; each add-on image names the
 * template it follows.
 */
import { AddonContext, ImageComposition, ValuesPath } from './addon';
import { chartData } from './chart-values';
import { getPath } from './knobs';
import { ChartPin } from './versions';

// The contract lives with the add-on definition (addon.ts), which this module implements.
export type { ImageComposition } from './addon';

/** The string value at `path`, or '' (for composed images). */
export function valueString(values: unknown, path: ValuesPath | undefined): string {
  if (!path) return '';
  const v = getPath(values, path);
  return v === undefined || v === null ? '' : String(v);
}

/**
 * The tag a chart's templates fall back to when the tag value is empty: the
 * pinned chart's `appVersion` (`imports/charts/`), with `prefix` where the
 * template adds one (`v<appVersion>`). Read from the chart data rather than
 * repeated, so the pin test compares each pin with what a chart bump brings.
 *
 * @throws Error from {@link chartData} when `imports/charts/` holds another version of the chart
 */
export function appVersionTag(pin: ChartPin, prefix = ''): string {
  return `${prefix}${chartData(pin.chart, pin.version).appVersion}`;
}

/** The parts of a `registry/repository:tag@digest` join, each a values path. */
export interface JoinedImage {
  /** Registry host; omitted when the repository carries it. */
  readonly registry?: ValuesPath;
  readonly repository: ValuesPath;
  readonly tag?: ValuesPath;
  /** Tag when the tag value is empty, or a function giving it when the reference is built (e.g. `v<appVersion>`: {@link appVersionTag}). */
  readonly defaultTag?: string | (() => string);
  /** A suffix the template appends to the tag when `when` is true, e.g. node-exporter's `-distroless`. */
  readonly suffix?: { readonly text: string; readonly when: ValuesPath };
  /** Digest appended as `@<digest>` when set. */
  readonly digest?: ValuesPath;
}

/**
 * `[<registry>/]<repository>:<tag or default><suffix>[@<digest>]`, the
 * common idiom (e.g. `{{ .registry }}/{{ .repository }}:{{ .tag | default .Chart.AppVersion }}`).
 */
export function joinedImage(parts: JoinedImage, source: string): ImageComposition {
  return {
    source,
    ref(values) {
      const registry = valueString(values, parts.registry);
      const tag = valueString(values, parts.tag) || (typeof parts.defaultTag === 'function' ? parts.defaultTag() : parts.defaultTag) || '';
      const suffix = parts.suffix && getPath(values, parts.suffix.when) === true ? parts.suffix.text : '';
      const digest = valueString(values, parts.digest);
      return `${registry ? `${registry}/` : ''}${valueString(values, parts.repository)}${tag ? `:${tag}${suffix}` : ''}${digest ? `@${digest}` : ''}`;
    },
  };
}

/** A reference built by a function of the values, for templates that fit no common idiom. */
export function composedImage(source: string, ref: (values: unknown, ctx: AddonContext) => string): ImageComposition {
  return { source, ref };
}
