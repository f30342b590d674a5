/**
 * Platform-wide settings: the environments that exist, the platform's own
 * namespaces, the cluster DNS, and the defaults every tenant environment gets.
 * Declared in TypeScript in `platform/settings.ts`.
 */
import { z } from 'zod';
import { ADDON_DEFAULT_NAMESPACES, ADDON_NAMES, AddonName } from './addon-names';
import { dnsLabel, labelMap } from './fields';
import { identitySchema, platformAccessSchema } from './identity';
import { observabilitySettingsSchema } from './observability';
import { limitRangeSchema, quotaCounts } from './resources';

/** Namespaces Kubernetes and the GitOps engines own; no tenant may claim them. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

export const settingsSchema = z.strictObject({
  /** Environment names, in promotion order (e.g. dev, staging, prod). */
  environments: z.array(dnsLabel(20)).min(1, { message: 'must list at least one environment' })
    .refine((v) => new Set(v).size === v.length, { message: 'must not list an environment twice' }),
  /** The platform's own namespaces that tenant traffic rules refer to. */
  namespaces: z.strictObject({
    /** Namespace of the ingress controller; tenant namespaces accept ingress from it. */
    ingress: dnsLabel(),
    /** Namespace of Prometheus; tenant namespaces accept scrapes from it. */
    monitoring: dnsLabel(),
    /** Namespace Argo CD runs in. */
    argocd: dnsLabel().default('argocd'),
    /** Namespace the Flux controllers run in. */
    flux: dnsLabel().default('flux-system'),
    /** Namespace Dex (the OIDC issuer) runs in. */
    identity: dnsLabel().default('dex'),
    /** Namespace the External Secrets Operator runs in. */
    externalSecrets: dnsLabel().default('external-secrets'),
    /** Further platform namespaces a tenant may allow traffic from (e.g. logging). */
    others: z.array(dnsLabel()).default([]),
  }),
  /** Where the cluster DNS runs, for the DNS egress rule of every tenant namespace. */
  clusterDns: z.strictObject({
    namespace: dnsLabel().default('kube-system'),
    podLabels: labelMap.default({ 'k8s-app': 'kube-dns' }),
  }).default({ namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }),
  /** Defaults every tenant environment gets unless its file says otherwise. */
  tenantDefaults: z.strictObject({
    quota: quotaCounts,
    limitRange: limitRangeSchema,
  }),
  /** Groups of the people who run the platform (platform admins, security auditors, break-glass). */
  access: platformAccessSchema,
  /** Dex: the OIDC issuer of clusters without an external `oidc.issuerURL`. */
  identity: identitySchema,
  /** Log pipeline, alert routing and the secret store they read from; without it no logging or monitoring rules are rendered. */
  observability: observabilitySettingsSchema.optional(),
});

/** Platform settings as written in `platform/settings.ts`. */
export type PlatformSettingsInput = z.input<typeof settingsSchema>;
/** Platform settings with defaults applied. */
export type PlatformSettings = z.output<typeof settingsSchema>;

/** Every namespace the platform itself owns (system, GitOps engine, platform namespaces). */
export function platformNamespaces(settings: PlatformSettings): string[] {
  const { ingress, monitoring, argocd, flux, identity, externalSecrets, others } = settings.namespaces;
  return [...new Set([...SYSTEM_NAMESPACES, argocd, flux, ingress, monitoring, identity, externalSecrets, ...others])].sort();
}

/**
 * The namespace of each add-on of the catalog on this platform: its default
 * (`ADDON_DEFAULT_NAMESPACES`), or the settings' namespace for the ingress
 * controller, monitoring, identity and external secrets.
 */
export function addonNamespaceOf(addon: AddonName, settings: PlatformSettings): string {
  const { ingress, monitoring, identity, externalSecrets } = settings.namespaces;
  if (addon === 'ingress-nginx') return ingress;
  if (addon === 'kube-prometheus-stack' || addon === 'kube-state-metrics') return monitoring;
  if (addon === 'dex') return identity;
  if (addon === 'external-secrets') return externalSecrets;
  return ADDON_DEFAULT_NAMESPACES[addon];
}

/** The namespaces of every add-on of the catalog, enabled on some cluster or not, sorted. */
export function addonNamespaces(settings: PlatformSettings): string[] {
  return [...new Set(ADDON_NAMES.map((a) => addonNamespaceOf(a, settings)))].sort();
}

/**
 * Namespaces no tenant may claim: every platform namespace
 * ({@link platformNamespaces}) and the namespace of every add-on of the
 * catalog, whether or not a cluster enables it today (enabling it later must
 * not collide with a tenant). Names starting with `kube-` are refused too
 * (see {@link RESERVED_NAMESPACE_PREFIX}).
 */
export function reservedNamespaces(settings: PlatformSettings): string[] {
  return [...new Set([...platformNamespaces(settings), ...addonNamespaces(settings)])].sort();
}

/**
 * Kubernetes reserves the `kube-` prefix for its own namespaces. Source:
 * Kubernetes docs, "Namespaces" ("Avoid creating namespaces with the prefix
 * kube-, since it is reserved for Kubernetes system namespaces").
 */
export const RESERVED_NAMESPACE_PREFIX = 'kube-';

/** Platform namespaces a tenant may name in `network.allowFrom[].namespace`. */
export function reachableFromNamespaces(settings: PlatformSettings): string[] {
  const { ingress, monitoring, others } = settings.namespaces;
  return [...new Set([ingress, monitoring, ...others])].sort();
}
