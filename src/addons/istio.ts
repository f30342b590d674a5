/**
 * Istio: service mesh with mutual TLS between workloads. Two releases: `base`
 * (the CRDs) then `istiod` (the control plane). The mesh-wide
 * PeerAuthentication `default` in STRICT mode is rendered by the `mesh`
 * component after it.
 *
 * Charts: istio/base and istio/istiod (values: `global.hub`, `global.tag`,
 * `pilot.*`, `meshConfig`).
 */
import { AddonDefinition } from './addon';
import { webhookRule } from './rules';
import { HelmWorkloadValues } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['istio'];

/** The typed values of the istio/base chart the platform sets. */
export interface IstioBaseValues {
  readonly defaultRevision: string;
}

/** The typed values of the istio/istiod chart the platform sets. */
export interface IstiodValues {
  readonly global: { readonly hub?: string; readonly tag?: string; readonly priorityClassName?: string; readonly istioNamespace: string };
  readonly pilot: HelmWorkloadValues & { readonly autoscaleEnabled: boolean; readonly podDisruptionBudget?: unknown };
  readonly meshConfig: { readonly enablePrometheusMerge: boolean; readonly outboundTrafficPolicy: { readonly mode: 'REGISTRY_ONLY' | 'ALLOW_ANY' } };
}

export const istio: AddonDefinition = {
  name: 'istio',
  description: 'Service mesh: mutual TLS (STRICT) between workloads, traffic policy.',
  namespace: 'istio-system',
  podSecurity: { level: 'restricted' },
  crds: ['peerauthentications.security.istio.io', 'authorizationpolicies.security.istio.io', 'requestauthentications.security.istio.io', 'destinationrules.networking.istio.io', 'virtualservices.networking.istio.io', 'gateways.networking.istio.io', 'serviceentries.networking.istio.io', 'sidecars.networking.istio.io', 'telemetries.telemetry.istio.io'],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    pilot: { ref: pins.images.pilot, release: 'istiod', knobs: [{ hub: 'global.hub', tag: 'global.tag' }] },
    proxy: { ref: pins.images.proxy, release: 'istiod', knobs: [{ hub: 'global.hub', tag: 'global.tag' }] },
  },
  workloads: [{
    name: 'istiod', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'medium', release: 'istiod',
    podLabels: { app: 'istiod', istio: 'pilot' },
    knobs: { replicas: 'pilot.replicaCount', pdb: { path: 'pilot.podDisruptionBudget', shape: 'plain' }, topologySpread: 'pilot.topologySpreadConstraints', resources: 'pilot.resources', podSecurityContext: 'pilot.podSecurityContext', securityContext: 'pilot.securityContext', priorityClassName: 'global.priorityClassName' },
    probes: { builtIn: 'istiod deployment.yaml defines a readiness probe on /ready (port 8080)' },
  }],
  releases: [
    { name: 'istio-base', chart: pins.base, values: (): IstioBaseValues => ({ defaultRevision: 'default' }) },
    {
      name: 'istiod',
      chart: pins.istiod,
      values: (ctx): IstiodValues => ({
        global: { istioNamespace: ctx.namespace },
        pilot: { autoscaleEnabled: false },
        meshConfig: { enablePrometheusMerge: true, outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
      }),
    },
  ],
  network: [
    webhookRule([15017]),
    { name: 'xds', description: 'Allow sidecars in every namespace to fetch configuration and certificates from istiod (TCP 15010, 15012).', direction: 'ingress', peer: { allNamespaces: true }, ports: [15010, 15012, 15014] },
  ],
};
