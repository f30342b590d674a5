/**
 * How a chart's templates build the image references a cluster pulls from
 * the release's values (coalesced over the chart's defaults, as Helm does):
 * registry + repository joins, tags defaulting to the appVersion, suffixes
 * and digests. One builder per template idiom; each add-on image names the
 * template it follows.
 */
import { AddonContext, ImageComposition, ValuesPath } from './addon';
import { getPath } from './knobs';

// The contract lives with the add-on definition (addon.ts), which this module implements.
export type { ImageComposition } from './addon';

const str = (values: unknown, path: ValuesPath | undefined): string => {
  if (!path) return '';
  const v = getPath(values, path);
  return v === undefined || v === null ? '' : String(v);
};

/** The parts of a `registry/repository:tag@digest` join, each a values path. */
export interface JoinedImage {
  /** Registry host; omitted when the repository carries it. */
  readonly registry?: ValuesPath;
  readonly repository: ValuesPath;
  readonly tag?: ValuesPath;
  /** Tag when the tag value is empty (e.g. `v<appVersion>`). */
  readonly defaultTag?: string;
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
      const registry = str(values, parts.registry);
      const tag = str(values, parts.tag) || parts.defaultTag || '';
      const suffix = parts.suffix && getPath(values, parts.suffix.when) === true ? parts.suffix.text : '';
      const digest = str(values, parts.digest);
      return `${registry ? `${registry}/` : ''}${str(values, parts.repository)}${tag ? `:${tag}${suffix}` : ''}${digest ? `@${digest}` : ''}`;
    },
  };
}

/** A reference built by a function of the values, for templates that fit no common idiom. */
export function composedImage(source: string, ref: (values: unknown, ctx: AddonContext) => string): ImageComposition {
  return { source, ref };
}

/** The string value at `path`, or '' (for composed images). */
export function valueString(values: unknown, path: ValuesPath): string {
  return str(values, path);
}
