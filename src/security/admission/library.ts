/**
 * The platform's admission policy library, written once in CEL and rendered
 * either as ValidatingAdmissionPolicies or as Gatekeeper ConstraintTemplates
 * (K8sNativeValidation engine); the policies themselves are in `policies/`,
 * their shape in `policy-types.ts`.
 *
 * Every expression type-checks against every kind its policy matches, on
 * every Kubernetes version the platform targets (`test/security/
 * admission-type-check.test.ts`): rules that read the pod spec are rendered
 * once per shape of object (`pod-shapes.ts`) instead of branching on
 * `object.kind`.
 *
 * Source: Kubernetes docs, "Validating Admission Policy" (type checking,
 * variables, messageExpression) and "Common Expression Language in
 * Kubernetes"; Gatekeeper docs, "Integration with Kubernetes Validating
 * Admission Policy".
 */
import { CERTIFICATE_POLICIES } from './policies/certificates';
import { DISRUPTION_POLICIES } from './policies/disruption';
import { EXTERNAL_SECRET_POLICIES } from './policies/external-secrets';
import { INGRESS_POLICIES } from './policies/ingress';
import { POD_POLICIES } from './policies/pods';
import { RBAC_POLICIES } from './policies/rbac';
import { SERVICE_POLICIES } from './policies/services';
import { STORAGE_POLICIES } from './policies/storage';
import { AdmissionPolicyDefinition } from './policy-types';

export * from './policy-types';

/** The library, in rendering order. */
export const ADMISSION_POLICIES: readonly AdmissionPolicyDefinition[] = [
  ...POD_POLICIES,
  ...INGRESS_POLICIES,
  ...SERVICE_POLICIES,
  ...STORAGE_POLICIES,
  ...RBAC_POLICIES,
  ...EXTERNAL_SECRET_POLICIES,
  ...CERTIFICATE_POLICIES,
  ...DISRUPTION_POLICIES,
];

/** The policy of the library named `name`. @throws Error when there is none */
export function admissionPolicy(name: string): AdmissionPolicyDefinition {
  const p = ADMISSION_POLICIES.find((x) => x.name === name);
  if (!p) throw new Error(`no admission policy named "${name}"; known: ${ADMISSION_POLICIES.map((x) => x.name).join(', ')}`);
  return p;
}
