/**
 * The platform's admission policy library, written once in CEL and rendered
 * either as ValidatingAdmissionPolicies or as Gatekeeper ConstraintTemplates
 * (K8sNativeValidation engine). Both engines run the same expressions with
 * the same variables (`object`, `oldObject`, `request`, `namespaceObject`);
 * the only engine-specific part is where a policy's parameters come from,
 * which each engine binds to `variables.<parameter>` before the policy's own
 * variables (see `validating-admission-policy.ts`, `gatekeeper.ts`).
 *
 * Source: Kubernetes docs, "Validating Admission Policy" and "Common
 * Expression Language in Kubernetes"; Gatekeeper docs, "Integration with
 * Kubernetes Validating Admission Policy"; Pod Security Standards (baseline:
 * privileged, host namespaces, hostPath; restricted: runAsNonRoot).
 */
import { LABELS } from '../../tenancy/labels';
import { TENANT_ROLES } from '../../spec/tenant';
import { tenantRoleName } from '../../tenancy/tenant-roles';

/** Parameters a policy can be given; each becomes `variables.<name>`. */
export const POLICY_PARAMETERS = {
  /** The cluster's allowed registries (list of strings). */
  allowedRegistries: { type: 'string-list', source: 'cluster' },
  /** The tenant owning the namespace (string). */
  tenant: { type: 'string', source: 'tenant' },
  ingressDomains: { type: 'string-list', source: 'tenant' },
  storageClasses: { type: 'string-list', source: 'tenant' },
  priorityClasses: { type: 'string-list', source: 'tenant' },
  /** Whether Services of type LoadBalancer are allowed (bool). */
  loadBalancers: { type: 'boolean', source: 'tenant' },
} as const;
export type PolicyParameter = keyof typeof POLICY_PARAMETERS;

/** Kinds a policy matches, as admission rules name them. */
export interface MatchedResources {
  readonly group: string;
  readonly version: string;
  /** Plural resource names, e.g. `deployments`, or a subresource `pods/ephemeralcontainers`. */
  readonly resources: readonly string[];
  /** Kinds (for Gatekeeper's `match.kinds`). */
  readonly kinds: readonly string[];
}

/** One CEL validation: `expression` must be true, else the request fails with `messageExpression`. */
export interface PolicyValidation {
  readonly expression: string;
  /** CEL expression giving the failure message (a string). */
  readonly messageExpression: string;
  /** Static fallback message when `messageExpression` fails. */
  readonly message: string;
}

/** Which namespaces a policy's binding selects. */
export type PolicyScope =
  /** Every namespace except those the cluster exempts (`admission.exemptions`). */
  | 'cluster-wide'
  /** Tenant namespaces (those with the `platform.cdk8s.io/tenant` label). */
  | 'tenants';

/** A policy of the library. */
export interface AdmissionPolicyDefinition {
  /** Short name, e.g. `allowed-registries`; object names derive from it. */
  readonly name: string;
  /** What it enforces and why, one sentence. */
  readonly description: string;
  readonly scope: PolicyScope;
  /**
   * Only namespaces whose Pod Security `enforce` level is at least this, so
   * a tenant's written Pod Security exception also applies here (baseline:
   * every level but privileged; restricted: restricted only).
   * @default - any level
   */
  readonly podSecurity?: 'baseline' | 'restricted';
  readonly match: readonly MatchedResources[];
  /** Parameters used, bound to `variables.<name>` by the engine. */
  readonly parameters: readonly PolicyParameter[];
  /** Policy variables, in order; later ones may use earlier ones. */
  readonly variables: readonly { readonly name: string; readonly expression: string }[];
  readonly validations: readonly PolicyValidation[];
}

const CORE = (resources: string[], kinds: string[]): MatchedResources => ({ group: '', version: 'v1', resources, kinds });

/** Every kind with a pod template, and Pods themselves. */
export const POD_SPEC_RESOURCES: readonly MatchedResources[] = [
  CORE(['pods', 'replicationcontrollers'], ['Pod', 'ReplicationController']),
  { group: 'apps', version: 'v1', resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] },
  { group: 'batch', version: 'v1', resources: ['jobs', 'cronjobs'], kinds: ['Job', 'CronJob'] },
];

/** Pod-spec kinds plus `kubectl debug`'s ephemeral containers. */
const POD_SPEC_AND_EPHEMERAL: readonly MatchedResources[] = [
  CORE(['pods', 'pods/ephemeralcontainers', 'replicationcontrollers'], ['Pod', 'ReplicationController']),
  ...POD_SPEC_RESOURCES.slice(1),
];

/**
 * The pod spec of any pod-spec kind, and its containers: `containers`
 * (regular and init) and `allContainers` (also ephemeral).
 */
export const POD_SPEC_VARIABLES = [
  {
    name: 'podSpec',
    expression: "object.kind == 'Pod' ? object.spec : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)",
  },
  {
    name: 'containers',
    expression: 'variables.podSpec.containers + (has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : [])',
  },
  {
    name: 'allContainers',
    expression: 'variables.containers + (has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])',
  },
] as const;

const TENANT_LABEL = LABELS.tenant;
const NAME_LABEL = 'app.kubernetes.io/name';

/** CEL: the metadata at `meta` carries a non-empty `app.kubernetes.io/name` and the tenant label set to the tenant. */
function labelsOk(meta: string): string {
  return `has(${meta}.labels) && '${NAME_LABEL}' in ${meta}.labels && ${meta}.labels['${NAME_LABEL}'] != ''`
    + ` && '${TENANT_LABEL}' in ${meta}.labels && ${meta}.labels['${TENANT_LABEL}'] == variables.tenant`;
}

/** CEL: the message of a missing-label validation. */
function LABELS_MESSAGE(where: string): string {
  return `'${where} needs the labels ${NAME_LABEL} (non-empty) and ${TENANT_LABEL}=' + variables.tenant`;
}

/** The library, in rendering order. */
export const ADMISSION_POLICIES: readonly AdmissionPolicyDefinition[] = [
  {
    name: 'allowed-registries',
    description: 'Images come only from the cluster\'s allowed registries.',
    scope: 'cluster-wide',
    match: POD_SPEC_AND_EPHEMERAL,
    parameters: ['allowedRegistries'],
    variables: [
      ...POD_SPEC_VARIABLES,
      { name: 'disallowed', expression: "variables.allContainers.filter(c, !variables.allowedRegistries.exists(r, c.image.startsWith(r + '/'))).map(c, c.image)" },
    ],
    validations: [{
      expression: 'size(variables.disallowed) == 0',
      messageExpression: "'images must come from ' + variables.allowedRegistries.join(', ') + '; not allowed: ' + variables.disallowed.join(', ')",
      message: 'images must come from the cluster\'s allowed registries',
    }],
  },
  {
    name: 'image-tag',
    description: 'Every image names a tag other than latest, or a digest.',
    scope: 'cluster-wide',
    match: POD_SPEC_AND_EPHEMERAL,
    parameters: [],
    variables: [
      ...POD_SPEC_VARIABLES,
      { name: 'untagged', expression: "variables.allContainers.filter(c, !c.image.matches('@sha256:[0-9a-f]{64}$') && (!c.image.matches(':[A-Za-z0-9_][A-Za-z0-9_.-]*$') || c.image.endsWith(':latest'))).map(c, c.image)" },
    ],
    validations: [{
      expression: 'size(variables.untagged) == 0',
      messageExpression: "'images must name a tag other than latest, or a digest: ' + variables.untagged.join(', ')",
      message: 'images must name a tag other than latest, or a digest',
    }],
  },
  {
    name: 'privileged',
    description: 'No privileged containers (Pod Security baseline).',
    scope: 'cluster-wide',
    podSecurity: 'baseline',
    match: POD_SPEC_AND_EPHEMERAL,
    parameters: [],
    variables: [
      ...POD_SPEC_VARIABLES,
      { name: 'privileged', expression: 'variables.allContainers.filter(c, has(c.securityContext) && has(c.securityContext.privileged) && c.securityContext.privileged).map(c, c.name)' },
    ],
    validations: [{
      expression: 'size(variables.privileged) == 0',
      messageExpression: "'privileged containers are not allowed: ' + variables.privileged.join(', ')",
      message: 'privileged containers are not allowed',
    }],
  },
  {
    name: 'host-namespaces',
    description: 'No hostNetwork, hostPID or hostIPC (Pod Security baseline).',
    scope: 'cluster-wide',
    podSecurity: 'baseline',
    match: POD_SPEC_RESOURCES,
    parameters: [],
    variables: [
      POD_SPEC_VARIABLES[0],
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
  },
  {
    name: 'host-path',
    description: 'No hostPath volumes (Pod Security baseline).',
    scope: 'cluster-wide',
    podSecurity: 'baseline',
    match: POD_SPEC_RESOURCES,
    parameters: [],
    variables: [POD_SPEC_VARIABLES[0]],
    validations: [{
      expression: '!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))',
      messageExpression: "'hostPath volumes are not allowed: ' + variables.podSpec.volumes.filter(v, has(v.hostPath)).map(v, v.name).join(', ')",
      message: 'hostPath volumes are not allowed',
    }],
  },
  {
    name: 'run-as-non-root',
    description: 'Every container runs as a non-root user (Pod Security restricted), where the namespace enforces restricted.',
    scope: 'tenants',
    podSecurity: 'restricted',
    match: POD_SPEC_RESOURCES,
    parameters: [],
    variables: [
      ...POD_SPEC_VARIABLES,
      { name: 'podNonRoot', expression: 'has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.runAsNonRoot) && variables.podSpec.securityContext.runAsNonRoot' },
      { name: 'rootContainers', expression: 'variables.allContainers.filter(c, !(has(c.securityContext) && has(c.securityContext.runAsNonRoot) ? c.securityContext.runAsNonRoot : variables.podNonRoot)).map(c, c.name)' },
    ],
    validations: [{
      expression: 'size(variables.rootContainers) == 0',
      messageExpression: "'securityContext.runAsNonRoot must be true for the pod or for every container; not set for: ' + variables.rootContainers.join(', ')",
      message: 'securityContext.runAsNonRoot must be true',
    }],
  },
  {
    name: 'required-labels',
    description: `Workloads, their pod templates, Pods and Services carry ${TENANT_LABEL}=<tenant> and ${NAME_LABEL}.`,
    scope: 'tenants',
    match: [
      CORE(['pods', 'replicationcontrollers', 'services'], ['Pod', 'ReplicationController', 'Service']),
      ...POD_SPEC_RESOURCES.slice(1),
    ],
    parameters: ['tenant'],
    variables: [],
    validations: [
      {
        expression: labelsOk('object.metadata'),
        messageExpression: LABELS_MESSAGE('metadata.labels'),
        message: `metadata.labels needs ${NAME_LABEL} and ${TENANT_LABEL}`,
      },
      {
        expression: `!(object.kind in ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']) || (has(object.spec.template.metadata) && ${labelsOk('object.spec.template.metadata')})`,
        messageExpression: LABELS_MESSAGE('spec.template.metadata.labels'),
        message: `spec.template.metadata.labels needs ${NAME_LABEL} and ${TENANT_LABEL}`,
      },
      {
        expression: `object.kind != 'CronJob' || (has(object.spec.jobTemplate.metadata) && ${labelsOk('object.spec.jobTemplate.metadata')}`
          + ` && has(object.spec.jobTemplate.spec.template.metadata) && ${labelsOk('object.spec.jobTemplate.spec.template.metadata')})`,
        messageExpression: LABELS_MESSAGE('spec.jobTemplate.metadata.labels and spec.jobTemplate.spec.template.metadata.labels'),
        message: `the job and pod templates need ${NAME_LABEL} and ${TENANT_LABEL}`,
      },
    ],
  },
  {
    name: 'container-resources',
    description: 'Every container requests CPU and memory and sets a memory limit.',
    scope: 'tenants',
    match: POD_SPEC_RESOURCES,
    parameters: [],
    variables: [
      ...POD_SPEC_VARIABLES.slice(0, 2),
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
  },
  {
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
  },
  {
    name: 'ingress-hosts',
    description: 'Ingress hosts (rules and TLS) lie under the tenant\'s allowed domains; no host-less rules or default backend.',
    scope: 'tenants',
    match: [{ group: 'networking.k8s.io', version: 'v1', resources: ['ingresses'], kinds: ['Ingress'] }],
    parameters: ['ingressDomains'],
    variables: [
      { name: 'ruleHosts', expression: "has(object.spec.rules) ? object.spec.rules.map(r, has(r.host) ? r.host : '') : []" },
      { name: 'foreignHosts', expression: "variables.ruleHosts.filter(h, !variables.ingressDomains.exists(d, h == d || h.endsWith('.' + d)))" },
      {
        name: 'foreignTlsHosts',
        expression: "has(object.spec.tls) ? object.spec.tls.filter(t, has(t.hosts) && t.hosts.exists(h, !variables.ingressDomains.exists(d, h == d || h.endsWith('.' + d))))"
          + ".map(t, t.hosts.filter(h, !variables.ingressDomains.exists(d, h == d || h.endsWith('.' + d))).join(', ')) : []",
      },
    ],
    validations: [
      {
        expression: 'size(variables.foreignHosts) == 0',
        messageExpression: "'Ingress hosts must be under ' + variables.ingressDomains.join(', ') + '; not allowed: ' + variables.foreignHosts.map(h, h == '' ? '(rule without host)' : h).join(', ')",
        message: 'Ingress hosts must be under the tenant\'s allowed domains',
      },
      {
        expression: 'size(variables.foreignTlsHosts) == 0',
        messageExpression: "'TLS hosts must be under ' + variables.ingressDomains.join(', ') + '; not allowed: ' + variables.foreignTlsHosts.join(', ')",
        message: 'TLS hosts must be under the tenant\'s allowed domains',
      },
      {
        expression: '!has(object.spec.defaultBackend)',
        messageExpression: "'spec.defaultBackend is not allowed: it would receive traffic for every host'",
        message: 'spec.defaultBackend is not allowed',
      },
    ],
  },
  {
    name: 'load-balancer-services',
    description: 'Services of type LoadBalancer only for tenants whose quota allows them.',
    scope: 'tenants',
    match: [CORE(['services'], ['Service'])],
    parameters: ['loadBalancers'],
    variables: [],
    validations: [{
      expression: "variables.loadBalancers || !has(object.spec.type) || object.spec.type != 'LoadBalancer'",
      messageExpression: "'Services of type LoadBalancer are not allowed in this namespace; ask the platform team to raise quota.loadBalancers'",
      message: 'Services of type LoadBalancer are not allowed in this namespace',
    }],
  },
  {
    name: 'storage-classes',
    description: 'PersistentVolumeClaims (and StatefulSet claim templates) name only the tenant\'s allowed StorageClasses.',
    scope: 'tenants',
    match: [
      CORE(['persistentvolumeclaims'], ['PersistentVolumeClaim']),
      { group: 'apps', version: 'v1', resources: ['statefulsets'], kinds: ['StatefulSet'] },
    ],
    parameters: ['storageClasses'],
    variables: [
      {
        name: 'requestedClasses',
        expression: "object.kind == 'PersistentVolumeClaim'"
          + ' ? (has(object.spec.storageClassName) ? [object.spec.storageClassName] : [])'
          + ' : (has(object.spec.volumeClaimTemplates) ? object.spec.volumeClaimTemplates.filter(t, has(t.spec.storageClassName)).map(t, t.spec.storageClassName) : [])',
      },
      { name: 'disallowedClasses', expression: 'variables.requestedClasses.filter(c, !(c in variables.storageClasses))' },
    ],
    validations: [{
      expression: 'size(variables.disallowedClasses) == 0',
      messageExpression: "'StorageClass not allowed: ' + variables.disallowedClasses.join(', ') + '; allowed: ' + (size(variables.storageClasses) == 0 ? '(only the cluster default)' : variables.storageClasses.join(', '))",
      message: 'StorageClass not allowed for this tenant',
    }],
  },
  {
    name: 'priority-classes',
    description: 'Pods name only the tenant\'s allowed PriorityClasses.',
    scope: 'tenants',
    match: POD_SPEC_RESOURCES,
    parameters: ['priorityClasses'],
    variables: [POD_SPEC_VARIABLES[0]],
    validations: [{
      expression: '!has(variables.podSpec.priorityClassName) || variables.podSpec.priorityClassName in variables.priorityClasses',
      messageExpression: "'PriorityClass not allowed: ' + variables.podSpec.priorityClassName + '; allowed: ' + (size(variables.priorityClasses) == 0 ? '(none)' : variables.priorityClasses.join(', '))",
      message: 'PriorityClass not allowed for this tenant',
    }],
  },
  {
    name: 'tenant-role-bindings',
    description: `RoleBindings in tenant namespaces grant only the ${TENANT_ROLES.map(tenantRoleName).join(', ')} ClusterRoles.`,
    scope: 'tenants',
    match: [{ group: 'rbac.authorization.k8s.io', version: 'v1', resources: ['rolebindings'], kinds: ['RoleBinding'] }],
    parameters: [],
    variables: [],
    validations: [{
      expression: `object.roleRef.kind == 'ClusterRole' && object.roleRef.name in [${TENANT_ROLES.map((r) => `'${tenantRoleName(r)}'`).join(', ')}]`,
      messageExpression: `'RoleBindings may only grant the ClusterRoles ${TENANT_ROLES.map(tenantRoleName).join(', ')}; got ' + object.roleRef.kind + ' ' + object.roleRef.name`,
      message: `RoleBindings may only grant the ClusterRoles ${TENANT_ROLES.map(tenantRoleName).join(', ')}`,
    }],
  },
  {
    name: 'external-secret-keys',
    description: 'ExternalSecrets read only keys under <tenant>/ of the secret store.',
    scope: 'tenants',
    match: [{ group: 'external-secrets.io', version: 'v1', resources: ['externalsecrets'], kinds: ['ExternalSecret'] }],
    parameters: ['tenant'],
    variables: [
      { name: 'prefix', expression: "variables.tenant + '/'" },
      {
        name: 'foreignKeys',
        expression: "(has(object.spec.data) ? object.spec.data.filter(d, !d.remoteRef.key.startsWith(variables.prefix)).map(d, d.remoteRef.key) : [])"
          + " + (has(object.spec.dataFrom) ? object.spec.dataFrom.filter(f, !((has(f.extract) && f.extract.key.startsWith(variables.prefix))"
          + ' || (has(f.find) && has(f.find.path) && f.find.path.startsWith(variables.prefix))'
          + " || (has(f.sourceRef) && has(f.sourceRef.generatorRef)))).map(f, has(f.extract) ? f.extract.key : (has(f.find) && has(f.find.path) ? f.find.path : '(dataFrom without a key)')) : [])",
      },
    ],
    validations: [{
      expression: 'size(variables.foreignKeys) == 0',
      messageExpression: "'ExternalSecrets may only read keys under ' + variables.prefix + '; not allowed: ' + variables.foreignKeys.join(', ')",
      message: 'ExternalSecrets may only read the tenant\'s own keys',
    }],
  },
];

/** The policy of the library named `name`. @throws Error when there is none */
export function admissionPolicy(name: string): AdmissionPolicyDefinition {
  const p = ADMISSION_POLICIES.find((x) => x.name === name);
  if (!p) throw new Error(`no admission policy named "${name}"; known: ${ADMISSION_POLICIES.map((x) => x.name).join(', ')}`);
  return p;
}

/** True when the policy takes per-tenant values. */
export function usesTenantParameters(p: AdmissionPolicyDefinition): boolean {
  return p.parameters.some((x) => POLICY_PARAMETERS[x].source === 'tenant');
}
