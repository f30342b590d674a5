/**
 * NetworkPolicy risk flags: removal from a namespace that stays, new peers,
 * wider CIDRs, lifted exceptions, more ports, open rules, narrower pod
 * selectors, dropped policy types, and new allowing policies — and no flag for
 * tightening or for policies that come and go with their namespace.
 */
import { KubeObject } from '../../src/render/manifests';
import { changed, flagsOf, namespace, rulesOf } from './support';

const policy = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'team-prod' },
  spec: { podSelector: {}, ...spec },
} as KubeObject);

const fromTenant = (tenant: string) => ({ namespaceSelector: { matchLabels: { 'platform.cdk8s.io/tenant': tenant } } });
const allowCheckout = policy('allow-from-checkout', { policyTypes: ['Ingress'], ingress: [{ from: [fromTenant('checkout')] }] });
const egressDb = policy('allow-egress-external', {
  policyTypes: ['Egress'],
  egress: [{ to: [{ ipBlock: { cidr: '10.40.0.0/16', except: ['10.40.9.0/24'] } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
});
const ns = namespace('team-prod', { 'pod-security.kubernetes.io/enforce': 'restricted' });

describe('network-policy-removed', () => {
  test('flags a policy removed from a namespace that stays', () => {
    const flags = flagsOf([ns, allowCheckout], [ns]);
    expect(flags.map((f) => [f.rule, f.level])).toEqual([['network-policy-removed', 'high']]);
  });

  test('does not flag policies removed with their namespace', () => {
    expect(flagsOf([ns, allowCheckout], [])).toEqual([]);
  });
});

describe('network-policy-loosened', () => {
  test('flags a new peer', () => {
    const after = changed(allowCheckout, (p) => { (p.spec as any).ingress[0].from.push(fromTenant('search')); });
    const flags = flagsOf([ns, allowCheckout], [ns, after]);
    expect(rulesOf(flags)).toEqual(['network-policy-loosened']);
    expect(flags[0].message).toMatch(/ingress from namespaces platform.cdk8s.io\/tenant=search/);
  });

  test('flags a wider CIDR and names the old one', () => {
    const after = changed(egressDb, (p) => { (p.spec as any).egress[0].to[0].ipBlock.cidr = '10.0.0.0/8'; });
    expect(flagsOf([ns, egressDb], [ns, after])[0].message).toMatch(/10\.0\.0\.0\/8 except 10\.40\.9\.0\/24 \(wider than 10\.40\.0\.0\/16\)/);
  });

  test('flags a lifted except block', () => {
    const after = changed(egressDb, (p) => { delete (p.spec as any).egress[0].to[0].ipBlock.except; });
    expect(rulesOf(flagsOf([ns, egressDb], [ns, after]))).toEqual(['network-policy-loosened']);
  });

  test('flags more ports, and a rule no longer limited to ports', () => {
    const more = changed(egressDb, (p) => { (p.spec as any).egress[0].ports.push({ port: 22, protocol: 'TCP' }); });
    const all = changed(egressDb, (p) => { delete (p.spec as any).egress[0].ports; });
    expect(flagsOf([ns, egressDb], [ns, more])[0].message).toMatch(/more ports.*22\/TCP/);
    expect(rulesOf(flagsOf([ns, egressDb], [ns, all]))).toEqual(['network-policy-loosened']);
  });

  test('flags a narrower pod selector and a dropped policy type', () => {
    const deny = policy('default-deny', { policyTypes: ['Ingress', 'Egress'] });
    const narrower = changed(deny, (p) => { (p.spec as any).podSelector = { matchLabels: { app: 'web' } }; });
    const ingressOnly = changed(deny, (p) => { (p.spec as any).policyTypes = ['Ingress']; });
    expect(flagsOf([ns, deny], [ns, narrower])[0].message).toMatch(/podSelector \(all\) → app=web/);
    expect(flagsOf([ns, deny], [ns, ingressOnly])[0].message).toMatch(/no longer isolates Egress/);
  });

  test('flags a new allowing policy in an existing namespace, not a new isolating one', () => {
    expect(rulesOf(flagsOf([ns], [ns, allowCheckout]))).toEqual(['network-policy-loosened']);
    expect(flagsOf([ns], [ns, policy('deny-all', { policyTypes: ['Ingress'] })])).toEqual([]);
  });

  test('does not flag new policies of a new namespace', () => {
    expect(flagsOf([], [ns, allowCheckout, egressDb])).toEqual([]);
  });

  test('does not flag tightening: fewer peers, a narrower CIDR, fewer ports, a port inside an old range', () => {
    const two = changed(allowCheckout, (p) => { (p.spec as any).ingress[0].from.push(fromTenant('search')); });
    const narrower = changed(egressDb, (p) => { (p.spec as any).egress[0].to[0].ipBlock = { cidr: '10.40.1.0/24' }; });
    const range = changed(egressDb, (p) => { (p.spec as any).egress[0].ports = [{ port: 5000, endPort: 6000, protocol: 'TCP' }]; });
    const inRange = changed(range, (p) => { (p.spec as any).egress[0].ports = [{ port: 5432, protocol: 'TCP' }]; });
    expect(flagsOf([ns, two], [ns, allowCheckout])).toEqual([]);
    expect(flagsOf([ns, egressDb], [ns, narrower])).toEqual([]);
    expect(flagsOf([ns, range], [ns, inRange])).toEqual([]);
  });
});

describe('network-open-to-any-address', () => {
  test('flags 0.0.0.0/0 and ::/0', () => {
    for (const cidr of ['0.0.0.0/0', '::/0']) {
      const after = changed(egressDb, (p) => { (p.spec as any).egress.push({ to: [{ ipBlock: { cidr } }] }); });
      const flags = flagsOf([ns, egressDb], [ns, after]);
      expect(flags.map((f) => [f.rule, f.level])).toEqual([['network-open-to-any-address', 'high']]);
    }
  });

  test('flags a rule without peers', () => {
    const after = changed(allowCheckout, (p) => { (p.spec as any).ingress.push({}); });
    expect(flagsOf([ns, allowCheckout], [ns, after])[0].message).toMatch(/ingress rule allows every peer/);
  });

  test('does not flag a rule without peers that was already there', () => {
    const open = policy('open', { policyTypes: ['Ingress'], ingress: [{}] });
    const openAnnotated = changed(open, (p) => { p.metadata.annotations = { a: 'b' }; });
    expect(flagsOf([ns, open], [ns, openAnnotated])).toEqual([]);
  });
});
