/**
 * Definition fields for tenant isolation. Every control is on by default,
 * like Pod Security `restricted`; a definition can only loosen one with a
 * written justification, which review shows and flags:
 *
 * - `clusters[].isolation.exceptions`: cluster-wide controls switched off
 *   (`always-pull-images`, `deny-service-external-ips`,
 *   `api-priority-and-fairness`);
 * - `clusters[].isolation.tenantPriorityLevel`: the concurrency figures of
 *   the API server priority level tenant workloads share;
 * - `spec.environments.<env>.isolation` of a tenant: `exceptions` from
 *   tenant-scoped controls (`external-name-services`), and grants — taint
 *   keys its pods may tolerate, further ingress controller annotations its
 *   Ingresses may set — each with its justification.
 *
 * What each control stops, and its source, is in docs/threat-model.md.
 */
import { z } from 'zod';
import { prose } from './fields';
import { documented, inexpressible, refineWith } from './json-forms';

/** Cluster-wide isolation controls a cluster can be excepted from. */
export const CLUSTER_EXCEPTIONS = [
  /** AlwaysPullImages admission plugin: a pod may use a cached private image only with pull credentials for it. */
  'always-pull-images',
  /** DenyServiceExternalIPs admission plugin (CVE-2020-8554). */
  'deny-service-external-ips',
  /** The tenant priority level and FlowSchemas of API Priority and Fairness (`tenancy/api-priority-and-fairness.ts`). */
  'api-priority-and-fairness',
] as const;
export type ClusterException = (typeof CLUSTER_EXCEPTIONS)[number];

/** Tenant-scoped isolation controls a tenant environment can be excepted from. */
export const TENANT_EXCEPTIONS = [
  /** Services of type ExternalName in the environment's namespace. */
  'external-name-services',
] as const;
export type TenantException = (typeof TENANT_EXCEPTIONS)[number];

/** A written justification of at least 20 characters. */
export const justification = prose(20, 'justification');

/** A whole percentage, 0–100. */
const percent = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must be 0–100' }).max(100, { message: 'must be 0–100' });

/**
 * Defaults of `clusters[].isolation.tenantPriorityLevel`, and why:
 *
 * - `nominalConcurrencyShares` 50: today tenants share workload-low's 100
 *   with the platform's controllers; the new level takes half of that again,
 *   so the sum grows from 245 to 295 and each built-in level keeps 245/295
 *   (83 %) of its nominal seats. With the API server's default 600 seats
 *   (`--max-requests-inflight` 400 + `--max-mutating-requests-inflight` 200)
 *   tenants get ⌈600·50/295⌉ = 102 nominal seats, more than global-default's
 *   41 that every human user shares.
 * - `lendablePercent` 50: as global-default and workload-high; half of the
 *   tenants' nominal seats stay theirs while platform levels borrow idle ones
 *   (workload-low lends 90 %, as upstream trusts it to be low priority).
 * - `borrowingLimitPercent` 100: upstream sets no limit on its levels, which
 *   hold the cluster's own components; tenants are not trusted, so a flood
 *   may at most double the level's seats from idle levels (≈ a third of the
 *   server's 600) rather than take every idle seat until the next
 *   re-division of seats among levels.
 *
 * Source: Kubernetes docs, "API Priority and Fairness" → "Seats Occupied by a
 * Request", "Concurrency limits"; k8s.io/apiserver `pkg/apis/flowcontrol/bootstrap/default.go` (the built-in
 * levels' shares and lending are listed in `tenancy/api-priority-and-fairness.ts`).
 */
export const TENANT_PRIORITY_LEVEL_DEFAULTS = {
  nominalConcurrencyShares: 50,
  lendablePercent: 50,
  borrowingLimitPercent: 100,
} as const;


/**
 * `clusters[].isolation.tenantPriorityLevel`: the concurrency figures of the
 * `tenant-workloads` PriorityLevelConfiguration (Kubernetes docs "API
 * Priority and Fairness" → "Priority Levels"), defaulting to
 * {@link TENANT_PRIORITY_LEVEL_DEFAULTS}.
 */
export const tenantPriorityLevelSchema = z.strictObject({
  /** Share of the API server's concurrency limit, against the built-in levels' 245 shares in all. */
  nominalConcurrencyShares: z.number().int({ message: 'must be a whole number' })
    .min(1, { message: 'must be 1–1000 (0 means "use the default of 30" in flowcontrol v1beta3)' })
    .max(1000, { message: 'must be 1–1000' }).default(TENANT_PRIORITY_LEVEL_DEFAULTS.nominalConcurrencyShares),
  /** Percent of the level's nominal seats other levels may borrow while tenants leave them idle. */
  lendablePercent: percent.default(TENANT_PRIORITY_LEVEL_DEFAULTS.lendablePercent),
  /** Percent of its nominal seats the level may borrow from idle levels on top of them. */
  borrowingLimitPercent: z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must be 0 or more' }).default(TENANT_PRIORITY_LEVEL_DEFAULTS.borrowingLimitPercent),
});
export type TenantPriorityLevelSpec = z.output<typeof tenantPriorityLevelSchema>;

/** `clusters[].isolation`. */
export const clusterIsolationSchema = z.strictObject({
  /** Cluster-wide controls switched off, each with why (e.g. every tenant has nodes of its own). */
  exceptions: z.array(z.strictObject({ control: z.enum(CLUSTER_EXCEPTIONS), justification }))
    .default([])
    .refine((v) => new Set(v.map((e) => e.control)).size === v.length, { message: 'must not name a control twice' }),
  /** The API server priority level every tenant ServiceAccount's requests share (fair-queued per ServiceAccount). */
  tenantPriorityLevel: tenantPriorityLevelSchema.prefault({}),
});
export type ClusterIsolationSpec = z.output<typeof clusterIsolationSchema>;

/** A taint key: an optional DNS-subdomain prefix and a name (Kubernetes label key syntax). */
const taintKey = z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, {
  message: 'must be a taint key such as dedicated or example.com/gpu',
});

/** An ingress controller annotation key (ingress-nginx, cert-manager or external-dns). */
const controllerAnnotation = z.string().regex(/^(nginx\.ingress\.kubernetes\.io|cert-manager\.io|acme\.cert-manager\.io|external-dns\.alpha\.kubernetes\.io)\/[a-z0-9-]+$/, {
  message: 'must be an ingress-nginx, cert-manager or external-dns annotation such as nginx.ingress.kubernetes.io/auth-url',
});

/** A list of `{ <key>: …, justification }` entries, each key at most once. */
function justifiedList<K extends string, T extends z.ZodType>(key: K, value: T, what: string, example: { readonly [k in K]: string }) {
  const entry = documented(z.strictObject({
    [key]: value,
    justification: documented(justification, 'Why the environment needs it, at least 20 characters; review shows it.', EXAMPLE_JUSTIFICATION),
  } as { [k in K]: T } & { justification: typeof justification }), `One ${what} and why.`, { ...example, justification: EXAMPLE_JUSTIFICATION });
  return refineWith(z.array(entry), (v, issue) => v.forEach((e, i) => {
    const k = (e as Record<K, string>)[key];
    if (v.findIndex((o) => (o as Record<K, string>)[key] === k) !== i) issue([i, key], `must not name a ${what} twice`, k);
  }), inexpressible('unique by one field across list items (JSON Schema uniqueItems compares whole items)')).default([]);
}

const EXAMPLE_JUSTIFICATION = 'Reaches the partner API through its DNS name (ticket SEC-1234).';

/** `spec.environments.<env>.isolation` of a tenant. */
export const tenantIsolationSchema = documented(z.strictObject({
  exceptions: documented(justifiedList('control', documented(z.enum(TENANT_EXCEPTIONS), 'A tenant-scoped isolation control (see docs/threat-model.md).', 'external-name-services'), 'control', { control: 'external-name-services' }),
    'Tenant-scoped controls the environment is excepted from, each with why.', [{ control: 'external-name-services', justification: EXAMPLE_JUSTIFICATION }]),
  tolerations: documented(justifiedList('key', documented(taintKey, 'A node taint key the environment\'s pods may tolerate.', 'dedicated'), 'taint key', { key: 'dedicated' }),
    'Taint keys the environment\'s pods may tolerate (dedicated node pools), each with why. Default: none beyond the platform\'s.', [{ key: 'dedicated', justification: EXAMPLE_JUSTIFICATION }]),
  ingressAnnotations: documented(justifiedList('annotation', documented(controllerAnnotation, 'An ingress-nginx, cert-manager or external-dns annotation key.', 'nginx.ingress.kubernetes.io/auth-url'), 'annotation', { annotation: 'nginx.ingress.kubernetes.io/auth-url' }),
    'Ingress controller annotations beyond the platform\'s tenant allow-list, each with why.', [{ annotation: 'nginx.ingress.kubernetes.io/auth-url', justification: EXAMPLE_JUSTIFICATION }]),
}).prefault({}), 'Isolation controls loosened for this environment, each with a written justification (see docs/threat-model.md). Default: every control on.', { tolerations: [{ key: 'dedicated', justification: EXAMPLE_JUSTIFICATION }] });
export type TenantIsolationSpec = z.output<typeof tenantIsolationSchema>;

/** True unless `cluster` is excepted from `control`. */
export function clusterControlOn(cluster: { readonly isolation: ClusterIsolationSpec }, control: ClusterException): boolean {
  return !cluster.isolation.exceptions.some((e) => e.control === control);
}
