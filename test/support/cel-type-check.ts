/**
 * Type-checks rendered admission policies the way the API server does
 * (`k8s.io/apiserver/pkg/admission/plugin/policy/validating/typechecking.go`),
 * with the CEL type checker of `@marcbachmann/cel-js`:
 *
 * - for every kind the policy matches (resources without subresources,
 *   mapped to their kind), `object` and `oldObject` are that kind's type
 *   (`kubernetes-types.ts`);
 * - `namespaceObject` and `request` are the hand-built types of
 *   `k8s.io/apiserver/pkg/admission/plugin/cel/compile.go`
 *   (BuildNamespaceType, BuildRequestType);
 * - `params` is not declared (the platform's policies have no `paramKind`);
 *   for Gatekeeper's K8sNativeValidation, `variables.params` has the type of
 *   the ConstraintTemplate's parameter schema;
 * - `variables.<name>` has the type its expression checks to, in order.
 *
 * Stricter than the API server in one way, on purpose: the API server
 * silently types a variable that fails to compile as `dyn` and reports only
 * validations; here every variable, validation and message expression must
 * check, validations to `bool` and messages to `string`.
 *
 * Where cel-js differs from cel-go and this adapter closes the gap: cel-js's
 * `has()` only checks the root variable, while cel-go reports an undefined
 * field in a presence test too; every `has(` is checked as a plain field
 * selection (`strictHas`). Function signatures are cel-js's standard library
 * plus the Kubernetes strings extension it ships (`split`, `join`,
 * `lowerAscii`, `indexOf`…).
 */
import { Environment } from '@marcbachmann/cel-js';
import { builtInKindTypes, crdKindOf, CelTypeName, CelTypeSet, crdSchema, objectMetaTypes, schemaTypes } from './kubernetes-types';

/** A group/version/kind an admission policy is checked against. */
export interface CheckedKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** The CEL parts of one rendered policy. */
export interface CelPolicySource {
  readonly variables?: readonly { readonly name: string; readonly expression: string }[];
  readonly validations: readonly { readonly expression: string; readonly messageExpression?: string }[];
}

/** One type error. */
export interface TypeProblem {
  readonly kind: string;
  /** Where in the source, e.g. `variables.podSpec` or `validations[0].messageExpression`. */
  readonly field: string;
  readonly message: string;
}

/** The API server's hand-built `namespaceObject` type (BuildNamespaceType, Kubernetes 1.28–1.34). */
const NAMESPACE_TYPES: CelTypeSet = {
  root: 'kubernetes_Namespace',
  types: new Map<string, Record<string, CelTypeName>>([
    ['kubernetes_Namespace', { metadata: 'kubernetes_NamespaceMetadata', spec: 'kubernetes_NamespaceSpec', status: 'kubernetes_NamespaceStatus' }],
    ['kubernetes_NamespaceSpec', { finalizers: 'list<string>' }],
    ['kubernetes_NamespaceCondition', { status: 'string', type: 'string', lastTransitionTime: 'timestamp', message: 'string', reason: 'string' }],
    ['kubernetes_NamespaceStatus', { conditions: 'list<kubernetes_NamespaceCondition>', phase: 'string' }],
    ['kubernetes_NamespaceMetadata', {
      name: 'string', generateName: 'string', namespace: 'string', labels: 'map<string, string>', annotations: 'map<string, string>',
      UID: 'string', creationTimestamp: 'timestamp', deletionGracePeriodSeconds: 'int', deletionTimestamp: 'timestamp',
      generation: 'int', resourceVersion: 'string', finalizers: 'list<string>',
    }],
  ]),
};

/** The API server's hand-built `request` type (BuildRequestType, Kubernetes 1.28–1.34). */
const REQUEST_TYPES: CelTypeSet = {
  root: 'kubernetes_AdmissionRequest',
  types: new Map<string, Record<string, CelTypeName>>([
    ['kubernetes_GroupVersionKind', { group: 'string', version: 'string', kind: 'string' }],
    ['kubernetes_GroupVersionResource', { group: 'string', version: 'string', resource: 'string' }],
    ['kubernetes_UserInfo', { username: 'string', uid: 'string', groups: 'list<string>', extra: 'map<string, list<string>>' }],
    ['kubernetes_AdmissionRequest', {
      kind: 'kubernetes_GroupVersionKind', resource: 'kubernetes_GroupVersionResource', subResource: 'string',
      requestKind: 'kubernetes_GroupVersionKind', requestResource: 'kubernetes_GroupVersionResource', requestSubResource: 'string',
      name: 'string', namespace: 'string', operation: 'string', userInfo: 'kubernetes_UserInfo', dryRun: 'bool', options: 'dyn',
    }],
  ]),
};

/** The types of a kind at a Kubernetes minor: built-in schema, else its CRD in ../shared/crds. @throws Error when neither has it */
export function kindTypes(minor: string, k: CheckedKind): CelTypeSet {
  const builtIn = builtInKindTypes(minor, k.group, k.version, k.kind);
  if (builtIn) return builtIn;
  const schema = crdSchema(k.group, k.version, k.kind);
  if (!schema) throw new Error(`no schema for ${k.group}/${k.version} ${k.kind} at Kubernetes ${minor} (neither built in nor in ../shared/crds)`);
  return schemaTypes(`crd_${k.kind}`, schema, objectMetaTypes(minor));
}

/** Rewrites every `has(` to the strict presence test (see the file description). */
function strictPresence(expression: string): string {
  return expression.replace(/(^|[^A-Za-z0-9_.])has\(/g, '$1strictHas(');
}

function baseEnvironment(sets: readonly CelTypeSet[]): Environment {
  const env = new Environment({ homogeneousAggregateLiterals: true });
  const seen = new Set<string>();
  for (const set of sets) {
    for (const [name, fields] of set.types) {
      if (seen.has(name)) continue;
      seen.add(name);
      // A constructor of its own per type: cel-js then needs no other type registered first (types are recursive).
      env.registerType(name, { ctor: { [name]: class {} }[name], fields: { ...fields } });
    }
  }
  env.registerFunction({
    signature: 'strictHas(ast): bool',
    handler: ({ args }: { args: unknown[] }) => ({
      args,
      async: false,
      evaluate() { throw new Error('strictHas is for type checking only'); },
      typeCheck(checker: any, macro: any, ctx: any) {
        checker.check(macro.args[0], ctx);
        return checker.getType('bool');
      },
    }),
  } as any);
  // Kubernetes CEL library functions cel-js does not ship (k8s.io/apiserver/pkg/cel/environment/base.go:
  // ext.Strings version 0 since 1.27, which has replace).
  env.registerFunction('string.replace(string, string): string', () => { throw new Error('for type checking only'); });
  return env;
}

const environments = new Map<string, Environment>();

/**
 * The environment of one kind at one minor (with Gatekeeper parameters),
 * built once: `variables` holds only `params`; the policy's own variables are
 * inlined into the expressions that use them (see {@link inlineVariables}).
 */
function environmentFor(minor: string, kind: CheckedKind, params?: CelTypeSet): Environment {
  const key = `${minor}|${kind.group}/${kind.version}/${kind.kind}|${params ? JSON.stringify([...params.types]) : ''}`;
  let env = environments.get(key);
  if (!env) {
    const object = kindTypes(minor, kind);
    env = baseEnvironment([object, NAMESPACE_TYPES, REQUEST_TYPES, ...(params ? [params] : [])]);
    env.registerType('policy_Variables', { ctor: class PolicyVariables {}, fields: params ? { params: params.root } : { policy_none: 'dyn' } });
    env.registerVariable('object', object.root);
    env.registerVariable('oldObject', object.root);
    env.registerVariable('namespaceObject', NAMESPACE_TYPES.root);
    env.registerVariable('request', REQUEST_TYPES.root);
    env.registerVariable('variables', 'policy_Variables');
    environments.set(key, env);
  }
  return env;
}

/**
 * `expression` with every `variables.<name>` of an earlier variable replaced
 * by that variable's (inlined) expression in parentheses. CEL has no side
 * effects, so the type of the inlined expression is the variable's type, as
 * the API server gives `variables.<name>` the type of its expression.
 */
export function inlineVariables(expression: string, earlier: ReadonlyMap<string, string>): string {
  return expression.replace(/\bvariables\.([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => {
    const def = earlier.get(name);
    return def === undefined ? whole : `(${def})`;
  });
}

/**
 * Type-checks one policy's CEL against one kind at one Kubernetes minor.
 *
 * @param params the type of Gatekeeper's `variables.params`; undefined for a ValidatingAdmissionPolicy
 * @returns every problem (empty when the policy checks cleanly)
 */
export function typeCheck(source: CelPolicySource, minor: string, kind: CheckedKind, params?: CelTypeSet): TypeProblem[] {
  const env = environmentFor(minor, kind, params);
  const problems: TypeProblem[] = [];
  const inlined = new Map<string, string>();
  const check = (expression: string, field: string, want?: string): void => {
    const result = env.check(strictPresence(inlineVariables(expression, inlined)));
    if (!result.valid) {
      problems.push({ kind: kind.kind, field, message: (result.error?.message ?? 'invalid').split('\n')[0].replace(/strictHas/g, 'has') });
      return;
    }
    if (want && result.type !== want && result.type !== 'dyn') {
      problems.push({ kind: kind.kind, field, message: `must be a ${want}, is a ${result.type}` });
    }
  };
  for (const v of source.variables ?? []) {
    check(v.expression, `variables.${v.name}`);
    inlined.set(v.name, inlineVariables(v.expression, inlined));
  }
  source.validations.forEach((v, i) => {
    check(v.expression, `validations[${i}].expression`, 'bool');
    if (v.messageExpression) check(v.messageExpression, `validations[${i}].messageExpression`, 'string');
  });
  return problems;
}

/** Kinds of the built-in resources policies match, by `group/resource` (the API server's RESTMapper for them). */
const RESOURCE_KINDS: Readonly<Record<string, string>> = {
  '/pods': 'Pod', '/replicationcontrollers': 'ReplicationController', '/services': 'Service',
  '/persistentvolumeclaims': 'PersistentVolumeClaim', '/serviceaccounts': 'ServiceAccount', '/configmaps': 'ConfigMap',
  'apps/deployments': 'Deployment', 'apps/statefulsets': 'StatefulSet', 'apps/daemonsets': 'DaemonSet', 'apps/replicasets': 'ReplicaSet',
  'batch/jobs': 'Job', 'batch/cronjobs': 'CronJob', 'networking.k8s.io/ingresses': 'Ingress',
  'rbac.authorization.k8s.io/rolebindings': 'RoleBinding', 'policy/poddisruptionbudgets': 'PodDisruptionBudget',
  'autoscaling/horizontalpodautoscalers': 'HorizontalPodAutoscaler',
};

/** The kind of a resource: built in (the table above), else the CRD in ../shared/crds with that plural. @throws Error when unknown */
export function kindOfResource(group: string, resource: string): string {
  const kind = RESOURCE_KINDS[`${group}/${resource}`] ?? crdKindOf(group, resource);
  if (!kind) throw new Error(`unknown resource ${group}/${resource}: add it to RESOURCE_KINDS or ../shared/crds`);
  return kind;
}

/** The kinds a rendered ValidatingAdmissionPolicy matches (subresources skipped, as the API server's type checker does). */
export function vapKinds(policy: { spec: { matchConstraints: { resourceRules: { apiGroups: string[]; apiVersions: string[]; resources: string[] }[] } } }): CheckedKind[] {
  const out: CheckedKind[] = [];
  for (const rule of policy.spec.matchConstraints.resourceRules) {
    for (const group of rule.apiGroups) {
      for (const version of rule.apiVersions) {
        for (const resource of rule.resources) {
          if (resource.includes('/') || resource.includes('*')) continue;
          out.push({ group, version, kind: kindOfResource(group, resource) });
        }
      }
    }
  }
  return out;
}
