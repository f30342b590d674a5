/**
 * The `admission` platform component: the policy library rendered for the
 * cluster's engine into `platform/admission/`.
 */
import { Construct } from 'constructs';
import { PlatformComponent, WAVES } from '../../contracts/component';
import { ClusterSpec } from '../../spec/cluster';
import { Placement } from '../../spec/model';
import { ENFORCEMENT_ACTIONS, GatekeeperConstraint, PlatformConstraintTemplate, constraintKind, constraintKinds } from './gatekeeper';
import { ADMISSION_POLICIES, PolicyParameter, usesTenantParameters } from './library';
import { allowedRegistries } from './registries';
import { exemptNamespaces, namespaceSelectorFor } from './scope';
import { TenantAdmission, tenantAdmission } from './tenant-admission';
import { PlatformValidatingAdmissionPolicy, vapApiVersion } from './validating-admission-policy';

export interface PlatformAdmissionPoliciesProps {
  readonly cluster: ClusterSpec;
  /** The tenant environments on the cluster (Gatekeeper: one Constraint per namespace for per-tenant policies). */
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
function parameterValue(name: PolicyParameter, cluster: ClusterSpec, tenant?: TenantAdmission): unknown {
  if (name === 'allowedRegistries') return allowedRegistries(cluster);
  if (!tenant) throw new Error(`parameter ${name} needs a tenant`);
  const v = tenant[name];
  return Array.isArray(v) ? [...v] : v;
}

/**
 * Every policy of the library for one cluster:
 * - `validating-admission-policy`: a ValidatingAdmissionPolicy and binding
 *   per policy (API version from the cluster's Kubernetes version);
 * - `gatekeeper`: a ConstraintTemplate per policy; one Constraint per policy,
 *   or per (policy, tenant namespace) for policies with per-tenant values.
 */
export class PlatformAdmissionPolicies extends Construct {
  constructor(scope: Construct, id: string, props: PlatformAdmissionPoliciesProps) {
    super(scope, id);
    const { cluster } = props;
    const { engine, action } = cluster.admission;
    const part = props.part ?? 'policies';
    for (const policy of ADMISSION_POLICIES) {
      const selector = namespaceSelectorFor(policy, exemptNamespaces(cluster, policy.name));
      if (engine === 'validating-admission-policy') {
        if (part === 'constraints') continue;
        new PlatformValidatingAdmissionPolicy(this, policy.name, {
          policy,
          apiVersion: vapApiVersion(cluster.kubernetesVersion),
          allowedRegistries: allowedRegistries(cluster),
          namespaceSelector: selector,
          action,
        });
        continue;
      }
      if (part === 'policies') {
        new PlatformConstraintTemplate(this, policy.name, { policy });
        continue;
      }
      const constraint = (cid: string, name: string, match: { namespaces?: string[] }, tenant?: TenantAdmission) =>
        new GatekeeperConstraint(this, cid, {
          kind: constraintKind(policy),
          metadata: { name },
          spec: {
            enforcementAction: ENFORCEMENT_ACTIONS[action],
            match: { kinds: constraintKinds(policy), ...(match.namespaces ? { namespaces: match.namespaces } : { namespaceSelector: selector }) },
            parameters: policy.parameters.length > 0
              ? Object.fromEntries(policy.parameters.map((p) => [p, parameterValue(p, cluster, tenant)]))
              : undefined,
          },
        });
      if (usesTenantParameters(policy)) {
        for (const p of props.placements) constraint(`${policy.name}-${p.namespace}`, `${policy.name}-${p.namespace}`, { namespaces: [p.namespace] }, tenantAdmission(p));
      } else {
        constraint(`${policy.name}-constraint`, policy.name, {});
      }
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
