/**
 * Audit risks: the API server's audit Policy (`audit.k8s.io/v1` `Policy`,
 * rendered into `control-plane/`) records some request at a lower level, or
 * records fewer stages, than before — or the policy is removed.
 *
 * Rules are evaluated as the API server does: in order, the first rule whose
 * users, userGroups, verbs, namespaces, resources (group, resources with `*`,
 * `*∕sub` and `res∕*` forms, resourceNames) or nonResourceURLs (exact, or
 * prefix with a trailing `*`) all match decides the level; no match means
 * `None`. Both policies are evaluated on probe requests built from every
 * rule of either policy (each listed value in turn), plus generic requests,
 * so a reordered, narrowed, lowered or removed rule shows up as the requests
 * it no longer records fully.
 * Source: Kubernetes docs, "Auditing"; k8s.io/apiserver/pkg/audit/policy/checker.go.
 */
import { DistChange } from '../dist-diff';
import { flag, RiskContext, sides } from './detector';
import { RiskFlag } from './rules';

/** Audit levels from least to most detailed. */
export const AUDIT_LEVEL_ORDER = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;

/** Stages an audit event can be recorded at. */
const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];

/** An audit.k8s.io/v1 PolicyRule. */
export interface AuditPolicyRule {
  readonly level: string;
  readonly users?: readonly string[];
  readonly userGroups?: readonly string[];
  readonly verbs?: readonly string[];
  readonly resources?: readonly { readonly group?: string; readonly resources?: readonly string[]; readonly resourceNames?: readonly string[] }[];
  readonly namespaces?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
  readonly omitStages?: readonly string[];
}

/** An audit.k8s.io/v1 Policy. */
export interface AuditPolicy {
  readonly rules?: readonly AuditPolicyRule[];
  readonly omitStages?: readonly string[];
}

/** A request as the audit policy sees it. */
export interface AuditRequest {
  readonly user: string;
  readonly groups: readonly string[];
  readonly verb: string;
  /** Set for resource requests. */
  readonly resource?: { readonly group: string; readonly resource: string; readonly subresource?: string; readonly namespace: string; readonly name?: string };
  /** Set for non-resource requests, e.g. `/healthz`. */
  readonly nonResourceURL?: string;
}

/** How a policy records a request: its level, the stages recorded and the deciding rule (index, -1 for none). */
export interface AuditDecision {
  readonly level: string;
  readonly stages: readonly string[];
  readonly rule: number;
}

const has = (list: readonly string[] | undefined, v: string) => !list || list.length === 0 || list.includes(v);

/** True when `rule` matches `req` (checker.go `ruleMatches`). */
export function auditRuleMatches(rule: AuditPolicyRule, req: AuditRequest): boolean {
  if (!has(rule.users, req.user)) return false;
  if (rule.userGroups && rule.userGroups.length > 0 && !req.groups.some((g) => rule.userGroups!.includes(g))) return false;
  if (!has(rule.verbs, req.verb)) return false;
  if (req.resource) {
    if ((rule.nonResourceURLs ?? []).length > 0) return false;
    if ((rule.namespaces ?? []).length > 0 && !rule.namespaces!.includes(req.resource.namespace)) return false;
    if ((rule.resources ?? []).length === 0) return true;
    const r = req.resource;
    const combined = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
    return rule.resources!.some((gr) => (gr.group ?? '') === r.group && (
      (gr.resources ?? []).length === 0
      || gr.resources!.some((res) => ((gr.resourceNames ?? []).length === 0 || (r.name !== undefined && gr.resourceNames!.includes(r.name)))
        && (res === combined || res === '*'
          || (!!r.subresource && res.startsWith('*/') && res.slice(2) === r.subresource)
          || (res.endsWith('/*') && res.slice(0, -2) === r.resource)))));
  }
  if ((rule.namespaces ?? []).length > 0 || (rule.resources ?? []).length > 0) return false;
  if ((rule.nonResourceURLs ?? []).length === 0) return true;
  return rule.nonResourceURLs!.some((u) => u === req.nonResourceURL || (u.endsWith('*') && req.nonResourceURL!.startsWith(u.slice(0, -1))));
}

/** How `policy` records `req`. */
export function auditDecision(policy: AuditPolicy, req: AuditRequest): AuditDecision {
  const rules = policy.rules ?? [];
  const index = rules.findIndex((r) => auditRuleMatches(r, req));
  if (index < 0) return { level: 'None', stages: [], rule: -1 };
  const rule = rules[index];
  if (rule.level === 'None') return { level: 'None', stages: [], rule: index };
  const omitted = new Set([...(policy.omitStages ?? []), ...(rule.omitStages ?? [])]);
  return { level: rule.level, stages: STAGES.filter((s) => !omitted.has(s)), rule: index };
}

/** Requests that exercise every rule of `policies`: one per listed value of each field, plus generic ones. */
export function probeRequests(policies: readonly AuditPolicy[]): AuditRequest[] {
  const probes: AuditRequest[] = [
    { user: 'probe-user', groups: ['system:authenticated'], verb: 'get', resource: { group: '', resource: 'pods', namespace: 'default', name: 'probe' } },
    { user: 'probe-user', groups: ['system:authenticated'], verb: 'get', resource: { group: '', resource: 'secrets', namespace: 'default', name: 'probe' } },
    { user: 'probe-user', groups: ['system:authenticated'], verb: 'create', resource: { group: '', resource: 'pods', subresource: 'exec', namespace: 'default', name: 'probe' } },
    { user: 'probe-user', groups: ['system:authenticated'], verb: 'get', nonResourceURL: '/version' },
  ];
  for (const policy of policies) {
    for (const rule of policy.rules ?? []) probes.push(...probesFor(rule));
  }
  return probes;
}

function probesFor(rule: AuditPolicyRule): AuditRequest[] {
  const first = <T>(list: readonly T[] | undefined, fallback: T) => (list && list.length > 0 ? list[0] : fallback);
  const base = {
    user: first(rule.users, 'probe-user'),
    groups: [first(rule.userGroups, 'system:authenticated')],
    verb: first(rule.verbs, 'get'),
  };
  const out: AuditRequest[] = [];
  const vary = (make: (b: typeof base) => AuditRequest) => {
    out.push(make(base));
    for (const user of rule.users ?? []) out.push(make({ ...base, user }));
    for (const group of rule.userGroups ?? []) out.push(make({ ...base, groups: [group] }));
    for (const verb of rule.verbs ?? []) out.push(make({ ...base, verb }));
  };
  if ((rule.nonResourceURLs ?? []).length > 0) {
    for (const u of rule.nonResourceURLs!) vary((b) => ({ ...b, nonResourceURL: u.endsWith('*') ? `${u.slice(0, -1)}probe` : u }));
    return out;
  }
  const namespaces = rule.namespaces && rule.namespaces.length > 0 ? rule.namespaces : ['probe-ns'];
  const targets = (rule.resources ?? []).length > 0
    ? rule.resources!.flatMap((gr) => ((gr.resources ?? []).length > 0 ? gr.resources! : ['probe-resources'])
      .flatMap((res) => ((gr.resourceNames ?? []).length > 0 ? gr.resourceNames! : [undefined])
        .map((name) => ({ group: gr.group ?? '', ...splitResource(res), name }))))
    : [{ group: '', resource: 'configmaps', subresource: undefined, name: undefined }];
  for (const namespace of namespaces) {
    for (const t of targets) vary((b) => ({ ...b, resource: { ...t, namespace } }));
  }
  return out;
}

function splitResource(res: string): { resource: string; subresource?: string } {
  const [resource, subresource] = res.split('/');
  return {
    resource: resource === '*' ? 'probe-resources' : resource,
    subresource: subresource === '*' ? 'probe-sub' : subresource,
  };
}

/** The request as text: `get core/secrets in default by probe-user (system:authenticated)`. */
export function describeAuditRequest(req: AuditRequest): string {
  const who = `${req.user} (${req.groups.join(', ')})`;
  if (req.nonResourceURL !== undefined) return `${req.verb} ${req.nonResourceURL} by ${who}`;
  const r = req.resource!;
  const what = `${r.group || 'core'}/${r.resource}${r.subresource ? `/${r.subresource}` : ''}${r.name ? ` ${r.name}` : ''}`;
  return `${req.verb} ${what} in ${r.namespace || '(cluster)'} by ${who}`;
}

/** Risk flags for audit Policies (audit.k8s.io). */
export function auditPolicyRisks(change: DistChange, _ctx: RiskContext): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  if (group !== 'audit.k8s.io' || kind !== 'Policy' || !before) return [];
  if (!after) return [flag('audit-lowered', change, 'audit Policy removed: the API server no longer records what it did')];
  const oldPolicy = before as AuditPolicy;
  const newPolicy = after as AuditPolicy;
  const out: RiskFlag[] = [];
  const addedOmits = (newPolicy.omitStages ?? []).filter((s) => !(oldPolicy.omitStages ?? []).includes(s));
  if (addedOmits.length > 0) out.push(flag('audit-lowered', change, `no longer records stage ${addedOmits.join(', ')} for any request`));
  const seen = new Set<string>();
  for (const req of probeRequests([oldPolicy, newPolicy])) {
    const o = auditDecision(oldPolicy, req);
    const n = auditDecision(newPolicy, req);
    const lowered = AUDIT_LEVEL_ORDER.indexOf(n.level as never) < AUDIT_LEVEL_ORDER.indexOf(o.level as never);
    const lostStages = n.level === o.level ? o.stages.filter((s) => !n.stages.includes(s) && !addedOmits.includes(s)) : [];
    if (!lowered && lostStages.length === 0) continue;
    const key = `${o.rule}>${n.rule}`;
    if (seen.has(key)) continue; // one flag per pair of deciding rules
    seen.add(key);
    const was = o.rule >= 0 ? `rules[${o.rule}]` : 'no rule';
    const now = n.rule >= 0 ? `rules[${n.rule}]` : 'no rule (None)';
    out.push(flag('audit-lowered', change, lowered
      ? `records ${describeAuditRequest(req)} at ${n.level} instead of ${o.level} (decided by ${now}, before by ${was})`
      : `no longer records stage ${lostStages.join(', ')} of ${describeAuditRequest(req)} (${now})`));
  }
  return out;
}
