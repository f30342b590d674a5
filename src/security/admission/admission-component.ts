/**
 * The `admission` platform component: the policy library rendered for the
 * cluster's engine into `platform/admission/` (and, on Gatekeeper clusters,
 * the Constraints into `platform/admission-constraints/`).
 */
import { Construct } from 'constructs';
import { PlatformComponent, WAVES } from '../../contracts/component';
import { ClusterSpec } from '../../spec/cluster';
import { Placement } from '../../spec/model';
import { ENFORCEMENT_ACTIONS, GatekeeperConstraint, NAMESPACE_PARAMETERS, PlatformConstraintTemplate, constraintKind, constraintKinds } from './gatekeeper';
import { ADMISSION_POLICIES, POLICY_PARAMETERS, policyFamily, PolicyParameter } from './library';
import { exemptNamespaces, namespaceSelectorFor } from './scope';
import { ClusterAdmission, clusterAdmission, TenantAdmission, tenantAdmission } from './tenant-admission';
import { PlatformValidatingAdmissionPolicy, vapApiVersion } from './validating-admission-policy';

export interface PlatformAdmissionPoliciesProps {
  readonly cluster: ClusterSpec;
  /** The tenant environments on the cluster (Gatekeeper: their values by namespace in each Constraint). */
  readonly placements: readonly Placement[];
  /**
   * Which part to render: `policies` — ValidatingAdmissionPolicies and their
   * bindings, or Gatekeeper ConstraintTemplates; `constraints` — the
   * Gatekeeper Constraints, whose kinds the templates define (Gatekeeper
   * creates their CRDs), so they go to a folder synced after the templates'.
   * @default 'policies'
   */
  readonly part?: 'policies' | 'constraints';
}

/** The value of a parameter for the cluster, or for one tenant environment. */
function parameterValue(name: PolicyParameter, cluster: ClusterAdmission, tenant?: TenantAdmission): unknown {
  const v = POLICY_PARAMETERS[name].source === 'cluster'
    ? cluster[name as keyof ClusterAdmission]
    : tenant?.[name as keyof TenantAdmission];
  if (v === undefined) throw new Error(`parameter ${name} needs a tenant`);
  return Array.isArray(v) ? [...v] : v;
}

/**
 * Every policy of the library for one cluster:
 * - `validating-admission-policy`: a ValidatingAdmissionPolicy and binding
 *   per policy (API version from the cluster's Kubernetes version);
 * - `gatekeeper`: a ConstraintTemplate and one Constraint per policy, with
 *   per-tenant values by namespace in its parameters — the number of
 *   Constraints does not grow with the tenants.
 */
export class PlatformAdmissionPolicies extends Construct {
  constructor(scope: Construct, id: string, props: PlatformAdmissionPoliciesProps) {
    super(scope, id);
    const { cluster } = props;
    const { engine, action } = cluster.admission;
    const part = props.part ?? 'policies';
    const values = clusterAdmission(cluster);
    // Gatekeeper Constraints carry every tenant namespace's values: computed once, not per policy.
    const tenants = engine === 'gatekeeper' && part === 'constraints'
      ? [...props.placements].sort((a, b) => a.namespace.localeCompare(b.namespace)).map((pl) => ({ namespace: pl.namespace, values: tenantAdmission(pl) }))
      : [];
    for (const policy of ADMISSION_POLICIES) {
      const selector = namespaceSelectorFor(policy, exemptNamespaces(cluster, policyFamily(policy)));
      if (engine === 'validating-admission-policy') {
        if (part === 'constraints') continue;
        new PlatformValidatingAdmissionPolicy(this, policy.name, {
          policy,
          apiVersion: vapApiVersion(cluster.kubernetesVersion),
          cluster: values,
          namespaceSelector: selector,
          action,
        });
        continue;
      }
      if (part === 'policies') {
        new PlatformConstraintTemplate(this, policy.name, { policy });
        continue;
      }
      const clusterParams = policy.parameters.filter((p) => POLICY_PARAMETERS[p].source === 'cluster');
      const tenant = policy.parameters.filter((p) => POLICY_PARAMETERS[p].source === 'tenant');
      const parameters: Record<string, unknown> = Object.fromEntries(clusterParams.map((p) => [p, parameterValue(p, values)]));
      if (tenant.length > 0) {
        parameters[NAMESPACE_PARAMETERS] = Object.fromEntries(tenants
          .map((t) => [t.namespace, Object.fromEntries(tenant.map((p) => [p, parameterValue(p, values, t.values)]))]));
      }
      new GatekeeperConstraint(this, `${policy.name}-constraint`, {
        kind: constraintKind(policy),
        metadata: { name: policy.name },
        spec: {
          enforcementAction: ENFORCEMENT_ACTIONS[action],
          match: { kinds: constraintKinds(policy), namespaceSelector: selector },
          parameters: policy.parameters.length > 0 ? parameters : undefined,
        },
      });
    }
  }
}

/** Renders `platform/admission/` on every cluster: the policies, or Gatekeeper's ConstraintTemplates. */
export const admissionComponent: PlatformComponent = {
  name: 'admission',
  wave: WAVES.platform,
  guardsTenantWorkloads: true,
  build(scope, ctx) {
    new PlatformAdmissionPolicies(scope, 'Policies', { cluster: ctx.cluster, placements: ctx.placements, part: 'policies' });
  },
};

/**
 * Renders `platform/admission-constraints/` on Gatekeeper clusters: the
 * Constraints, synced once Gatekeeper has created their kinds from the
 * templates in `platform/admission/` (see `gitops/sync-plan.ts`).
 */
export const admissionConstraintsComponent: PlatformComponent = {
  name: 'admission-constraints',
  wave: WAVES.platform + 1,
  guardsTenantWorkloads: true,
  enabledOn: (ctx) => ctx.cluster.admission.engine === 'gatekeeper',
  build(scope, ctx) {
    new PlatformAdmissionPolicies(scope, 'Policies', { cluster: ctx.cluster, placements: ctx.placements, part: 'constraints' });
  },
};
