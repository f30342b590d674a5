/**
 * Dex: the OIDC identity broker the API server and the platform's web UIs
 * trust, on clusters whose OIDC issuer is their own Dex. Its configuration
 * (`dexConfig()`: issuer, connectors, static clients) goes in the chart's
 * `config` value — it holds no secret, every credential is a `$VAR` — and
 * the variables come from the Secret `dex-env`, which the `identity`
 * component's ExternalSecret fills from the secret store.
 *
 * Chart: dexidp/dex (values: `config`, `envFrom`, `image.repository`).
 */
import { DexConfig, dexConfig } from '../security/identity/dex-config';
import { DEX_OBJECTS } from '../security/identity/identity-component';
import { DexChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { appVersionTag, composedImage, valueString } from './image-composition';
import { httpsEgressRule, metricsRule } from './rules';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['dex'];

/** The typed values of the dex chart the platform sets: `config` is Dex's config.yaml (the chart stores it in a Secret), `envFrom` where its `$VAR` references come from. */
export type DexValues = Omit<DexChartValues, 'config'> & { readonly config: DexConfig };

export const dex: AddonDefinition = {
  name: 'dex',
  description: 'OIDC identity broker for the API server and platform UIs.',
  namespace: 'dex',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: ['kube-prometheus-stack', 'ingress-nginx'],
  images: {
    dex: {
      ref: pins.images.dex, knobs: [{ repository: 'image.repository', tag: 'image.tag' }],
      pulled: composedImage('dex 0.24.0 templates/deployment.yaml: "<image.repository>@<image.digest>", else ":<image.tag or v<appVersion>>"', (v) => {
        const digest = valueString(v, 'image.digest');
        return digest ? `${valueString(v, 'image.repository')}@${digest}` : `${valueString(v, 'image.repository')}:${valueString(v, 'image.tag') || appVersionTag(pins.chart, 'v')}`;
      }),
    },
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
      config: dexConfig(ctx.cluster, ctx.platform.settings).config,
      envFrom: [{ secretRef: { name: DEX_OBJECTS.envSecret } }],
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
