/**
 * Container image references: parsing into registry, repository and tag as
 * Helm charts take them, and rewriting to a registry mirror.
 *
 * Normalisation follows the Docker reference grammar
 * (distribution/reference): a first path segment with a `.` or `:` or equal
 * to `localhost` is a registry host; otherwise the registry is `docker.io`,
 * and a one-segment Docker Hub name lives under `library/`.
 */

/** An image reference split as charts take it. */
export interface ImageRef {
  /** Registry host, e.g. `quay.io`, `registry.corp.example.com/mirror`. */
  readonly registry: string;
  /** Path inside the registry, e.g. `jetstack/cert-manager-controller`. */
  readonly repository: string;
  /** Tag, e.g. `v1.21.1`. */
  readonly tag: string;
  /** Digest the chart pins besides the tag (`<ref>:<tag>@sha256:…`), e.g. ingress-nginx's controller. */
  readonly digest?: string;
}

/**
 * Parses a tagged image reference, optionally with a digest after the tag.
 *
 * @param input e.g. `quay.io/jetstack/cert-manager-controller:v1.21.1`, `velero/velero:v1.17.0`,
 *   `registry.k8s.io/ingress-nginx/controller:v1.13.3@sha256:…`
 * @throws Error when the reference has no tag (the catalog pins tags)
 */
export function parseImage(input: string): ImageRef {
  const at = input.indexOf('@');
  const digest = at < 0 ? undefined : input.slice(at + 1);
  const ref = at < 0 ? input : input.slice(0, at);
  if (digest !== undefined && !/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) throw new Error(`image "${input}": "${digest}" is not a digest (<algorithm>:<hex>)`);
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const hasRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let rest = hasRegistry ? ref.slice(slash + 1) : ref;
  const colon = rest.lastIndexOf(':');
  if (colon < 0 || rest.slice(colon).includes('/')) throw new Error(`image "${input}" has no tag; pin a tag`);
  const tag = rest.slice(colon + 1);
  rest = rest.slice(0, colon);
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  return digest ? { registry, repository: rest, tag, digest } : { registry, repository: rest, tag };
}

/** The full reference `registry/repository:tag[@digest]`. */
export function formatImage(image: ImageRef): string {
  return `${image.registry}/${image.repository}:${image.tag}${image.digest ? `@${image.digest}` : ''}`;
}

/**
 * The same image in a registry mirror: the upstream registry host becomes
 * the first path segment, e.g. `quay.io/jetstack/x:v1` →
 * `<mirror>/quay.io/jetstack/x:v1`.
 */
export function mirrorImage(image: ImageRef, mirror: string): ImageRef {
  if (image.registry === mirror) return image;
  return { ...image, registry: mirror, repository: `${image.registry}/${image.repository}` };
}

/** Rewrites an image reference string to `mirror`; references already in the mirror are kept. */
export function mirrorImageRef(ref: string, mirror: string): string {
  if (ref.startsWith(`${mirror}/`)) return ref;
  return formatImage(mirrorImage(parseImage(ref), mirror));
}

/** The registry host of an image reference, e.g. `docker.io` for `velero/velero:v1`. */
export function registryOf(ref: string): string {
  return parseImage(ref).registry;
}
