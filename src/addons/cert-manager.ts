/**
 * cert-manager: issues and renews TLS certificates (ACME, private CA) for
 * Ingresses and webhooks. Brings the cert-manager.io CRDs; the ClusterIssuers
 * are rendered by the `certificates` component after it.
 *
 * Chart: jetstack/cert-manager (values: `crds.enabled`, `image.repository`,
 * `webhook.*`, `cainjector.*`, `startupapicheck.*`, `global.priorityClassName`).
 */
import { CertManagerChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { podFromValues } from './addon-pods';
import { appVersionTag, composedImage, ImageComposition, valueString } from './image-composition';
import { getPath } from './knobs';
import { httpsEgressRule, metricsRule, webhookRule } from './rules';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['cert-manager'];

/**
 * An image as cert-manager v1.21.1's `templates/_helpers.tpl` "cert-manager.image"
 * builds it: `<prefix>.repository` (prefixed with `<prefix>.registry` when set),
 * else `<imageRegistry>/<imageNamespace>/<prefix>.name`; then `:<tag>@<digest>`,
 * `:<tag>`, `@<digest>` or the chart's `:<appVersion>`.
 */
function certManagerImage(prefix: string, file: string): ImageComposition {
  return composedImage(`cert-manager v1.21.1 ${file} with templates/_helpers.tpl "cert-manager.image"`, (v) => {
    const s = (p: string) => valueString(v, `${prefix}.${p}`);
    let repository = s('repository');
    if (!repository) repository = [valueString(v, 'imageRegistry'), valueString(v, 'imageNamespace'), s('name')].filter(Boolean).join('/');
    if (s('registry')) repository = `${s('registry')}/${repository}`;
    const tag = s('tag');
    const digest = s('digest');
    return `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}${!tag && !digest ? `:${appVersionTag(pins.chart)}` : ''}`;
  });
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
    controller: { ref: pins.images.controller, knobs: [{ repository: 'image.repository', tag: 'image.tag' }], pulled: certManagerImage('image', 'templates/deployment.yaml') },
    webhook: { ref: pins.images.webhook, knobs: [{ repository: 'webhook.image.repository', tag: 'webhook.image.tag' }], pulled: certManagerImage('webhook.image', 'templates/webhook-deployment.yaml') },
    cainjector: { ref: pins.images.cainjector, knobs: [{ repository: 'cainjector.image.repository', tag: 'cainjector.image.tag' }], pulled: certManagerImage('cainjector.image', 'templates/cainjector-deployment.yaml') },
    startupapicheck: { ref: pins.images.startupapicheck, knobs: [{ repository: 'startupapicheck.image.repository', tag: 'startupapicheck.image.tag' }], pulled: certManagerImage('startupapicheck.image', 'templates/startupapicheck-job.yaml') },
    /**
     * The ACME HTTP-01 solver: the controller starts one pod per challenge
     * with the image of its `--acme-http01-solver-image` flag, which the
     * chart builds from `acmesolver.image` (templates/deployment.yaml).
     */
    acmesolver: { ref: pins.images.acmesolver, knobs: [{ repository: 'acmesolver.image.repository', tag: 'acmesolver.image.tag' }], pulled: certManagerImage('acmesolver.image', 'templates/deployment.yaml --acme-http01-solver-image') },
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
  pods: [{
    name: 'startupapicheck Job (post-install hook)',
    source: 'cert-manager v1.21.1 templates/startupapicheck-job.yaml: pod securityContext from startupapicheck.securityContext, container from startupapicheck.containerSecurityContext',
    pod: (v) => (getPath(v, 'startupapicheck.enabled') !== true ? undefined
      : podFromValues(v, 'startupapicheck.securityContext', 'cert-manager-startupapicheck', 'startupapicheck.containerSecurityContext')),
  }],
  releases: [{
    name: 'cert-manager',
    chart: pins.chart,
    values: (ctx): CertManagerChartValues => ({
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
