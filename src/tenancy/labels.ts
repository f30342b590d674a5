/**
 * Label and annotation keys the platform puts on the objects it renders.
 * The `platform.cdk8s.io/` keys are the platform's own; the rest are the
 * Kubernetes recommended labels and Pod Security Admission labels.
 */

/** Domain of the platform's own label and annotation keys (also the Tenant API group). */
export const PLATFORM_DOMAIN = 'platform.cdk8s.io';

export const LABELS = {
  /** Tenant that owns the object. */
  tenant: `${PLATFORM_DOMAIN}/tenant`,
  /** Environment (dev, staging, prod, …) of a tenant namespace. */
  environment: `${PLATFORM_DOMAIN}/environment`,
  /** Cost centre of a tenant namespace, for chargeback. */
  costCenter: `${PLATFORM_DOMAIN}/cost-center`,
  /** Marks objects that belong to the platform itself rather than to a tenant. */
  component: `${PLATFORM_DOMAIN}/component`,
  /** Kubernetes recommended label: the tool managing the object. */
  managedBy: 'app.kubernetes.io/managed-by',
  /** Set by the API server on every Namespace (Kubernetes 1.22+); usable in namespaceSelectors. */
  namespaceName: 'kubernetes.io/metadata.name',
} as const;

export const ANNOTATIONS = {
  /** Comma-separated e-mail addresses of the tenant's owners. */
  owners: `${PLATFORM_DOMAIN}/owners`,
  /** Why a namespace runs below Pod Security `restricted`. */
  podSecurityJustification: `${PLATFORM_DOMAIN}/pod-security-justification`,
  /** Human-readable description of the object's purpose. */
  description: `${PLATFORM_DOMAIN}/description`,
} as const;

/** Value of `app.kubernetes.io/managed-by` on every rendered object. */
export const MANAGED_BY = 'cdk8s-platform';

/**
 * Pod Security Admission label keys for a mode (`enforce`, `audit`, `warn`).
 * Source: Kubernetes docs, "Enforce Pod Security Standards with Namespace Labels".
 */
export function podSecurityLabelKeys(mode: 'enforce' | 'audit' | 'warn'): { level: string; version: string } {
  return {
    level: `pod-security.kubernetes.io/${mode}`,
    version: `pod-security.kubernetes.io/${mode}-version`,
  };
}

/**
 * Pod Security Admission labels for a namespace: `enforce` at `level`, and
 * `audit` and `warn` at `restricted`, so that a namespace running under an
 * exception still shows what restricted would reject. Every mode is pinned to
 * `version` (e.g. `v1.28`), so a Kubernetes upgrade never changes the rules
 * silently.
 *
 * Source: Kubernetes docs, "Enforce Pod Security Standards with Namespace Labels".
 */
export function podSecurityLabels(level: 'restricted' | 'baseline' | 'privileged', version: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const modes: Array<['enforce' | 'audit' | 'warn', string]> = [['enforce', level], ['audit', 'restricted'], ['warn', 'restricted']];
  for (const [mode, modeLevel] of modes) {
    const keys = podSecurityLabelKeys(mode);
    labels[keys.level] = modeLevel;
    labels[keys.version] = version;
  }
  return labels;
}
