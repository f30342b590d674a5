/**
 * `dist/images.txt`: every image the platform needs, with its mirror
 * reference, for a mirroring job.
 *
 * Line format (fields separated by one space, sorted, `#` starts a comment):
 *
 * ```
 * <upstream reference> <mirror reference or -> <clusters, comma-separated>
 * quay.io/jetstack/cert-manager-controller:v1.21.1 registry.onprem.example.com/quay.io/jetstack/cert-manager-controller:v1.21.1 prod-onprem1
 * quay.io/jetstack/cert-manager-controller:v1.21.1 - dev-eu1,prod-eu1,staging-eu1
 * ```
 *
 * `-` means the clusters pull the upstream reference directly. A mirroring
 * job copies every line whose second field is not `-`:
 * `grep -v '^#' images.txt | awk '$2 != "-" { print $1, $2 }' | sort -u`.
 */
import { mirrorImageRef } from './image-ref';

/** An image one cluster pulls. */
export interface ClusterImage {
  readonly cluster: string;
  /** Upstream reference. */
  readonly image: string;
  /** The cluster's registry mirror, if it is air-gapped. */
  readonly mirror?: string;
}

/** The content of `dist/images.txt` for `images`. */
export function imagesFile(images: Iterable<ClusterImage>): string {
  const lines = new Map<string, Set<string>>();
  for (const i of images) {
    const key = `${i.image} ${i.mirror ? mirrorImageRef(i.image, i.mirror) : '-'}`;
    const set = lines.get(key) ?? new Set<string>();
    set.add(i.cluster);
    lines.set(key, set);
  }
  const body = [...lines].map(([key, clusters]) => `${key} ${[...clusters].sort().join(',')}`).sort();
  return [
    '# Every container image the platform needs, for mirroring.',
    '# <upstream reference> <mirror reference, or - when pulled upstream> <clusters>',
    ...body,
  ].join('\n') + '\n';
}
