/**
 * How the API server classifies a request with API Priority and Fairness:
 * which FlowSchema matches it, hence which priority level serves it, and the
 * flow distinguisher that picks its queues.
 *
 * Modelled on k8s.io/apiserver as of Kubernetes 1.28 (flowcontrol v1beta3
 * and v1 share this logic):
 * - `pkg/util/flowcontrol/rule.go`: `matchesFlowSchema` (any rule matches),
 *   `matchesPolicyRule` (any subject, and any resource rule for a resource
 *   request or any non-resource rule otherwise), `matchesSubject` (User by
 *   name or `*`; Group by membership or `*`; ServiceAccount by the user name
 *   `system:serviceaccount:<ns>:<name>`, name `*` = any in the namespace),
 *   `matchesResourcePolicyRule` (verb, group, resource incl. `res/sub`;
 *   a request without namespace only when `clusterScope`, one with a
 *   namespace when `namespaces` has it or `*`), `matchesNonResourcePolicyRule`
 *   (verb; URL exact, `*`, or a `/prefix/*` pattern);
 * - `pkg/util/flowcontrol/apf_controller.go`: FlowSchemas are tried in
 *   ascending `matchingPrecedence`, ties by name (`fsSeq.Less`); the first
 *   match wins; the flow distinguisher is the user name (ByUser), the
 *   request's namespace (ByNamespace, `''` when it has none) or `''` (no
 *   method); a FlowSchema whose priority level does not exist is skipped
 *   (dangling).
 *
 * The built-in objects are those of
 * `pkg/apis/flowcontrol/bootstrap/default.go` (Kubernetes 1.28): the FlowSchemas
 * of {@link BUILTIN_FLOW_SCHEMAS} with their real precedences, subjects and
 * rules, and the priority levels they name.
 *
 * Requests arrive here after authentication and impersonation (the API
 * server's handler chain, `pkg/server/config.go` DefaultBuildHandlerChain,
 * runs WithImpersonation before WithPriorityAndFairness), so a request Argo CD
 * or Flux makes while impersonating a ServiceAccount is that ServiceAccount's.
 */

export interface Subject {
  readonly kind: 'User' | 'Group' | 'ServiceAccount';
  readonly user?: { name: string };
  readonly group?: { name: string };
  readonly serviceAccount?: { namespace: string; name: string };
}
export interface ResourceRule {
  readonly verbs: string[];
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly clusterScope?: boolean;
  readonly namespaces?: string[];
}
export interface NonResourceRule {
  readonly verbs: string[];
  readonly nonResourceURLs: string[];
}
export interface FlowSchema {
  readonly metadata: { name: string };
  readonly spec: {
    readonly matchingPrecedence: number;
    readonly priorityLevelConfiguration: { name: string };
    readonly distinguisherMethod?: { type: 'ByUser' | 'ByNamespace' };
    readonly rules?: { subjects: Subject[]; resourceRules?: ResourceRule[]; nonResourceRules?: NonResourceRule[] }[];
  };
}

/** An authenticated (and, where impersonating, impersonated) request. */
export interface ApfRequest {
  readonly user: string;
  readonly groups: readonly string[];
  readonly verb: string;
  /** A resource request: group (`''` core), resource, optional subresource and namespace (none for cluster-scoped or all-namespace requests). */
  readonly resource?: { group: string; resource: string; subresource?: string; namespace?: string };
  /** A non-resource request, e.g. `/apis`. */
  readonly path?: string;
}

export interface Classification {
  readonly flowSchema: string;
  readonly priorityLevel: string;
  readonly distinguisher: string;
}

const SA_PREFIX = 'system:serviceaccount:';

function matchesSubject(s: Subject, r: ApfRequest): boolean {
  switch (s.kind) {
    case 'User': return s.user!.name === '*' || s.user!.name === r.user;
    case 'Group': return s.group!.name === '*' || r.groups.includes(s.group!.name);
    case 'ServiceAccount': {
      const { namespace, name } = s.serviceAccount!;
      if (name === '*') return r.user.startsWith(`${SA_PREFIX}${namespace}:`);
      return r.user === `${SA_PREFIX}${namespace}:${name}`;
    }
  }
}

const has = (list: readonly string[] | undefined, v: string, all = '*') => (list ?? []).some((x) => x === all || x === v);

function matchesResourceRule(rule: ResourceRule, r: ApfRequest): boolean {
  const res = r.resource!;
  const resource = res.subresource ? `${res.resource}/${res.subresource}` : res.resource;
  if (!has(rule.verbs, r.verb) || !has(rule.apiGroups, res.group) || !has(rule.resources, resource)) return false;
  if (res.namespace === undefined || res.namespace === '') return rule.clusterScope === true;
  return has(rule.namespaces, res.namespace);
}

function matchesNonResourceRule(rule: NonResourceRule, r: ApfRequest): boolean {
  if (!has(rule.verbs, r.verb)) return false;
  return rule.nonResourceURLs.some((u) => u === '*' || u === r.path || (u.endsWith('/*') && r.path!.startsWith(u.slice(0, -1))));
}

function matchesFlowSchema(fs: FlowSchema, r: ApfRequest): boolean {
  return (fs.spec.rules ?? []).some((rule) => rule.subjects.some((s) => matchesSubject(s, r)) && (r.resource
    ? (rule.resourceRules ?? []).some((rr) => matchesResourceRule(rr, r))
    : (rule.nonResourceRules ?? []).some((nr) => matchesNonResourceRule(nr, r))));
}

/**
 * The FlowSchema, priority level and flow distinguisher the API server gives
 * `request` under `flowSchemas` (built-in and rendered together).
 *
 * @param priorityLevels names of the priority levels that exist; FlowSchemas naming another are dangling and skipped
 * @throws Error when no FlowSchema matches (the mandatory `catch-all` matches every authenticated request)
 */
export function classify(flowSchemas: readonly FlowSchema[], priorityLevels: readonly string[], request: ApfRequest): Classification {
  const ordered = [...flowSchemas].sort((a, b) => a.spec.matchingPrecedence - b.spec.matchingPrecedence || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  for (const fs of ordered) {
    if (!priorityLevels.includes(fs.spec.priorityLevelConfiguration.name) || !matchesFlowSchema(fs, request)) continue;
    const method = fs.spec.distinguisherMethod?.type;
    const distinguisher = method === 'ByUser' ? request.user : method === 'ByNamespace' ? request.resource?.namespace ?? '' : '';
    return { flowSchema: fs.metadata.name, priorityLevel: fs.spec.priorityLevelConfiguration.name, distinguisher };
  }
  throw new Error(`no FlowSchema matches ${JSON.stringify(request)}`);
}

const ALL = { verbs: ['*'], apiGroups: ['*'], resources: ['*'], clusterScope: true, namespaces: ['*'] };
const ALL_URLS = [{ verbs: ['*'], nonResourceURLs: ['*'] }];
const group = (name: string): Subject => ({ kind: 'Group', group: { name } });
const user = (name: string): Subject => ({ kind: 'User', user: { name } });
const kubeSystemSA = (name: string): Subject => ({ kind: 'ServiceAccount', serviceAccount: { namespace: 'kube-system', name } });
const fs = (name: string, level: string, precedence: number, method: 'ByUser' | 'ByNamespace' | undefined, subjects: Subject[], resourceRules: ResourceRule[], nonResourceRules: NonResourceRule[] = []): FlowSchema => ({
  metadata: { name },
  spec: { matchingPrecedence: precedence, priorityLevelConfiguration: { name: level }, ...(method ? { distinguisherMethod: { type: method } } : {}), rules: [{ subjects, resourceRules, nonResourceRules }] },
});
const leaderElection = (namespaces: string[]): ResourceRule[] => [
  { verbs: ['get', 'create', 'update'], apiGroups: [''], resources: ['endpoints', 'configmaps'], namespaces },
  { verbs: ['get', 'create', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ['*'] },
];

/** The API server's bootstrap FlowSchemas (bootstrap/default.go: mandatory and suggested), with their real precedences. */
export const BUILTIN_FLOW_SCHEMAS: readonly FlowSchema[] = [
  fs('exempt', 'exempt', 1, undefined, [group('system:masters')], [ALL], ALL_URLS),
  fs('probes', 'exempt', 2, undefined, [group('system:unauthenticated'), group('system:authenticated')], [], [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }]),
  fs('system-leader-election', 'leader-election', 100, 'ByUser',
    [user('system:kube-controller-manager'), user('system:kube-scheduler'), kubeSystemSA('*')], leaderElection(['kube-system'])),
  fs('endpoint-controller', 'workload-high', 150, 'ByUser',
    [user('system:kube-controller-manager'), kubeSystemSA('endpoint-controller'), kubeSystemSA('endpointslicemirroring-controller')],
    [{ verbs: ['get', 'create', 'update'], apiGroups: [''], resources: ['endpoints'], namespaces: ['*'] }]),
  fs('workload-leader-election', 'leader-election', 200, 'ByUser', [kubeSystemSA('*')], leaderElection(['*'])),
  fs('system-node-high', 'node-high', 400, 'ByUser', [group('system:nodes')], [
    { verbs: ['*'], apiGroups: [''], resources: ['nodes', 'nodes/status'], clusterScope: true, namespaces: ['*'] },
    { verbs: ['*'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ['*'] },
  ]),
  fs('system-nodes', 'system', 500, 'ByUser', [group('system:nodes')], [ALL], ALL_URLS),
  fs('kube-controller-manager', 'workload-high', 800, 'ByNamespace', [user('system:kube-controller-manager')], [ALL], ALL_URLS),
  fs('kube-scheduler', 'workload-high', 800, 'ByNamespace', [user('system:kube-scheduler')], [ALL], ALL_URLS),
  fs('kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', [kubeSystemSA('*')], [ALL], ALL_URLS),
  fs('service-accounts', 'workload-low', 9000, 'ByUser', [group('system:serviceaccounts')], [ALL], ALL_URLS),
  fs('global-default', 'global-default', 9900, 'ByUser', [group('system:unauthenticated'), group('system:authenticated')], [ALL], ALL_URLS),
  fs('catch-all', 'catch-all', 10000, 'ByUser', [group('system:unauthenticated'), group('system:authenticated')], [ALL], ALL_URLS),
];

/** The bootstrap priority levels (bootstrap/default.go). */
export const BUILTIN_PRIORITY_LEVELS: readonly string[] = ['exempt', 'catch-all', 'system', 'node-high', 'leader-election', 'workload-high', 'workload-low', 'global-default'];

/** A ServiceAccount as the API server authenticates it (user name and groups; k8s.io/apiserver/pkg/authentication/serviceaccount). */
export function serviceAccountUser(namespace: string, name: string): Pick<ApfRequest, 'user' | 'groups'> {
  return { user: `${SA_PREFIX}${namespace}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'] };
}
