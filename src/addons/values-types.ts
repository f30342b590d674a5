/**
 * Value shapes most Helm charts share, for the typed values of the add-ons.
 * The platform writes the image and workload knobs into these fields (see
 * `knobs.ts`); the add-on's own values set everything else.
 */

/** An image as charts take it. */
export interface HelmImage {
  readonly registry?: string;
  readonly repository?: string;
  readonly tag?: string;
  readonly pullPolicy?: 'IfNotPresent' | 'Always' | 'Never';
}

/** Container requests and limits. */
export interface HelmResources {
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** Fields charts usually offer per workload. */
export interface HelmWorkloadValues {
  readonly replicaCount?: number;
  readonly image?: HelmImage;
  readonly resources?: HelmResources;
  readonly podDisruptionBudget?: { readonly enabled?: boolean; readonly minAvailable?: number };
  readonly topologySpreadConstraints?: readonly Record<string, unknown>[];
  readonly podSecurityContext?: Record<string, unknown>;
  readonly securityContext?: Record<string, unknown>;
  readonly priorityClassName?: string;
  readonly nodeSelector?: Readonly<Record<string, string>>;
}

/** A ServiceMonitor switch as most charts spell it. */
export interface HelmServiceMonitor {
  readonly enabled: boolean;
  readonly additionalLabels?: Readonly<Record<string, string>>;
}

/** The standard selector labels a chart puts on its pods (`app.kubernetes.io/name`, `instance`, optional `component`). */
export function podLabels(name: string, instance: string, component?: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': instance,
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
  };
}
