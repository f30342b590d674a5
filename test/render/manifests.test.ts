/**
 * Collecting manifests from the construct tree: paths, names and collisions.
 */
import { ApiObject, App } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { ConfigFile } from '../../src/render/config-file';
import { collectManifests, objectFileName } from '../../src/render/manifests';
import { PlatformChart } from '../../src/render/platform-chart';
import { refuseSecretData } from '../../src/security/secret-data-pass';
import { renderManifests } from '../../src/render/render';

describe('collectManifests', () => {
  test('one file per object, <kind>-<name>.yaml in the chart folder; config files under their own name', () => {
    const app = new App();
    const chart = new PlatformChart(app, 'c', { outputDir: 'clusters/x/platform/demo' });
    new k8s.KubeNamespace(chart, 'ns', { metadata: { name: 'demo' } });
    new k8s.KubeClusterRole(chart, 'role', { metadata: { name: 'Demo:Reader' } });
    new ConfigFile(chart, 'f', { fileName: 'flags.yaml', content: { a: 1 } });
    expect(collectManifests(app).map((m) => m.path)).toEqual([
      'clusters/x/platform/demo/namespace-demo.yaml',
      'clusters/x/platform/demo/clusterrole-demo-reader.yaml',
      'clusters/x/platform/demo/flags.yaml',
    ]);
  });

  test('two objects that would share a file are an error naming both constructs', () => {
    const app = new App();
    const chart = new PlatformChart(app, 'c', { outputDir: 'clusters/x/tenants/t' });
    new k8s.KubeConfigMap(chart, 'first', { metadata: { name: 'settings', namespace: 'a' } });
    new k8s.KubeConfigMap(chart, 'second', { metadata: { name: 'settings', namespace: 'b' } });
    expect(() => collectManifests(app)).toThrow(/dist\/clusters\/x\/tenants\/t\/configmap-settings.yaml would be written by both c\/first and c\/second/);
  });

  test('the same object rendered by two folders of one cluster is an error naming both constructs', () => {
    const app = new App();
    const a = new PlatformChart(app, 'a', { outputDir: 'clusters/x/platform/dex' });
    const b = new PlatformChart(app, 'b', { outputDir: 'clusters/x/platform/identity' });
    new k8s.KubeNamespace(a, 'ns', { metadata: { name: 'dex' } });
    new k8s.KubeNamespace(b, 'ns', { metadata: { name: 'dex' } });
    expect(() => collectManifests(app)).toThrow(/b\/ns: Namespace dex is also rendered by a\/ns; an object may be rendered once per cluster/);
    const other = new App();
    new k8s.KubeNamespace(new PlatformChart(other, 'a', { outputDir: 'clusters/x/platform/dex' }), 'ns', { metadata: { name: 'dex' } });
    new k8s.KubeNamespace(new PlatformChart(other, 'b', { outputDir: 'clusters/y/platform/dex' }), 'ns', { metadata: { name: 'dex' } });
    expect(collectManifests(other)).toHaveLength(2);
  });

  test('an object without an explicit name is an error', () => {
    const app = new App();
    const chart = new PlatformChart(app, 'c', { outputDir: 'clusters/x/platform/p' });
    new ApiObject(chart, 'anon', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(() => collectManifests(app)).toThrow(/c\/anon: ConfigMap has no explicit metadata.name \(cdk8s would call it c-anon-[0-9a-f]{8}\)/);
  });

  test('output folders must be relative lower-case paths', () => {
    expect(() => new PlatformChart(new App(), 'c', { outputDir: '../etc' })).toThrow(/outputDir "..\/etc" must be a relative path/);
  });

  test('objectFileName lower-cases and keeps names readable', () => {
    expect(objectFileName('NetworkPolicy', 'allow-dns')).toBe('networkpolicy-allow-dns.yaml');
  });
});

describe('the Secret pass', () => {
  test('refuses a Secret with data, naming the construct; accepts one without', () => {
    const app = new App();
    const chart = new PlatformChart(app, 'c', { outputDir: 'clusters/x/tenants/t' });
    new k8s.KubeSecret(chart, 'leak', { metadata: { name: 'db', namespace: 't' }, stringData: { password: 'hunter2' } });
    new k8s.KubeSecret(chart, 'empty', { metadata: { name: 'tls', namespace: 't' }, type: 'kubernetes.io/tls' });
    expect(() => renderManifests(collectManifests(app), [refuseSecretData]))
      .toThrow(/c\/leak: Secret t\/db has stringData; secrets must not be committed to Git/);
    const only = new App();
    new k8s.KubeSecret(new PlatformChart(only, 'c', { outputDir: 'x' }), 'empty', { metadata: { name: 'tls' } });
    expect(renderManifests(collectManifests(only), [refuseSecretData]).size).toBe(1);
  });
});
