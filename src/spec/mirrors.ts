/**
 * The `mirrors` field of a cluster: the registry mirror and chart mirror of
 * an air-gapped cluster. A cluster that declares them pulls every image from
 * the registry mirror and every chart from the chart mirror, and its
 * admission policy allows only the registry mirror.
 *
 * Layouts (what the mirroring job must produce, see `dist/images.txt`):
 * - image `quay.io/jetstack/cert-manager-controller:v1.21.1` →
 *   `<registry>/quay.io/jetstack/cert-manager-controller:v1.21.1`
 *   (the upstream registry host becomes the first path segment, so images of
 *   different registries never collide);
 * - chart repository `https://charts.jetstack.io` (alias `jetstack`) →
 *   `<charts>/jetstack`, one Helm repository per upstream repository (as
 *   Harbor or Artifactory remote Helm repositories are laid out).
 */
import { z } from 'zod';

/** A registry host with optional port and path, e.g. `registry.corp.example.com/platform`. */
export const registryHost = z.string().regex(
  /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$/,
  { message: 'must be a registry host with optional port and path, without scheme, e.g. registry.corp.example.com or registry.corp.example.com:5000/mirror' },
);

export const mirrorsSchema = z.strictObject({
  /** Registry mirror every image is pulled from. */
  registry: registryHost,
  /** Base URL of the Helm chart mirror (https), e.g. `https://charts.corp.example.com`. */
  charts: z.string().regex(/^https:\/\/[^\s/]+(\/[^\s]*)?[^/\s]$/, {
    message: 'must be an https URL without trailing slash, e.g. https://charts.corp.example.com',
  }),
});

export type ClusterMirrors = z.output<typeof mirrorsSchema>;
