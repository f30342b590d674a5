/**
 * Which namespaces a policy of the library applies to, as a label selector
 * both engines understand (ValidatingAdmissionPolicyBinding
 * `matchResources.namespaceSelector`, Gatekeeper `match.namespaceSelector`).
 */
import { k8s } from 'cdk8s-plus-28';
import { ClusterSpec } from '../../spec/cluster';
import { LABELS, podSecurityLabelKeys } from '../../tenancy/labels';
import { AdmissionPolicyDefinition } from './library';

/** Namespaces `cluster` exempts from the (cluster-wide) policy `policy`, sorted. */
export function exemptNamespaces(cluster: ClusterSpec, policy: string): string[] {
  return [...new Set(cluster.admission.exemptions.filter((e) => (e.policies as readonly string[]).includes(policy)).map((e) => e.namespace))].sort();
}

/**
 * The namespace selector of `policy`:
 * - cluster-wide: every namespace but the exempt ones (`kubernetes.io/metadata.name NotIn`);
 * - tenants: namespaces with the `platform.cdk8s.io/tenant` label;
 * - plus, for Pod Security policies, the namespace's `enforce` level must
 *   include the rule (baseline: not `privileged`; restricted: `restricted`),
 *   so a tenant's written Pod Security exception holds here too.
 */
export function namespaceSelectorFor(policy: AdmissionPolicyDefinition, exempt: readonly string[]): k8s.LabelSelector {
  const expressions: k8s.LabelSelectorRequirement[] = [];
  if (policy.scope === 'tenants') {
    expressions.push({ key: LABELS.tenant, operator: 'Exists' });
  } else if (exempt.length > 0) {
    expressions.push({ key: LABELS.namespaceName, operator: 'NotIn', values: [...exempt] });
  }
  const enforce = podSecurityLabelKeys('enforce').level;
  if (policy.podSecurity === 'baseline') expressions.push({ key: enforce, operator: 'NotIn', values: ['privileged'] });
  if (policy.podSecurity === 'restricted') expressions.push({ key: enforce, operator: 'In', values: ['restricted'] });
  return { matchExpressions: expressions };
}
