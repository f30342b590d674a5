/**
 * The kube-prometheus-stack add-on carries what the observability definition
 * says: remote write per cluster, rule and monitor selection, and the
 * platform Alertmanager routes.
 */
import { parse } from 'yaml';
import { observabilityStackValues } from '../../src/observability/monitoring/stack-values';
import { fixtureFiles, fixturePlatform } from '../support/platform';

const platform = fixturePlatform();

function releaseValues(cluster: string): any {
  const files = fixtureFiles();
  const app = files.get(`clusters/${cluster}/platform/kube-prometheus-stack/application-kube-prometheus-stack.yaml`);
  if (app) return parse(app).spec.source.helm.valuesObject;
  const release = parse(files.get(`clusters/${cluster}/platform/kube-prometheus-stack/helmrelease-kube-prometheus-stack.yaml`)!);
  return release.spec.values;
}

describe('kube-prometheus-stack values from the observability definition', () => {
  test.each(platform.clusters.map((c) => [c.name, c] as const))('%s: remote write, selectors and Alertmanager routes', (name, cluster) => {
    const values = releaseValues(name);
    const expected = observabilityStackValues(platform, cluster);
    expect(values.prometheus.prometheusSpec).toMatchObject(JSON.parse(JSON.stringify(expected.prometheus.prometheusSpec)));
    expect(values.prometheus.prometheusSpec.remoteWrite.map((r: any) => r.name)).toEqual(cluster.observability.remoteWrite.map((r) => r.name));
    expect(values.alertmanager.config).toEqual(JSON.parse(JSON.stringify(expected.alertmanager.config)));
    expect(values.alertmanager.alertmanagerSpec).toMatchObject(JSON.parse(JSON.stringify(expected.alertmanager.alertmanagerSpec)));
    // The profile's storage stays.
    expect(values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage).toMatch(/Gi$/);
  });

  test('prod-eu1 writes to Thanos with its tenant header, dev-eu1 to Mimir', () => {
    expect(releaseValues('prod-eu1').prometheus.prometheusSpec.remoteWrite[0]).toMatchObject({ name: 'thanos', headers: { 'THANOS-TENANT': 'prod' } });
    expect(releaseValues('dev-eu1').prometheus.prometheusSpec.remoteWrite[0]).toMatchObject({ name: 'mimir', headers: { 'X-Scope-OrgID': 'dev' } });
  });
});
