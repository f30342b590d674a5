/**
 * Definition fields for admission control: the cluster's policy engine,
 * allowed registries and exemptions (`clusters[].admission`), the Pod
 * Security Admission defaults (`clusters[].podSecurity`). What a tenant
 * environment is allowed is in `tenant-allowances.ts`.
 */
import { z } from 'zod';
import { dnsLabel, prose } from './fields';
import { POD_SECURITY_LEVELS } from './tenant';

/** Engines that can enforce the platform's admission policies. */
export const ADMISSION_ENGINES = ['validating-admission-policy', 'gatekeeper'] as const;
export type AdmissionEngine = (typeof ADMISSION_ENGINES)[number];

/**
 * What happens to a request that breaks a policy: `Deny` rejects it; `Warn`
 * admits it with a warning to the client; `Audit` admits it and records the
 * failure in the audit event (Gatekeeper: `deny`, `warn`, `dryrun`).
 */
export const ADMISSION_ACTIONS = ['Deny', 'Warn', 'Audit'] as const;
export type AdmissionAction = (typeof ADMISSION_ACTIONS)[number];

/**
 * Policies that apply in every namespace (tenant and platform) except those
 * exempt from them by `admission.exemptions`. Every other policy applies to
 * tenant namespaces only.
 */
export const CLUSTER_WIDE_POLICIES = ['allowed-registries', 'image-tag', 'privileged', 'host-namespaces', 'host-path'] as const;
export type ClusterWidePolicy = (typeof CLUSTER_WIDE_POLICIES)[number];

/**
 * Registries the platform allows when a cluster does not say: the
 * organisations the add-on catalog and the log collector pull images and
 * OCI artifacts (the Trivy databases, Falco's rules and plugins) from
 * (`dist/images.txt`; validation refuses a cluster whose allow-list refuses
 * an image its add-ons pull, `test/addons/addon-checks.test.ts`), and
 * registry.k8s.io, where only the Kubernetes project publishes.
 * Images must name their registry: `docker.io/library/nginx:1.27`, not `nginx:1.27`.
 */
export const DEFAULT_ALLOWED_REGISTRIES = [
  'registry.k8s.io',
  'quay.io/jetstack', 'quay.io/kiwigrid', 'quay.io/prometheus', 'quay.io/prometheus-operator',
  'ghcr.io/aquasecurity', 'ghcr.io/dexidp', 'ghcr.io/external-secrets', 'ghcr.io/falcosecurity', 'ghcr.io/jkroepke',
  'docker.io/bitnamilegacy', 'docker.io/curlimages', 'docker.io/falcosecurity', 'docker.io/fluent', 'docker.io/grafana', 'docker.io/istio',
  'docker.io/openpolicyagent', 'docker.io/otel', 'docker.io/velero', 'mirror.gcr.io/aquasec',
] as const;

/**
 * Registries where anyone can publish under an organisation of their own:
 * allowing the whole host would allow every image anyone pushes there, so
 * the allow-list must name the organisation (`docker.io/bitnami`).
 * Artifact Registry hosts (`europe-docker.pkg.dev`, any `*.pkg.dev`) are matched by suffix.
 */
export const PUBLIC_REGISTRIES = [
  'docker.io', 'index.docker.io', 'registry-1.docker.io', 'mirror.gcr.io', 'ghcr.io', 'quay.io', 'gcr.io',
  'public.ecr.aws', 'registry.gitlab.com', 'docker.pkg.github.com', 'pkg.dev',
] as const;

/** True when `entry` is a whole public registry host without an organisation path. */
export function isWholePublicRegistry(entry: string): boolean {
  if (entry.includes('/')) return false;
  const host = entry.replace(/:\d+$/, '');
  return (PUBLIC_REGISTRIES as readonly string[]).includes(host) || host.endsWith('.pkg.dev');
}

/** A registry host, optionally with a path prefix: `registry.example.com`, `registry.example.com:5000/team`. */
const registry = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9._-]+)*$/, {
  message: 'must be a registry host with an optional port and path, such as registry.example.com or registry.example.com:5000/platform',
}).refine((r) => !isWholePublicRegistry(r), {
  message: 'is a public registry where anyone can publish; name the organisation, such as docker.io/bitnami or ghcr.io/<org>',
});

const exemption = z.strictObject({
  /** A platform namespace (never a tenant's). */
  namespace: dnsLabel(),
  /** Cluster-wide policies the namespace is exempt from. */
  policies: z.array(z.enum(CLUSTER_WIDE_POLICIES)).min(1, { message: 'must list at least one policy' }),
  /** Why the namespace needs the exemption (reviewed by SecOps). */
  justification: prose(20, 'justification'),
});

/** The exemption every cluster starts with: kube-system runs the node-level system components. */
export const KUBE_SYSTEM_EXEMPTION = {
  namespace: 'kube-system',
  policies: [...CLUSTER_WIDE_POLICIES],
  justification: 'Kubernetes system components (kube-proxy, CNI and CSI node plugins) run privileged with host access and come from their vendors\' registries.',
};

/** `clusters[].admission`: how the platform's admission policies are enforced on the cluster. */
export const clusterAdmissionSchema = z.strictObject({
  /** `validating-admission-policy` (built into the API server) or `gatekeeper` (ConstraintTemplates with the CEL engine). */
  engine: z.enum(ADMISSION_ENGINES).default('validating-admission-policy'),
  action: z.enum(ADMISSION_ACTIONS).default('Deny'),
  /**
   * Registries images may come from (host and optional path prefix). Read it
   * through `allowedRegistries(cluster)`, never directly.
   */
  allowedRegistries: z.array(registry).min(1, { message: 'must list at least one registry' })
    .refine((v) => new Set(v).size === v.length, { message: 'must not list a registry twice' })
    .default([...DEFAULT_ALLOWED_REGISTRIES]),
  /** Platform namespaces exempt from cluster-wide policies, each with its justification. */
  exemptions: z.array(exemption).default([KUBE_SYSTEM_EXEMPTION]),
});
export type ClusterAdmissionSpec = z.output<typeof clusterAdmissionSchema>;

/**
 * `clusters[].podSecurity`: the Pod Security Admission plugin configuration —
 * levels for namespaces without Pod Security labels, and exempt namespaces.
 * Every namespace the platform renders carries its own labels.
 *
 * Source: Kubernetes docs, "Apply Pod Security Standards at the Cluster Level".
 */
export const clusterPodSecuritySchema = z.strictObject({
  defaults: z.strictObject({
    enforce: z.enum(POD_SECURITY_LEVELS).default('restricted'),
    audit: z.enum(POD_SECURITY_LEVELS).default('restricted'),
    warn: z.enum(POD_SECURITY_LEVELS).default('restricted'),
  }).prefault({}),
  /** Namespaces Pod Security Admission does not check at all. */
  exemptNamespaces: z.array(dnsLabel()).default(['kube-system']),
});
export type ClusterPodSecuritySpec = z.output<typeof clusterPodSecuritySchema>;
