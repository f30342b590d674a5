/**
 * The risk flags the review raises on a diff, each with its level. This
 * table is the one source of the levels; README.md shows the same table
 * (a test keeps them in step).
 *
 * Levels: `high` — a security control is removed or weakened, or access is
 * broadened cluster-wide; a required review gate (`--fail-on high`) stops on
 * these. `medium` — access or exposure grows within a namespace, or what is
 * deployed comes from elsewhere / another version. `low` — more resources or
 * access that comes with onboarding, shown for awareness.
 */

import { ISOLATION_RISK_RULES } from './isolation-rules';

/** How serious a flag is. */
export type RiskLevel = 'high' | 'medium' | 'low';

/** Levels from most to least serious. */
export const RISK_LEVELS: readonly RiskLevel[] = ['high', 'medium', 'low'];

/** One kind of risk flag. */
export interface RiskRule {
  readonly level: RiskLevel;
  /** What raises it, in one sentence. */
  readonly when: string;
}

export const RISK_RULES = {
  'rbac-broadened': {
    level: 'high',
    when: 'A Role or ClusterRole grants more than before: new verbs, resources, API groups or non-resource URLs, wildcards, lifted resourceNames, or ClusterRole aggregation into more roles.',
  },
  'cluster-role-binding-added': {
    level: 'high',
    when: 'A ClusterRoleBinding is added, gains subjects, or binds another ClusterRole.',
  },
  'cluster-admin-bound': {
    level: 'high',
    when: 'A RoleBinding or ClusterRoleBinding newly grants cluster-admin.',
  },
  'role-binding-broadened': {
    level: 'medium',
    when: 'An existing RoleBinding gains subjects or binds another role.',
  },
  'role-binding-added': {
    level: 'low',
    when: 'A RoleBinding is added (new access in a namespace).',
  },
  'network-policy-removed': {
    level: 'high',
    when: 'A NetworkPolicy is removed from a namespace that stays.',
  },
  'network-open-to-any-address': {
    level: 'high',
    when: 'A NetworkPolicy rule now allows every peer, 0.0.0.0/0 or ::/0.',
  },
  'network-policy-loosened': {
    level: 'medium',
    when: 'A NetworkPolicy allows more: a new peer, a wider CIDR, fewer `except` blocks, more ports, a narrower pod selector or a dropped policy type; or a new allowing policy in an existing namespace.',
  },
  'pod-security-lowered': {
    level: 'high',
    when: 'A namespace\'s Pod Security `enforce` level, or the cluster default in the API server\'s AdmissionConfiguration, is lowered (restricted → baseline → privileged; no label counts as privileged).',
  },
  'pod-security-audit-lowered': {
    level: 'medium',
    when: 'A namespace\'s Pod Security `audit` or `warn` level, or the cluster default, is lowered.',
  },
  'pod-security-exception': {
    level: 'medium',
    when: 'A new namespace enforces less than `restricted`.',
  },
  'quota-removed': {
    level: 'medium',
    when: 'A ResourceQuota or LimitRange, or one of its limits, is removed from a namespace that stays.',
  },
  'quota-raised': {
    level: 'low',
    when: 'A ResourceQuota hard limit, or a LimitRange max or default, is raised.',
  },
  'audit-lowered': {
    level: 'high',
    when: 'The API-server audit Policy records some request at a lower level than before (rules evaluated in order, first match), omits more stages, or is removed.',
  },
  'admission-policy-removed': {
    level: 'high',
    when: 'An admission policy is removed: ValidatingAdmissionPolicy or its Binding, Gatekeeper ConstraintTemplate or Constraint, Kyverno policy, or a validating webhook configuration.',
  },
  'admission-policy-weakened': {
    level: 'high',
    when: 'An admission policy enforces less: Deny dropped from validationActions, Gatekeeper enforcementAction no longer deny, Kyverno Enforce → Audit, failurePolicy Fail → Ignore.',
  },
  'admission-exemption-added': {
    level: 'high',
    when: 'An admission policy matches less: excluded namespaces added, namespaces or kinds dropped from its match, its namespace or object selector narrowed, exclude rules or match conditions added; or Pod Security exempts more namespaces, users or runtime classes.',
  },
  'image-registry-changed': {
    level: 'high',
    when: 'A container image comes from another registry, or dist/images.txt lists a registry it did not list before.',
  },
  'chart-source-changed': {
    level: 'high',
    when: 'An add-on\'s Helm chart comes from another repository or is another chart (Argo CD Application, Flux HelmRelease, HelmRepository, OCIRepository).',
  },
  'appproject-broadened': {
    level: 'high',
    when: 'An Argo CD AppProject allows more: destinations, source repositories or ServiceAccounts added, or a cluster-scoped or namespaced kind it did not permit (evaluated as Argo CD permits kinds, whitelist and blacklist together).',
  },
  'prometheus-enforcement-loosened': {
    level: 'high',
    when: 'A Prometheus enforces less on the monitors it loads: file-system access, namespace selectors or honored labels allowed again, the enforced namespace label dropped or objects excluded from it, an enforced limit raised or removed.',
  },
  'addon-version-changed': {
    level: 'medium',
    when: 'An add-on\'s chart version changes (Application targetRevision of a Helm source, HelmRelease chart version, OCIRepository tag).',
  },
  'sync-source-changed': {
    level: 'medium',
    when: 'What a GitOps sync deploys comes from another repository, revision or path (Argo CD Application, Flux GitRepository, Kustomization).',
  },
  ...ISOLATION_RISK_RULES,
} as const satisfies Record<string, RiskRule>;

/** The id of a risk rule, e.g. `rbac-broadened`. */
export type RiskRuleId = keyof typeof RISK_RULES;

/** One raised flag. */
export interface RiskFlag {
  readonly rule: RiskRuleId;
  readonly level: RiskLevel;
  /** Cluster of the object, when it belongs to one. */
  readonly cluster?: string;
  /** Tenant the object belongs to (its tenant label or `tenants/<tenant>/` folder); undefined for platform objects. */
  readonly tenant?: string;
  /** The object or file, e.g. `ClusterRole tenant-developer`. */
  readonly subject: string;
  /** File under `dist/` (the new one when the object still exists). */
  readonly path: string;
  /** What changed, in one line. */
  readonly message: string;
}

/** True when level `a` is at least as serious as `b`. */
export function atLeast(a: RiskLevel, b: RiskLevel): boolean {
  return RISK_LEVELS.indexOf(a) <= RISK_LEVELS.indexOf(b);
}
