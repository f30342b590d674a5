/**
 * Pod Security and resource limit risk flags.
 */
import { KubeObject } from '../../src/render/manifests';
import { changed, flagsOf, namespace, rulesOf } from './support';

const psa = (enforce?: string, audit = 'restricted', warn = 'restricted') => ({
  ...(enforce ? { 'pod-security.kubernetes.io/enforce': enforce } : {}),
  'pod-security.kubernetes.io/audit': audit,
  'pod-security.kubernetes.io/warn': warn,
});

describe('Pod Security', () => {
  const restricted = namespace('team-prod', psa('restricted'));

  test('flags enforce lowered, and a removed label (the privileged default)', () => {
    const flags = flagsOf([restricted], [namespace('team-prod', psa('baseline'))]);
    expect(flags.map((f) => [f.rule, f.level, f.message])).toEqual([['pod-security-lowered', 'high', 'Pod Security enforce restricted → baseline']]);
    expect(flagsOf([restricted], [namespace('team-prod', psa())])[0].message).toBe('Pod Security enforce restricted → privileged');
  });

  test('flags audit or warn lowered as medium', () => {
    const flags = flagsOf([restricted], [namespace('team-prod', psa('restricted', 'baseline', 'privileged'))]);
    expect(flags.map((f) => [f.rule, f.level])).toEqual([['pod-security-audit-lowered', 'medium'], ['pod-security-audit-lowered', 'medium']]);
  });

  test('flags a new namespace below restricted', () => {
    expect(rulesOf(flagsOf([], [namespace('new', psa('baseline'))]))).toEqual(['pod-security-exception']);
  });

  test('does not flag a raised level, a new restricted namespace, or other label changes', () => {
    expect(flagsOf([namespace('team-prod', psa('baseline'))], [restricted])).toEqual([]);
    expect(flagsOf([], [restricted])).toEqual([]);
    expect(flagsOf([restricted], [namespace('team-prod', { ...psa('restricted'), team: 'x' })])).toEqual([]);
  });
});

const quota: KubeObject = {
  apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'tenant-quota', namespace: 'team-prod' },
  spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'pods': 50 } },
} as KubeObject;
const limits: KubeObject = {
  apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'tenant-limits', namespace: 'team-prod' },
  spec: { limits: [{ type: 'Container', max: { cpu: '4', memory: '8Gi' }, default: { cpu: '500m' } }] },
} as KubeObject;
const ns = namespace('team-prod', psa('restricted'));

describe('quotas and limits', () => {
  test('flags raised quota values in base units', () => {
    const after = changed(quota, (q) => { Object.assign((q.spec as any).hard, { 'requests.cpu': '4500m', 'requests.memory': '9000Mi', 'pods': 60 }); });
    const flags = flagsOf([ns, quota], [ns, after]);
    expect(flags.map((f) => [f.rule, f.level])).toEqual([['quota-raised', 'low']]);
    expect(flags[0].message).toBe('raised requests.cpu 4 → 4500m, requests.memory 8Gi → 9000Mi, pods 50 → 60');
  });

  test('flags a removed quota value and a removed quota', () => {
    const after = changed(quota, (q) => { delete (q.spec as any).hard.pods; });
    expect(flagsOf([ns, quota], [ns, after]).map((f) => [f.rule, f.message])).toEqual([['quota-removed', 'no longer limits pods']]);
    expect(rulesOf(flagsOf([ns, quota], [ns]))).toEqual(['quota-removed']);
  });

  test('flags a raised LimitRange max or default, and a removed max', () => {
    const raised = changed(limits, (l) => { (l.spec as any).limits[0].max.cpu = '8'; (l.spec as any).limits[0].default.cpu = '1'; });
    expect(flagsOf([ns, limits], [ns, raised])[0].message).toBe('raised Container max cpu 4 → 8, Container default cpu 500m → 1');
    const unbounded = changed(limits, (l) => { delete (l.spec as any).limits[0].max.memory; });
    expect(rulesOf(flagsOf([ns, limits], [ns, unbounded]))).toEqual(['quota-removed']);
  });

  test('does not flag lowered values, equal values spelled otherwise, or removal with the namespace', () => {
    const lower = changed(quota, (q) => { (q.spec as any).hard['requests.cpu'] = '2'; });
    const same = changed(quota, (q) => { (q.spec as any).hard['requests.cpu'] = '4000m'; });
    expect(flagsOf([ns, quota], [ns, lower])).toEqual([]);
    expect(flagsOf([ns, quota], [ns, same])).toEqual([]);
    expect(flagsOf([ns, quota, limits], [])).toEqual([]);
  });
});

describe('the PodSecurity admission plugin configuration', () => {
  const config = (enforce: string, namespaces: string[]): KubeObject => ({
    apiVersion: 'apiserver.config.k8s.io/v1', kind: 'AdmissionConfiguration',
    plugins: [{ name: 'PodSecurity', configuration: { defaults: { enforce, audit: 'restricted', warn: 'restricted' }, exemptions: { namespaces } } }],
  } as unknown as KubeObject);

  test('flags a lowered cluster default and added exemptions', () => {
    const flags = flagsOf([config('restricted', ['kube-system'])], [config('baseline', ['kube-system', 'legacy'])]);
    expect(flags.map((f) => [f.rule, f.message])).toEqual([
      ['pod-security-lowered', 'cluster default Pod Security enforce restricted → baseline, for namespaces without their own enforce label'],
      ['admission-exemption-added', 'Pod Security exempts namespaces legacy'],
    ]);
  });

  test('does not flag a raised default or fewer exemptions', () => {
    expect(flagsOf([config('baseline', ['kube-system', 'legacy'])], [config('restricted', ['kube-system'])])).toEqual([]);
  });
});
