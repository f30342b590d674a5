/**
 * OPA Gatekeeper: the admission policy engine of clusters that choose it
 * (`admission: { engine: 'gatekeeper' }`). Brings the ConstraintTemplate
 * CRD; the templates and constraints are rendered with the admission policies.
 *
 * Chart: open-policy-agent/gatekeeper (values: `replicas`, `image.*`,
 * `controllerManager.*`, `audit.*`, `postInstall`, `pdb`).
 */
import { GatekeeperChartValues } from '../../imports/charts';
import { PsaPod } from '../security/pod-security-standards';
import { AddonDefinition } from './addon';
import { composedImage, joinedImage, valueString } from './image-composition';
import { getPath } from './knobs';
import { metricsRule, webhookRule } from './rules';
import { VERSIONS } from './versions';

const pins = VERSIONS['gatekeeper'];

const PROBE = 'gatekeeper 3.23.0 templates/probe-webhook-post-install.yaml with templates/_helpers.tpl "gatekeeper.postInstallWebhookProbeContainer"';
const UPGRADE_CRDS = 'gatekeeper 3.23.0 templates/upgrade-crds-hook.yaml';

/** The container seccomp profile the chart's hook containers get from `enableRuntimeDefaultSeccompProfile` (both templates). */
const hookSeccomp = (v: unknown) => (getPath(v, 'enableRuntimeDefaultSeccompProfile') === true ? { seccompProfile: { type: 'RuntimeDefault' } } : {});

/** The post-install webhook probe Job: rendered when the namespace-labelling Job is off and probeWebhook is on. */
function probePod(v: unknown): PsaPod | undefined {
  if (getPath(v, 'disableValidatingWebhook') === true || getPath(v, 'postInstall.labelNamespace.enabled') === true || getPath(v, 'postInstall.probeWebhook.enabled') !== true) return undefined;
  return {
    spec: {
      containers: [{ name: 'webhook-probe-post', securityContext: { ...hookSeccomp(v), ...(getPath(v, 'postInstall.securityContext') as object) } }],
      volumes: [{ name: 'cert', secret: {} }],
    },
  };
}

/** The pre-install CRD upgrade Job. */
function upgradeCrdsPod(v: unknown): PsaPod | undefined {
  if (getPath(v, 'upgradeCRDs.enabled') !== true) return undefined;
  return { spec: { containers: [{ name: 'crds-upgrade', securityContext: { ...hookSeccomp(v), ...(getPath(v, 'crds.securityContext') as object) } }] } };
}

export const gatekeeper: AddonDefinition = {
  name: 'gatekeeper',
  description: 'OPA Gatekeeper admission policy engine (clusters with admission.engine gatekeeper).',
  namespace: 'gatekeeper-system',
  podSecurity: { level: 'restricted' },
  crds: ['constrainttemplates.templates.gatekeeper.sh', 'configs.config.gatekeeper.sh', 'assign.mutations.gatekeeper.sh', 'providers.externaldata.gatekeeper.sh'],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    gatekeeper: { ref: pins.images.gatekeeper, knobs: [{ repository: 'image.repository', tag: 'image.release' }], pulled: joinedImage({ repository: 'image.repository', tag: 'image.release' }, 'gatekeeper 3.23.0 templates/gatekeeper-controller-manager-deployment.yaml: "<image.repository>:<image.release>"') },
    crds: {
      ref: pins.images.crds, knobs: [{ repository: 'image.crdRepository', tag: 'image.release' }],
      pulled: composedImage(`${UPGRADE_CRDS}: preInstall.crdRepository.image when its repository is set, else "<image.crdRepository>:<image.release>"`, (v) => {
        const pre = valueString(v, 'preInstall.crdRepository.image.repository');
        if (pre) return `${pre}:${valueString(v, 'preInstall.crdRepository.image.tag')}`;
        return `${valueString(v, 'image.crdRepository')}:${valueString(v, 'image.release')}`;
      }),
    },
    /** curl, for the post-install Job that waits until the webhook answers. */
    probeWebhook: { ref: pins.images.probeWebhook, knobs: [{ repository: 'postInstall.probeWebhook.image.repository', tag: 'postInstall.probeWebhook.image.tag' }], pulled: joinedImage({ repository: 'postInstall.probeWebhook.image.repository', tag: 'postInstall.probeWebhook.image.tag' }, `${PROBE}: "<repository>:<tag>"`) },
  },
  workloads: [
    {
      name: 'controller-manager', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'medium',
      podLabels: { 'control-plane': 'controller-manager', 'gatekeeper.sh/operation': 'webhook' },
      knobs: { replicas: 'replicas', pdb: { path: 'pdb.controllerManager', shape: 'plain' }, topologySpread: 'controllerManager.topologySpreadConstraints', resources: 'controllerManager.resources', podSecurityContext: 'controllerManager.podSecurityContext', securityContext: 'controllerManager.securityContext', priorityClassName: 'controllerManager.priorityClassName' },
      probes: { builtIn: 'gatekeeper-controller-manager-deployment.yaml defines liveness (/healthz) and readiness (/readyz) probes' },
    },
    {
      name: 'audit', kind: 'Deployment', size: 'medium',
      replication: { mode: 'single', reason: 'the Gatekeeper audit runs as one pod by design: it lists every object and writes violations to constraint status; a second pod would duplicate the work and status writes (Gatekeeper docs, "Audit")' },
      podLabels: { 'control-plane': 'audit-controller', 'gatekeeper.sh/operation': 'audit' },
      knobs: { resources: 'audit.resources', podSecurityContext: 'audit.podSecurityContext', securityContext: 'audit.securityContext', priorityClassName: 'audit.priorityClassName' },
      probes: { builtIn: 'gatekeeper-audit-deployment.yaml defines liveness (/healthz) and readiness (/readyz) probes' },
    },
  ],
  pods: [
    { name: 'webhook probe Job (post-install hook)', source: PROBE, pod: probePod },
    { name: 'CRD upgrade Job (pre-install hook)', source: UPGRADE_CRDS, pod: upgradeCrdsPod },
  ],
  releases: [{
    name: 'gatekeeper',
    chart: pins.chart,
    values: (): GatekeeperChartValues => ({
      auditInterval: 60,
      constraintViolationsLimit: 50,
      emitAdmissionEvents: true,
      emitAuditEvents: true,
      logDenies: true,
      validatingWebhookTimeoutSeconds: 3,
      validatingWebhookFailurePolicy: 'Fail',
      controllerManager: {},
      audit: {},
      postInstall: { labelNamespace: { enabled: false } },
    }),
  }],
  network: [webhookRule([8443]), metricsRule([8888])],
};
