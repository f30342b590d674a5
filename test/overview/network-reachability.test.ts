/**
 * Namespace reachability evaluated from NetworkPolicies, and label selectors.
 */
import { describeSelector, LabelIndex } from '../../src/overview/label-selector';
import { evaluateNetworkPolicies, reach } from '../../src/overview/network-reachability';
import { KubeObject } from '../../src/render/manifests';

const policy = (namespace: string, name: string, spec: Record<string, unknown>): KubeObject =>
  ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec: { podSelector: {}, ...spec } } as KubeObject);
const deny = (ns: string) => policy(ns, 'default-deny', { policyTypes: ['Ingress', 'Egress'] });
const byName = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
const byTenant = (t: string) => ({ namespaceSelector: { matchLabels: { tenant: t } } });

const namespaces = [
  { name: 'a', labels: { tenant: 'a' } },
  { name: 'b', labels: { tenant: 'b' } },
  { name: 'c', labels: { tenant: 'c' } },
];

describe('label selectors', () => {
  test('describe themselves in one line', () => {
    expect(describeSelector({ matchLabels: { a: 'b' }, matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['d', 'e'] }, { key: 'f', operator: 'Exists' }] }))
      .toBe('a=b,c notin (d,e),f');
    expect(describeSelector({})).toBe('(all)');
  });

  test('an index selects like a scan', () => {
    const index = new LabelIndex<string>();
    for (const n of namespaces) index.add(n.name, n.labels);
    index.add('d', { tenant: 'a', extra: 'x' });
    expect(index.select({ matchLabels: { tenant: 'a' } })).toEqual(['a', 'd']);
    expect(index.select({ matchLabels: { tenant: 'a' }, matchExpressions: [{ key: 'extra', operator: 'DoesNotExist' }] })).toEqual(['a']);
    expect(index.select({ matchExpressions: [{ key: 'extra', operator: 'Exists' }] })).toEqual(['d']);
    expect(index.select(undefined)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('reachability', () => {
  const base = [deny('a'), deny('b'), deny('c')];

  test('default deny: nothing reaches anything', () => {
    const r = evaluateNetworkPolicies(namespaces, base);
    expect(reach(r, 'a', 'b')).toBeUndefined();
  });

  test('needs both the receiver\'s ingress and the sender\'s egress', () => {
    const ingressOnly = [...base, policy('b', 'from-a', { policyTypes: ['Ingress'], ingress: [{ from: [byTenant('a')] }] })];
    expect(reach(evaluateNetworkPolicies(namespaces, ingressOnly), 'a', 'b')).toBeUndefined();
    const both = [...ingressOnly, policy('a', 'to-b', { policyTypes: ['Egress'], egress: [{ to: [byTenant('b')] }] })];
    const r = evaluateNetworkPolicies(namespaces, both);
    expect(reach(r, 'a', 'b')).toBe('all');
    expect(reach(r, 'b', 'a')).toBeUndefined();
    expect(reach(r, 'c', 'b')).toBeUndefined();
  });

  test('ports or pod selectors make it partial; a namespace without policies is open', () => {
    const ports = [...base,
      policy('b', 'from-a', { policyTypes: ['Ingress'], ingress: [{ from: [byName('a')], ports: [{ port: 8080, protocol: 'TCP' }] }] }),
      policy('a', 'to-b', { policyTypes: ['Egress'], egress: [{ to: [{ ...byName('b'), podSelector: { matchLabels: { app: 'api' } } }] }] })];
    expect(reach(evaluateNetworkPolicies(namespaces, ports), 'a', 'b')).toBe('partial');
    const open = evaluateNetworkPolicies(namespaces, [deny('a'), policy('a', 'to-c', { policyTypes: ['Egress'], egress: [{ to: [byName('c')] }] })]);
    expect(reach(open, 'a', 'c')).toBe('all');
    expect(reach(open, 'b', 'c')).toBe('all');
  });

  test('rules without peers allow everyone; ipBlocks count as outside the cluster', () => {
    const r = evaluateNetworkPolicies(namespaces, [...base,
      policy('b', 'open', { policyTypes: ['Ingress'], ingress: [{}] }),
      policy('a', 'egress', { policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443 }] }, { to: [byTenant('b')] }] })]);
    expect(r.get('b')!.ingress.everyone).toBe('all');
    expect(reach(r, 'a', 'b')).toBe('all');
    expect(r.get('a')!.egress.external).toEqual(['10.0.0.0/8 port 443/TCP']);
  });

  test('namespaces named by selectors are known even when not rendered', () => {
    const r = evaluateNetworkPolicies(namespaces, [...base, policy('a', 'from-ingress', { policyTypes: ['Ingress'], ingress: [{ from: [byName('ingress-nginx')] }] })]);
    expect([...r.get('a')!.ingress.namespaces.keys()]).toEqual(['ingress-nginx']);
  });
});
