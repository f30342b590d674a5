/**
 * The library rendered as ValidatingAdmissionPolicies and their bindings
 * (admissionregistration.k8s.io: `v1beta1` on Kubernetes 1.28–1.29, `v1`
 * from 1.30, when the API became GA).
 *
 * Parameters: the cluster's registries are written into the policy as a CEL
 * list; per-tenant values are read from the tenant Namespace
 * (`namespaceObject`): its `platform.cdk8s.io/tenant` label and the
 * allowance annotations the platform puts on it. No tenant role may change a
 * Namespace, so one binding per policy serves every tenant and a tenant
 * cannot widen its own allowances.
 */
import { ApiObjectMetadata } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { graduatedKind } from '../../render/graduated-kind';
import { kubernetesMinor } from '../../spec/cluster';
import { AdmissionAction } from '../../spec/admission';
import { ANNOTATIONS, LABELS } from '../../tenancy/labels';
import { celString, celStringList } from '../cel';
import { AdmissionPolicyDefinition, POLICY_PARAMETERS, PolicyParameter } from './library';
import { ALLOWANCE_ANNOTATIONS, annotationSeparator, ClusterAdmission } from './tenant-admission';

/** admissionregistration.k8s.io version of ValidatingAdmissionPolicy for a Kubernetes minor (`1.28` → v1beta1, `1.30` → v1). */
export function vapApiVersion(kubernetesVersion: string): 'admissionregistration.k8s.io/v1' | 'admissionregistration.k8s.io/v1beta1' {
  const minor = kubernetesMinor(kubernetesVersion);
  return minor >= 30 ? 'admissionregistration.k8s.io/v1' : 'admissionregistration.k8s.io/v1beta1';
}

/** ValidatingAdmissionPolicy `admissionregistration.k8s.io/v1` (Kubernetes 1.30+), with the (unchanged) v1beta1 props. */
export const ValidatingAdmissionPolicyV1 = graduatedKind<k8s.KubeValidatingAdmissionPolicyV1Beta1Props>(
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy' }, k8s.toJson_KubeValidatingAdmissionPolicyV1Beta1Props);

/** ValidatingAdmissionPolicyBinding `admissionregistration.k8s.io/v1` (Kubernetes 1.30+), with the (unchanged) v1beta1 props. */
export const ValidatingAdmissionPolicyBindingV1 = graduatedKind<k8s.KubeValidatingAdmissionPolicyBindingV1Beta1Props>(
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding' }, k8s.toJson_KubeValidatingAdmissionPolicyBindingV1Beta1Props);

/** CEL reading one allowance annotation of the tenant Namespace as a list (empty when absent). */
function annotationList(name: keyof typeof ALLOWANCE_ANNOTATIONS): string {
  const a = 'namespaceObject.metadata.annotations';
  const key = celString(ALLOWANCE_ANNOTATIONS[name]);
  return `has(${a}) && ${key} in ${a} ? ${a}[${key}].split(${celString(annotationSeparator(name))}).filter(v, v != '') : []`;
}

/**
 * The CEL expression binding a parameter to `variables.<name>` in a
 * ValidatingAdmissionPolicy: cluster values as literals, tenant values read
 * from the Namespace's labels and annotations.
 */
export function vapParameterExpression(name: PolicyParameter, cluster: ClusterAdmission): string {
  const labels = 'namespaceObject.metadata.labels';
  const annotations = 'namespaceObject.metadata.annotations';
  switch (name) {
    case 'allowedRegistries': return celStringList(cluster.allowedRegistries);
    case 'tenantIssuers': return celStringList(cluster.tenantIssuers);
    case 'minRefreshInterval': return celString(cluster.minRefreshInterval);
    case 'tenant': return `has(${labels}) && ${celString(LABELS.tenant)} in ${labels} ? ${labels}[${celString(LABELS.tenant)}] : ''`;
    case 'secretKeyPrefix': {
      const key = celString(ALLOWANCE_ANNOTATIONS.secretKeyPrefix);
      // No annotation means no key is allowed: a prefix no key can match.
      return `has(${annotations}) && ${key} in ${annotations} ? ${annotations}[${key}] : '(none)/'`;
    }
    case 'loadBalancers': {
      const key = celString(ALLOWANCE_ANNOTATIONS.loadBalancers);
      return `has(${annotations}) && ${key} in ${annotations} && ${annotations}[${key}] == 'allowed'`;
    }
    case 'ingressDomains':
    case 'storageClasses':
    case 'priorityClasses':
    case 'tenantGroups':
    case 'tolerations':
    case 'ingressAnnotations':
    case 'exceptions':
      return annotationList(name);
  }
}

export interface PlatformValidatingAdmissionPolicyProps {
  readonly policy: AdmissionPolicyDefinition;
  /** `admissionregistration.k8s.io/v1` or `/v1beta1` (see {@link vapApiVersion}). */
  readonly apiVersion: string;
  /** The cluster's values of the cluster parameters. */
  readonly cluster: ClusterAdmission;
  /** The binding's namespace selector (see `namespaceSelectorFor`). */
  readonly namespaceSelector: k8s.LabelSelector;
  /**
   * What a failed validation does.
   * @default 'Deny'
   */
  readonly action?: AdmissionAction;
}

/**
 * One policy of the library as a ValidatingAdmissionPolicy and its binding,
 * both named `platform-<policy name>`. `failurePolicy: Fail`: an expression
 * that cannot be evaluated rejects the request too.
 *
 * @throws Error when `apiVersion` is neither v1 nor v1beta1, or a parameter is unknown
 */
export class PlatformValidatingAdmissionPolicy extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PlatformValidatingAdmissionPolicyProps) {
    super(scope, id);
    const { policy } = props;
    for (const p of policy.parameters) {
      if (!(p in POLICY_PARAMETERS)) throw new Error(`PlatformValidatingAdmissionPolicy ${policy.name}: unknown parameter "${p}"`);
    }
    this.name = `platform-${policy.name}`;
    const v1 = props.apiVersion === 'admissionregistration.k8s.io/v1';
    if (!v1 && props.apiVersion !== 'admissionregistration.k8s.io/v1beta1') {
      throw new Error(`PlatformValidatingAdmissionPolicy ${policy.name}: apiVersion "${props.apiVersion}" must be admissionregistration.k8s.io/v1 or /v1beta1`);
    }
    const metadata: ApiObjectMetadata = { name: this.name, annotations: { [ANNOTATIONS.description]: policy.description } };
    const policyProps: k8s.KubeValidatingAdmissionPolicyV1Beta1Props = {
      metadata,
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: policy.match.map((m) => ({
            apiGroups: [m.group], apiVersions: [m.version], resources: [...m.resources], operations: ['CREATE', 'UPDATE'],
          })),
        },
        variables: [
          ...policy.parameters.map((p) => ({ name: p, expression: vapParameterExpression(p, props.cluster) })),
          ...policy.variables.map((v) => ({ name: v.name, expression: v.expression })),
        ],
        validations: policy.validations.map((v) => ({
          expression: v.expression, messageExpression: v.messageExpression, message: v.message, reason: 'Forbidden',
        })),
      },
    };
    const bindingProps: k8s.KubeValidatingAdmissionPolicyBindingV1Beta1Props = {
      metadata: { name: this.name },
      spec: {
        policyName: this.name,
        validationActions: [props.action ?? 'Deny'],
        matchResources: { namespaceSelector: props.namespaceSelector },
      },
    };
    if (v1) {
      new ValidatingAdmissionPolicyV1(this, 'Policy', policyProps);
      new ValidatingAdmissionPolicyBindingV1(this, 'Binding', bindingProps);
    } else {
      new k8s.KubeValidatingAdmissionPolicyV1Beta1(this, 'Policy', policyProps);
      new k8s.KubeValidatingAdmissionPolicyBindingV1Beta1(this, 'Binding', bindingProps);
    }
  }
}
