/**
 * What one tenant environment renders: Namespace labels, ResourceQuota,
 * LimitRange and RoleBindings, from the fixture organisation and from constructs.
 */
import { Testing } from 'cdk8s';
import { TenantNamespace } from '../../src/tenancy/tenant-namespace';
import { quotaHard } from '../../src/tenancy/tenant-resource-quota';
import { fixtureObjects } from '../support/platform';

const objectsOf = (prefix: string) => fixtureObjects(prefix).map((o) => o.object);
const find = (objects: any[], kind: string, name?: string) => objects.find((o) => o.kind === kind && (!name || o.metadata.name === name));

describe('tenant Namespace', () => {
  test('carries tenant, environment and cost-centre labels, extra labels and owners', () => {
    const ns = find(objectsOf('clusters/prod-eu1/tenants/payments/'), 'Namespace');
    expect(ns.metadata.name).toBe('payments-prod');
    expect(ns.metadata.labels).toMatchObject({
      'platform.cdk8s.io/tenant': 'payments',
      'platform.cdk8s.io/environment': 'prod',
      'platform.cdk8s.io/cost-center': 'cc-4711',
      'compliance': 'pci-dss',
    });
    expect(ns.metadata.annotations['platform.cdk8s.io/owners']).toBe('ana.ruiz@example.com,tomasz.nowak@example.com');
  });

  test('enforces restricted Pod Security, pinned to the cluster\'s Kubernetes version', () => {
    const ns = find(objectsOf('clusters/dev-eu1/tenants/payments/'), 'Namespace');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.28',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.28',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'v1.28',
    });
  });

  test('an exception enforces its level, keeps audit and warn at restricted, and records the justification', () => {
    const ns = find(objectsOf('clusters/staging-eu1/tenants/data-analytics/'), 'Namespace');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.29',
    });
    expect(ns.metadata.annotations['platform.cdk8s.io/pod-security-justification']).toMatch(/SEC-1423/);
  });

  test('refuses a level below restricted without a justification', () => {
    expect(() => new TenantNamespace(Testing.chart(), 'ns', {
      name: 'x', tenant: 'x', environment: 'dev', costCenter: 'cc', podSecurity: 'privileged', podSecurityVersion: 'v1.28',
    })).toThrow(/Namespace x: podSecurity "privileged" needs a podSecurityJustification of at least 20 characters/);
  });
});

describe('tenant ResourceQuota', () => {
  test('maps every quota field to its ResourceQuota resource name', () => {
    const quota = find(objectsOf('clusters/prod-eu1/tenants/payments/'), 'ResourceQuota');
    expect(quota.spec.hard).toEqual({
      'requests.cpu': '32', 'limits.cpu': '64',
      'requests.memory': '64Gi', 'limits.memory': '128Gi',
      'requests.ephemeral-storage': '50Gi', 'limits.ephemeral-storage': '100Gi',
      'requests.storage': '500Gi',
      'persistentvolumeclaims': '30', 'pods': '200', 'services': '30',
      'services.loadbalancers': '0', 'services.nodeports': '0',
      'configmaps': '50', 'secrets': '50',
      // The environment's own counts over the library's defaults for every other tenant-creatable kind.
      'count/cronjobs.batch': '10', 'count/deployments.apps': '40',
      'count/certificates.cert-manager.io': '30', 'count/externalsecrets.external-secrets.io': '50',
      'count/horizontalpodautoscalers.autoscaling': '50', 'count/ingresses.networking.k8s.io': '30', 'count/jobs.batch': '100',
      'count/poddisruptionbudgets.policy': '50', 'count/podmonitors.monitoring.coreos.com': '30', 'count/replicasets.apps': '500',
      'count/rolebindings.rbac.authorization.k8s.io': '20', 'count/serviceaccounts': '20', 'count/servicemonitors.monitoring.coreos.com': '30',
      'count/statefulsets.apps': '20',
    });
  });

  test('object counts fall back to the platform defaults', () => {
    const hard = quotaHard({
      'cpu': { requests: '1', limits: '2' }, 'memory': { requests: '1Gi', limits: '2Gi' },
      'persistentVolumeClaims': 10, 'pods': 50, 'services': 10, 'loadBalancers': 0, 'nodePorts': 0, 'configMaps': 50, 'secrets': 50, 'objectCounts': {},
    });
    expect(hard).not.toHaveProperty('requests.storage');
    expect(hard['services.loadbalancers']).toBe('0');
    const checkout = find(objectsOf('clusters/dev-eu1/tenants/checkout/'), 'ResourceQuota');
    expect(checkout.spec.hard).toMatchObject({ pods: '50', services: '10', secrets: '50' });
  });
});

describe('tenant LimitRange', () => {
  test('merges the tenant\'s values over the platform defaults', () => {
    const lr = find(objectsOf('clusters/prod-eu1/tenants/payments/'), 'LimitRange');
    expect(lr.spec.limits).toEqual([
      { type: 'Container', defaultRequest: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '100Mi' }, default: { 'cpu': '500m', 'memory': '512Mi', 'ephemeral-storage': '1Gi' }, max: { cpu: '8', memory: '16Gi' } },
      { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '100Gi' } },
    ]);
  });
});

describe('tenant RoleBindings', () => {
  test('bind the tenant\'s OIDC groups, with the cluster\'s prefix, to the tenant roles', () => {
    const objects = objectsOf('clusters/prod-eu1/tenants/payments/');
    const viewer = find(objects, 'RoleBinding', 'tenant-viewer');
    expect(viewer.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'tenant-viewer' });
    expect(viewer.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oidc:payments-support' },
    ]);
  });

  test('a role without groups gets no binding', () => {
    const objects = objectsOf('clusters/prod-eu1/tenants/catalog-search/');
    expect(find(objects, 'RoleBinding', 'tenant-viewer')).toBeUndefined();
    expect(find(objects, 'RoleBinding', 'tenant-developer')).toBeDefined();
  });

  test('no ClusterRoleBinding is ever rendered for a tenant', () => {
    expect(fixtureObjects().filter((o) => o.path.includes('/tenants/') && o.object.kind === 'ClusterRoleBinding')).toEqual([]);
  });
});
