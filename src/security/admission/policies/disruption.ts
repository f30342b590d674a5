/**
 * Policies on tenant PodDisruptionBudgets: none that can never be satisfied,
 * since such a budget blocks every voluntary eviction of the pods it selects
 * and so every node drain (upgrades, scale-down) on the nodes they run on —
 * other tenants' maintenance included.
 *
 * What admission can see: `maxUnavailable: 0` (or `0%`) and
 * `minAvailable: 100%` never allow an eviction, whatever the replicas. An
 * integer `minAvailable` equal to the replicas has the same effect but the
 * budget does not know the replicas; that case is left to the platform's
 * drain timeout (residual risk, docs/threat-model.md).
 * Source: Kubernetes docs "Specifying a Disruption Budget for your Application"
 * and "Disruptions" (a budget that allows zero disruptions blocks drains).
 */
import { AdmissionPolicyDefinition } from '../policy-types';

const budgets: AdmissionPolicyDefinition = {
  name: 'disruption-budgets',
  description: 'No PodDisruptionBudget that never allows an eviction (maxUnavailable 0 or 0%, minAvailable 100%): it would block node drains.',
  scope: 'tenants',
  match: [{ group: 'policy', version: 'v1', resources: ['poddisruptionbudgets'], kinds: ['PodDisruptionBudget'] }],
  parameters: [],
  variables: [
    {
      name: 'blocking',
      expression: "(has(object.spec.maxUnavailable) && string(object.spec.maxUnavailable).matches('^0+%?$') ? ['maxUnavailable ' + string(object.spec.maxUnavailable)] : [])"
        + " + (has(object.spec.minAvailable) && string(object.spec.minAvailable).matches('^0*100%$') ? ['minAvailable ' + string(object.spec.minAvailable)] : [])",
    },
  ],
  validations: [{
    expression: 'size(variables.blocking) == 0',
    messageExpression: "'this PodDisruptionBudget never allows an eviction and would block node drains: ' + variables.blocking.join(', ') + '; allow at least one pod to be evicted'",
    message: 'the PodDisruptionBudget never allows an eviction',
  }],
};

/** The disruption policies of the library. */
export const DISRUPTION_POLICIES: readonly AdmissionPolicyDefinition[] = [budgets];
