/**
 * The review flags a tenant Prometheus that enforces less.
 */
import { KubeObject } from '../../src/render/manifests';
import { byteSize } from '../../src/review/risk/prometheus-enforcement';
import { changed, flagsOf, rulesOf } from './support';

const prometheus: KubeObject = {
  apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'prometheus-tenants', namespace: 'monitoring' },
  spec: {
    arbitraryFSAccessThroughSMs: { deny: true }, ignoreNamespaceSelectors: true, overrideHonorLabels: true, overrideHonorTimestamps: true,
    enforcedNamespaceLabel: 'namespace', enforcedSampleLimit: 20000, enforcedTargetLimit: 100, enforcedBodySizeLimit: '16MiB',
  },
} as KubeObject;

describe('prometheus-enforcement-loosened', () => {
  test.each([
    ['file-system access allowed', (p: any) => { p.spec.arbitraryFSAccessThroughSMs.deny = false; }, /arbitraryFSAccessThroughSMs.deny/],
    ['namespace selectors honoured', (p: any) => { delete p.spec.ignoreNamespaceSelectors; }, /ignoreNamespaceSelectors/],
    ['namespace label dropped', (p: any) => { delete p.spec.enforcedNamespaceLabel; }, /enforcedNamespaceLabel/],
    ['an object excluded', (p: any) => { p.spec.excludedFromEnforcement = [{ resource: 'servicemonitors', namespace: 'payments-prod' }]; }, /excludedFromEnforcement/],
    ['a limit raised', (p: any) => { p.spec.enforcedSampleLimit = 200000; }, /enforcedSampleLimit: 20000 → 200000/],
    ['a limit removed', (p: any) => { delete p.spec.enforcedTargetLimit; }, /enforcedTargetLimit/],
    ['the body size raised', (p: any) => { p.spec.enforcedBodySizeLimit = '1GB'; }, /enforcedBodySizeLimit/],
  ])('%s', (_n, patch, message) => {
    const flags = flagsOf([prometheus], [changed(prometheus, patch)]);
    expect(rulesOf(flags)).toEqual(['prometheus-enforcement-loosened']);
    expect(flags[0].message).toMatch(message);
  });

  test('tightening is not flagged', () => {
    expect(flagsOf([prometheus], [changed(prometheus, (p: any) => { p.spec.enforcedSampleLimit = 5000; p.spec.enforcedBodySizeLimit = '8MiB'; })])).toEqual([]);
  });

  test('byte sizes', () => {
    expect([byteSize('16MiB'), byteSize('1GB'), byteSize('512B')]).toEqual([16 * 1024 ** 2, 1e9, 512]);
  });
});
