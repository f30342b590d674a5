/**
 * Profiles and the cluster's add-on choices: which add-ons run, and the
 * validation problems (path, value, what is allowed) for bad choices.
 */
import { addonDecisions, enabledAddons } from '../../src/addons/enablement';
import { PROFILES } from '../../src/addons/profiles';
import { ADDON_NAMES } from '../../src/spec/addon-names';
import { ClusterInput } from '../../src/spec/cluster';
import { loadPlatform } from '../../src/definition/load';
import { fixturePlatform, fixtureSources } from '../support/platform';

function withCluster(index: number, patch: (c: ClusterInput) => ClusterInput) {
  const sources = fixtureSources();
  const clusters = sources.clusters.map((c, i) => (i === index ? patch(JSON.parse(JSON.stringify(c))) : c));
  return () => loadPlatform({ ...sources, clusters });
}

describe('profiles', () => {
  test('every profile gives every add-on a stance and HA profiles run at least 2 / 3 replicas', () => {
    for (const p of Object.values(PROFILES)) {
      expect(Object.keys(p.addons).sort()).toEqual([...ADDON_NAMES].sort());
      if (p.highAvailability) {
        expect(p.replicas.replicated).toBeGreaterThanOrEqual(2);
        expect(p.replicas.quorum).toBeGreaterThanOrEqual(3);
        expect(p.replicas.quorum % 2).toBe(1);
      }
    }
  });

  test('the fixture organisation runs what its profiles and choices say', () => {
    const p = fixturePlatform();
    const on = (name: string) => [...enabledAddons(p.clusters.find((c) => c.name === name)!)];
    expect(on('dev-eu1')).not.toContain('falco');
    expect(on('dev-eu1')).toContain('trivy-operator');
    expect(on('prod-eu1')).not.toContain('opentelemetry-collector');
    expect(on('prod-eu1')).not.toContain('gatekeeper');
    expect(on('prod-onprem1')).toContain('gatekeeper');
    expect(on('prod-onprem1')).not.toContain('cluster-autoscaler');
    expect(addonDecisions(p.clusters.find((c) => c.name === 'prod-onprem1')!).find((d) => d.addon === 'cluster-autoscaler'))
      .toEqual({ addon: 'cluster-autoscaler', stance: 'mandatory', enabled: false, reason: 'needs a node-group API (nodeGroups: { api })' });
  });

  test('switching off a mandatory add-on needs a reason', () => {
    expect(withCluster(2, (c) => ({ ...c, addons: { profile: 'enterprise', overrides: { falco: { enabled: false } } } })))
      .toThrow(/clusters\[2\]\.addons\.overrides\.falco\.reason: is required: profile enterprise calls falco mandatory/);
    expect(withCluster(2, (c) => ({ ...c, addons: { profile: 'enterprise', overrides: { falco: { enabled: false, reason: 'runtime detection by the provider, contract 4711' } } } })))
      .not.toThrow();
  });

  test('unknown add-on and profile names list what is allowed', () => {
    expect(withCluster(0, (c) => ({ ...c, addons: { profile: 'huge' as any, overrides: { nginx: { enabled: true } } as any } })))
      .toThrow(/clusters\[0\]\.addons\.profile[\s\S]*small[\s\S]*medium[\s\S]*enterprise/);
    expect(withCluster(0, (c) => ({ ...c, addons: { profile: 'small', overrides: { nginx: { enabled: true } } as any } })))
      .toThrow(/clusters\[0\]\.addons\.overrides[\s\S]*ingress-nginx/);
  });

  test('an add-on that is on but misses a required field is a problem; one that does not apply cannot be switched on', () => {
    expect(withCluster(1, (c) => ({ ...c, backup: undefined })))
      .toThrow(/clusters\[1\]\.backup: is required: velero is mandatory in profile medium and needs backup locations/);
    expect(withCluster(3, (c) => ({ ...c, addons: { profile: 'enterprise', overrides: { 'cluster-autoscaler': { enabled: true } } } })))
      .toThrow(/clusters\[3\]\.addons\.overrides\.cluster-autoscaler\.enabled: cluster-autoscaler only runs on a cluster with a node-group API/);
  });

  test('storage: exactly one default class, and a snapshot driver that provisions a class', () => {
    expect(withCluster(0, (c) => ({ ...c, storage: { ...c.storage!, classes: c.storage!.classes.map((k) => ({ ...k, default: true })) } })))
      .toThrow(/clusters\[0\]\.storage\.classes: must mark exactly one StorageClass default: true \(marked: gp3, gp3-retain\)/);
    expect(withCluster(0, (c) => ({ ...c, storage: { ...c.storage!, snapshotClass: { name: 's', driver: 'pd.csi.storage.gke.io' } } })))
      .toThrow(/clusters\[0\]\.storage\.snapshotClass\.driver: must be the provisioner of one of the StorageClasses; allowed: ebs\.csi\.aws\.com/);
  });

  test('mirrors must be a registry host and an https chart URL', () => {
    expect(withCluster(3, (c) => ({ ...c, mirrors: { registry: 'https://registry.corp', charts: 'http://charts.corp/' } })))
      .toThrow(/mirrors\.charts: must be an https URL[\s\S]*mirrors\.registry: must be a registry host/);
  });
});
