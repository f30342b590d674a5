/**
 * Attacks by the owner of a tenant's deployment repository: what Argo CD and
 * Flux apply on the tenant's behalf, evaluated with the rendered AppProject
 * (as Argo CD evaluates it: app-project-rules.ts), the rendered Flux
 * lock-down (kustomize-controller v1.9.4 semantics, flux-lockdown.ts) and the
 * RBAC authorizer for the ServiceAccount the engine impersonates — next to
 * the legitimate deployments that must still pass.
 */
import { parse } from 'yaml';
import { controllerServiceAccount } from '../../src/gitops/argocd/argocd-settings';
import { IN_CLUSTER } from '../../src/gitops/argocd/constants';
import { AppProjectSpec, projectAcceptsSource, projectPermits } from '../../src/gitops/argocd/app-project-rules';
import { TENANT_KINDS } from '../../src/gitops/argocd/tenant-app-project';
import { LOCKDOWN_FLAGS } from '../../src/gitops/flux/flux-lockdown';
import { KubeObject } from '../../src/render/manifests';
import { fixtureFiles, fixtureObjects } from '../support/platform';
import { Subject, subjectAllowed } from '../support/service-account-access';

/** Resource (plural) of each kind the tests use, as the API server maps them. */
const RESOURCES: Record<string, string> = {
  ConfigMap: 'configmaps', PersistentVolumeClaim: 'persistentvolumeclaims', Pod: 'pods', Secret: 'secrets', Service: 'services',
  ServiceAccount: 'serviceaccounts', Deployment: 'deployments', StatefulSet: 'statefulsets', HorizontalPodAutoscaler: 'horizontalpodautoscalers',
  CronJob: 'cronjobs', Job: 'jobs', ExternalSecret: 'externalsecrets', PodMonitor: 'podmonitors', ServiceMonitor: 'servicemonitors',
  Ingress: 'ingresses', PodDisruptionBudget: 'poddisruptionbudgets', RoleBinding: 'rolebindings', Role: 'roles', ClusterRoleBinding: 'clusterrolebindings',
  ClusterRole: 'clusterroles', Namespace: 'namespaces', CustomResourceDefinition: 'customresourcedefinitions', NetworkPolicy: 'networkpolicies',
  ResourceQuota: 'resourcequotas', LimitRange: 'limitranges', Application: 'applications', AppProject: 'appprojects', Kustomization: 'kustomizations',
  GitRepository: 'gitrepositories', HelmRelease: 'helmreleases', PrometheusRule: 'prometheusrules', AlertmanagerConfig: 'alertmanagerconfigs',
  SecretStore: 'secretstores', ClusterSecretStore: 'clustersecretstores', Endpoints: 'endpoints', EndpointSlice: 'endpointslices',
  ValidatingWebhookConfiguration: 'validatingwebhookconfigurations', PriorityClass: 'priorityclasses', DaemonSet: 'daemonsets',
  FlowSchema: 'flowschemas', PriorityLevelConfiguration: 'prioritylevelconfigurations',
};

const ATTACK_KINDS: [string, string][] = [
  ['rbac.authorization.k8s.io', 'RoleBinding'], ['rbac.authorization.k8s.io', 'Role'], ['networking.k8s.io', 'NetworkPolicy'],
  ['', 'ResourceQuota'], ['', 'LimitRange'], ['argoproj.io', 'Application'], ['argoproj.io', 'AppProject'],
  ['kustomize.toolkit.fluxcd.io', 'Kustomization'], ['source.toolkit.fluxcd.io', 'GitRepository'], ['helm.toolkit.fluxcd.io', 'HelmRelease'],
  ['monitoring.coreos.com', 'PrometheusRule'], ['monitoring.coreos.com', 'AlertmanagerConfig'], ['external-secrets.io', 'SecretStore'],
  ['', 'Endpoints'], ['discovery.k8s.io', 'EndpointSlice'], ['apps', 'DaemonSet'],
];
const CLUSTER_KINDS: [string, string][] = [
  ['', 'Namespace'], ['rbac.authorization.k8s.io', 'ClusterRoleBinding'], ['rbac.authorization.k8s.io', 'ClusterRole'],
  ['apiextensions.k8s.io', 'CustomResourceDefinition'], ['admissionregistration.k8s.io', 'ValidatingWebhookConfiguration'],
  ['scheduling.k8s.io', 'PriorityClass'], ['external-secrets.io', 'ClusterSecretStore'],
  ['flowcontrol.apiserver.k8s.io', 'FlowSchema'], ['flowcontrol.apiserver.k8s.io', 'PriorityLevelConfiguration'],
];

describe('Argo CD: a tenant repository synced through its AppProject', () => {
  const cluster = 'prod-eu1';
  const objects = fixtureObjects(`clusters/${cluster}/`).map((o) => o.object);
  const project = (name: string) => objects.find((o) => o.kind === 'AppProject' && o.metadata.name === name)!.spec as AppProjectSpec & { destinationServiceAccounts: any[] };
  const payments = project('tenant-payments');
  const NS = 'payments-prod';
  /** The ServiceAccount Argo CD impersonates for a destination (Argo CD docs, "Application Sync using impersonation"). */
  const impersonated = (namespace: string): Subject | undefined => {
    const m = payments.destinationServiceAccounts.find((d) => d.server === IN_CLUSTER && (d.namespace === namespace || d.namespace === '*'));
    if (!m) return undefined;
    const [ns, name] = m.defaultServiceAccount.includes(':') ? m.defaultServiceAccount.split(':') : [namespace, m.defaultServiceAccount];
    return { kind: 'ServiceAccount', name, namespace: ns };
  };
  const canSync = (group: string, kind: string, namespace?: string) => {
    if (!projectPermits(payments, { server: IN_CLUSTER, namespace, group, kind })) return false;
    const sa = impersonated(namespace ?? NS)!;
    return subjectAllowed(objects, sa, { verb: 'create', group, resource: RESOURCES[kind] }, namespace);
  };

  test('impersonation is on in the rendered argocd-cm, and every project names the ServiceAccount it syncs as', () => {
    const settings = parse(fixtureFiles().get(`clusters/${cluster}/gitops-engine/values-argo-cd.yaml`)!);
    expect(settings.configs.cm['application.sync.impersonation.enabled']).toBe('true');
    for (const p of objects.filter((o) => o.kind === 'AppProject')) {
      expect((p.spec as any).destinationServiceAccounts?.length).toBeGreaterThan(0);
    }
    expect(impersonated(NS)).toEqual({ kind: 'ServiceAccount', name: 'gitops-deploy', namespace: NS });
    expect(project('platform').destinationServiceAccounts[0].defaultServiceAccount).toBe(controllerServiceAccount('argocd'));
  });

  test.each(['checkout-prod', 'catalog-search-prod', 'kube-system', 'argocd', 'monitoring', 'default'])('a Deployment into %s is refused', (namespace) => {
    expect(projectPermits(payments, { server: IN_CLUSTER, namespace, group: 'apps', kind: 'Deployment' })).toBe(false);
    expect(subjectAllowed(objects, impersonated(NS)!, { verb: 'create', group: 'apps', resource: 'deployments' }, namespace)).toBe(false);
  });

  test.each(CLUSTER_KINDS)('cluster-scoped %s %s is refused', (group, kind) => {
    expect(canSync(group, kind)).toBe(false);
  });

  test.each(ATTACK_KINDS)('%s %s in its own namespace is refused', (group, kind) => {
    expect(canSync(group, kind, NS)).toBe(false);
  });

  test('another tenant\'s kinds and namespaces: an ExternalSecret or ServiceMonitor in checkout-prod is refused', () => {
    expect(canSync('external-secrets.io', 'ExternalSecret', 'checkout-prod')).toBe(false);
    expect(canSync('monitoring.coreos.com', 'ServiceMonitor', 'checkout-prod')).toBe(false);
  });

  test('sources: only the tenant\'s own repository', () => {
    expect(projectAcceptsSource(payments, 'https://git.example.com/payments/deploy.git')).toBe(true);
    for (const repo of ['https://git.example.com/checkout/deploy.git', 'https://git.example.com/platform/cdk8s-platform.git', 'https://git.example.com/payments/deploy.git.evil.example.com']) {
      expect(projectAcceptsSource(payments, repo)).toBe(false);
    }
  });

  test.each(TENANT_KINDS.map((k) => [k.group, k.kind]))('legitimate: %s %s in its own namespace syncs', (group, kind) => {
    expect(canSync(group, kind, NS)).toBe(true);
  });
});

describe('Flux: a tenant repository reconciled under the multi-tenancy lock-down', () => {
  const cluster = 'staging-eu1';
  const objects = fixtureObjects(`clusters/${cluster}/`).map((o) => o.object);
  const component = parse(fixtureFiles().get(`clusters/${cluster}/gitops-engine/kustomization.yaml`)!);
  const flags = (deployment: string): string[] => component.patches
    .filter((p: any) => p.target.kind === 'Deployment' && p.target.name === deployment)
    .flatMap((p: any) => parse(p.patch).map((op: any) => op.value));
  const kustomizeFlags = flags('kustomize-controller');
  const NS = 'payments-staging';
  const workloads = objects.find((o) => o.kind === 'Kustomization' && o.metadata.namespace === NS)!;

  /** What kustomize-controller v1.9.4 does with a Kustomization in `namespace` (see flux-lockdown.ts). */
  function reconcileAs(k: { namespace: string; spec: any }): { refused?: string; subject?: Subject } {
    const noCross = kustomizeFlags.includes('--no-cross-namespace-refs=true');
    const sourceNs = k.spec.sourceRef?.namespace ?? k.namespace;
    if (noCross && sourceNs !== k.namespace) return { refused: 'cross-namespace references have been blocked' };
    if (k.spec.remoteBase && kustomizeFlags.includes('--no-remote-bases=true')) return { refused: 'remote bases are not allowed' };
    const def = kustomizeFlags.find((f) => f.startsWith('--default-service-account='))?.split('=')[1];
    const sa = k.spec.serviceAccountName ?? def;
    return sa ? { subject: { kind: 'ServiceAccount', name: sa, namespace: k.namespace } } : { subject: { kind: 'ServiceAccount', name: 'kustomize-controller', namespace: 'flux-system' } };
  }
  const may = (subject: Subject, group: string, kind: string, namespace?: string) =>
    subjectAllowed(objects, subject, { verb: 'create', group, resource: RESOURCES[kind] }, namespace);

  test('the lock-down flags are rendered as flux2-multi-tenancy sets them', () => {
    expect(kustomizeFlags).toEqual(LOCKDOWN_FLAGS['kustomize-controller']);
    expect(flags('helm-controller')).toEqual(['--no-cross-namespace-refs=true', '--default-service-account=default']);
    expect(component.patches.find((p: any) => p.target.kind === 'Kustomization').patch).toContain('kustomize-controller');
  });

  test('the tenant Kustomization reconciles as gitops-deploy in its namespace, after the admission guardrails', () => {
    expect(reconcileAs({ namespace: NS, spec: workloads.spec }).subject).toEqual({ kind: 'ServiceAccount', name: 'gitops-deploy', namespace: NS });
    expect((workloads.spec as any).dependsOn.map((d: any) => `${d.namespace}/${d.name}`)).toEqual(['flux-system/platform-admission', 'flux-system/platform-admission-constraints']);
  });

  test.each([
    ['the platform\'s GitRepository', { sourceRef: { kind: 'GitRepository', name: 'platform', namespace: 'flux-system' } }],
    ['another tenant\'s GitRepository', { sourceRef: { kind: 'GitRepository', name: 'workloads', namespace: 'checkout-staging' } }],
  ])('a Kustomization using %s is refused', (_n, spec) => {
    expect(reconcileAs({ namespace: NS, spec }).refused).toMatch(/cross-namespace/);
  });

  test('a remote base is refused', () => {
    expect(reconcileAs({ namespace: NS, spec: { sourceRef: { kind: 'GitRepository', name: 'workloads' }, remoteBase: 'https://github.com/evil/base//deploy?ref=main' } }).refused).toMatch(/remote bases/);
  });

  test('a Kustomization naming no ServiceAccount runs as default, which may create nothing', () => {
    const { subject } = reconcileAs({ namespace: NS, spec: { sourceRef: { kind: 'GitRepository', name: 'workloads' } } });
    expect(subject).toEqual({ kind: 'ServiceAccount', name: 'default', namespace: NS });
    for (const [group, kind] of [['apps', 'Deployment'], ['', 'Secret'], ['rbac.authorization.k8s.io', 'RoleBinding']]) expect(may(subject!, group, kind, NS)).toBe(false);
  });

  const sa: Subject = { kind: 'ServiceAccount', name: 'gitops-deploy', namespace: NS };
  test.each(['checkout-staging', 'kube-system', 'flux-system', 'monitoring'])('objects written for %s are refused to the impersonated ServiceAccount', (namespace) => {
    expect(may(sa, 'apps', 'Deployment', namespace)).toBe(false);
    expect(may(sa, '', 'Secret', namespace)).toBe(false);
  });
  test.each(CLUSTER_KINDS)('cluster-scoped %s %s is refused', (group, kind) => {
    expect(may(sa, group, kind)).toBe(false);
  });
  test.each(ATTACK_KINDS)('%s %s in its own namespace is refused', (group, kind) => {
    expect(may(sa, group, kind, NS)).toBe(false);
  });
  test.each(TENANT_KINDS.map((k) => [k.group, k.kind]))('legitimate: %s %s in its own namespace is applied', (group, kind) => {
    expect(may(sa, group, kind, NS)).toBe(true);
  });
});

describe('engine settings are not applied by the platform\'s sync', () => {
  test('gitops-engine/ is no Kustomization\'s or Application\'s path', () => {
    for (const o of fixtureObjects('clusters/').map((x) => x.object) as KubeObject[]) {
      const spec = o.spec as any;
      const path: string | undefined = o.kind === 'Kustomization' ? spec.path : o.kind === 'Application' ? spec.source?.path : undefined;
      if (path) expect(path).not.toMatch(/gitops-engine/);
    }
  });
});
