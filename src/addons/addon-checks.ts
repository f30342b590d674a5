/**
 * Definition checks of the add-ons on each cluster, run by `npm run synth`
 * before anything renders, so that what a chart or the cluster would refuse
 * is refused here with the field, the value and the fix:
 *
 * - `addons.overrides.<add-on>.values` and `.releases.<release>.values`:
 *   every path must be one the pinned chart of that release declares (or a
 *   template reads), with a "did you mean" from the chart's own keys; the
 *   values must pass the chart's JSON Schema; release names must exist;
 * - every image the add-ons make the cluster pull must come from a registry
 *   the cluster's admission policy allows (`allowedRegistries(cluster)`);
 * - on a highly available profile, an override must not take a replicated
 *   platform workload below the profile's replicas, or remove its
 *   PodDisruptionBudget or its topology spread.
 */
import { CHARTS } from '../../imports/charts';
import { allowedRegistries, fromRegistry } from '../security/admission/registries';
import { ClusterSpec } from '../spec/cluster';
import { PlatformSpec } from '../spec/model';
import { formatPath, Problem } from '../spec/problems';
import { AddonDefinition, AddonWorkload } from './addon';
import { addonContext } from './addon-context';
import { CATALOG } from './catalog';
import { schemaProblems, undeclaredReason, undeclaredValues } from './chart-values';
import { enabledAddons } from './enablement';
import { getPath, releaseOverrides, releaseValues, replicasOf, TOPOLOGY_KEYS } from './knobs';
import { PLATFORM_PRIORITY_CLASS } from './platform-priority-class';
import { pulledImages } from './pulled-images';

/** The cluster without its add-on value overrides (to tell what an override changes). */
function withoutValueOverrides(cluster: ClusterSpec): ClusterSpec {
  const overrides = Object.fromEntries(Object.entries(cluster.addons.overrides).map(([k, o]) => [k, o ? { ...o, values: undefined, releases: undefined } : o]));
  return { ...cluster, addons: { ...cluster.addons, overrides } };
}

/** Why a replicated workload's values are not highly available on the profile, or undefined. */
function haProblem(w: AddonWorkload, values: unknown, replicas: number): { knob: string; message: string } | undefined {
  const k = w.knobs;
  if (k.replicas) {
    const got = getPath(values, k.replicas);
    if (typeof got !== 'number' || got < replicas) return { knob: k.replicas, message: `must be at least ${replicas}: the profile runs the ${w.name} ${w.kind} with ${replicas} replicas for high availability` };
  }
  if (k.pdb) {
    const pdb = getPath(values, k.pdb.path) as Record<string, unknown> | undefined;
    const enabled = k.pdb.enabled ? getPath(values, k.pdb.enabled) !== false : k.pdb.shape === 'enabled' ? pdb?.enabled === true : pdb !== undefined;
    if (!enabled) return { knob: k.pdb.enabled ?? k.pdb.path, message: `must keep the PodDisruptionBudget of ${w.name} on the highly available profile` };
  }
  if (k.topologySpread) {
    const spread = getPath(values, k.topologySpread);
    const keys = Array.isArray(spread) ? spread.map((s) => (s as { topologyKey?: string }).topologyKey) : [];
    if (!keys.includes(TOPOLOGY_KEYS.zone) || !keys.includes(TOPOLOGY_KEYS.node)) return { knob: k.topologySpread, message: `must spread ${w.name} over zones (${TOPOLOGY_KEYS.zone}) and nodes (${TOPOLOGY_KEYS.node}) on the highly available profile` };
  }
  return undefined;
}

/**
 * The problems of an add-on's value overrides against the charts of their
 * releases: release names the add-on does not have, undeclared paths, JSON Schema.
 */
function overrideValueProblems(addon: AddonDefinition, cluster: ClusterSpec, index: number, file: string): Problem[] {
  const out: Problem[] = [];
  const at = (path: readonly PropertyKey[]) => formatPath(['clusters', index, 'addons', 'overrides', addon.name, ...path]);
  const names = addon.releases.map((r) => r.name);
  for (const name of Object.keys(cluster.addons.overrides[addon.name]?.releases ?? {})) {
    if (!names.includes(name)) out.push({ file, path: at(['releases', name]), value: name, message: `is not a release of ${addon.name}; its releases are ${names.join(', ')}` });
  }
  for (const release of addon.releases) {
    const chart = CHARTS[release.chart.chart];
    for (const { at: under, values } of releaseOverrides(addon, release.name, cluster)) {
      const found: Problem[] = [];
      for (const u of undeclaredValues(chart.tree, values)) {
        const declared = u.declared.length > 12 ? `${u.declared.slice(0, 12).join(', ')} and ${u.declared.length - 12} more` : u.declared.join(', ');
        found.push({
          file, path: at([...under, ...u.path]), value: getPath(values, u.path.join('.')),
          message: `${undeclaredReason(u, chart)}; the chart would ignore it.${u.declared.length ? ` Declared there: ${declared}.` : ''} Remove it, or use a value the chart declares (its values.yaml; typed in imports/charts/${chart.chart}.ts)`,
        });
      }
      for (const p of schemaProblems(chart, values)) {
        // Keys the schema refuses as additional are reported above, with a suggestion.
        if (found.length > 0 && p.includes('must NOT have additional properties')) continue;
        const [pointer, ...rest] = p.split(': ');
        const path = pointer.split('/').filter(Boolean).map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
        found.push({ file, path: at([...under, ...path]), value: getPath(values, path.join('.')), message: `${rest.join(': ')} (values.schema.json of chart ${chart.chart} ${chart.version})` });
      }
      out.push(...found);
    }
  }
  return out;
}

/** Where the override of `release` (default: the first) is written, under `addons.overrides.<add-on>`. */
function overridePath(addon: AddonDefinition, cluster: ClusterSpec, release?: string): string[] {
  const overrides = releaseOverrides(addon, release ?? addon.releases[0].name, cluster);
  return [...(overrides[overrides.length - 1]?.at ?? ['values'])];
}

/** The problems of one enabled add-on on one cluster. */
function addonOnCluster(addon: AddonDefinition, platform: PlatformSpec, cluster: ClusterSpec, index: number, file: string): Problem[] {
  const out = overrideValueProblems(addon, cluster, index, file);
  const at = (path: readonly PropertyKey[]) => formatPath(['clusters', index, ...path]);
  const first = addon.releases[0];

  const ctx = addonContext(addon, platform, cluster);
  const base = addonContext(addon, platform, withoutValueOverrides(cluster));
  const allowed = allowedRegistries(cluster);
  const baseImages = new Map(pulledImages(addon, base).map((i) => [i.key, i.ref]));
  for (const image of pulledImages(addon, ctx)) {
    if (fromRegistry(image.ref, allowed)) continue;
    const byOverride = baseImages.get(image.key) !== image.ref;
    out.push({
      file, path: byOverride ? at(['addons', 'overrides', addon.name, ...overridePath(addon, cluster, addon.images[image.key]?.release)]) : at(['admission', 'allowedRegistries']), value: image.ref,
      message: `${addon.name} would pull ${image.ref} (${image.key}), from a registry the cluster's admission policy refuses (allowed: ${allowed.join(', ')}); `
        + (cluster.mirrors ? `on an air-gapped cluster every image comes from the mirror ${cluster.mirrors.registry}: ${byOverride ? 'remove the override of its image' : 'this is a catalog error'}` : byOverride ? 'point the override at an allowed registry' : `add its registry to admission.allowedRegistries or switch ${addon.name} off`),
    });
  }

  if (ctx.profile.highAvailability) {
    for (const release of addon.releases) {
      const overrides = releaseOverrides(addon, release.name, cluster);
      if (overrides.length === 0) continue;
      const values = releaseValues(addon, release.name, ctx, PLATFORM_PRIORITY_CLASS);
      const baseValues = releaseValues(addon, release.name, base, PLATFORM_PRIORITY_CLASS);
      for (const w of addon.workloads) {
        if ((w.release ?? first.name) !== release.name || (w.replication.mode !== 'replicated' && w.replication.mode !== 'quorum')) continue;
        const replicas = replicasOf(w, ctx);
        const problem = haProblem(w, values, replicas);
        if (!problem || haProblem(w, baseValues, replicas)) continue;
        const by = [...overrides].reverse().find((o) => getPath(o.values, problem.knob) !== undefined) ?? overrides[overrides.length - 1];
        out.push({ file, path: at(['addons', 'overrides', addon.name, ...by.at, ...problem.knob.split('.')]), value: getPath(by.values, problem.knob), message: `${problem.message} (profile ${ctx.profile.name}); remove the override` });
      }
    }
  }
  return out;
}

/**
 * The add-on problems of every cluster of `platform`.
 *
 * @param clustersFile the file the clusters are declared in, for the problems
 */
export function checkAddons(platform: PlatformSpec, clustersFile: string): Problem[] {
  const out: Problem[] = [];
  platform.clusters.forEach((cluster, index) => {
    const enabled = enabledAddons(cluster);
    for (const addon of Object.values(CATALOG)) {
      if (enabled.has(addon.name)) out.push(...addonOnCluster(addon, platform, cluster, index, clustersFile));
      else if (cluster.addons.overrides[addon.name]) out.push(...overrideValueProblems(addon, cluster, index, clustersFile));
    }
  });
  return out;
}
