/**
 * NetworkPolicy risk flags by real effect, evaluated on the namespace's whole
 * set of policies: the removal of a policy that isolated pods, new peers,
 * wider CIDRs, lifted exceptions, more ports, open rules, narrower pod
 * selectors, dropped policy types, and new allowing policies — and no flag
 * for tightening (an allowance or egress rule removed, an allowing policy
 * added where nothing was isolated) or for policies that come and go with
 * their namespace.
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
const deny = policy('default-deny', { policyTypes: ['Ingress', 'Egress'] });

describe('network-policy-removed', () => {
  test('flags the removal of the only policy isolating the namespace: every namespace may now connect', () => {
    const flags = flagsOf([ns, allowCheckout], [ns]);
    expect(flags.map((f) => [f.rule, f.level])).toEqual([['network-policy-removed', 'high']]);
    expect(flags[0].message).toMatch(/^removed while team-prod stays: ingress now allowed from every namespace/);
  });

  test('flags the removal of default-deny when nothing else isolates egress', () => {
    const flags = flagsOf([ns, deny, allowCheckout], [ns, allowCheckout]);
    expect(rulesOf(flags)).toEqual(['network-policy-removed']);
    expect(flags[0].message).toMatch(/egress now allowed to every namespace, any address/);
    expect(flags[0].message).not.toMatch(/ingress/);
  });

  test('does not flag removing an allowance while default-deny stays: that only tightens', () => {
    expect(flagsOf([ns, deny, allowCheckout], [ns, deny])).toEqual([]);
    expect(flagsOf([ns, deny, egressDb], [ns, deny])).toEqual([]);
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
    expect(flags[0].message).toBe('ingress now allowed from namespace (namespaces with platform.cdk8s.io/tenant=search) on any port/TCP, any port/UDP');
  });

  test('flags a wider CIDR, naming it', () => {
    const after = changed(egressDb, (p) => { (p.spec as any).egress[0].to[0].ipBlock.cidr = '10.0.0.0/8'; });
    const flags = flagsOf([ns, egressDb], [ns, after]);
    expect(rulesOf(flags)).toEqual(['network-policy-loosened']);
    expect(flags[0].message).toBe('egress now allowed to 10.0.0.0/8 on 5432/TCP');
  });

  test('flags a lifted except block', () => {
    const after = changed(egressDb, (p) => { delete (p.spec as any).egress[0].to[0].ipBlock.except; });
    expect(rulesOf(flagsOf([ns, egressDb], [ns, after]))).toEqual(['network-policy-loosened']);
  });

  test('flags more ports, and a rule no longer limited to ports', () => {
    const more = changed(egressDb, (p) => { (p.spec as any).egress[0].ports.push({ port: 22, protocol: 'TCP' }); });
    const all = changed(egressDb, (p) => { delete (p.spec as any).egress[0].ports; });
    expect(flagsOf([ns, egressDb], [ns, more])[0].message).toBe('egress now allowed to 10.40.0.0/16 on 22/TCP');
    expect(rulesOf(flagsOf([ns, egressDb], [ns, all]))).toEqual(['network-policy-loosened']);
  });

  test('flags a narrower pod selector (other pods are no longer isolated) and a dropped policy type', () => {
    const narrower = changed(deny, (p) => { (p.spec as any).podSelector = { matchLabels: { app: 'web' } }; });
    const ingressOnly = changed(deny, (p) => { (p.spec as any).policyTypes = ['Ingress']; });
    const n = flagsOf([ns, deny], [ns, narrower]);
    expect(rulesOf(n)).toEqual(['network-open-to-any-address']);
    expect(n[0].message).toMatch(/^ingress now allowed from every namespace, any address on any port\/TCP, any port\/UDP; egress now allowed to every namespace/);
    const e = flagsOf([ns, deny], [ns, ingressOnly]);
    expect(rulesOf(e)).toEqual(['network-open-to-any-address']);
    expect(e[0].message).toMatch(/^egress now allowed to every namespace, any address/);
  });

  test('flags a new allowing policy where default-deny isolates; not one where nothing was isolated, nor a new isolating one', () => {
    expect(rulesOf(flagsOf([ns, deny], [ns, deny, allowCheckout]))).toEqual(['network-policy-loosened']);
    expect(flagsOf([ns], [ns, allowCheckout])).toEqual([]);
    expect(flagsOf([ns], [ns, policy('deny-all', { policyTypes: ['Ingress'] })])).toEqual([]);
  });

  test('flags only the pods a policy now opens, naming them', () => {
    const web = policy('allow-web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [fromTenant('search')], ports: [{ port: 8080 }] }] });
    const flags = flagsOf([ns, deny], [ns, deny, web]);
    expect(flags[0].message).toBe('ingress now allowed from namespace (namespaces with platform.cdk8s.io/tenant=search) on 8080/TCP (pods app=web)');
  });

  test('a named port is a port of its own', () => {
    const named = policy('allow-http', { policyTypes: ['Ingress'], ingress: [{ from: [fromTenant('checkout')], ports: [{ port: 'http' }] }] });
    expect(flagsOf([ns, deny], [ns, deny, named])[0].message).toMatch(/on http\/TCP$/);
  });

  test('lays each loosening at the door of the change that causes it', () => {
    const more = changed(allowCheckout, (p) => { (p.spec as any).ingress[0].from.push(fromTenant('search')); });
    const flags = flagsOf([ns, deny, allowCheckout, egressDb], [ns, deny, more, changed(egressDb, (p) => { p.metadata.annotations = { note: 'x' }; })]);
    expect(flags.map((f) => f.subject)).toEqual(['NetworkPolicy team-prod/allow-from-checkout']);
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
    const flags = flagsOf([ns, allowCheckout], [ns, after]);
    expect(rulesOf(flags)).toEqual(['network-open-to-any-address']);
    expect(flags[0].message).toBe('ingress now allowed from every namespace, any address on any port/TCP, any port/UDP');
  });

  test('does not flag a rule without peers that was already there', () => {
    const open = policy('open', { policyTypes: ['Ingress'], ingress: [{}] });
    const openAnnotated = changed(open, (p) => { p.metadata.annotations = { a: 'b' }; });
    expect(flagsOf([ns, open], [ns, openAnnotated])).toEqual([]);
  });
});
