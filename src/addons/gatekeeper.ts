/**
 * OPA Gatekeeper: the admission policy engine of clusters that choose it
 * (`admission: { engine: 'gatekeeper' }`). Brings the ConstraintTemplate
 * CRD; the templates and constraints are rendered with the admission policies.
 *
 * Chart: open-policy-agent/gatekeeper (values: `replicas`, `image.*`,
 * `controllerManager.*`, `audit.*`, `postInstall`, `pdb`).
 */
import { AddonDefinition } from './addon';
import { metricsRule, webhookRule } from './rules';
import { HelmWorkloadValues } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['gatekeeper'];

/** The typed values of the gatekeeper chart the platform sets. */
export interface GatekeeperValues {
  readonly replicas?: number;
  readonly auditInterval: number;
  readonly constraintViolationsLimit: number;
  readonly emitAdmissionEvents: boolean;
  readonly emitAuditEvents: boolean;
  readonly logDenies: boolean;
  readonly validatingWebhookTimeoutSeconds: number;
  readonly validatingWebhookFailurePolicy: 'Fail' | 'Ignore';
  readonly controllerManager: HelmWorkloadValues;
  readonly audit: HelmWorkloadValues;
  readonly postInstall: { readonly labelNamespace: { readonly enabled: boolean } };
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

export const gatekeeper: AddonDefinition = {
  name: 'gatekeeper',
  description: 'OPA Gatekeeper admission policy engine (clusters with admission.engine gatekeeper).',
  namespace: 'gatekeeper-system',
  podSecurity: { level: 'restricted' },
  crds: ['constrainttemplates.templates.gatekeeper.sh', 'configs.config.gatekeeper.sh', 'assign.mutations.gatekeeper.sh', 'providers.externaldata.gatekeeper.sh'],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    gatekeeper: { ref: pins.images.gatekeeper, knobs: [{ repository: 'image.repository', tag: 'image.release' }] },
    crds: { ref: pins.images.crds, knobs: [{ repository: 'image.crdRepository', tag: 'image.release' }] },
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
  releases: [{
    name: 'gatekeeper',
    chart: pins.chart,
    values: (): GatekeeperValues => ({
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
