/**
 * Dex: the OIDC identity broker the API server and the platform's web UIs
 * trust. The platform sets the deployment values; the Dex configuration
 * (connectors, static clients) is delivered in the Secret `dex` by the
 * identity configuration, never inline.
 *
 * Chart: dexidp/dex (values: `configSecret.create: false`, `image.repository`).
 */
import { AddonDefinition } from './addon';
import { httpsEgressRule, metricsRule } from './rules';
import { HelmServiceMonitor, HelmWorkloadValues, podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['dex'];

/** Name of the Secret holding Dex's `config.yaml`. */
export const DEX_CONFIG_SECRET = 'dex';

/** The typed values of the dex chart the platform sets. */
export interface DexValues extends HelmWorkloadValues {
  readonly configSecret: { readonly create: boolean; readonly name: string };
  readonly https: { readonly enabled: boolean };
  readonly serviceMonitor: HelmServiceMonitor;
}

export const dex: AddonDefinition = {
  name: 'dex',
  description: 'OIDC identity broker for the API server and platform UIs.',
  namespace: 'dex',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: ['kube-prometheus-stack', 'ingress-nginx'],
  images: {
    dex: { ref: pins.images.dex, knobs: [{ repository: 'image.repository', tag: 'image.tag' }] },
  },
  workloads: [{
    name: 'dex', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'small',
    podLabels: podLabels('dex', 'dex'),
    knobs: { replicas: 'replicaCount', pdb: { path: 'podDisruptionBudget', shape: 'enabled' }, topologySpread: 'topologySpreadConstraints', resources: 'resources', podSecurityContext: 'podSecurityContext', securityContext: 'securityContext', priorityClassName: 'priorityClassName' },
    probes: { builtIn: 'deployment.yaml defines liveness (/healthz/live) and readiness (/healthz/ready) probes on the telemetry port' },
  }],
  releases: [{
    name: 'dex',
    chart: pins.chart,
    values: (ctx): DexValues => ({
      configSecret: { create: false, name: DEX_CONFIG_SECRET },
      https: { enabled: false },
      serviceMonitor: { enabled: ctx.enabled.has('kube-prometheus-stack') },
    }),
  }],
  network: [
    { name: 'http', description: 'Allow OIDC clients through the ingress controller and the API server (TCP 5556).', direction: 'ingress', peer: { anywhere: true }, ports: [5556] },
    metricsRule([5558]),
    httpsEgressRule('upstream identity providers (OIDC, SAML, GitHub)'),
    { name: 'ldap', description: 'Allow LDAP and LDAPS to directory connectors (TCP 389, 636).', direction: 'egress', peer: { anywhere: true }, ports: [389, 636] },
  ],
};
