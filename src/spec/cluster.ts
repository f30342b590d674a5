/**
 * The schema of one cluster in the platform definition. Clusters are declared
 * in TypeScript (`src/platform/clusters.ts`) and validated by this schema.
 */
import { z } from 'zod';
import { dnsLabel, dnsSubdomain, gitBranch, gitUrl, kubernetesVersion } from './fields';
import { clusterObservabilitySchema } from './observability';

/** GitOps engines a cluster can be driven by. */
export const GITOPS_ENGINES = ['argocd', 'flux'] as const;
export type GitOpsEngineName = (typeof GITOPS_ENGINES)[number];

/**
 * Builds the cluster schema for a platform whose environments are `environments`.
 *
 * Shape (input):
 * ```ts
 * {
 *   name: 'prod-eu1',                 // DNS-1123 label, ≤ 40 characters
 *   environment: 'prod',              // one of the platform's environments
 *   region: 'eu-west-1',
 *   zones: ['eu-west-1a', ...],       // at least one, unique
 *   kubernetesVersion: '1.28',        // minor version, "1.28"–"1.34"
 *   ingressDomain: 'prod.eu1.example.com',
 *   oidc: { groupPrefix: 'oidc:' },   // prefix the API server adds to OIDC groups
 *   gitops: { engine: 'argocd' | 'flux', repoURL, branch = 'main' },
 *   observability: { remoteWrite: [...], logging: { outputs, destinations } },  // optional
 * }
 * ```
 */
export function clusterSchema(environments: readonly string[]) {
  return z.strictObject({
    name: dnsLabel(40),
    environment: z.enum(environments as [string, ...string[]]),
    region: z.string().min(1, { message: 'must name the region' }),
    zones: z.array(z.string().min(1)).min(1, { message: 'must list at least one zone' })
      .refine((v) => new Set(v).size === v.length, { message: 'must not list a zone twice' }),
    kubernetesVersion,
    ingressDomain: dnsSubdomain,
    oidc: z.strictObject({
      /** Prefix the API server puts before every OIDC group (`--oidc-groups-prefix`), e.g. `oidc:`. */
      groupPrefix: z.string().regex(/^[A-Za-z0-9:_.-]*$/, { message: 'must be letters, digits and : _ . - only' }).default(''),
    }),
    gitops: z.strictObject({
      engine: z.enum(GITOPS_ENGINES),
      /** Repository the engine reads the rendered `dist/` from. */
      repoURL: gitUrl,
      branch: gitBranch.default('main'),
    }),
    /** Remote write for long-term metric retention and logging overrides. */
    observability: clusterObservabilitySchema.prefault({}),
  });
}

/** A cluster as written in `src/platform/clusters.ts`. */
export type ClusterInput = z.input<ReturnType<typeof clusterSchema>>;
/** A cluster with defaults applied. */
export type ClusterSpec = z.output<ReturnType<typeof clusterSchema>>;
