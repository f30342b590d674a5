/**
 * ingress-nginx: the cluster's ingress controller, with the IngressClass
 * `nginx` as the cluster's default class.
 *
 * Chart: kubernetes/ingress-nginx (values: `controller.*`,
 * `controller.admissionWebhooks.patch.image.*`). The IngressClass is
 * rendered here (not by the chart) so that it is reviewed and validated with
 * the rest of the platform.
 */
import { k8s } from 'cdk8s-plus-28';
import { LABELS } from '../tenancy/labels';
import { IngressNginxChartValues } from '../../imports/charts';
import { PsaPod } from '../security/pod-security-standards';
import { AddonDefinition } from './addon';
import { podFromValues } from './addon-pods';
import { composedImage, ImageComposition, valueString } from './image-composition';
import { getPath } from './knobs';
import { metricsRule, webhookRule } from './rules';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['ingress-nginx'];

/** Name of the IngressClass. */
export const INGRESS_CLASS = 'nginx';
/** Controller value of the IngressClass. Source: ingress-nginx docs, "Multiple Ingress controllers". */
export const INGRESS_CONTROLLER = 'k8s.io/ingress-nginx';
/** Annotation that makes an IngressClass the default. Source: Kubernetes docs, "Ingress" (default IngressClass). */
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/**
 * ingress-nginx 4.13.3: `<prefix>` merged over `global.image`, then
 * `<repository>` or `<registry>/<image>`, `:<tag>`, `@<digest>` when set.
 */
function nginxImage(prefix: string, file: string): ImageComposition {
  return composedImage(`ingress-nginx 4.13.3 ${file}`, (v) => {
    const s = (p: string) => valueString(v, `${prefix}.${p}`) || valueString(v, `global.image.${p}`);
    const digest = s('digest');
    return `${s('repository') || `${s('registry')}/${s('image')}`}:${s('tag')}${digest ? `@${digest}` : ''}`;
  });
}

const PATCH_JOBS = 'ingress-nginx 4.13.3 templates/admission-webhooks/job-patch/job-createSecret.yaml and job-patchWebhook.yaml';

/** The admission webhook certificate Jobs (pre-install and post-install hooks), when the webhook and its patch Jobs are on. */
function patchJobPod(job: 'createSecretJob' | 'patchWebhookJob'): (v: unknown) => PsaPod | undefined {
  return (v) => {
    if (getPath(v, 'controller.admissionWebhooks.enabled') !== true || getPath(v, 'controller.admissionWebhooks.patch.enabled') !== true) return undefined;
    return podFromValues(v, 'controller.admissionWebhooks.patch.securityContext', job === 'createSecretJob' ? 'create' : 'patch', `controller.admissionWebhooks.${job}.securityContext`);
  };
}

/**
 * Words the controller refuses in any annotation value (its
 * `annotation-value-word-blocklist`): nginx directives and Lua hooks that
 * annotation injection (CVE-2021-25742, CVE-2023-5043) smuggles in. The list
 * of ingress-nginx docs, "ConfigMap" → annotation-value-word-blocklist.
 */
export const ANNOTATION_VALUE_WORD_BLOCKLIST = 'load_module,lua_package,_by_lua,location,root,proxy_pass,serviceaccount,{,},\',\\';

export const ingressNginx: AddonDefinition = {
  name: 'ingress-nginx',
  description: 'Ingress controller; IngressClass nginx is the cluster default.',
  namespace: 'ingress-nginx',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    controller: { ref: pins.images.controller, knobs: [{ registry: 'controller.image.registry', repository: 'controller.image.image', tag: 'controller.image.tag' }], pulled: nginxImage('controller.image', 'templates/controller-deployment.yaml') },
    webhookCertgen: { ref: pins.images.webhookCertgen, knobs: [{ registry: 'controller.admissionWebhooks.patch.image.registry', repository: 'controller.admissionWebhooks.patch.image.image', tag: 'controller.admissionWebhooks.patch.image.tag' }], pulled: nginxImage('controller.admissionWebhooks.patch.image', 'templates/admission-webhooks/job-patch/job-createSecret.yaml') },
  },
  workloads: [{
    name: 'controller', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'medium',
    podLabels: podLabels('ingress-nginx', 'ingress-nginx', 'controller'),
    knobs: { replicas: 'controller.replicaCount', pdb: { path: 'controller', shape: 'plain' }, topologySpread: 'controller.topologySpreadConstraints', resources: 'controller.resources', podSecurityContext: 'controller.podSecurityContext', securityContext: 'controller.containerSecurityContext', priorityClassName: 'controller.priorityClassName' },
    probes: { knobs: { liveness: 'controller.livenessProbe', readiness: 'controller.readinessProbe' } },
    // The controller image runs as www-data (101) and binds 80/443: restricted allows adding NET_BIND_SERVICE only.
    securityContextExtra: { runAsUser: 101, runAsGroup: 82, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } },
  }],
  pods: [
    { name: 'admission webhook certificate Job (create)', source: PATCH_JOBS, pod: patchJobPod('createSecretJob') },
    { name: 'admission webhook certificate Job (patch)', source: PATCH_JOBS, pod: patchJobPod('patchWebhookJob') },
  ],
  releases: [{
    name: 'ingress-nginx',
    chart: pins.chart,
    values: (ctx): IngressNginxChartValues => ({
      controller: {
        ingressClass: INGRESS_CLASS,
        ingressClassResource: { enabled: false, name: INGRESS_CLASS, controllerValue: INGRESS_CONTROLLER },
        watchIngressWithoutClass: false,
        allowSnippetAnnotations: false,
        config: {
          'use-forwarded-headers': 'false',
          'ssl-protocols': 'TLSv1.2 TLSv1.3',
          // Tenant isolation (docs/threat-model.md, "Ingress controller"): annotations above Medium
          // (server-alias, auth-url, mirror-*, snippets…) are refused by the controller too.
          'annotations-risk-level': 'Medium',
          'annotation-value-word-blocklist': ANNOTATION_VALUE_WORD_BLOCKLIST,
          'strict-validate-path-type': 'true',
        },
        // No proxying to Services of type ExternalName: a tenant's ExternalName could name any address.
        extraArgs: { 'disable-svc-external-name': 'true' },
        enableAnnotationValidations: true,
        metrics: { enabled: true, serviceMonitor: { enabled: ctx.enabled.has('kube-prometheus-stack') } },
        service: { externalTrafficPolicy: 'Local' },
      },
      defaultBackend: { enabled: false },
    }),
  }],
  network: [
    { name: 'http', description: 'Allow HTTP and HTTPS from anywhere to the controller (TCP 80, 443).', direction: 'ingress', peer: { anywhere: true }, ports: [80, 443] },
    webhookRule([8443]),
    metricsRule([10254]),
    {
      name: 'backends', description: 'Allow the controller to reach the backends tenants expose: pods in tenant namespaces (which accept it through allow-from-ingress-controller).',
      direction: 'egress', peer: { namespaceSelector: { matchExpressions: [{ key: LABELS.tenant, operator: 'Exists' }] } }, ports: [],
    },
    {
      name: 'dex', description: 'Allow the controller to reach Dex, the platform\'s only backend behind the ingress (TCP 5556).',
      direction: 'egress', peer: { namespaceSelector: { matchLabels: { [LABELS.component]: 'dex' } } }, ports: [5556],
      usedOn: (ctx) => ctx.enabled.has('dex'),
    },
  ],
  extraObjects(scope) {
    new k8s.KubeIngressClass(scope, 'IngressClass', {
      metadata: { name: INGRESS_CLASS, annotations: { [DEFAULT_INGRESS_CLASS_ANNOTATION]: 'true' } },
      spec: { controller: INGRESS_CONTROLLER },
    });
  },
};
