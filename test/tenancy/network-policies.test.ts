/**
 * Tenant NetworkPolicies, judged by what they allow: the rendered policies of
 * the fixture organisation are evaluated with NetworkPolicy semantics.
 */
import { Testing } from 'cdk8s';
import { NetworkPolicyModel, NetworkPolicyObject, selectorMatches } from '../../src/tenancy/network-policy-evaluator';
import { TenantNetworkPolicies } from '../../src/tenancy/tenant-network-policies';
import { fixtureFiles, fixtureObjects } from '../support/platform';

function clusterModel(cluster: string): NetworkPolicyModel {
  const objects = fixtureObjects(`clusters/${cluster}/`).map((o) => o.object);
  const namespaces: Record<string, Record<string, string>> = {
    'kube-system': {}, 'ingress-nginx': {}, 'monitoring': {}, 'logging': {},
  };
  for (const o of objects) {
    if (o.kind === 'Namespace') namespaces[o.metadata.name!] = o.metadata.labels ?? {};
  }
  return new NetworkPolicyModel(namespaces, objects.filter((o) => o.kind === 'NetworkPolicy') as unknown as NetworkPolicyObject[]);
}

const prod = clusterModel('prod-eu1');
const dev = clusterModel('dev-eu1');
const pod = (namespace: string, labels: Record<string, string> = { app: 'web' }) => ({ namespace, labels });
const dns = pod('kube-system', { 'k8s-app': 'kube-dns' });
const https = { port: 443 };

describe('every tenant namespace', () => {
  const tenantNamespaces = fixtureObjects().filter((o) => o.object.kind === 'Namespace' && o.object.metadata.labels?.['platform.cdk8s.io/tenant']);

  test('has a default-deny policy for ingress and egress selecting every pod', () => {
    expect(tenantNamespaces.length).toBeGreaterThanOrEqual(10);
    const policies = fixtureObjects().filter((o) => o.object.kind === 'NetworkPolicy');
    for (const ns of tenantNamespaces) {
      const deny = policies.find((p) => p.object.metadata.namespace === ns.object.metadata.name && p.object.metadata.name === 'default-deny');
      expect(deny?.object.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    }
  });

  test('denies what nothing allows: unrelated tenants, the internet, other kube-system pods', () => {
    expect(prod.podToPod(pod('catalog-search-prod'), pod('payments-prod'), https)).toBe(false);
    expect(prod.podToExternal(pod('checkout-prod'), { ip: '8.8.8.8' }, https)).toBe(false);
    expect(prod.podToPod(pod('checkout-prod'), pod('kube-system', { component: 'kube-apiserver' }), https)).toBe(false);
  });
});

describe('standard allowances', () => {
  test('DNS to the cluster DNS on port 53, UDP and TCP, and nothing else there', () => {
    expect(prod.podToPod(pod('payments-prod'), dns, { port: 53, protocol: 'UDP' })).toBe(true);
    expect(prod.podToPod(pod('payments-prod'), dns, { port: 53, protocol: 'TCP' })).toBe(true);
    expect(prod.podToPod(pod('payments-prod'), dns, { port: 80 })).toBe(false);
  });

  test('traffic inside the namespace', () => {
    expect(prod.podToPod(pod('payments-prod', { app: 'api' }), pod('payments-prod', { app: 'worker' }), { port: 8080 })).toBe(true);
  });

  test('the ingress controller and Prometheus reach tenant pods', () => {
    expect(prod.podToPod(pod('ingress-nginx', { app: 'controller' }), pod('payments-prod'), { port: 8080 })).toBe(true);
    expect(prod.podToPod(pod('monitoring', { app: 'prometheus' }), pod('payments-prod'), { port: 9090 })).toBe(true);
  });
});

describe('declared allowances', () => {
  test('checkout may call payments (payments allows it), in prod and in dev', () => {
    expect(prod.podToPod(pod('checkout-prod'), pod('payments-prod'), { port: 8443 })).toBe(true);
    expect(dev.podToPod(pod('checkout-dev'), pod('payments-dev'), { port: 8443 })).toBe(true);
  });

  test('the allowance is one-way: payments may not call checkout', () => {
    expect(prod.podToPod(pod('payments-prod'), pod('checkout-prod'), https)).toBe(false);
  });

  test('a platform namespace allowance (logging → checkout) does not open other tenants', () => {
    expect(prod.podToPod(pod('logging'), pod('checkout-prod'), { port: 24224 })).toBe(true);
    expect(prod.podToPod(pod('logging'), pod('payments-prod'), { port: 24224 })).toBe(false);
  });

  test('egress CIDRs open only the declared ports', () => {
    expect(prod.podToExternal(pod('payments-prod'), { ip: '10.42.3.4' }, { port: 5432 })).toBe(true);
    expect(prod.podToExternal(pod('payments-prod'), { ip: '10.42.3.4' }, { port: 22 })).toBe(false);
    expect(prod.podToExternal(pod('payments-prod'), { ip: '198.51.100.7' }, https)).toBe(true);
    expect(prod.podToExternal(pod('checkout-prod'), { ip: '10.42.3.4' }, { port: 5432 })).toBe(false);
  });
});

describe('TenantNetworkPolicies', () => {
  test('renders the standard policies and one per allowance', () => {
    const chart = Testing.chart();
    const policies = new TenantNetworkPolicies(chart, 'P', {
      namespace: 'team-a-prod',
      environment: 'prod',
      clusterDns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
      ingressNamespace: 'ingress-nginx',
      monitoringNamespace: 'monitoring',
      allowFromTenants: ['team-b'],
      allowFromNamespaces: ['logging'],
      egressToTenants: ['team-c'],
      egressCidrs: [{ cidr: '10.0.0.0/8', ports: [], description: 'corporate network' }],
    });
    expect(policies.policyNames).toEqual([
      'default-deny', 'allow-dns', 'allow-same-namespace', 'allow-from-ingress-controller', 'allow-from-monitoring',
      'allow-from-tenant-team-b', 'allow-from-namespace-logging', 'allow-egress-to-tenant-team-c', 'allow-egress-external',
    ]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });
});

describe('selectorMatches', () => {
  test.each([
    [{ matchLabels: { a: '1' } }, { a: '1', b: '2' }, true],
    [{ matchLabels: { a: '1' } }, { a: '2' }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, { a: '2' }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, { a: '1' }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, {}, false],
    [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, {}, true],
    [{}, { any: 'thing' }, true],
  ])('%j against %j is %s', (selector, labels, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});

describe('an allowance limited to some clusters (fixture payments: checkout runs prod on prod-eu1 only)', () => {
  const files = fixtureFiles();
  test('renders the ingress and the peer\'s egress policy on those clusters only', () => {
    expect(files.has('clusters/prod-eu1/tenants/payments/networkpolicy-allow-from-tenant-checkout.yaml')).toBe(true);
    expect(files.has('clusters/prod-eu1/tenants/checkout/networkpolicy-allow-egress-to-tenant-payments.yaml')).toBe(true);
    expect([...files.keys()].filter((p) => p.startsWith('clusters/prod-onprem1/') && p.includes('checkout'))).toEqual([]);
  });

  test('checkout reaches payments on prod-eu1; on prod-onprem1 payments would not admit a checkout namespace placed there later', () => {
    expect(prod.podToPod(pod('checkout-prod'), pod('payments-prod'), https)).toBe(true);
    const checkoutNamespace = fixtureObjects('clusters/prod-eu1/').find((o) => o.object.kind === 'Namespace' && o.object.metadata.name === 'checkout-prod')!.object;
    const onprem = fixtureObjects('clusters/prod-onprem1/').map((o) => o.object);
    const namespaces: Record<string, Record<string, string>> = { 'checkout-prod': checkoutNamespace.metadata.labels ?? {} };
    for (const o of onprem) if (o.kind === 'Namespace') namespaces[o.metadata.name!] = o.metadata.labels ?? {};
    const model = new NetworkPolicyModel(namespaces, onprem.filter((o) => o.kind === 'NetworkPolicy') as unknown as NetworkPolicyObject[]);
    expect(namespaces['payments-prod']).toBeDefined();
    expect(model.ingressAllowed(pod('payments-prod'), { pod: pod('checkout-prod') }, https)).toBe(false);
  });
});
