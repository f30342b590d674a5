/**
 * API Priority and Fairness for tenant workloads, on the fixture
 * organisation: the rendered FlowSchemas and priority level, evaluated the way
 * the API server classifies requests (test/support/apf-matching.ts, with the
 * built-in bootstrap FlowSchemas at their real precedences), and validated
 * against each Kubernetes minor's own OpenAPI schema.
 */
import { Testing } from 'cdk8s';
import { foundationComponent } from '../../src/addons/platform-priority-class';
import { ClusterContext } from '../../src/contracts/component';
import { loadPlatform } from '../../src/definition/load';
import { ClusterSpec } from '../../src/spec/cluster';
import { namespaceOf, Placement, placementsOn } from '../../src/spec/model';
import { reservedNamespaces } from '../../src/spec/settings';
import {
  flowControlApiVersion, PLATFORM_FLOW_SCHEMAS, TENANT_PRIORITY_LEVEL, TENANT_QUEUING, TenantApiFairness,
} from '../../src/tenancy/api-priority-and-fairness';
import { ApfRequest, BUILTIN_FLOW_SCHEMAS, BUILTIN_PRIORITY_LEVELS, classify, FlowSchema, serviceAccountUser } from '../support/apf-matching';
import { mutateClusters, problemsOf } from '../support/definitions';
import { KubernetesSchema } from '../support/k8s-schema';
import { KUBERNETES_SCHEMA_VERSIONS } from '../support/kubernetes-types';
import { fixtureObjects, fixturePlatform } from '../support/platform';

const platform = fixturePlatform();
const foundation = (cluster: string) => fixtureObjects(`clusters/${cluster}/platform/foundation/`).map((o) => o.object as any);
const flowSchemasOf = (objects: any[]): FlowSchema[] => objects.filter((o) => o.kind === 'FlowSchema');
const levelsOf = (objects: any[]): string[] => objects.filter((o) => o.kind === 'PriorityLevelConfiguration').map((o) => o.metadata.name);

/** Classification on prod-eu1 (1.30) with the built-in objects and the rendered ones together. */
const rendered = foundation('prod-eu1');
const onCluster = (request: ApfRequest) =>
  classify([...BUILTIN_FLOW_SCHEMAS, ...flowSchemasOf(rendered)], [...BUILTIN_PRIORITY_LEVELS, ...levelsOf(rendered)], request);
const builtInOnly = (request: ApfRequest) => classify(BUILTIN_FLOW_SCHEMAS, BUILTIN_PRIORITY_LEVELS, request);

const listPods = (namespace?: string) => ({ verb: 'list', resource: { group: '', resource: 'pods', namespace } });
const sa = (namespace: string, name: string) => serviceAccountUser(namespace, name);

describe('a tenant workload\'s requests', () => {
  test('a tenant ServiceAccount\'s requests land in tenant-workloads, one flow per ServiceAccount', () => {
    expect(onCluster({ ...sa('payments-prod', 'payments-operator'), ...listPods('payments-prod') }))
      .toEqual({ flowSchema: 'tenant-service-accounts', priorityLevel: TENANT_PRIORITY_LEVEL, distinguisher: 'system:serviceaccount:payments-prod:payments-operator' });
    expect(onCluster({ ...sa('payments-prod', 'worker-2'), verb: 'update', resource: { group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'payments-prod' } }).distinguisher)
      .toBe('system:serviceaccount:payments-prod:worker-2');
    expect(onCluster({ ...sa('checkout-prod', 'default'), ...listPods('checkout-prod') }).distinguisher).toBe('system:serviceaccount:checkout-prod:default');
  });

  test('requests naming another tenant\'s namespace (classified before authorisation refuses them) stay in the sender\'s own flow, not the victim\'s', () => {
    const victim = onCluster({ ...sa('checkout-prod', 'default'), ...listPods('checkout-prod') });
    const attack = onCluster({ ...sa('payments-prod', 'payments-operator'), ...listPods('checkout-prod') });
    expect(attack.priorityLevel).toBe(TENANT_PRIORITY_LEVEL);
    expect(attack.distinguisher).toBe('system:serviceaccount:payments-prod:payments-operator');
    expect(attack.distinguisher).not.toBe(victim.distinguisher);
  });

  test('before this change the same request shared workload-low with the platform, one flow per ServiceAccount', () => {
    expect(builtInOnly({ ...sa('payments-prod', 'payments-operator'), ...listPods('payments-prod') }))
      .toEqual({ flowSchema: 'service-accounts', priorityLevel: 'workload-low', distinguisher: 'system:serviceaccount:payments-prod:payments-operator' });
  });

  test('its requests without a namespace (cluster-wide lists, discovery) stay in tenant-workloads, one flow per ServiceAccount, not one shared flow', () => {
    const cases: ApfRequest[] = [
      { ...sa('payments-prod', 'payments-operator'), ...listPods() },
      { ...sa('payments-prod', 'payments-operator'), verb: 'get', resource: { group: '', resource: 'namespaces' } },
      { ...sa('payments-prod', 'payments-operator'), verb: 'get', path: '/apis' },
    ];
    for (const request of cases) {
      expect(onCluster(request)).toEqual({ flowSchema: 'tenant-service-accounts', priorityLevel: TENANT_PRIORITY_LEVEL, distinguisher: 'system:serviceaccount:payments-prod:payments-operator' });
    }
  });

  test('Argo CD and Flux applying as the tenant\'s gitops-deploy (impersonation) land in the tenant\'s flow', () => {
    // The API server classifies after impersonation: the request is gitops-deploy's.
    expect(onCluster({ ...sa('payments-prod', 'gitops-deploy'), verb: 'patch', resource: { group: 'apps', resource: 'deployments', namespace: 'payments-prod' } }))
      .toEqual({ flowSchema: 'tenant-service-accounts', priorityLevel: TENANT_PRIORITY_LEVEL, distinguisher: 'system:serviceaccount:payments-prod:gitops-deploy' });
  });

  test('a tenant\'s own leader election is tenant traffic too (the built-in leader-election schemas match kube-system ServiceAccounts only)', () => {
    expect(onCluster({ ...sa('payments-prod', 'payments-operator'), verb: 'update', resource: { group: 'coordination.k8s.io', resource: 'leases', namespace: 'payments-prod' } }).priorityLevel)
      .toBe(TENANT_PRIORITY_LEVEL);
  });
});

describe('everyone else keeps their level', () => {
  test.each([
    ['argocd', 'argocd-application-controller'], ['flux-system', 'kustomize-controller'], ['cert-manager', 'cert-manager'],
    ['monitoring', 'kube-prometheus-stack-prometheus'], ['ingress-nginx', 'ingress-nginx'], ['external-secrets', 'external-secrets'],
  ])('the platform\'s ServiceAccount %s/%s stays in workload-low, one flow per ServiceAccount', (namespace, name) => {
    for (const request of [{ ...sa(namespace, name), ...listPods('payments-prod') }, { ...sa(namespace, name), ...listPods() }, { ...sa(namespace, name), verb: 'get', path: '/version' }]) {
      expect(onCluster(request)).toEqual({ flowSchema: 'platform-service-accounts', priorityLevel: 'workload-low', distinguisher: `system:serviceaccount:${namespace}:${name}` });
    }
  });

  test('every platform and add-on namespace\'s ServiceAccounts stay out of tenant-workloads', () => {
    for (const namespace of reservedNamespaces(platform.settings)) {
      expect([namespace, onCluster({ ...sa(namespace, 'controller'), ...listPods(namespace) }).priorityLevel]).not.toEqual([namespace, TENANT_PRIORITY_LEVEL]);
    }
  });

  test('kube-system ServiceAccounts keep the built-in schemas (workload-high, leader election)', () => {
    expect(onCluster({ ...sa('kube-system', 'coredns'), ...listPods() }))
      .toEqual({ flowSchema: 'kube-system-service-accounts', priorityLevel: 'workload-high', distinguisher: '' });
    expect(onCluster({ ...sa('kube-system', 'cloud-controller'), verb: 'update', resource: { group: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-system' } }))
      .toEqual({ flowSchema: 'system-leader-election', priorityLevel: 'leader-election', distinguisher: 'system:serviceaccount:kube-system:cloud-controller' });
  });

  test('system:masters stays exempt; the controller manager, scheduler and nodes keep theirs', () => {
    expect(onCluster({ user: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'], ...listPods('payments-prod') }).flowSchema).toBe('exempt');
    expect(onCluster({ user: 'system:kube-controller-manager', groups: ['system:authenticated'], verb: 'update', resource: { group: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-system' } }).priorityLevel)
      .toBe('leader-election');
    expect(onCluster({ user: 'system:kube-scheduler', groups: ['system:authenticated'], ...listPods() }).flowSchema).toBe('kube-scheduler');
    expect(onCluster({ user: 'system:node:worker-1', groups: ['system:nodes', 'system:authenticated'], verb: 'patch', resource: { group: '', resource: 'nodes', subresource: 'status' } }).flowSchema)
      .toBe('system-node-high');
  });

  test('an OIDC user (a tenant developer or a platform admin) stays in global-default, one flow per user', () => {
    for (const groups of [['oidc:payments-developers'], ['oidc:platform-admins']]) {
      expect(onCluster({ user: 'oidc:ana@example.com', groups: [...groups, 'system:authenticated'], ...listPods('payments-prod') }))
        .toEqual({ flowSchema: 'global-default', priorityLevel: 'global-default', distinguisher: 'oidc:ana@example.com' });
    }
  });
});

describe('the rendered objects', () => {
  test('precedences sit after the built-in kube-system schemas (≤ 900) and before service-accounts (9000), none shared with a built-in one', () => {
    const builtIn = new Map(BUILTIN_FLOW_SCHEMAS.map((f) => [f.spec.matchingPrecedence, f.metadata.name]));
    for (const f of flowSchemasOf(rendered)) {
      expect(f.spec.matchingPrecedence).toBe(PLATFORM_FLOW_SCHEMAS[f.metadata.name as keyof typeof PLATFORM_FLOW_SCHEMAS]);
      expect(f.spec.matchingPrecedence).toBeGreaterThan(900);
      expect(f.spec.matchingPrecedence).toBeLessThan(9000);
      expect(builtIn.get(f.spec.matchingPrecedence)).toBeUndefined();
    }
    expect(PLATFORM_FLOW_SCHEMAS['platform-service-accounts']).toBeLessThan(PLATFORM_FLOW_SCHEMAS['tenant-service-accounts']);
  });

  test('the tenant level queues: 256 queues, hands of 6, 50 a queue; shares, lending and borrowing as documented', () => {
    const level = rendered.find((o) => o.kind === 'PriorityLevelConfiguration');
    expect(level.spec).toEqual({
      type: 'Limited',
      limited: { nominalConcurrencyShares: 50, lendablePercent: 50, borrowingLimitPercent: 100, limitResponse: { type: 'Queue', queuing: TENANT_QUEUING } },
    });
  });

  test('two FlowSchemas whatever the number of tenants: no subject names a tenant namespace, and the objects do not depend on the tenants placed', () => {
    const schemas = flowSchemasOf(rendered);
    expect(schemas.map((f) => f.metadata.name).sort()).toEqual(Object.keys(PLATFORM_FLOW_SCHEMAS).sort());
    const tenantNamespaces = platform.tenants.flatMap((t) => Object.entries(t.spec.environments).map(([env, e]) => namespaceOf(t.metadata.name, env, e as { namespace?: string })));
    expect(tenantNamespaces).toContain('payments-prod');
    const subjects = schemas.flatMap((f) => f.spec.rules!.flatMap((r) => r.subjects));
    expect(subjects.length).toBe(reservedNamespaces(platform.settings).length - 1 + 1); // platform namespaces but kube-system, and system:serviceaccounts once
    for (const s of subjects) expect(tenantNamespaces).not.toContain(s.serviceAccount?.namespace);
    const cluster = platform.clusters.find((c) => c.name === 'prod-eu1')!;
    expect(synthFoundation(cluster, [])).toEqual(synthFoundation(cluster));
  });

  test.each(platform.clusters.map((c) => [c.name, c.kubernetesVersion]))('%s (Kubernetes %s) gets the flowcontrol version it serves', (name, version) => {
    const expected = version === '1.28' ? 'flowcontrol.apiserver.k8s.io/v1beta3' : 'flowcontrol.apiserver.k8s.io/v1';
    const objects = foundation(name).filter((o) => o.apiVersion.startsWith('flowcontrol.'));
    expect(objects.length).toBe(3);
    for (const o of objects) expect(o.apiVersion).toBe(expected);
  });

  test.each(KUBERNETES_SCHEMA_VERSIONS.map((v) => [v.version, v.package]))('valid against the Kubernetes %s OpenAPI schema (%s)', (version, pkg) => {
    const schema = new KubernetesSchema(pkg);
    const chart = Testing.chart();
    new TenantApiFairness(chart, 'Fairness', { kubernetesVersion: version, platformNamespaces: reservedNamespaces(platform.settings) });
    const objects = Testing.synth(chart);
    expect(objects.map((o) => o.apiVersion)).toEqual(Array(3).fill(flowControlApiVersion(version)));
    for (const o of objects) {
      expect([version, o.kind, schema.knows(o.apiVersion, o.kind)]).toEqual([version, o.kind, true]);
      expect(schema.validate(o)).toEqual([]);
    }
  });

  test('the validators refuse the other version where it is not served, and an unknown field', () => {
    expect(new KubernetesSchema('cdk8s-plus-28').knows('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema')).toBe(true);
    expect(new KubernetesSchema('cdk8s-plus-32').knows('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema')).toBe(false); // removed in 1.32
    expect(new KubernetesSchema('cdk8s-plus-30').validate({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: 'x' }, spec: { type: 'Limited', limited: { assuredConcurrencyShares: 5 } } } as any))
      .toEqual(['/spec/limited: must NOT have additional properties (assuredConcurrencyShares)']);
  });
});

/** The foundation component's objects for `cluster`, with the given placements (default: the fixture's). */
function synthFoundation(cluster: ClusterSpec, placements: readonly Placement[] = placementsOn(platform, cluster)): any[] {
  const chart = Testing.chart();
  foundationComponent.build(chart, { platform, cluster, placements, engine: undefined } as unknown as ClusterContext);
  return Testing.synth(chart);
}

describe('configuration', () => {
  const prodEu1 = (mutate: (c: any) => void) => {
    const p = loadPlatform(mutateClusters((cs) => mutate(cs.find((c: any) => c.name === 'prod-eu1'))));
    return synthFoundation(p.clusters.find((c) => c.name === 'prod-eu1')!);
  };

  test('switched off only as an isolation exception with a written justification', () => {
    const off = prodEu1((c) => { c.isolation = { exceptions: [{ control: 'api-priority-and-fairness', justification: 'the managed control plane ships its own FlowSchemas (ticket OPS-42)' }] }; });
    expect(off.map((o) => o.kind)).toEqual(['PriorityClass']);
    const short = problemsOf(mutateClusters((cs) => { cs[0].isolation = { exceptions: [{ control: 'api-priority-and-fairness', justification: 'no' }] }; }));
    expect(short.map((p) => p.path)).toEqual(['clusters[0].isolation.exceptions[0].justification']);
  });

  test('the tenant level\'s figures are tunable per cluster', () => {
    const tuned = prodEu1((c) => { c.isolation = { tenantPriorityLevel: { nominalConcurrencyShares: 80, borrowingLimitPercent: 0 } }; });
    expect(tuned.find((o) => o.kind === 'PriorityLevelConfiguration').spec.limited).toMatchObject({ nominalConcurrencyShares: 80, lendablePercent: 50, borrowingLimitPercent: 0 });
  });

  test('figures the API server would refuse or misread are refused, each with its path', () => {
    const found = problemsOf(mutateClusters((cs) => { cs[0].isolation = { tenantPriorityLevel: { nominalConcurrencyShares: 0, lendablePercent: 150, borrowingLimitPercent: 1.5 } }; }));
    expect(found.map((p) => p.path).sort()).toEqual([
      'clusters[0].isolation.tenantPriorityLevel.borrowingLimitPercent',
      'clusters[0].isolation.tenantPriorityLevel.lendablePercent',
      'clusters[0].isolation.tenantPriorityLevel.nominalConcurrencyShares',
    ]);
    expect(found.find((p) => p.path.endsWith('nominalConcurrencyShares'))!.message).toMatch(/1–1000/);
  });

  test('the construct refuses bad figures and an empty namespace list, naming each', () => {
    expect(() => new TenantApiFairness(Testing.chart(), 'F', { kubernetesVersion: '1.30', platformNamespaces: ['argocd'], priorityLevel: { nominalConcurrencyShares: 0, lendablePercent: 101, borrowingLimitPercent: -1 } }))
      .toThrow(/nominalConcurrencyShares 0 \(1–1000\), lendablePercent 101 \(0–100\), borrowingLimitPercent -1/);
    expect(() => new TenantApiFairness(Testing.chart(), 'F', { kubernetesVersion: '1.30', platformNamespaces: ['kube-system'] })).toThrow(/platformNamespaces is empty/);
  });
});
