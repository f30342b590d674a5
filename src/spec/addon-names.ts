/**
 * The names of the add-ons in the catalog and of the platform profiles. Plain
 * data, shared by the definition schema (which validates cluster choices) and
 * the add-on definitions in `src/addons/`.
 */

/** Every add-on of the catalog, in catalog order. */
export const ADDON_NAMES = [
  'kube-prometheus-stack',
  'cert-manager',
  'ingress-nginx',
  'external-dns',
  'metrics-server',
  'kube-state-metrics',
  'external-secrets',
  'velero',
  'gatekeeper',
  'falco',
  'dex',
  'cluster-autoscaler',
  'opentelemetry-collector',
  'trivy-operator',
  'istio',
] as const;
export type AddonName = (typeof ADDON_NAMES)[number];

/** Platform profiles, after the usual organisation sizes. */
export const PROFILE_NAMES = ['small', 'medium', 'enterprise'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * The namespace each add-on of the catalog runs in by default. The platform
 * settings rename four of them (`namespaces.ingress`, `.monitoring`,
 * `.identity`, `.externalSecrets`; see `addonNamespaces`). Plain data beside
 * the names, so the definition schema can refuse them as tenant namespaces
 * without importing the add-on definitions; a test keeps it equal to the
 * namespace each add-on definition renders into.
 */
export const ADDON_DEFAULT_NAMESPACES: Readonly<Record<AddonName, string>> = {
  'kube-prometheus-stack': 'monitoring',
  'cert-manager': 'cert-manager',
  'ingress-nginx': 'ingress-nginx',
  'external-dns': 'external-dns',
  'metrics-server': 'metrics-server',
  'kube-state-metrics': 'monitoring',
  'external-secrets': 'external-secrets',
  'velero': 'velero',
  'gatekeeper': 'gatekeeper-system',
  'falco': 'falco',
  'dex': 'dex',
  'cluster-autoscaler': 'cluster-autoscaler',
  'opentelemetry-collector': 'opentelemetry',
  'trivy-operator': 'trivy-system',
  'istio': 'istio-system',
};
