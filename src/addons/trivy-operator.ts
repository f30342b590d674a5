/**
 * Trivy Operator: scans workloads' images and configuration for
 * vulnerabilities and misconfigurations, and the nodes against the CIS
 * Kubernetes benchmark; reports are custom resources.
 *
 * Chart: aquasecurity/trivy-operator (values: `image.*`, `trivy.image.*`,
 * `nodeCollector.*`, `operator.*`).
 */
import { AddonDefinition } from './addon';
import { httpsEgressRule, metricsRule } from './rules';
import { HelmWorkloadValues } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['trivy-operator'];

/** The typed values of the trivy-operator chart the platform sets. */
export interface TrivyOperatorValues extends HelmWorkloadValues {
  readonly operator: { readonly scanJobsConcurrentLimit: number; readonly infraAssessmentScannerEnabled: boolean };
  readonly trivy: { readonly severity: string; readonly ignoreUnfixed: boolean; readonly dbRepository?: string };
  readonly serviceMonitor: { readonly enabled: boolean };
}

export const trivyOperator: AddonDefinition = {
  name: 'trivy-operator',
  description: 'Vulnerability, misconfiguration and CIS benchmark scanning; reports as custom resources.',
  namespace: 'trivy-system',
  podSecurity: {
    level: 'privileged',
    justification: 'the node-collector scan jobs read kubelet and control-plane configuration from host paths with hostPID for the CIS Kubernetes benchmark (trivy-operator docs, "Infra Assessment")',
  },
  crds: ['vulnerabilityreports.aquasecurity.github.io', 'configauditreports.aquasecurity.github.io', 'clustercompliancereports.aquasecurity.github.io', 'exposedsecretreports.aquasecurity.github.io', 'rbacassessmentreports.aquasecurity.github.io', 'infraassessmentreports.aquasecurity.github.io', 'sbomreports.aquasecurity.github.io'],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    operator: { ref: pins.images.operator, knobs: [{ registry: 'image.registry', repository: 'image.repository', tag: 'image.tag' }] },
    trivy: { ref: pins.images.trivy, knobs: [{ registry: 'trivy.image.registry', repository: 'trivy.image.repository', tag: 'trivy.image.tag' }] },
    /** The vulnerability database (an OCI artifact, tag 2), pulled like an image. */
    trivyDb: { ref: 'mirror.gcr.io/aquasec/trivy-db:2', knobs: [{ repository: 'trivy.dbRepository' }] },
    nodeCollector: { ref: pins.images.nodeCollector, knobs: [{ registry: 'nodeCollector.registry', repository: 'nodeCollector.repository', tag: 'nodeCollector.tag' }] },
  },
  workloads: [{
    name: 'operator', kind: 'Deployment', size: 'medium',
    replication: { mode: 'single', reason: 'the Trivy Operator schedules scan jobs from one controller; a second replica only waits on the leader lease and doubles the scan cache memory (trivy-operator chart: replicaCount 1)' },
    podLabels: { 'app.kubernetes.io/name': 'trivy-operator', 'app.kubernetes.io/instance': 'trivy-operator' },
    knobs: { resources: 'resources', podSecurityContext: 'podSecurityContext', securityContext: 'securityContext', priorityClassName: 'priorityClassName' },
    probes: { builtIn: 'deployment.yaml defines liveness (/healthz/) and readiness (/readyz/) probes' },
  }],
  releases: [{
    name: 'trivy-operator',
    chart: pins.chart,
    values: (ctx): TrivyOperatorValues => ({
      operator: { scanJobsConcurrentLimit: 3, infraAssessmentScannerEnabled: true },
      trivy: {
        severity: 'CRITICAL,HIGH',
        ignoreUnfixed: true,
      },
      serviceMonitor: { enabled: ctx.enabled.has('kube-prometheus-stack') },
    }),
  }],
  network: [metricsRule([8080]), httpsEgressRule('registries and the vulnerability database')],
};
