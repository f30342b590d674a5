/**
 * Values a pinned chart's templates read although its `values.yaml` does not
 * declare them (they are commented out there, or the template passes a
 * subtree through whole), each with the template that reads it. The chart
 * import (`scripts/import-charts.ts`) adds them to the chart's declared
 * values, so the generated value types and the synth check accept them; a
 * value path is accepted only when the chart declares it or this list names
 * it with its reason.
 *
 * Facts from the charts' sources at the pinned release tags (read by hand;
 * nothing here is fetched at build or test time).
 */

/** What kind of value the template reads: a scalar, a free-form map it passes through, a list, or anything. */
export type TemplateValueType = 'string' | 'number' | 'boolean' | 'map' | 'array' | 'any';

/** One value a template reads that `values.yaml` does not declare. */
export interface TemplateValue {
  /** Dotted path from the chart's values root. */
  readonly path: string;
  readonly type: TemplateValueType;
  /** The template that reads it (chart, version, file) and what it does with it. */
  readonly reason: string;
}

/**
 * Keys whose value is a Kubernetes object the charts copy into the pod spec
 * whole (`toYaml`): a container or pod security context, resource
 * requirements, affinity. Their defaults in `values.yaml` show some fields of
 * the Kubernetes type, not all it accepts, so the import declares them open;
 * what they hold is checked as Kubernetes reads it (the Pod Security
 * evaluation of the add-ons' pods, the high-availability checks).
 */
export const KUBERNETES_OBJECT_KEYS: readonly string[] = ['affinity', 'containerSecurityContext', 'podSecurityContext', 'resources', 'securityContext'];

/** By chart name (as in `Chart.yaml`). */
export const TEMPLATE_VALUES: Readonly<Record<string, readonly TemplateValue[]>> = {
  'velero': [
    { path: 'kubectl.image.tag', type: 'string', reason: 'velero 11.0.0 templates/upgrade-crds/upgrade-crds.yaml: image "<kubectl.image.repository>:<kubectl.image.tag>", else the cluster\'s <major>.<minor> (commented out in values.yaml)' },
    { path: 'kubectl.image.digest', type: 'string', reason: 'velero 11.0.0 templates/upgrade-crds/upgrade-crds.yaml: image "<repository>@<digest>" when set (commented out in values.yaml)' },
    { path: 'image.digest', type: 'string', reason: 'velero 11.0.0 templates/deployment.yaml: image "<image.repository>@<image.digest>" when set (commented out in values.yaml)' },
    { path: 'initContainers', type: 'array', reason: 'velero 11.0.0 templates/deployment.yaml: toYaml .Values.initContainers into the pod\'s initContainers (values.yaml declares it null, so its type comes from here)' },
  ],
  'cert-manager': [
    { path: 'acmesolver.image.tag', type: 'string', reason: 'cert-manager v1.21.1 templates/_helpers.tpl "image" helper: tag of --acme-http01-solver-image, default the chart appVersion (commented out in values.yaml)' },
    { path: 'acmesolver.image.registry', type: 'string', reason: 'cert-manager v1.21.1 templates/_helpers.tpl "image" helper: deprecated prefix prepended to the repository (commented out in values.yaml)' },
  ],
  'kube-prometheus-stack': [
    { path: 'alertmanager.config', type: 'map', reason: 'kube-prometheus-stack 88.3.0 templates/alertmanager/secret.yaml: toYaml of the whole Alertmanager configuration file into Secret alertmanager-<name>' },
    { path: 'prometheusOperator.priorityClassName', type: 'string', reason: 'kube-prometheus-stack 88.3.0 templates/prometheus-operator/deployment.yaml: pod priorityClassName (commented out in values.yaml)' },
    { path: 'grafana.priorityClassName', type: 'string', reason: 'grafana 12.10.4 (subchart) templates/_pod.tpl: pod priorityClassName (commented out in values.yaml)' },
    { path: 'prometheus-node-exporter.priorityClassName', type: 'string', reason: 'prometheus-node-exporter 4.56.1 (subchart) templates/daemonset.yaml: pod priorityClassName (commented out in values.yaml)' },
  ],
  'kube-state-metrics': [
    { path: 'priorityClassName', type: 'string', reason: 'kube-state-metrics 6.1.0 templates/deployment.yaml: pod priorityClassName (commented out in values.yaml)' },
  ],
  'cluster-autoscaler': [
    { path: 'podDisruptionBudget.minAvailable', type: 'any', reason: 'cluster-autoscaler 9.50.1 templates/pdb.yaml: spec.minAvailable; the template fails when maxUnavailable (default 1) is set too (commented out in values.yaml)' },
    { path: 'extraArgs', type: 'map', reason: 'cluster-autoscaler 9.50.1 templates/deployment.yaml: every key of extraArgs becomes the flag --<key>=<value>' },
  ],
  'gatekeeper': [
    { path: 'emitAdmissionEvents', type: 'boolean', reason: 'gatekeeper 3.23.0 templates/gatekeeper-controller-manager-deployment.yaml: --emit-admission-events when the key is set (hasKey; not in values.yaml)' },
    { path: 'emitAuditEvents', type: 'boolean', reason: 'gatekeeper 3.23.0 templates/gatekeeper-audit-deployment.yaml: --emit-audit-events when the key is set (hasKey; not in values.yaml)' },
  ],
  'ingress-nginx': [
    { path: 'controller.image.registry', type: 'string', reason: 'ingress-nginx 4.13.3 templates/controller-deployment.yaml: merge controller.image over global.image, so controller.image.registry wins over global.image.registry' },
    { path: 'controller.admissionWebhooks.patch.image.registry', type: 'string', reason: 'ingress-nginx 4.13.3 templates/admission-webhooks/job-patch/job-*.yaml: merge patch.image over global.image, so patch.image.registry wins over global.image.registry' },
  ],
  'istiod': [
    { path: 'meshConfig', type: 'map', reason: 'istiod 1.27.1 templates/configmap.yaml: mergeOverwrite of the whole meshConfig over the generated mesh configuration ("meshConfig.foo becomes the API")' },
  ],
  'opentelemetry-collector': [
    { path: 'podDisruptionBudget.minAvailable', type: 'any', reason: 'opentelemetry-collector 0.130.0 templates/pdb.yaml: spec.minAvailable (commented out in values.yaml)' },
  ],
};
