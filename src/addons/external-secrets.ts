/**
 * External Secrets Operator: syncs secrets from the organisation's secret
 * store into Kubernetes Secrets, so no Secret with data is ever rendered.
 * Brings the external-secrets.io CRDs; ClusterSecretStores come after it.
 *
 * Chart: external-secrets/external-secrets (values: `installCRDs`,
 * `image.repository`, `webhook.*`, `certController.*`).
 */
import { AddonDefinition } from './addon';
import { httpsEgressRule, metricsRule, webhookRule } from './rules';
import { HelmServiceMonitor, HelmWorkloadValues, podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['external-secrets'];

/** The typed values of the external-secrets chart the platform sets. */
export interface ExternalSecretsValues extends HelmWorkloadValues {
  readonly installCRDs: boolean;
  readonly leaderElect: boolean;
  readonly serviceMonitor: HelmServiceMonitor;
  readonly webhook: HelmWorkloadValues & { readonly serviceMonitor: HelmServiceMonitor };
  readonly certController: HelmWorkloadValues & { readonly serviceMonitor: HelmServiceMonitor };
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
    operator: { ref: pins.images.operator, knobs: [{ repository: 'image.repository', tag: 'image.tag' }, { repository: 'webhook.image.repository', tag: 'webhook.image.tag' }, { repository: 'certController.image.repository', tag: 'certController.image.tag' }] },
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
    values: (ctx): ExternalSecretsValues => {
      const sm = { enabled: ctx.enabled.has('kube-prometheus-stack') };
      return { installCRDs: true, leaderElect: true, serviceMonitor: sm, webhook: { serviceMonitor: sm }, certController: { serviceMonitor: sm } };
    },
  }],
  network: [webhookRule([10250]), metricsRule([8080]), httpsEgressRule('the secret store (Vault, cloud secret managers)')],
};
