/**
 * High availability in the medium and enterprise profiles, checked over the
 * Helm values of every add-on workload and over the rendered output.
 */
import { AddonWorkload } from '../../src/addons/addon';
import { addonContext } from '../../src/addons/addon-context';
import { CATALOG } from '../../src/addons/catalog';
import { enabledAddons } from '../../src/addons/enablement';
import { getPath, releaseValues, used } from '../../src/addons/knobs';
import { PLATFORM_PRIORITY_CLASS } from '../../src/addons/platform-priority-class';
import { KubeObject } from '../../src/render/manifests';
import { fixtureObjects, fixturePlatform } from '../support/platform';

/** Problems of a rendered Deployment/StatefulSet against the HA rules. */
function renderedHaProblems(o: KubeObject, zones: number): string[] {
  if (o.kind !== 'Deployment' && o.kind !== 'StatefulSet') return [];
  const spec = o.spec as any;
  const pod = spec?.template?.spec ?? {};
  const out: string[] = [];
  if (!(spec.replicas >= 2)) out.push('replicas < 2');
  const keys = (pod.topologySpreadConstraints ?? []).map((c: any) => c.topologyKey);
  if (zones > 1 && !keys.includes('topology.kubernetes.io/zone')) out.push('no zone spread');
  if (!keys.includes('kubernetes.io/hostname')) out.push('no node spread');
  if (pod.priorityClassName !== PLATFORM_PRIORITY_CLASS) out.push('no platform PriorityClass');
  if (pod.securityContext?.runAsNonRoot !== true) out.push('not runAsNonRoot');
  for (const c of pod.containers ?? []) {
    if (!c.resources?.requests || !c.resources?.limits) out.push(`${c.name}: no requests/limits`);
    if (!c.livenessProbe || !c.readinessProbe) out.push(`${c.name}: no probes`);
  }
  return out;
}

const platform = fixturePlatform();
const haClusters = platform.clusters.filter((c) => c.addons.profile !== 'small');

describe('high availability of the rendered output', () => {
  test('every rendered Deployment and StatefulSet on medium/enterprise clusters is highly available', () => {
    const found: string[] = [];
    for (const c of haClusters) {
      for (const { path, object } of fixtureObjects(`clusters/${c.name}/`)) {
        for (const p of renderedHaProblems(object, c.zones.length)) found.push(`${path}: ${p}`);
      }
    }
    expect(found).toEqual([]);
  });

  test('the rendered-output check rejects a single-replica Deployment without probes', () => {
    const bad = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'c' }] } } } };
    expect(renderedHaProblems(bad as KubeObject, 3)).toEqual([
      'replicas < 2', 'no zone spread', 'no node spread', 'no platform PriorityClass', 'not runAsNonRoot', 'c: no requests/limits', 'c: no probes',
    ]);
  });
});

describe('high availability of the Helm values of every add-on', () => {
  const cases: [string, string, AddonWorkload][] = [];
  for (const c of haClusters) {
    for (const name of enabledAddons(c)) {
      for (const w of CATALOG[name].workloads) cases.push([c.name, name, w]);
    }
  }

  test('covers the HA clusters and every add-on', () => {
    expect(haClusters.map((c) => c.name)).toEqual(['staging-eu1', 'prod-eu1', 'prod-onprem1']);
    expect(new Set(cases.map(([, a]) => a)).size).toBe(Object.keys(CATALOG).length);
  });

  test.each(cases)('%s %s %p', (clusterName, addonName, w) => {
    const cluster = platform.clusters.find((c) => c.name === clusterName)!;
    const addon = CATALOG[addonName as keyof typeof CATALOG];
    const ctx = addonContext(addon, platform, cluster);
    if (!used(w, ctx)) return;
    const values = releaseValues(addon, w.release ?? addon.releases[0].name, ctx, PLATFORM_PRIORITY_CLASS);
    const k = w.knobs;
    const resources = getPath(values, k.resources) as any;
    expect(resources.requests.cpu && resources.requests.memory && resources.limits.cpu && resources.limits.memory).toBeTruthy();
    if (k.priorityClassName) expect(getPath(values, k.priorityClassName)).toBe(PLATFORM_PRIORITY_CLASS);
    if ('knobs' in w.probes) {
      expect(w.probes.knobs.liveness).toBeTruthy();
    } else {
      expect(w.probes.builtIn.length).toBeGreaterThan(20);
    }
    if (w.replication.mode === 'single') {
      expect(w.replication.reason.length).toBeGreaterThan(60);
      return;
    }
    if (w.replication.mode === 'daemon') return;
    // Replicated and quorum workloads: replicas, PDB, spread over zones and nodes, restricted security contexts.
    const min = w.replication.mode === 'quorum' ? 3 : 2;
    expect(getPath(values, k.replicas!)).toBeGreaterThanOrEqual(min);
    const pdb = getPath(values, k.pdb!.path) as any;
    expect(pdb.minAvailable).toBeGreaterThanOrEqual(1);
    if (k.pdb!.shape === 'enabled') expect(pdb.enabled).toBe(true);
    const spread = getPath(values, k.topologySpread!) as any[];
    expect(spread.map((s) => s.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    expect(spread[0].whenUnsatisfiable).toBe(cluster.zones.length > 1 ? 'DoNotSchedule' : 'ScheduleAnyway');
    expect(spread[0].labelSelector.matchLabels).toEqual(w.podLabels);
    // Security contexts as the chart applies them are checked by the Pod Security evaluation (pod-security.test.ts).
    if (k.podSecurityContext) expect((getPath(values, k.podSecurityContext) as any).runAsNonRoot).toBe(true);
    if (k.securityContext) {
      const sc = getPath(values, k.securityContext) as any;
      expect(sc.allowPrivilegeEscalation).toBe(false);
      expect(sc.capabilities.drop).toEqual(['ALL']);
    }
  });

  test('the small profile runs single replicas without PodDisruptionBudgets', () => {
    const dev = platform.clusters.find((c) => c.name === 'dev-eu1')!;
    const addon = CATALOG['cert-manager'];
    const values = releaseValues(addon, 'cert-manager', addonContext(addon, platform, dev), PLATFORM_PRIORITY_CLASS) as any;
    expect(values.replicaCount).toBe(1);
    expect(values.podDisruptionBudget).toEqual({ enabled: false, minAvailable: 1 });
    expect(values.topologySpreadConstraints).toBeUndefined();
  });
});
