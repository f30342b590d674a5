/**
 * RBAC for the people who run the platform, outside any tenant:
 *
 * - `security-auditor`: reads every kind of object the platform and its
 *   tenants use — RBAC, admission policies and their Gatekeeper audit
 *   results, Pod Security labels, NetworkPolicies, quotas, workloads,
 *   ExternalSecrets (store keys, no values) — and never Secrets.
 * - `platform-admin`: the auditor's reads plus the day-2 operations that are
 *   not changes of desired state (cordon nodes, evict and delete pods,
 *   restart and scale workloads, trigger Argo CD/Flux/ESO reconciliation).
 *   Desired state — RBAC, policies, namespaces — changes through Git only,
 *   applied by the GitOps controller; no `exec`, no Secrets.
 * - `break-glass`: the only binding to the built-in `cluster-admin`, to
 *   client-certificate groups (a certificate the cluster CA signs with
 *   `O=<group>`, kept offline), never to an OIDC group — it does not depend
 *   on any identity provider, and the audit policy records its every request.
 *
 * No role here has the `bind`, `escalate` or `impersonate` verbs or a
 * wildcard, except `cluster-admin` itself.
 *
 * Source: Kubernetes docs, "Using RBAC Authorization" (default roles,
 * privilege escalation prevention) and "RBAC Good Practices" (least
 * privilege, avoid wildcards, restrict secrets, exec, bind/escalate/impersonate).
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PlatformAccessSpec } from '../../spec/identity';
import { PolicyRule } from '../rbac-authorizer';
import { READ } from '../../tenancy/tenant-roles';
import { constraintKind } from '../admission/gatekeeper';
import { ADMISSION_POLICIES } from '../admission/library';

/** ClusterRole names. */
export const PLATFORM_ROLE_NAMES = {
  platformAdmin: 'platform-admin',
  securityAuditor: 'security-auditor',
  breakGlass: 'cluster-admin',
} as const;

/** ClusterRoleBinding names. */
export const PLATFORM_BINDING_NAMES = {
  platformAdmin: 'platform-admin',
  securityAuditor: 'security-auditor',
  breakGlass: 'break-glass',
} as const;

/** What the security auditor reads, by API group. Secrets are absent on purpose. */
export const AUDITABLE: Readonly<Record<string, readonly string[]>> = {
  '': ['configmaps', 'endpoints', 'events', 'limitranges', 'namespaces', 'nodes', 'persistentvolumeclaims',
    'persistentvolumes', 'pods', 'replicationcontrollers', 'resourcequotas', 'serviceaccounts', 'services'],
  'admissionregistration.k8s.io': ['mutatingwebhookconfigurations', 'validatingadmissionpolicies',
    'validatingadmissionpolicybindings', 'validatingwebhookconfigurations'],
  'apiextensions.k8s.io': ['customresourcedefinitions'],
  'apiregistration.k8s.io': ['apiservices'],
  'apps': ['controllerrevisions', 'daemonsets', 'deployments', 'replicasets', 'statefulsets'],
  'argoproj.io': ['applications', 'applicationsets', 'appprojects'],
  'autoscaling': ['horizontalpodautoscalers'],
  'batch': ['cronjobs', 'jobs'],
  'certificates.k8s.io': ['certificatesigningrequests'],
  'constraints.gatekeeper.sh': ADMISSION_POLICIES.map((p) => constraintKind(p).toLowerCase()),
  'discovery.k8s.io': ['endpointslices'],
  'events.k8s.io': ['events'],
  'external-secrets.io': ['clustersecretstores', 'externalsecrets', 'secretstores'],
  'flowcontrol.apiserver.k8s.io': ['flowschemas', 'prioritylevelconfigurations'],
  'kustomize.toolkit.fluxcd.io': ['kustomizations'],
  'networking.k8s.io': ['ingressclasses', 'ingresses', 'networkpolicies'],
  'node.k8s.io': ['runtimeclasses'],
  'policy': ['poddisruptionbudgets'],
  'rbac.authorization.k8s.io': ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'],
  'scheduling.k8s.io': ['priorityclasses'],
  'source.toolkit.fluxcd.io': ['gitrepositories', 'helmrepositories'],
  'storage.k8s.io': ['csidrivers', 'storageclasses', 'volumeattachments'],
  'templates.gatekeeper.sh': ['constrainttemplates'],
};

/** The security auditor's rules: read (get, list, watch) on {@link AUDITABLE}, and the API server's version and health. */
export function securityAuditorRules(): PolicyRule[] {
  return [
    ...Object.keys(AUDITABLE).sort().map((group) => ({ apiGroups: [group], resources: [...AUDITABLE[group]].sort(), verbs: [...READ] })),
    { nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version'], verbs: ['get'] },
  ];
}

/** The platform admin's rules: the auditor's reads plus day-2 operations (see the file description). */
export function platformAdminRules(): PolicyRule[] {
  return [
    ...securityAuditorRules(),
    { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
    { apiGroups: [''], resources: ['nodes'], verbs: ['patch', 'update'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
    { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
    { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'statefulsets'], verbs: ['patch'] },
    { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['patch', 'update'] },
    { apiGroups: ['argoproj.io'], resources: ['applications'], verbs: ['patch', 'update'] },
    { apiGroups: ['external-secrets.io'], resources: ['externalsecrets'], verbs: ['patch'] },
    { apiGroups: ['kustomize.toolkit.fluxcd.io'], resources: ['kustomizations'], verbs: ['patch'] },
    { apiGroups: ['source.toolkit.fluxcd.io'], resources: ['gitrepositories', 'helmrepositories'], verbs: ['patch'] },
  ];
}

function toK8s(rules: readonly PolicyRule[]): k8s.PolicyRule[] {
  return rules.map((r) => ({
    apiGroups: r.apiGroups ? [...r.apiGroups] : undefined,
    resources: r.resources ? [...r.resources] : undefined,
    nonResourceUrLs: r.nonResourceURLs ? [...r.nonResourceURLs] : undefined,
    verbs: [...r.verbs],
  }));
}

export interface PlatformRolesProps {
  /** Groups per platform role (`settings.access`), without the prefix. */
  readonly access: PlatformAccessSpec;
  /**
   * Prefix the API server puts before OIDC groups (`oidc.groupPrefix`).
   * @default ''
   */
  readonly groupPrefix?: string;
}

/**
 * ClusterRoles `platform-admin` and `security-auditor`, and the
 * ClusterRoleBindings `platform-admin`, `security-auditor` and `break-glass`
 * (to `cluster-admin`) for the platform's groups.
 *
 * @throws Error when a group is in more than one platform role (break-glass must stay separate)
 */
export class PlatformRoles extends Construct {
  constructor(scope: Construct, id: string, props: PlatformRolesProps) {
    super(scope, id);
    const prefix = props.groupPrefix ?? '';
    const seen = new Map<string, string>();
    for (const role of ['platformAdmin', 'securityAuditor', 'breakGlass'] as const) {
      for (const g of props.access[role].groups) {
        const other = seen.get(g);
        if (other) throw new Error(`PlatformRoles: group "${g}" is in access.${other} and access.${role}; each platform group has one role`);
        seen.set(g, role);
      }
    }
    new k8s.KubeClusterRole(this, 'PlatformAdmin', { metadata: { name: PLATFORM_ROLE_NAMES.platformAdmin }, rules: toK8s(platformAdminRules()) });
    new k8s.KubeClusterRole(this, 'SecurityAuditor', { metadata: { name: PLATFORM_ROLE_NAMES.securityAuditor }, rules: toK8s(securityAuditorRules()) });
    for (const role of ['platformAdmin', 'securityAuditor', 'breakGlass'] as const) {
      // Break-glass groups are client-certificate groups: no OIDC prefix, so no identity provider can assert them.
      const groupName = (g: string) => (role === 'breakGlass' ? g : `${prefix}${g}`);
      new k8s.KubeClusterRoleBinding(this, `${role}Binding`, {
        metadata: { name: PLATFORM_BINDING_NAMES[role] },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: PLATFORM_ROLE_NAMES[role] },
        subjects: [...props.access[role].groups].sort().map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: groupName(g) })),
      });
    }
  }
}
