/**
 * The schema of one cluster in the platform definition. Clusters are declared
 * in TypeScript (`platform/clusters.ts`) and validated by this schema.
 */
import { z } from 'zod';
import { clusterAddonsSchema } from './addons';
import { clusterAdmissionSchema, clusterPodSecuritySchema } from './admission';
import { clusterAuditSchema } from './audit';
import { clusterBackupSchema } from './backup';
import { certificatesSchema } from './certificates';
import { dnsSchema } from './dns';
import { dnsLabel, dnsSubdomain, gitBranch, gitUrl, kubernetesVersion, quantity } from './fields';
import { oidcSchema } from './identity';
import { clusterIsolationSchema } from './isolation';
import { mirrorsSchema } from './mirrors';
import { nodeGroupsSchema } from './node-groups';
import { clusterObservabilitySchema } from './observability';
import { encryptionAtRestSchema, secretStoreSchema } from './secrets';
import { storageSchema } from './storage';

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
 *   oidc: { groupPrefix: 'oidc:' },   // kube-apiserver OIDC flags; issuer defaults to the cluster's Dex
 *   gitops: { engine: 'argocd' | 'flux', repoURL, branch = 'main' },
 *   addons: { profile: 'small' | 'medium' | 'enterprise', overrides: { <add-on>: { enabled, reason? } } },
 *   certificates?, dns?, nodeGroups?, storage?, backup?,
 *   mirrors?: { registry, charts },  // air-gapped: images and charts from the mirrors only
 *   audit: { log: { maxAgeDays = 30, ... }, webhook?: { server } },          // see audit.ts
 *   admission: { engine = 'validating-admission-policy', allowedRegistries, exemptions }, // admission.ts
 *   podSecurity: { defaults: { enforce = 'restricted', ... }, exemptNamespaces },
 *   secretStore?: { provider = 'vault', vault: { server } },                 // secrets.ts
 *   encryptionAtRest: { resources = ['secrets'], kms: { endpoint } },
 *   observability: { remoteWrite: [...], logging: { outputs, destinations } },  // optional
 *   capacity?: { cpu: '384', memory: 1536Gi },  // allocatable to workloads; the overview compares tenant quotas with it
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
    oidc: oidcSchema,
    gitops: z.strictObject({
      engine: z.enum(GITOPS_ENGINES),
      /** Repository the engine reads the rendered `dist/` from. */
      repoURL: gitUrl,
      branch: gitBranch.default('main'),
    }),
    /** Platform profile and add-ons switched on or off against it. */
    addons: clusterAddonsSchema,
    /** cert-manager issuers. */
    certificates: certificatesSchema,
    /** DNS provider for external-dns; without it external-dns does not run. */
    dns: dnsSchema.optional(),
    /** Node-group API; only then does the cluster-autoscaler run. */
    nodeGroups: nodeGroupsSchema.optional(),
    /** StorageClasses and VolumeSnapshotClass. */
    storage: storageSchema.optional(),
    /** Velero backup locations and schedules; required when Velero runs. */
    backup: clusterBackupSchema.optional(),
    /** Registry and chart mirrors; a cluster with mirrors is air-gapped. */
    mirrors: mirrorsSchema.optional(),
    audit: clusterAuditSchema.prefault({}),
    admission: clusterAdmissionSchema.prefault({}),
    podSecurity: clusterPodSecuritySchema.prefault({}),
    /** Cluster-wide isolation controls switched off, each with a written justification. */
    isolation: clusterIsolationSchema.prefault({}),
    /** @default - none: the cluster has no ExternalSecrets (Dex and tenant ExternalSecrets need one) */
    secretStore: secretStoreSchema.optional(),
    encryptionAtRest: encryptionAtRestSchema,
    /** Remote write for long-term metric retention and logging overrides. */
    observability: clusterObservabilitySchema.prefault({}),
    /**
     * What the cluster's nodes offer to workloads (the sum of the nodes'
     * `status.allocatable`): `cpu` in cores, `memory` in bytes (Kubernetes
     * quantities). The overview (`dist/README.md`) compares the sum of the
     * tenants' ResourceQuotas with it.
     * @default - unknown: the overview shows the quota totals and says the capacity is unknown
     */
    capacity: z.strictObject({ cpu: quantity, memory: quantity }).optional(),
  });
}

/** A cluster as written in `platform/clusters.ts`. */
export type ClusterInput = z.input<ReturnType<typeof clusterSchema>>;
/** A cluster with defaults applied. */
export type ClusterSpec = z.output<ReturnType<typeof clusterSchema>>;

/** The minor of a Kubernetes version as the definition writes it (`'1.30'` → 30). */
export function kubernetesMinor(kubernetesVersion: string): number {
  return Number(kubernetesVersion.split('.')[1]);
}

/** True when the cluster's OIDC issuer is its own Dex (no external `oidc.issuerURL`). */
export function usesDex(cluster: ClusterSpec): boolean {
  return cluster.oidc.issuerURL === undefined;
}
