/**
 * API-server audit rules (audit.k8s.io/v1 `PolicyRule`) as plain typed data,
 * and the API server's way of choosing a rule for a request: rules are tried
 * in order and the first one that matches decides the level.
 *
 * Source: Kubernetes docs, "Auditing" (audit policy, levels, stages) and
 * k8s.io/apiserver/pkg/audit/policy/checker.go (rule matching, including the
 * `*`, `*\/subresource` and `resource/*` forms and prefix `*` in non-resource URLs).
 * No cdk8s types here: the definition schema uses these too.
 */

/** Audit levels, from least to most recorded. */
export const AUDIT_LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
export type AuditLevel = (typeof AUDIT_LEVELS)[number];

/** Audit stages a rule or the policy can omit. */
export const AUDIT_STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] as const;
export type AuditStage = (typeof AUDIT_STAGES)[number];

/** Resources of one API group a rule matches (audit.k8s.io/v1 `GroupResources`). */
export interface AuditGroupResources {
  /** API group; `''` is the core group. */
  readonly group: string;
  /**
   * Resources (`pods`), subresources (`pods/exec`), `*`, `*\/status` or `pods/*`.
   * @default - every resource of the group
   */
  readonly resources?: readonly string[];
  /**
   * Object names.
   * @default - every object
   */
  readonly resourceNames?: readonly string[];
}

/**
 * One audit rule. Every list left out or empty matches everything for that
 * attribute; a rule with `nonResourceURLs` matches only non-resource requests.
 */
export interface AuditRule {
  readonly level: AuditLevel;
  /** Users (authenticated user names) the rule applies to. @default - every user */
  readonly users?: readonly string[];
  /** Groups, any of which the user must be in. @default - every group */
  readonly userGroups?: readonly string[];
  /** Verbs (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`). @default - every verb */
  readonly verbs?: readonly string[];
  /** Resources. @default - every resource */
  readonly resources?: readonly AuditGroupResources[];
  /** Namespaces; `''` matches cluster-scoped objects. @default - every namespace */
  readonly namespaces?: readonly string[];
  /** Non-resource URL paths (`/healthz*`; a trailing `*` is a prefix match). @default - none */
  readonly nonResourceURLs?: readonly string[];
  /** Stages not to record for requests matching this rule. @default - none beyond the policy's */
  readonly omitStages?: readonly AuditStage[];
}

/** A request, as far as audit rule matching looks at it. */
export interface AuditRequest {
  readonly user: string;
  /** @default [] */
  readonly groups?: readonly string[];
  readonly verb: string;
  /** Non-resource URL path, e.g. `/healthz/etcd`; set instead of `resource`. */
  readonly path?: string;
  /** API group; `''` for the core group. @default '' */
  readonly group?: string;
  readonly resource?: string;
  readonly subresource?: string;
  /** Namespace; `''` or left out for cluster-scoped objects. */
  readonly namespace?: string;
  readonly name?: string;
}

function has(list: readonly string[] | undefined, value: string): boolean {
  return list !== undefined && list.includes(value);
}

/** True when the resource part of `rule` (groups, resources, names, namespaces) matches a resource request. */
export function ruleMatchesResource(rule: AuditRule, req: AuditRequest): boolean {
  if (req.path !== undefined || req.resource === undefined) return false;
  if (rule.nonResourceURLs && rule.nonResourceURLs.length > 0) return false;
  if (rule.namespaces && rule.namespaces.length > 0 && !has(rule.namespaces, req.namespace ?? '')) return false;
  if (!rule.resources || rule.resources.length === 0) return true;
  const group = req.group ?? '';
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  for (const gr of rule.resources) {
    if (gr.group !== group) continue;
    if (!gr.resources || gr.resources.length === 0) return true;
    if (gr.resourceNames && gr.resourceNames.length > 0 && !has(gr.resourceNames, req.name ?? '')) continue;
    for (const res of gr.resources) {
      if (res === combined || res === '*') return true;
      if (req.subresource && res.startsWith('*/') && res.slice(2) === req.subresource) return true;
      if (res.endsWith('/*') && res.slice(0, -2) === req.resource) return true;
    }
  }
  return false;
}

function ruleMatchesNonResource(rule: AuditRule, path: string): boolean {
  if ((rule.resources && rule.resources.length > 0) || (rule.namespaces && rule.namespaces.length > 0)) return false;
  if (!rule.nonResourceURLs || rule.nonResourceURLs.length === 0) return true;
  return rule.nonResourceURLs.some((spec) =>
    spec === '*' || spec === path || (spec.endsWith('*') && path.startsWith(spec.slice(0, -1))));
}

/** True when `rule` matches `req` (users, groups, verbs, then resource or non-resource part). */
export function ruleMatches(rule: AuditRule, req: AuditRequest): boolean {
  if (rule.users && rule.users.length > 0 && !has(rule.users, req.user)) return false;
  if (rule.userGroups && rule.userGroups.length > 0 && !(req.groups ?? []).some((g) => has(rule.userGroups, g))) return false;
  if (rule.verbs && rule.verbs.length > 0 && !has(rule.verbs, req.verb)) return false;
  return req.path !== undefined ? ruleMatchesNonResource(rule, req.path) : ruleMatchesResource(rule, req);
}

/** What the policy records for a request: the level, and the index of the deciding rule (-1: none, level None). */
export interface AuditDecision {
  readonly level: AuditLevel;
  readonly rule: number;
}

/** Evaluates `rules` in order for `req`; the first matching rule wins, no match means `None`. */
export function auditDecision(rules: readonly AuditRule[], req: AuditRequest): AuditDecision {
  const rule = rules.findIndex((r) => ruleMatches(r, req));
  return { level: rule < 0 ? 'None' : rules[rule].level, rule };
}

/** The level recorded for `req` under `rules`. */
export function auditLevel(rules: readonly AuditRule[], req: AuditRequest): AuditLevel {
  return auditDecision(rules, req).level;
}

/** True when level `a` records more than level `b`. */
export function levelAbove(a: AuditLevel, b: AuditLevel): boolean {
  return AUDIT_LEVELS.indexOf(a) > AUDIT_LEVELS.indexOf(b);
}

/**
 * Resources whose bodies must never be recorded: their requests and responses
 * carry credentials or arbitrary configuration, so they are logged at
 * `Metadata` at most. Source: CIS Kubernetes Benchmark 3.2.2 and the GCE
 * master audit policy (cluster/gce/gci/configure-helper.sh).
 */
export const SENSITIVE_RESOURCES: readonly { readonly group: string; readonly resource: string; readonly subresource?: string }[] = [
  { group: '', resource: 'secrets' },
  { group: '', resource: 'configmaps' },
  { group: '', resource: 'serviceaccounts', subresource: 'token' },
  { group: 'authentication.k8s.io', resource: 'tokenreviews' },
];

/** `secrets`, `serviceaccounts/token`, `authentication.k8s.io/tokenreviews`: a sensitive resource for messages. */
export function describeSensitive(s: (typeof SENSITIVE_RESOURCES)[number]): string {
  const res = s.subresource ? `${s.resource}/${s.subresource}` : s.resource;
  return s.group ? `${s.group}/${res}` : res;
}

/**
 * The sensitive resources whose requests `rule` can match, ignoring users,
 * verbs and namespaces (any of them could apply). Used to refuse rules that
 * would record a Secret's or token's body.
 */
export function sensitiveResourcesMatched(rule: Pick<AuditRule, 'resources' | 'nonResourceURLs'>): (typeof SENSITIVE_RESOURCES)[number][] {
  // Object names are ignored: a rule limited to some names still records those objects' bodies.
  const resources = rule.resources?.map((gr) => ({ group: gr.group, resources: gr.resources }));
  return SENSITIVE_RESOURCES.filter((s) => ruleMatchesResource(
    { level: 'None', resources, nonResourceURLs: rule.nonResourceURLs },
    { user: '', verb: 'get', group: s.group, resource: s.resource, subresource: s.subresource },
  ));
}

/**
 * Checks that no rule records more than `Metadata` for a sensitive resource:
 * a rule above Metadata that can match one must come after a rule that
 * catches that resource unconditionally (no users, groups, verbs or
 * namespaces) at Metadata or below.
 *
 * @returns one message per offending rule, naming its index and the resources
 */
export function sensitiveLevelViolations(rules: readonly AuditRule[]): string[] {
  const caught = new Set<string>();
  const out: string[] = [];
  rules.forEach((rule, i) => {
    const matched = sensitiveResourcesMatched(rule).map(describeSensitive).filter((s) => !caught.has(s));
    if (matched.length === 0) return;
    if (levelAbove(rule.level, 'Metadata')) {
      out.push(`rules[${i}] records ${rule.level} for ${matched.join(', ')}; Secrets, ConfigMaps and tokens are logged at Metadata at most (CIS 3.2.2)`);
      return;
    }
    const unconditional = [rule.users, rule.userGroups, rule.verbs, rule.namespaces].every((l) => !l || l.length === 0)
      && (rule.resources ?? []).every((gr) => !gr.resourceNames || gr.resourceNames.length === 0);
    if (unconditional) matched.forEach((m) => caught.add(m));
  });
  return out;
}
