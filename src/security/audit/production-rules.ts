/**
 * The platform's production audit rules, modelled on the GCE/GKE master
 * audit policy (kubernetes/kubernetes cluster/gce/gci/configure-helper.sh,
 * `create-master-audit-policy`) and CIS Kubernetes Benchmark 3.2.1 (a minimal
 * audit policy exists) and 3.2.2 (it covers Secrets, ConfigMaps, token
 * reviews, exec/attach/port-forward/proxy and changes to pods and RBAC).
 *
 * Order is the contract (first match wins):
 * 1. Secrets, ConfigMaps, TokenReviews, `serviceaccounts/token`: Metadata —
 *    first, so no later rule can record their bodies or drop them.
 * 2. Every request of the break-glass groups: RequestResponse (after rule 1,
 *    so Secrets stay at Metadata even then).
 * 3. High-volume system reads and health probes: None.
 * 4. `pods/exec|attach|portforward|proxy`, `services/proxy`, `nodes/proxy`:
 *    Metadata, always (who, what, when; the command is in the request URI).
 * 5. Changes to RBAC and to the tenant guardrails (namespaces,
 *    resourcequotas, limitranges, networkpolicies, admission policies and
 *    the platform's custom resources): RequestResponse.
 * 6. (tenant rules raising the level for their own namespaces)
 * 7. Every other write: Request.
 * 8. Everything else: Metadata.
 * The policy omits the `RequestReceived` stage for every request.
 */
import { AuditGroupResources, AuditRule } from '../../spec/audit-rules';

/** Verbs that change objects. */
export const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;

/** Rule 1: the resources whose bodies are never logged. */
export const SENSITIVE_RULE: AuditRule = {
  level: 'Metadata',
  resources: [
    { group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] },
    { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
  ],
};

/** Rules 2: high-volume, low-risk requests that are not recorded at all. */
export const NOISE_RULES: readonly AuditRule[] = [
  {
    level: 'None',
    users: ['system:kube-proxy'],
    verbs: ['watch'],
    resources: [
      { group: '', resources: ['endpoints', 'services', 'services/status'] },
      { group: 'discovery.k8s.io', resources: ['endpointslices'] },
    ],
  },
  {
    level: 'None',
    userGroups: ['system:nodes'],
    verbs: ['get'],
    resources: [{ group: '', resources: ['nodes', 'nodes/status'] }],
  },
  {
    level: 'None',
    users: [
      'system:kube-controller-manager',
      'system:cloud-controller-manager',
      'system:kube-scheduler',
      'system:serviceaccount:kube-system:endpoint-controller',
    ],
    verbs: ['get', 'update'],
    namespaces: ['kube-system'],
    resources: [
      { group: '', resources: ['endpoints'] },
      { group: 'coordination.k8s.io', resources: ['leases'] },
    ],
  },
  {
    level: 'None',
    users: ['system:apiserver'],
    verbs: ['get'],
    resources: [{ group: '', resources: ['namespaces', 'namespaces/status', 'namespaces/finalize'] }],
  },
  {
    level: 'None',
    users: ['system:kube-controller-manager', 'system:cloud-controller-manager'],
    verbs: ['get', 'list'],
    resources: [{ group: 'metrics.k8s.io' }],
  },
  {
    level: 'None',
    nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version'],
  },
  {
    level: 'None',
    resources: [
      { group: '', resources: ['events'] },
      { group: 'events.k8s.io', resources: ['events'] },
    ],
  },
];

/** Rule 3: interactive access to pods, services and nodes. */
export const INTERACTIVE_RULE: AuditRule = {
  level: 'Metadata',
  resources: [
    { group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward', 'pods/proxy', 'services/proxy', 'nodes/proxy'] },
  ],
};

/**
 * What rule 4 records in full: RBAC, the tenant guardrails, admission
 * policies, and the custom resources the platform governs itself with
 * (Gatekeeper, External Secrets stores, Argo CD projects and applications,
 * Flux sources and Kustomizations, CRDs).
 */
export const GUARDRAIL_RESOURCES: readonly AuditGroupResources[] = [
  { group: '', resources: ['namespaces', 'resourcequotas', 'limitranges', 'serviceaccounts'] },
  { group: 'rbac.authorization.k8s.io' },
  { group: 'networking.k8s.io', resources: ['networkpolicies'] },
  { group: 'admissionregistration.k8s.io' },
  { group: 'apiextensions.k8s.io', resources: ['customresourcedefinitions'] },
  { group: 'templates.gatekeeper.sh' },
  { group: 'constraints.gatekeeper.sh' },
  { group: 'external-secrets.io', resources: ['clustersecretstores', 'secretstores', 'externalsecrets'] },
  { group: 'argoproj.io', resources: ['appprojects', 'applications', 'applicationsets'] },
  { group: 'kustomize.toolkit.fluxcd.io' },
  { group: 'source.toolkit.fluxcd.io' },
];

/** Rule 4: changes to RBAC and guardrails, with request and response. */
export const GUARDRAIL_RULE: AuditRule = { level: 'RequestResponse', verbs: [...WRITE_VERBS], resources: GUARDRAIL_RESOURCES };

/** Rule 6: every other change, with its request. */
export const WRITE_RULE: AuditRule = { level: 'Request', verbs: [...WRITE_VERBS] };

/** Rule 7: the catch-all. */
export const CATCH_ALL_RULE: AuditRule = { level: 'Metadata' };

/**
 * The production rules, with `tenantRules` (already limited to the tenants'
 * namespaces) placed after the guardrails and before the generic write rule,
 * where they can only raise the level: sensitive resources, noise,
 * interactive access and guardrail changes are decided before them.
 *
 * @param tenantRules rules raising the level in tenant namespaces, in order
 * @param breakGlassGroups the break-glass groups (client certificates), audited in full
 * @returns rules 1–8 as listed in this file's description
 */
export function productionAuditRules(tenantRules: readonly AuditRule[] = [], breakGlassGroups: readonly string[] = []): AuditRule[] {
  const breakGlass: AuditRule[] = breakGlassGroups.length > 0 ? [{ level: 'RequestResponse', userGroups: [...breakGlassGroups] }] : [];
  return [SENSITIVE_RULE, ...breakGlass, ...NOISE_RULES, INTERACTIVE_RULE, GUARDRAIL_RULE, ...tenantRules, WRITE_RULE, CATCH_ALL_RULE];
}
