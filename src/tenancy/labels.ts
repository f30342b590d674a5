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
