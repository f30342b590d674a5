/**
 * Policies on what pods run and where: images (registry, tag), Pod Security
 * rules the platform also enforces through admission (privileged, host
 * namespaces, hostPath, runAsNonRoot), resources and probes, PriorityClasses,
 * node placement, and the labels tenants' objects carry.
 *
 * Sources: Pod Security Standards (baseline: privileged, host namespaces,
 * hostPath; restricted: runAsNonRoot); Kubernetes docs "Assigning Pods to
 * Nodes" (nodeName, nodeSelector, node affinity, matchFields),
 * "Taints and Tolerations" (the tolerations DefaultTolerationSeconds adds:
 * `node.kubernetes.io/not-ready` and `unreachable`, NoExecute, 300 s), "Well-Known
 * Labels, Annotations and Taints" (`node-role.kubernetes.io/control-plane`);
 * NSA/CISA Kubernetes Hardening Guide (separate control-plane nodes from
 * workloads); cert-manager docs "HTTP01" (solver pods and Services are labelled
 * `acme.cert-manager.io/http01-solver: "true"`).
 */
import { LABELS } from '../../../tenancy/labels';
import { celStringList } from '../../cel';
import { acrossContainers, podRule, podSpecVariables, POD_SHAPE_FACTS } from '../pod-shapes';
import { AdmissionPolicyDefinition, core } from '../policy-types';

const TENANT_LABEL = LABELS.tenant;
const NAME_LABEL = 'app.kubernetes.io/name';

/** Label cert-manager puts on the HTTP-01 solver Pods and Services it creates in a tenant namespace. */
export const ACME_SOLVER_LABEL = 'acme.cert-manager.io/http01-solver';

/** Node labels that select control-plane nodes. Source: Kubernetes docs, "Well-Known Labels, Annotations and Taints". */
export const CONTROL_PLANE_NODE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'] as const;

/**
 * Taint keys every pod may tolerate: the DefaultTolerationSeconds admission
 * plugin adds these two to every pod (NoExecute, 300 s), so a pod carries them
 * when validating admission runs.
 */
export const DEFAULT_TOLERATIONS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'] as const;

/** CEL: the metadata at `meta` carries a non-empty `app.kubernetes.io/name` and the tenant label set to the tenant. */
function labelsOk(meta: string): string {
  return `has(${meta}.labels) && '${NAME_LABEL}' in ${meta}.labels && ${meta}.labels['${NAME_LABEL}'] != ''`
    + ` && '${TENANT_LABEL}' in ${meta}.labels && ${meta}.labels['${TENANT_LABEL}'] == variables.tenant`;
}

function labelsMessage(where: string): string {
  return `'${where} needs the labels ${NAME_LABEL} (non-empty) and ${TENANT_LABEL}=' + variables.tenant`;
}

const registries = podRule('allowed-registries', (shape) => ({
  description: 'Images come only from the cluster\'s allowed registries and organisation paths.',
  scope: 'cluster-wide',
  parameters: ['allowedRegistries'],
  variables: [
    ...podSpecVariables(shape),
    { name: 'disallowed', expression: acrossContainers("!variables.allowedRegistries.exists(r, c.image.startsWith(r + '/'))", 'c.image') },
  ],
  validations: [{
    expression: 'size(variables.disallowed) == 0',
    messageExpression: "'images must come from ' + variables.allowedRegistries.join(', ') + '; not allowed: ' + variables.disallowed.join(', ')",
    message: 'images must come from the cluster\'s allowed registries',
  }],
}), true);

const imageTag = podRule('image-tag', (shape) => ({
  description: 'Every image names a tag other than latest, or a digest.',
  scope: 'cluster-wide',
  parameters: [],
  variables: [
    ...podSpecVariables(shape),
    { name: 'untagged', expression: acrossContainers("!c.image.matches('@sha256:[0-9a-f]{64}$') && (!c.image.matches(':[A-Za-z0-9_][A-Za-z0-9_.-]*$') || c.image.endsWith(':latest'))", 'c.image') },
  ],
  validations: [{
    expression: 'size(variables.untagged) == 0',
    messageExpression: "'images must name a tag other than latest, or a digest: ' + variables.untagged.join(', ')",
    message: 'images must name a tag other than latest, or a digest',
  }],
}), true);

const privileged = podRule('privileged', (shape) => ({
  description: 'No privileged containers (Pod Security baseline).',
  scope: 'cluster-wide',
  podSecurity: 'baseline',
  parameters: [],
  variables: [
    ...podSpecVariables(shape),
    { name: 'privileged', expression: acrossContainers('has(c.securityContext) && has(c.securityContext.privileged) && c.securityContext.privileged', 'c.name') },
  ],
  validations: [{
    expression: 'size(variables.privileged) == 0',
    messageExpression: "'privileged containers are not allowed: ' + variables.privileged.join(', ')",
    message: 'privileged containers are not allowed',
  }],
}), true);

const hostNamespaces = podRule('host-namespaces', (shape) => ({
  description: 'No hostNetwork, hostPID or hostIPC (Pod Security baseline).',
  scope: 'cluster-wide',
  podSecurity: 'baseline',
  parameters: [],
  variables: [
    podSpecVariables(shape)[0],
    {
      name: 'hostNamespaces',
      expression: ['hostNetwork', 'hostPID', 'hostIPC']
        .map((f) => `(has(variables.podSpec.${f}) && variables.podSpec.${f} ? ['${f}'] : [])`).join(' + '),
    },
  ],
  validations: [{
    expression: 'size(variables.hostNamespaces) == 0',
    messageExpression: "'host namespaces are not allowed: ' + variables.hostNamespaces.join(', ')",
    message: 'hostNetwork, hostPID and hostIPC are not allowed',
  }],
}));

const hostPath = podRule('host-path', (shape) => ({
  description: 'No hostPath volumes (Pod Security baseline).',
  scope: 'cluster-wide',
  podSecurity: 'baseline',
  parameters: [],
  variables: [podSpecVariables(shape)[0]],
  validations: [{
    expression: '!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))',
    messageExpression: "'hostPath volumes are not allowed: ' + variables.podSpec.volumes.filter(v, has(v.hostPath)).map(v, v.name).join(', ')",
    message: 'hostPath volumes are not allowed',
  }],
}));

const runAsNonRoot = podRule('run-as-non-root', (shape) => ({
  description: 'Every container runs as a non-root user (Pod Security restricted), where the namespace enforces restricted.',
  scope: 'tenants',
  podSecurity: 'restricted',
  parameters: [],
  variables: [
    ...podSpecVariables(shape),
    { name: 'podNonRoot', expression: 'has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.runAsNonRoot) && variables.podSpec.securityContext.runAsNonRoot' },
    { name: 'rootContainers', expression: acrossContainers('!(has(c.securityContext) && has(c.securityContext.runAsNonRoot) ? c.securityContext.runAsNonRoot : variables.podNonRoot)', 'c.name') },
  ],
  validations: [{
    expression: 'size(variables.rootContainers) == 0',
    messageExpression: "'securityContext.runAsNonRoot must be true for the pod or for every container; not set for: ' + variables.rootContainers.join(', ')",
    message: 'securityContext.runAsNonRoot must be true',
  }],
}));

const requiredLabels = podRule('required-labels', (shape) => {
  const template = POD_SHAPE_FACTS[shape].templateMetadata;
  const solverExempt = `(has(object.metadata.labels) && '${ACME_SOLVER_LABEL}' in object.metadata.labels)`;
  const validations = [{
    expression: `${solverExempt} || ${labelsOk('object.metadata')}`,
    messageExpression: labelsMessage('metadata.labels'),
    message: `metadata.labels needs ${NAME_LABEL} and ${TENANT_LABEL}`,
  }];
  if (shape === 'cronjobs') {
    validations.push({
      expression: labelsOk('object.spec.jobTemplate.metadata'),
      messageExpression: labelsMessage('spec.jobTemplate.metadata.labels'),
      message: `spec.jobTemplate.metadata.labels needs ${NAME_LABEL} and ${TENANT_LABEL}`,
    });
  }
  if (template) {
    validations.push({
      expression: labelsOk(template),
      messageExpression: labelsMessage(`${template.replace(/^object\./, '')}.labels`),
      message: `the pod template's labels need ${NAME_LABEL} and ${TENANT_LABEL}`,
    });
  }
  return {
    description: `Workloads, their pod templates, Pods and Services carry ${TENANT_LABEL}=<tenant> and ${NAME_LABEL} (cert-manager's HTTP-01 solver Pods and Services excepted).`,
    scope: 'tenants',
    match: shape === 'pods' ? [core(['pods', 'services'], ['Pod', 'Service'])] : undefined,
    parameters: ['tenant'],
    variables: [],
    validations,
  };
});

const containerResources = podRule('container-resources', (shape) => ({
  description: 'Every container requests CPU and memory and sets a memory limit.',
  scope: 'tenants',
  parameters: [],
  variables: [
    ...podSpecVariables(shape).slice(0, 2),
    {
      name: 'unbounded',
      expression: "variables.containers.filter(c, !(has(c.resources) && has(c.resources.requests) && 'cpu' in c.resources.requests && 'memory' in c.resources.requests && has(c.resources.limits) && 'memory' in c.resources.limits)).map(c, c.name)",
    },
  ],
  validations: [{
    expression: 'size(variables.unbounded) == 0',
    messageExpression: "'containers need resources.requests.cpu, resources.requests.memory and resources.limits.memory: ' + variables.unbounded.join(', ')",
    message: 'every container needs CPU and memory requests and a memory limit',
  }],
}));

const probes: AdmissionPolicyDefinition = {
  name: 'probes',
  description: 'Every container of a Deployment or StatefulSet has a liveness and a readiness probe.',
  scope: 'tenants',
  match: [{ group: 'apps', version: 'v1', resources: ['deployments', 'statefulsets'], kinds: ['Deployment', 'StatefulSet'] }],
  parameters: [],
  variables: [
    { name: 'unprobed', expression: 'object.spec.template.spec.containers.filter(c, !has(c.livenessProbe) || !has(c.readinessProbe)).map(c, c.name)' },
  ],
  validations: [{
    expression: 'size(variables.unprobed) == 0',
    messageExpression: "'containers need a livenessProbe and a readinessProbe: ' + variables.unprobed.join(', ')",
    message: 'every container needs a livenessProbe and a readinessProbe',
  }],
};

const priorityClasses = podRule('priority-classes', (shape) => ({
  description: 'Pods name only the tenant\'s allowed PriorityClasses.',
  scope: 'tenants',
  parameters: ['priorityClasses'],
  variables: [podSpecVariables(shape)[0]],
  validations: [{
    expression: '!has(variables.podSpec.priorityClassName) || variables.podSpec.priorityClassName in variables.priorityClasses',
    messageExpression: "'PriorityClass not allowed: ' + variables.podSpec.priorityClassName + '; allowed: ' + (size(variables.priorityClasses) == 0 ? '(none)' : variables.priorityClasses.join(', '))",
    message: 'PriorityClass not allowed for this tenant',
  }],
}));

const nodePlacement = podRule('node-placement', (shape) => ({
  description: 'Pods do not pick nodes: no nodeName, no control-plane nodes, no node affinity to a named node, and only the tolerations the platform grants.',
  scope: 'tenants',
  parameters: ['tolerations'],
  variables: [
    podSpecVariables(shape)[0],
    { name: 'controlPlane', expression: celStringList(CONTROL_PLANE_NODE_LABELS) },
    {
      name: 'nodeTerms',
      expression: 'has(variables.podSpec.affinity) && has(variables.podSpec.affinity.nodeAffinity)'
        + ' ? (has(variables.podSpec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) ? variables.podSpec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms : [])'
        + ' + (has(variables.podSpec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution) ? variables.podSpec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution.map(p, p.preference) : [])'
        + ' : []',
    },
    {
      name: 'placement',
      expression: "(has(variables.podSpec.nodeName) && variables.podSpec.nodeName != '' ? ['spec.nodeName ' + variables.podSpec.nodeName] : [])"
        + " + (has(variables.podSpec.nodeSelector) ? variables.podSpec.nodeSelector.filter(k, k in variables.controlPlane).map(k, 'nodeSelector ' + k) : [])"
        + " + (variables.nodeTerms.exists(t, has(t.matchFields) && size(t.matchFields) > 0) ? ['node affinity matchFields (a named node)'] : [])"
        + " + (variables.nodeTerms.exists(t, has(t.matchExpressions) && t.matchExpressions.exists(e, e.key in variables.controlPlane && e.operator in ['In', 'Exists'])) ? ['node affinity to control-plane nodes'] : [])"
        + ` + (has(variables.podSpec.tolerations) ? variables.podSpec.tolerations.filter(t, !(has(t.key) && t.key != '' && (t.key in ${celStringList(DEFAULT_TOLERATIONS)} || t.key in variables.tolerations))).map(t, 'toleration of ' + (has(t.key) && t.key != '' ? t.key : 'every taint')) : [])`,
    },
  ],
  validations: [{
    expression: 'size(variables.placement) == 0',
    messageExpression: "'pods may not choose their nodes; not allowed: ' + variables.placement.join(', ') + (size(variables.tolerations) == 0 ? '' : '; tolerations granted: ' + variables.tolerations.join(', '))",
    message: 'pods may not choose their nodes beyond what the platform grants',
  }],
}));

/** The pod policies of the library, in rendering order. */
export const POD_POLICIES: readonly AdmissionPolicyDefinition[] = [
  ...registries, ...imageTag, ...privileged, ...hostNamespaces, ...hostPath, ...runAsNonRoot,
  ...requiredLabels, ...containerResources, probes, ...priorityClasses, ...nodePlacement,
];
