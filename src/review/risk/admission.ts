/**
 * Admission policy risks: a policy removed, its enforcement weakened, or its
 * match narrowed (an exemption added).
 *
 * Kinds: ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding
 * (`matchConstraints` / `matchResources`, `validationActions`,
 * `failurePolicy`, `validations`, `matchConditions`), ValidatingWebhookConfiguration
 * (per webhook), Gatekeeper ConstraintTemplate, Constraints
 * (`constraints.gatekeeper.sh`: `enforcementAction`, `match`) and Config
 * (`config.gatekeeper.sh`: `match[].excludedNamespaces`), Kyverno ClusterPolicy
 * and Policy (`validationFailureAction`, rules, `exclude`).
 *
 * A label selector narrows when it gains a requirement, a `NotIn` gains
 * values (e.g. `kubernetes.io/metadata.name NotIn [...]`, how exempt
 * namespaces are written) or an `In` loses values.
 * Sources: Kubernetes docs, "Validating Admission Policy", "Dynamic Admission
 * Control"; Gatekeeper docs, "How to use Gatekeeper" (match,
 * enforcementAction), "Exempting Namespaces"; Kyverno docs, "Policy Settings".
 */
import { describeSelector, LabelSelector } from '../../overview/label-selector';
import { DistChange } from '../dist-diff';
import { deepEqual } from '../value-diff';
import { brief, flag, RiskContext, shortList, sides } from './detector';
import { RiskFlag } from './rules';

type Obj = Record<string, any>;

const ADMISSION = 'admissionregistration.k8s.io';

/** True when the object is an admission policy the review watches. */
function isAdmissionKind(group: string, kind: string): boolean {
  return (group === ADMISSION && ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'].includes(kind))
    || (group === 'templates.gatekeeper.sh' && kind === 'ConstraintTemplate')
    || group === 'constraints.gatekeeper.sh'
    || (group === 'config.gatekeeper.sh' && kind === 'Config')
    || (group === 'kyverno.io' && (kind === 'ClusterPolicy' || kind === 'Policy'));
}

/** Risk flags for admission policies. */
export function admissionRisks(change: DistChange, ctx: RiskContext): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  if (!isAdmissionKind(group, kind) || !before) return [];
  if (!after) {
    const cluster = change.before!.cluster;
    if (ctx.namespaceRemoved(cluster, before.metadata?.namespace)) return [];
    // A policy scoped to namespaces the change removes (a tenant's Constraint) goes with them.
    const scope = scopedNamespaces(group, kind, before);
    if (scope && scope.every((ns) => ctx.namespaceRemoved(cluster, ns))) return [];
    return [flag('admission-policy-removed', change, `${kind} removed: what it checked is no longer checked`)];
  }
  const weakened: string[] = [];
  const exemptions: string[] = [];
  if (group === ADMISSION && kind === 'ValidatingAdmissionPolicy') {
    if (failurePolicy(before.spec) === 'Fail' && failurePolicy(after.spec) === 'Ignore') weakened.push('failurePolicy Fail → Ignore');
    const dropped = removedItems(before.spec?.validations, after.spec?.validations);
    if (dropped.length > 0) weakened.push(`validation removed: ${shortList(dropped.map((v) => brief(v.message ?? v.expression, 60)), 2)}`);
    exemptions.push(...matchNarrowing('matchConstraints', before.spec?.matchConstraints, after.spec?.matchConstraints));
    const conditions = addedItems(before.spec?.matchConditions, after.spec?.matchConditions);
    if (conditions.length > 0) exemptions.push(`matchConditions added: ${shortList(conditions.map((c) => brief(c.expression, 60)), 2)}`);
  } else if (group === ADMISSION && kind === 'ValidatingAdmissionPolicyBinding') {
    const actions = (o: Obj) => (o.spec?.validationActions ?? []) as string[];
    if (actions(before).includes('Deny') && !actions(after).includes('Deny')) {
      weakened.push(`validationActions ${actions(before).join(', ')} → ${actions(after).join(', ') || '(none)'}: violations are no longer denied`);
    }
    if (before.spec?.policyName !== after.spec?.policyName) weakened.push(`now binds policy ${after.spec?.policyName} (was ${before.spec?.policyName})`);
    exemptions.push(...matchNarrowing('matchResources', before.spec?.matchResources, after.spec?.matchResources));
  } else if (group === ADMISSION && kind === 'ValidatingWebhookConfiguration') {
    const old = new Map(((before.webhooks ?? []) as Obj[]).map((w) => [w.name, w]));
    for (const w of (after.webhooks ?? []) as Obj[]) {
      const prior = old.get(w.name);
      old.delete(w.name);
      if (!prior) continue;
      if (failurePolicy(prior) === 'Fail' && failurePolicy(w) === 'Ignore') weakened.push(`webhook ${w.name}: failurePolicy Fail → Ignore`);
      exemptions.push(...matchNarrowing(`webhook ${w.name}`, prior, w));
    }
    if (old.size > 0) weakened.push(`webhook${old.size === 1 ? '' : 's'} removed: ${shortList([...old.keys()])}`);
  } else if (group === 'constraints.gatekeeper.sh') {
    const action = (o: Obj) => (o.spec?.enforcementAction ?? 'deny') as string;
    if (action(before) === 'deny' && action(after) !== 'deny') weakened.push(`enforcementAction deny → ${action(after)}: violations are no longer denied`);
    exemptions.push(...gatekeeperMatchNarrowing(before.spec?.match ?? {}, after.spec?.match ?? {}));
  } else if (group === 'config.gatekeeper.sh') {
    const excluded = (o: Obj) => ((o.spec?.match ?? []) as Obj[]).flatMap((m) => ((m.excludedNamespaces ?? []) as string[])
      .map((ns) => `${ns} (${((m.processes ?? ['*']) as string[]).join(', ')})`));
    const added = excluded(after).filter((x) => !excluded(before).includes(x));
    if (added.length > 0) exemptions.push(`namespaces exempted from Gatekeeper: ${shortList(added)}`);
  } else if (group === 'kyverno.io') {
    const action = (o: Obj) => String(o.spec?.validationFailureAction ?? 'Audit').toLowerCase();
    if (action(before) === 'enforce' && action(after) !== 'enforce') weakened.push('validationFailureAction Enforce → Audit');
    const rules = (o: Obj) => ((o.spec?.rules ?? []) as Obj[]);
    const removed = rules(before).filter((r) => !rules(after).some((n) => n.name === r.name)).map((r) => r.name as string);
    if (removed.length > 0) weakened.push(`rules removed: ${shortList(removed)}`);
    for (const r of rules(after)) {
      const prior = rules(before).find((o) => o.name === r.name);
      if (prior && !deepEqual(prior.exclude, r.exclude) && r.exclude) exemptions.push(`rule ${r.name}: exclude ${brief(r.exclude, 60)}`);
    }
  }
  return [
    ...weakened.map((m) => flag('admission-policy-weakened', change, m)),
    ...exemptions.map((m) => flag('admission-exemption-added', change, m)),
  ];
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The namespaces a policy applies in, when its match names them and nothing
 * else: a Gatekeeper Constraint's `match.namespaces`, or a namespace selector
 * on `kubernetes.io/metadata.name` alone (ValidatingAdmissionPolicy
 * `matchConstraints`, binding `matchResources`). Undefined when it may apply
 * elsewhere too.
 */
export function scopedNamespaces(group: string, kind: string, policy: Obj): string[] | undefined {
  if (group === 'constraints.gatekeeper.sh') {
    const names = policy.spec?.match?.namespaces as string[] | undefined;
    return names && names.length > 0 ? names : undefined;
  }
  if (group !== ADMISSION) return undefined;
  const selector = (kind === 'ValidatingAdmissionPolicy' ? policy.spec?.matchConstraints : policy.spec?.matchResources)?.namespaceSelector as LabelSelector | undefined;
  if (!selector) return undefined;
  const labels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (labels.length === 1 && labels[0][0] === NAME_LABEL && expressions.length === 0) return [labels[0][1]];
  if (labels.length === 0 && expressions.length === 1 && expressions[0].key === NAME_LABEL && expressions[0].operator === 'In') {
    return [...(expressions[0].values ?? [])];
  }
  return undefined;
}

function failurePolicy(o: Obj | undefined): string {
  return (o?.failurePolicy ?? 'Fail') as string;
}

function addedItems(before: Obj[] | undefined, after: Obj[] | undefined): Obj[] {
  return (after ?? []).filter((a) => !(before ?? []).some((b) => deepEqual(a, b)));
}

function removedItems(before: Obj[] | undefined, after: Obj[] | undefined): Obj[] {
  return addedItems(after, before);
}

/** How a ValidatingAdmissionPolicy / binding / webhook match got narrower. */
function matchNarrowing(what: string, before: Obj | undefined, after: Obj | undefined): string[] {
  const out: string[] = [];
  for (const field of ['namespaceSelector', 'objectSelector'] as const) {
    out.push(...selectorNarrowing(`${what} ${field}`, before?.[field], after?.[field]));
  }
  const excluded = addedItems(before?.excludeResourceRules, after?.excludeResourceRules);
  if (excluded.length > 0) out.push(`${what} excludes ${shortList(excluded.map((r) => brief(r, 60)), 2)}`);
  const rulesKey = before?.resourceRules !== undefined || after?.resourceRules !== undefined ? 'resourceRules' : 'rules';
  const droppedRules = removedItems(before?.[rulesKey], after?.[rulesKey]);
  if (droppedRules.length > 0) out.push(`${what} no longer matches ${shortList(droppedRules.map((r) => brief(r, 60)), 2)}`);
  return out;
}

/** How a Gatekeeper Constraint `match` got narrower. */
function gatekeeperMatchNarrowing(before: Obj, after: Obj): string[] {
  const out: string[] = [];
  const excluded = ((after.excludedNamespaces ?? []) as string[]).filter((n) => !((before.excludedNamespaces ?? []) as string[]).includes(n));
  if (excluded.length > 0) out.push(`match.excludedNamespaces adds ${shortList(excluded)}`);
  const oldNs = before.namespaces as string[] | undefined;
  const newNs = after.namespaces as string[] | undefined;
  if (newNs && (!oldNs || oldNs.some((n) => !newNs.includes(n)))) {
    const lost = oldNs ? oldNs.filter((n) => !newNs.includes(n)) : ['every other namespace'];
    out.push(`match.namespaces no longer covers ${shortList(lost)}`);
  }
  const droppedKinds = removedItems(before.kinds, after.kinds);
  if (droppedKinds.length > 0) out.push(`match.kinds drops ${shortList(droppedKinds.map((k) => brief(k, 60)), 2)}`);
  if ((before.scope ?? '*') === '*' && (after.scope ?? '*') !== '*') out.push(`match.scope * → ${after.scope}`);
  for (const field of ['namespaceSelector', 'labelSelector'] as const) out.push(...selectorNarrowing(`match.${field}`, before[field], after[field]));
  return out;
}

interface Requirement { key: string; operator: string; values: string[] }

function requirements(s: LabelSelector | undefined): Requirement[] {
  return [
    ...Object.entries(s?.matchLabels ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [v] })),
    ...(s?.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: [...(e.values ?? [])] })),
  ];
}

/** What makes `after` select fewer objects than `before`, as text (empty when it does not). */
export function selectorNarrowing(what: string, before: LabelSelector | undefined, after: LabelSelector | undefined): string[] {
  const old = requirements(before);
  const out: string[] = [];
  for (const r of requirements(after)) {
    const same = old.filter((o) => o.key === r.key && o.operator === r.operator);
    if (same.some((o) => deepEqual([...o.values].sort(), [...r.values].sort()))) continue;
    if (r.operator === 'NotIn' && same.length > 0) {
      const added = r.values.filter((v) => !same.some((o) => o.values.includes(v)));
      if (added.length > 0) out.push(`${what} now excludes ${r.key} ${shortList(added)}`);
      continue;
    }
    if (r.operator === 'In' && same.length > 0) {
      const lost = same.flatMap((o) => o.values).filter((v) => !r.values.includes(v));
      if (lost.length > 0) out.push(`${what} no longer includes ${r.key} ${shortList(lost)}`);
      continue;
    }
    out.push(`${what} adds requirement ${describeSelector({ matchExpressions: [r] })} (was ${describeSelector(before)})`);
  }
  return out;
}
