/**
 * External Secrets Operator: syncs secrets from the organisation's secret
 * store into Kubernetes Secrets, so no Secret with data is ever rendered.
 * Brings the external-secrets.io CRDs; ClusterSecretStores come after it.
 *
 * Chart: external-secrets/external-secrets (values: `installCRDs`,
 * `image.repository`, `webhook.*`, `certController.*`).
 */
import { ExternalSecretsChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { appVersionTag, composedImage, ImageComposition, valueString } from './image-composition';
import { httpsEgressRule, metricsRule, webhookRule } from './rules';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['external-secrets'];

/** external-secrets 2.9.0 templates/_helpers.tpl "external-secrets.image": `<global.repository or <prefix>.repository>:<tag or appVersion>[-<flavour>]`. */
function esoImage(prefix: string, file: string): ImageComposition {
  return composedImage(`external-secrets 2.9.0 ${file} with templates/_helpers.tpl "external-secrets.image"`, (v) => {
    const repository = valueString(v, 'global.repository') || valueString(v, `${prefix}.repository`);
    const flavour = valueString(v, `${prefix}.flavour`);
    return `${repository}:${valueString(v, `${prefix}.tag`) || appVersionTag(pins.chart)}${flavour ? `-${flavour}` : ''}`;
  });
}

const common = (prefix: string) => ({
  replicas: `${prefix}replicaCount`,
  pdb: { path: `${prefix}podDisruptionBudget`, shape: 'enabled' as const },
  topologySpread: `${prefix}topologySpreadConstraints`,
  resources: `${prefix}resources`,
  podSecurityContext: `${prefix}podSecurityContext`,
  securityContext: `${prefix}securityContext`,
  priorityClassName: `${prefix}priorityClassName`,
});

export const externalSecrets: AddonDefinition = {
  name: 'external-secrets',
  description: 'Syncs secrets from the secret store into Kubernetes Secrets (secrets by reference only).',
  namespace: 'external-secrets',
  podSecurity: { level: 'restricted' },
  crds: ['externalsecrets.external-secrets.io', 'secretstores.external-secrets.io', 'clustersecretstores.external-secrets.io', 'clusterexternalsecrets.external-secrets.io', 'pushsecrets.external-secrets.io'],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    operator: { ref: pins.images.operator, knobs: [{ repository: 'image.repository', tag: 'image.tag' }], pulled: esoImage('image', 'templates/deployment.yaml') },
    webhook: { ref: pins.images.operator, knobs: [{ repository: 'webhook.image.repository', tag: 'webhook.image.tag' }], pulled: esoImage('webhook.image', 'templates/webhook-deployment.yaml') },
    certController: { ref: pins.images.operator, knobs: [{ repository: 'certController.image.repository', tag: 'certController.image.tag' }], pulled: esoImage('certController.image', 'templates/cert-controller-deployment.yaml') },
  },
  workloads: [
    {
      name: 'controller', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'small',
      podLabels: podLabels('external-secrets', 'external-secrets'), knobs: common(''),
      probes: { builtIn: 'deployment.yaml defines a readiness probe on /readyz; liveness through leader election (chart livenessProbe.enabled)' },
    },
    {
      name: 'webhook', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'tiny',
      podLabels: podLabels('external-secrets-webhook', 'external-secrets'), knobs: common('webhook.'),
      probes: { builtIn: 'webhook-deployment.yaml defines a readiness probe on /readyz' },
    },
    {
      name: 'cert-controller', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'tiny',
      podLabels: podLabels('external-secrets-cert-controller', 'external-secrets'), knobs: common('certController.'),
      probes: { builtIn: 'cert-controller-deployment.yaml defines a readiness probe on /readyz' },
    },
  ],
  releases: [{
    name: 'external-secrets',
    chart: pins.chart,
    values: (ctx): ExternalSecretsChartValues => {
      // One switch renders the ServiceMonitors of all three deployments
      // (templates/servicemonitor.yaml); each scrapes its metrics Service.
      const monitored = ctx.enabled.has('kube-prometheus-stack');
      const metrics = { service: { enabled: monitored } };
      return { installCRDs: true, leaderElect: true, serviceMonitor: { enabled: monitored }, metrics, webhook: { metrics }, certController: { metrics } };
    },
  }],
  network: [webhookRule([10250]), metricsRule([8080]), httpsEgressRule('the secret store (Vault, cloud secret managers)')],
};
