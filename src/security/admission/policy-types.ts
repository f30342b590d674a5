/**
 * The shape of the platform's admission policies: one CEL definition
 * rendered either as a ValidatingAdmissionPolicy or as a Gatekeeper
 * ConstraintTemplate (K8sNativeValidation). Both engines run the same
 * expressions with the same variables (`object`, `oldObject`, `request`,
 * `namespaceObject`); only where parameters come from differs, and each
 * engine binds them to `variables.<parameter>` before the policy's own
 * variables (see `validating-admission-policy.ts`, `gatekeeper.ts`).
 */

/** Parameters a policy can be given; each becomes `variables.<name>`. */
export const POLICY_PARAMETERS = {
  /** The cluster's allowed registries and organisation paths (list of strings). */
  allowedRegistries: { type: 'string-list', source: 'cluster' },
  /** ClusterIssuers tenant certificates may name (list of strings). */
  tenantIssuers: { type: 'string-list', source: 'cluster' },
  /** The shortest refresh interval of a tenant ExternalSecret, a duration such as `5m` (string). */
  minRefreshInterval: { type: 'string', source: 'cluster' },
  /** The tenant owning the namespace (string). */
  tenant: { type: 'string', source: 'tenant' },
  /** The part of the secret store the namespace's ExternalSecrets read: `<tenant>/<environment>/`, or `` for a store per environment (string). */
  secretKeyPrefix: { type: 'string', source: 'tenant' },
  ingressDomains: { type: 'string-list', source: 'tenant' },
  storageClasses: { type: 'string-list', source: 'tenant' },
  priorityClasses: { type: 'string-list', source: 'tenant' },
  /** Whether Services of type LoadBalancer are allowed (bool). */
  loadBalancers: { type: 'boolean', source: 'tenant' },
  /** Groups RoleBindings in the namespace may name, with the cluster's OIDC prefix (list of strings). */
  tenantGroups: { type: 'string-list', source: 'tenant' },
  /** Taint keys pods of the namespace may tolerate beyond the platform's defaults (list of strings). */
  tolerations: { type: 'string-list', source: 'tenant' },
  /** Further ingress controller annotations the namespace's Ingresses may set (list of strings). */
  ingressAnnotations: { type: 'string-list', source: 'tenant' },
  /** Isolation controls the tenant environment is excepted from, each with a written justification (list of strings). */
  exceptions: { type: 'string-list', source: 'tenant' },
} as const;
export type PolicyParameter = keyof typeof POLICY_PARAMETERS;

/** Kinds a policy matches, as admission rules name them. */
export interface MatchedResources {
  readonly group: string;
  readonly version: string;
  /** Plural resource names, e.g. `deployments`, or a subresource `pods/ephemeralcontainers`. */
  readonly resources: readonly string[];
  /** Kinds (for Gatekeeper's `match.kinds`). */
  readonly kinds: readonly string[];
}

/** One CEL validation: `expression` must be true, else the request fails with `messageExpression`. */
export interface PolicyValidation {
  readonly expression: string;
  /** CEL expression giving the failure message (a string). */
  readonly messageExpression: string;
  /** Static fallback message when `messageExpression` fails. */
  readonly message: string;
}

/** Which namespaces a policy's binding selects. */
export type PolicyScope =
  /** Every namespace except those the cluster exempts (`admission.exemptions`). */
  | 'cluster-wide'
  /** Tenant namespaces (those with the `platform.cdk8s.io/tenant` label). */
  | 'tenants';

/** A policy of the library. */
export interface AdmissionPolicyDefinition {
  /** Short name, unique in the library, e.g. `allowed-registries-pods`; object names derive from it. */
  readonly name: string;
  /**
   * The policy as the definition names it (`admission.exemptions[].policies`),
   * shared by the variants of one rule that differ only in the kinds they
   * match (Pods, workload templates, CronJobs).
   * @default - the name
   */
  readonly family?: string;
  /** What it enforces and why, one sentence. */
  readonly description: string;
  readonly scope: PolicyScope;
  /**
   * Only namespaces whose Pod Security `enforce` level is at least this, so
   * a tenant's written Pod Security exception also applies here (baseline:
   * every level but privileged; restricted: restricted only).
   * @default - any level
   */
  readonly podSecurity?: 'baseline' | 'restricted';
  /**
   * The kinds it matches. Every expression must type-check against each of
   * them (the API server type-checks per matched kind): a variant per shape
   * of object rather than a branch on `object.kind`.
   */
  readonly match: readonly MatchedResources[];
  /** Parameters used, bound to `variables.<name>` by the engine. */
  readonly parameters: readonly PolicyParameter[];
  /** Policy variables, in order; later ones may use earlier ones. */
  readonly variables: readonly { readonly name: string; readonly expression: string }[];
  readonly validations: readonly PolicyValidation[];
}

/** The family of a policy (see {@link AdmissionPolicyDefinition.family}). */
export function policyFamily(p: AdmissionPolicyDefinition): string {
  return p.family ?? p.name;
}

/** Matched resources of the core group `v1`. */
export function core(resources: string[], kinds: string[]): MatchedResources {
  return { group: '', version: 'v1', resources, kinds };
}
