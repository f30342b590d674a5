/**
 * The library rendered for Gatekeeper: one ConstraintTemplate per policy
 * using the K8sNativeValidation (CEL) engine, and its Constraints.
 *
 * Parameters come from each policy's one Constraint's `spec.parameters`
 * (Gatekeeper exposes them as `variables.params`): the cluster's values at
 * the top, per-tenant values under `namespaces.<namespace>` — Gatekeeper's
 * CEL engine sees only the namespace's name, not its labels or annotations —
 * so a cluster has one Constraint per policy whatever its number of tenants.
 *
 * Source: Gatekeeper docs, "Integration with Kubernetes Validating Admission
 * Policy" (K8sNativeValidation engine, `variables.params`) and "Constraint
 * Templates" (v1 templates need a structural parameter schema).
 */
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ConstraintTemplate } from '../../../imports/templates.gatekeeper.sh';
import { argoCdSyncOptions, SERVER_SIDE_APPLY, SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../../contracts/gitops-engine';
import { AdmissionAction } from '../../spec/admission';
import { ANNOTATIONS } from '../../tenancy/labels';
import { AdmissionPolicyDefinition, POLICY_PARAMETERS, PolicyParameter } from './library';

/** apiVersion of Gatekeeper Constraints. */
export const CONSTRAINT_API_VERSION = 'constraints.gatekeeper.sh/v1beta1';

/** Gatekeeper's admission target. */
export const GATEKEEPER_TARGET = 'admission.k8s.gatekeeper.sh';

/** Gatekeeper `enforcementAction` for a platform admission action. */
export const ENFORCEMENT_ACTIONS: Record<AdmissionAction, 'deny' | 'warn' | 'dryrun'> = { Deny: 'deny', Warn: 'warn', Audit: 'dryrun' };

/** The Constraint kind of a policy: `Platform` + the name in PascalCase, e.g. `PlatformAllowedRegistries`. */
export function constraintKind(policy: AdmissionPolicyDefinition): string {
  return `Platform${policy.name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`;
}

/** Key of the per-namespace parameters in a Constraint's `spec.parameters`. */
export const NAMESPACE_PARAMETERS = 'namespaces';

function parameterSchema(p: PolicyParameter): Record<string, unknown> {
  const type = POLICY_PARAMETERS[p].type;
  return type === 'string-list' ? { type: 'array', items: { type: 'string' } } : { type };
}

/**
 * The OpenAPI v3 schema of a policy's Constraint `spec.parameters`
 * (structural, as v1 templates require): cluster parameters at the top,
 * tenant parameters in a map by namespace.
 */
export function parametersSchema(policy: AdmissionPolicyDefinition): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const tenant: Record<string, unknown> = {};
  for (const p of policy.parameters) {
    if (POLICY_PARAMETERS[p].source === 'tenant') tenant[p] = parameterSchema(p);
    else properties[p] = parameterSchema(p);
  }
  if (Object.keys(tenant).length > 0) {
    properties[NAMESPACE_PARAMETERS] = { type: 'object', additionalProperties: { type: 'object', properties: tenant } };
  }
  return { type: 'object', properties };
}

/** The value a parameter has where the Constraint says nothing: nothing allowed. */
function fallback(name: PolicyParameter): string {
  const type = POLICY_PARAMETERS[name].type;
  if (name === 'secretKeyPrefix') return "'(none)/'";
  return type === 'string-list' ? '[]' : type === 'boolean' ? 'false' : "''";
}

/**
 * The CEL expression binding a parameter to `variables.<name>` from the
 * Constraint's parameters: cluster ones from the top, tenant ones from the
 * request's namespace's entry.
 */
export function gatekeeperParameterExpression(name: PolicyParameter): string {
  if (POLICY_PARAMETERS[name].source === 'cluster') return `has(variables.params.${name}) ? variables.params.${name} : ${fallback(name)}`;
  const ns = 'namespaceObject.metadata.name';
  const entry = `variables.params.${NAMESPACE_PARAMETERS}[${ns}]`;
  return `has(variables.params.${NAMESPACE_PARAMETERS}) && ${ns} in variables.params.${NAMESPACE_PARAMETERS} && has(${entry}.${name}) ? ${entry}.${name} : ${fallback(name)}`;
}

export interface PlatformConstraintTemplateProps {
  readonly policy: AdmissionPolicyDefinition;
}

/**
 * The ConstraintTemplate of one policy, named like its kind in lower case
 * (Gatekeeper's rule), with the library's variables and validations as the
 * K8sNativeValidation source.
 */
export class PlatformConstraintTemplate extends Construct {
  /** The Constraint kind the template defines. */
  public readonly kind: string;

  constructor(scope: Construct, id: string, props: PlatformConstraintTemplateProps) {
    super(scope, id);
    const { policy } = props;
    this.kind = constraintKind(policy);
    new ConstraintTemplate(this, 'Resource', {
      metadata: { name: this.kind.toLowerCase(), annotations: { [ANNOTATIONS.description]: policy.description } },
      spec: {
        crd: { spec: { names: { kind: this.kind }, validation: { openApiv3Schema: parametersSchema(policy) } } },
        targets: [{
          target: GATEKEEPER_TARGET,
          code: [{
            engine: 'K8sNativeValidation',
            source: {
              failurePolicy: 'Fail',
              variables: [
                ...policy.parameters.map((p) => ({ name: p, expression: gatekeeperParameterExpression(p) })),
                ...policy.variables.map((v) => ({ name: v.name, expression: v.expression })),
              ],
              validations: policy.validations.map((v) => ({ expression: v.expression, messageExpression: v.messageExpression, message: v.message })),
            },
          }],
        }],
      },
    });
  }
}

/** Gatekeeper's `spec.match` of a Constraint. */
export interface ConstraintMatch {
  readonly kinds: readonly { readonly apiGroups: readonly string[]; readonly kinds: readonly string[] }[];
  /** Namespaces matched (by name). @default - every namespace the selector matches */
  readonly namespaces?: readonly string[];
  /** @default - every namespace */
  readonly namespaceSelector?: k8s.LabelSelector;
  readonly scope?: 'Namespaced' | 'Cluster' | '*';
}

export interface GatekeeperConstraintProps {
  /** The kind its ConstraintTemplate defines. */
  readonly kind: string;
  readonly metadata: ApiObjectMetadata;
  readonly spec: {
    readonly enforcementAction: 'deny' | 'warn' | 'dryrun';
    readonly match: ConstraintMatch;
    /** Validated by Gatekeeper against the template's `openAPIV3Schema`. */
    readonly parameters?: Record<string, unknown>;
  };
}

/**
 * A Gatekeeper Constraint (`constraints.gatekeeper.sh/v1beta1`, kind defined
 * by its ConstraintTemplate). Its CRD exists only once Gatekeeper has read
 * the template, so Argo CD is told to skip the dry run while it is missing.
 * Its parameters hold a value per tenant namespace, so it grows with the
 * tenants and is applied server-side.
 */
export class GatekeeperConstraint extends ApiObject {
  constructor(scope: Construct, id: string, props: GatekeeperConstraintProps) {
    const gvk: GroupVersionKind = { apiVersion: CONSTRAINT_API_VERSION, kind: props.kind };
    super(scope, id, {
      ...gvk,
      metadata: {
        ...props.metadata,
        annotations: { ...props.metadata.annotations, ...argoCdSyncOptions(SKIP_DRY_RUN_ON_MISSING_RESOURCE, SERVER_SIDE_APPLY) },
      },
      spec: {
        enforcementAction: props.spec.enforcementAction,
        match: {
          kinds: props.spec.match.kinds.map((k) => ({ apiGroups: [...k.apiGroups], kinds: [...k.kinds] })),
          namespaces: props.spec.match.namespaces ? [...props.spec.match.namespaces] : undefined,
          namespaceSelector: props.spec.match.namespaceSelector,
          scope: props.spec.match.scope,
        },
        parameters: props.spec.parameters,
      },
    });
  }
}

/** `match.kinds` of a policy: its resources' API groups and kinds. */
export function constraintKinds(policy: AdmissionPolicyDefinition): ConstraintMatch['kinds'] {
  return policy.match.map((m) => ({ apiGroups: [m.group], kinds: [...m.kinds] }));
}
