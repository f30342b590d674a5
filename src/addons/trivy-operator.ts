/**
 * Trivy Operator: scans workloads' images and configuration for
 * vulnerabilities and misconfigurations, and the nodes against the CIS
 * Kubernetes benchmark; reports are custom resources.
 *
 * Chart: aquasecurity/trivy-operator (values: `image.*`, `trivy.image.*`,
 * `nodeCollector.*`, `operator.*`).
 */
import { TrivyOperatorChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { appVersionTag, composedImage, valueString } from './image-composition';
import { httpsEgressRule, metricsRule } from './rules';
import { VERSIONS } from './versions';

const pins = VERSIONS['trivy-operator'];

const TEMPLATES = 'trivy-operator 0.30.0 (app 0.28.0)';
/** `global.image.registry` replaces every image's registry (templates/_helpers.tpl "global.imageRegistry"). */
const registry = (v: unknown, own: string) => valueString(v, 'global.image.registry') || valueString(v, own);

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
    operator: {
      ref: pins.images.operator, knobs: [{ registry: 'image.registry', repository: 'image.repository', tag: 'image.tag' }],
      pulled: composedImage(`${TEMPLATES} templates/deployment.yaml: "<registry>/<image.repository>:<image.tag or appVersion>"`, (v) => `${registry(v, 'image.registry')}/${valueString(v, 'image.repository')}:${valueString(v, 'image.tag') || appVersionTag(pins.chart)}`),
    },
    trivy: {
      ref: pins.images.trivy, knobs: [{ registry: 'trivy.image.registry', repository: 'trivy.image.repository', tag: 'trivy.image.tag' }],
      pulled: composedImage(`${TEMPLATES} templates/configmaps/trivy.yaml: trivy.repository "<registry>/<trivy.image.repository>", trivy.tag`, (v) => `${registry(v, 'trivy.image.registry')}/${valueString(v, 'trivy.image.repository')}:${valueString(v, 'trivy.image.tag')}`),
    },
    /**
     * The vulnerability database, an OCI artifact the scan jobs pull like an
     * image: `trivy.dbRepository` in the trivy ConfigMap is
     * "<trivy.dbRegistry>/<trivy.dbRepository>" (templates/configmaps/trivy.yaml);
     * Trivy appends its DB schema version as the tag (trivy pkg/db: SchemaVersion 2).
     */
    trivyDb: {
      ref: pins.images.trivyDb, knobs: [{ registry: 'trivy.dbRegistry', repository: 'trivy.dbRepository' }],
      pulled: composedImage(`${TEMPLATES} templates/configmaps/trivy.yaml trivy.dbRepository, tag 2 (trivy pkg/db SchemaVersion)`, (v) => `${valueString(v, 'trivy.dbRegistry')}/${valueString(v, 'trivy.dbRepository')}:2`),
    },
    /** The Java vulnerability database: "<trivy.javaDbRegistry>/<trivy.javaDbRepository>", tag 1 (trivy pkg/javadb: SchemaVersion 1). */
    trivyJavaDb: {
      ref: pins.images.trivyJavaDb, knobs: [{ registry: 'trivy.javaDbRegistry', repository: 'trivy.javaDbRepository' }],
      pulled: composedImage(`${TEMPLATES} templates/configmaps/trivy.yaml trivy.javaDbRepository, tag 1 (trivy pkg/javadb SchemaVersion)`, (v) => `${valueString(v, 'trivy.javaDbRegistry')}/${valueString(v, 'trivy.javaDbRepository')}:1`),
    },
    /** The misconfiguration checks bundle: policies.bundle.oci.ref "<policiesBundle.registry>/<repository>:<tag>". */
    policiesBundle: {
      ref: pins.images.policiesBundle, knobs: [{ registry: 'policiesBundle.registry', repository: 'policiesBundle.repository', tag: 'policiesBundle.tag' }],
      pulled: composedImage(`${TEMPLATES} templates/configmaps/operator.yaml policies.bundle.oci.ref`, (v) => `${valueString(v, 'policiesBundle.registry')}/${valueString(v, 'policiesBundle.repository')}:${valueString(v, 'policiesBundle.tag')}`),
    },
    nodeCollector: {
      ref: pins.images.nodeCollector, knobs: [{ registry: 'nodeCollector.registry', repository: 'nodeCollector.repository', tag: 'nodeCollector.tag' }],
      pulled: composedImage(`${TEMPLATES} templates/configmaps/operator.yaml node.collector.imageRef`, (v) => `${registry(v, 'nodeCollector.registry')}/${valueString(v, 'nodeCollector.repository')}:${valueString(v, 'nodeCollector.tag')}`),
    },
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
    values: (ctx): TrivyOperatorChartValues => ({
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
