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
