/**
 * Evaluates Kubernetes RBAC rules the way the API server's RBAC authorizer
 * does, for checking what a rendered Role or ClusterRole really grants.
 *
 * Source: Kubernetes docs, "Using RBAC Authorization" (referring to resources,
 * subresources, resourceNames and `*`), and
 * k8s.io/kubernetes/pkg/apis/rbac/v1/evaluation_helpers.go.
 */

/** An RBAC PolicyRule as rendered (rbac.authorization.k8s.io/v1). */
export interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
  readonly verbs: readonly string[];
}

/** A request to authorise: a verb on a resource (or a non-resource URL). */
export interface AccessRequest {
  readonly verb: string;
  /** API group; `''` for the core group. */
  readonly group?: string;
  /** Resource, e.g. `pods`. */
  readonly resource?: string;
  /** Subresource, e.g. `exec` for `pods/exec`. */
  readonly subresource?: string;
  /** Object name, when the request names one. */
  readonly name?: string;
  /** Non-resource URL such as `/healthz`, instead of a resource. */
  readonly nonResourceURL?: string;
}

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.includes('*') || rule.verbs.includes(verb);
}

function groupMatches(rule: PolicyRule, group: string): boolean {
  const groups = rule.apiGroups ?? [];
  return groups.includes('*') || groups.includes(group);
}

function resourceMatches(rule: PolicyRule, resource: string, subresource?: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (subresource && (r === `*/${subresource}` || r === `${resource}/*`)) return true;
  }
  return false;
}

function nameMatches(rule: PolicyRule, name?: string): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return name !== undefined && names.includes(name);
}

function urlMatches(rule: PolicyRule, url: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === url) return true;
    if (u.endsWith('*') && url.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

/** True when one rule allows the request. */
export function ruleAllows(rule: PolicyRule, req: AccessRequest): boolean {
  if (!verbMatches(rule, req.verb)) return false;
  if (req.nonResourceURL !== undefined) return urlMatches(rule, req.nonResourceURL);
  if (req.resource === undefined) return false;
  return groupMatches(rule, req.group ?? '')
    && resourceMatches(rule, req.resource, req.subresource)
    && nameMatches(rule, req.name);
}

/** True when any of `rules` allows the request (RBAC is purely additive). */
export function rulesAllow(rules: readonly PolicyRule[], req: AccessRequest): boolean {
  return rules.some((r) => ruleAllows(r, req));
}

/** Formats a request for messages, e.g. `create apps/deployments` or `create pods/exec`. */
export function describeRequest(req: AccessRequest): string {
  if (req.nonResourceURL !== undefined) return `${req.verb} ${req.nonResourceURL}`;
  const res = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const group = req.group ? `${req.group}/` : '';
  return `${req.verb} ${group}${res}${req.name ? ` ${req.name}` : ''}`;
}

/**
 * True when `holder` allows everything `rules` grant — the API server's test
 * before it lets a user create a RoleBinding to a role without the `bind`
 * verb ("escalation prevention"). `rules` must list verbs, groups and
 * resources explicitly; a `*` in them is only covered by a `*` in `holder`.
 *
 * @returns the grants of `rules` that `holder` lacks, as text; empty when covered
 */
export function uncoveredGrants(holder: readonly PolicyRule[], rules: readonly PolicyRule[]): string[] {
  const missing: string[] = [];
  for (const rule of rules) {
    for (const verb of rule.verbs) {
      if (rule.nonResourceURLs && rule.nonResourceURLs.length > 0) {
        for (const url of rule.nonResourceURLs) {
          if (!rulesAllow(holder, { verb, nonResourceURL: url })) missing.push(`${verb} ${url}`);
        }
        continue;
      }
      for (const group of rule.apiGroups ?? []) {
        for (const full of rule.resources ?? []) {
          const [resource, subresource] = full.split('/');
          const names = rule.resourceNames && rule.resourceNames.length > 0 ? rule.resourceNames : [undefined];
          for (const name of names) {
            const req = { verb, group, resource, subresource, name };
            if (!rulesAllow(holder, req)) missing.push(describeRequest(req));
          }
        }
      }
    }
  }
  return missing;
}
