/**
 * The API server's audit policy file (`audit.k8s.io/v1` `Policy`), rendered
 * as `audit-policy.yaml` into a cluster's `control-plane/` folder.
 */
import { Construct } from 'constructs';
import { ConfigFile } from '../../render/config-file';
import { Placement } from '../../spec/model';
import { AUDIT_LEVELS, AUDIT_STAGES, AuditRule, AuditStage, sensitiveLevelViolations } from '../../spec/audit-rules';
import { productionAuditRules } from './production-rules';

/** File name of the policy in `control-plane/`. */
export const AUDIT_POLICY_FILE = 'audit-policy.yaml';

export interface AuditPolicyProps {
  /**
   * Rules in evaluation order (the first matching rule decides).
   * @default productionAuditRules()
   */
  readonly rules?: readonly AuditRule[];
  /**
   * Stages never recorded, for any request.
   * @default ['RequestReceived']
   */
  readonly omitStages?: readonly AuditStage[];
}

/** The `audit.k8s.io/v1` Policy document for `rules`, keys in the documented order. */
export function auditPolicyDocument(rules: readonly AuditRule[], omitStages: readonly AuditStage[]): Record<string, unknown> {
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    omitStages: [...omitStages],
    rules: rules.map((r) => dropEmpty({
      level: r.level,
      users: r.users,
      userGroups: r.userGroups,
      verbs: r.verbs,
      resources: r.resources?.map((gr) => dropEmpty({ group: gr.group, resources: gr.resources, resourceNames: gr.resourceNames })),
      namespaces: r.namespaces,
      nonResourceURLs: r.nonResourceURLs,
      omitStages: r.omitStages,
    })),
  };
}

function dropEmpty<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])) as T;
}

/**
 * Problems with a rule list, as text: unknown levels or stages, rules that
 * can never match (non-resource URLs together with resources or
 * namespaces), and rules that would record a sensitive resource's body.
 */
export function auditRuleProblems(rules: readonly AuditRule[], omitStages: readonly AuditStage[] = []): string[] {
  const out: string[] = [];
  rules.forEach((r, i) => {
    if (!AUDIT_LEVELS.includes(r.level)) out.push(`rules[${i}].level "${r.level}" must be one of ${AUDIT_LEVELS.join(', ')}`);
    for (const s of r.omitStages ?? []) {
      if (!AUDIT_STAGES.includes(s)) out.push(`rules[${i}].omitStages "${s}" must be one of ${AUDIT_STAGES.join(', ')}`);
    }
    if ((r.nonResourceURLs ?? []).length > 0 && ((r.resources ?? []).length > 0 || (r.namespaces ?? []).length > 0)) {
      out.push(`rules[${i}] sets nonResourceURLs together with resources or namespaces, so it can never match; split it in two rules`);
    }
  });
  for (const s of omitStages) {
    if (!AUDIT_STAGES.includes(s)) out.push(`omitStages "${s}" must be one of ${AUDIT_STAGES.join(', ')}`);
  }
  out.push(...sensitiveLevelViolations(rules));
  return out;
}

/**
 * An audit Policy file. Rule order is kept exactly as given.
 *
 * Source: Kubernetes docs, "Auditing" (Policy, levels, stages); CIS
 * Kubernetes Benchmark 3.2.1 and 3.2.2.
 *
 * @throws Error naming the prop and every problem of `rules` (see {@link auditRuleProblems})
 */
export class AuditPolicy extends Construct {
  private readonly _rules: AuditRule[];

  constructor(scope: Construct, id: string, props: AuditPolicyProps = {}) {
    super(scope, id);
    this._rules = [...(props.rules ?? productionAuditRules())];
    const omitStages = props.omitStages ?? ['RequestReceived'];
    const problems = auditRuleProblems(this._rules, omitStages);
    if (problems.length > 0) throw new Error(`AuditPolicy ${id}: invalid rules:\n  ${problems.join('\n  ')}`);
    new ConfigFile(this, 'File', { fileName: AUDIT_POLICY_FILE, content: auditPolicyDocument(this._rules, omitStages) });
  }

  /** The rules, in evaluation order (a copy). */
  public get rules(): AuditRule[] {
    return [...this._rules];
  }
}

/**
 * The audit rules tenant environments declared, each limited to its own
 * namespace, in placement order (tenant name, then environment).
 */
export function tenantAuditRules(placements: readonly Placement[]): AuditRule[] {
  return placements.flatMap((p) => p.spec.audit.map((r): AuditRule => ({
    level: r.level,
    verbs: r.verbs,
    resources: r.resources,
    namespaces: [p.namespace],
  })));
}
