/**
 * cert-manager: issues and renews TLS certificates (ACME, private CA) for
 * Ingresses and webhooks. Brings the cert-manager.io CRDs; the ClusterIssuers
 * are rendered by the `certificates` component after it.
 *
 * Chart: jetstack/cert-manager (values: `crds.enabled`, `image.repository`,
 * `webhook.*`, `cainjector.*`, `startupapicheck.*`, `global.priorityClassName`).
 */
import { AddonDefinition } from './addon';
import { httpsEgressRule, metricsRule, webhookRule } from './rules';
import { HelmServiceMonitor, HelmWorkloadValues, podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['cert-manager'];

/** The typed values of the cert-manager chart the platform sets. */
export interface CertManagerValues extends HelmWorkloadValues {
  readonly crds: { readonly enabled: boolean; readonly keep: boolean };
  readonly global: { readonly leaderElection: { readonly namespace: string }; readonly priorityClassName?: string };
  readonly prometheus: { readonly enabled: boolean; readonly servicemonitor: HelmServiceMonitor };
  readonly enableCertificateOwnerRef: boolean;
  readonly webhook?: HelmWorkloadValues;
  readonly cainjector?: HelmWorkloadValues;
  readonly startupapicheck?: HelmWorkloadValues;
}

const probesBuiltIn = 'chart templates define liveness and readiness probes (deployment.yaml: /livez on the healthz port)';

export const certManager: AddonDefinition = {
  name: 'cert-manager',
  description: 'Issues and renews TLS certificates from ACME and the private CA.',
  namespace: 'cert-manager',
  podSecurity: { level: 'restricted' },
  crds: ['certificates.cert-manager.io', 'certificaterequests.cert-manager.io', 'issuers.cert-manager.io', 'clusterissuers.cert-manager.io', 'orders.acme.cert-manager.io', 'challenges.acme.cert-manager.io'],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    controller: { ref: pins.images.controller, knobs: [{ repository: 'image.repository', tag: 'image.tag' }] },
    webhook: { ref: pins.images.webhook, knobs: [{ repository: 'webhook.image.repository', tag: 'webhook.image.tag' }] },
    cainjector: { ref: pins.images.cainjector, knobs: [{ repository: 'cainjector.image.repository', tag: 'cainjector.image.tag' }] },
    startupapicheck: { ref: pins.images.startupapicheck, knobs: [{ repository: 'startupapicheck.image.repository', tag: 'startupapicheck.image.tag' }] },
  },
  workloads: [
    {
      name: 'controller', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'small',
      podLabels: podLabels('cert-manager', 'cert-manager', 'controller'),
      knobs: { replicas: 'replicaCount', pdb: { path: 'podDisruptionBudget', shape: 'enabled' }, topologySpread: 'topologySpreadConstraints', resources: 'resources', podSecurityContext: 'securityContext', securityContext: 'containerSecurityContext', priorityClassName: 'global.priorityClassName' },
      probes: { builtIn: probesBuiltIn },
    },
    {
      name: 'webhook', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'tiny',
      podLabels: podLabels('webhook', 'cert-manager', 'webhook'),
      knobs: { replicas: 'webhook.replicaCount', pdb: { path: 'webhook.podDisruptionBudget', shape: 'enabled' }, topologySpread: 'webhook.topologySpreadConstraints', resources: 'webhook.resources', podSecurityContext: 'webhook.securityContext', securityContext: 'webhook.containerSecurityContext', priorityClassName: 'global.priorityClassName' },
      probes: { builtIn: 'webhook-deployment.yaml defines liveness and readiness probes on /livez and /healthz' },
    },
    {
      name: 'cainjector', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'small',
      podLabels: podLabels('cainjector', 'cert-manager', 'cainjector'),
      knobs: { replicas: 'cainjector.replicaCount', pdb: { path: 'cainjector.podDisruptionBudget', shape: 'enabled' }, topologySpread: 'cainjector.topologySpreadConstraints', resources: 'cainjector.resources', podSecurityContext: 'cainjector.securityContext', securityContext: 'cainjector.containerSecurityContext', priorityClassName: 'global.priorityClassName' },
      probes: { builtIn: 'cainjector has no HTTP server to probe; leader election restarts a stuck replica (upstream chart defines none)' },
    },
  ],
  releases: [{
    name: 'cert-manager',
    chart: pins.chart,
    values: (ctx): CertManagerValues => ({
      crds: { enabled: true, keep: true },
      global: { leaderElection: { namespace: ctx.namespace } },
      prometheus: { enabled: true, servicemonitor: { enabled: ctx.enabled.has('kube-prometheus-stack') } },
      enableCertificateOwnerRef: true,
    }),
  }],
  network: [webhookRule([10250]), metricsRule([9402]), httpsEgressRule('ACME servers and DNS provider APIs (DNS-01)'), {
    name: 'http01-self-check', description: 'Allow the HTTP-01 self check and DNS-01 propagation checks (TCP 80 and 53).',
    direction: 'egress', peer: { anywhere: true }, ports: [80, 53],
  }],
};
