/**
 * Writing and reading Helm values by dotted path, and the platform's
 * generic values: images (upstream or mirror) and the high-availability,
 * resources and security knobs of every workload.
 */
import { AddonContext, AddonDefinition, AddonImage, AddonWorkload, ImageKnob, ValuesPath } from './addon';
import { chartData, coalesceValues } from './chart-values';
import { ImageRef } from './image-ref';
import { ClusterSpec } from '../spec/cluster';
import { deepMerge, isJsonObject, JsonObject } from '../contracts/json-values';



/** The value at `path` (`a.b.c`) in `values`, or undefined. */
export function getPath(values: unknown, path: ValuesPath): unknown {
  let cur: unknown = values;
  for (const key of path.split('.')) {
    if (Array.isArray(cur) && /^[0-9]+$/.test(key)) cur = cur[Number(key)];
    else if (isJsonObject(cur)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

/**
 * Sets `value` at `path` in `values` (creating objects on the way; a numeric
 * segment indexes an existing array); when both the existing and the new
 * value are objects they are deep-merged.
 *
 * @throws Error when a numeric segment points past the end of an array
 */
export function setPath(values: JsonObject, path: ValuesPath, value: unknown): void {
  const keys = path.split('.');
  let cur: JsonObject | unknown[] = values;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const last = i === keys.length - 1;
    if (Array.isArray(cur)) {
      const index = Number(key);
      if (!/^[0-9]+$/.test(key) || index >= cur.length) throw new Error(`values path ${path}: "${key}" is not an index of the list (length ${cur.length})`);
      if (last) { cur[index] = value; return; }
      cur = cur[index] as JsonObject;
      continue;
    }
    if (last) {
      cur[key] = isJsonObject(cur[key]) && isJsonObject(value) ? deepMerge(cur[key] as JsonObject, value) : value;
      return;
    }
    if (!isJsonObject(cur[key]) && !Array.isArray(cur[key])) cur[key] = {};
    cur = cur[key] as JsonObject | unknown[];
  }
}

/** Writes one image into the values through one knob. */
export function writeImageKnob(values: JsonObject, knob: ImageKnob, image: ImageRef): void {
  if ('full' in knob) {
    setPath(values, knob.full, `${image.registry}/${image.repository}:${image.tag}`);
    return;
  }
  if ('hub' in knob) {
    const parts = `${image.registry}/${image.repository}`.split('/');
    setPath(values, knob.hub, parts.slice(0, -1).join('/'));
  } else if (knob.registry !== undefined) {
    setPath(values, knob.registry, image.registry);
    setPath(values, knob.repository, image.repository);
  } else {
    setPath(values, knob.repository, `${image.registry}/${image.repository}`);
  }
  if (knob.tag) {
    const suffix = 'tagSuffix' in knob && knob.tagSuffix ? knob.tagSuffix : '';
    if (suffix && !image.tag.endsWith(suffix)) throw new Error(`image ${image.repository}:${image.tag}: the chart appends "${suffix}" to ${knob.tag}, so the pinned tag must end with it`);
    setPath(values, knob.tag, suffix ? image.tag.slice(0, -suffix.length) : image.tag);
  }
}

/** The image a knob designates in `values` (the inverse of {@link writeImageKnob}), for checks. */
export function readImageKnob(values: unknown, knob: ImageKnob, imageName: string): string | undefined {
  if ('full' in knob) return getPath(values, knob.full) as string | undefined;
  if ('hub' in knob) return `${getPath(values, knob.hub)}/${imageName}`;
  const repo = getPath(values, knob.repository) as string | undefined;
  if (knob.registry !== undefined) return `${getPath(values, knob.registry)}/${repo}`;
  return repo;
}

/** The number of replicas a workload runs on the profile (1 for `single`, 0 for a DaemonSet: one per node). */
export function replicasOf(w: AddonWorkload, ctx: AddonContext): number {
  switch (w.replication.mode) {
    case 'replicated': return ctx.profile.replicas.replicated;
    case 'quorum': return ctx.profile.replicas.quorum;
    case 'single': return 1;
    case 'daemon': return 0;
  }
}

/** Pod security context of the restricted Pod Security Standard. Source: Kubernetes docs, "Pod Security Standards" (restricted). */
export const RESTRICTED_POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/** Container security context of the restricted Pod Security Standard, with a read-only root file system. */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/** Topology keys spread across: zones, then nodes. Source: Kubernetes docs, "Well-Known Labels". */
export const TOPOLOGY_KEYS = { zone: 'topology.kubernetes.io/zone', node: 'kubernetes.io/hostname' } as const;

/**
 * Topology spread constraints for a replicated workload: at most one replica
 * more per zone (hard when the cluster has several zones) and per node (hard).
 */
export function topologySpread(podLabels: Readonly<Record<string, string>>, zones: number): JsonObject[] {
  return [
    { maxSkew: 1, topologyKey: TOPOLOGY_KEYS.zone, whenUnsatisfiable: zones > 1 ? 'DoNotSchedule' : 'ScheduleAnyway', labelSelector: { matchLabels: { ...podLabels } } },
    { maxSkew: 1, topologyKey: TOPOLOGY_KEYS.node, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { ...podLabels } } },
  ];
}

/**
 * Writes a workload's replicas, PDB, spread, resources, security contexts
 * and PriorityClass into `values`. `chartDefaults` are the chart's default
 * values: a default the chart's PDB template refuses beside `minAvailable`
 * (`maxUnavailable`, e.g. cluster-autoscaler 9.50.1 templates/pdb.yaml) is
 * cleared with `null`, which Helm's coalescing turns into "unset".
 */
export function writeWorkloadKnobs(values: JsonObject, w: AddonWorkload, ctx: AddonContext, priorityClassName: string, chartDefaults: unknown = {}): void {
  const k = w.knobs;
  const replicas = replicasOf(w, ctx);
  const ha = ctx.profile.highAvailability && replicas > 1;
  if (k.replicas && w.kind !== 'DaemonSet') setPath(values, k.replicas, replicas);
  if (k.pdb) {
    const minAvailable = Math.max(1, replicas - 1);
    const clear = getPath(chartDefaults, `${k.pdb.path}.maxUnavailable`) !== undefined ? { maxUnavailable: null } : {};
    const pdb = k.pdb.shape === 'enabled' ? { enabled: ha, minAvailable, ...clear } : ha ? { minAvailable, ...clear } : {};
    if (k.pdb.shape === 'enabled' || ha) setPath(values, k.pdb.path, pdb);
    if (k.pdb.enabled) setPath(values, k.pdb.enabled, ha);
  }
  if (k.topologySpread && ha) setPath(values, k.topologySpread, topologySpread(w.podLabels, ctx.cluster.zones.length));
  const res = ctx.profile.resources[w.size];
  setPath(values, k.resources, { requests: { ...res.requests }, limits: { ...res.limits } });
  if (k.podSecurityContext) setPath(values, k.podSecurityContext, { ...RESTRICTED_POD_SECURITY_CONTEXT });
  if (k.securityContext) setPath(values, k.securityContext, { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, ...w.securityContextExtra });
  if (k.priorityClassName) setPath(values, k.priorityClassName, priorityClassName);
}

/** Whether an image or workload is used on the cluster. */
export function used(x: AddonImage | AddonWorkload, ctx: AddonContext): boolean {
  return x.usedOn ? x.usedOn(ctx) : true;
}

/**
 * The cluster's extra values for one release of `addon`: the override's
 * `values` for its first release, then `releases.<release>.values`.
 *
 * @returns each override with the definition path it is written at (under `addons.overrides.<addon>`)
 */
export function releaseOverrides(addon: AddonDefinition, releaseName: string, cluster: { readonly addons: ClusterSpec['addons'] }): { readonly at: readonly string[]; readonly values: JsonObject }[] {
  const o = cluster.addons.overrides[addon.name];
  if (!o) return [];
  const out: { at: string[]; values: JsonObject }[] = [];
  if (o.values && releaseName === addon.releases[0].name) out.push({ at: ['values'], values: o.values as JsonObject });
  const r = o.releases?.[releaseName];
  if (r) out.push({ at: ['releases', releaseName, 'values'], values: r.values as JsonObject });
  return out;
}

/**
 * The values of one release of `addon` on the cluster: the typed values,
 * then every image knob (upstream or mirror), then every workload knob, then
 * the cluster's extra values ({@link releaseOverrides}) last.
 */
export function releaseValues(addon: AddonDefinition, releaseName: string, ctx: AddonContext, priorityClassName: string): JsonObject {
  const release = addon.releases.find((r) => r.name === releaseName);
  if (!release) throw new Error(`add-on ${addon.name} has no release "${releaseName}"`);
  const first = addon.releases[0].name;
  const defaults = chartData(release.chart.chart, release.chart.version).defaults;
  const values = JSON.parse(JSON.stringify(release.values(ctx))) as JsonObject;
  for (const [key, image] of Object.entries(addon.images)) {
    if ((image.release ?? first) !== releaseName || !used(image, ctx)) continue;
    for (const knob of image.knobs) writeImageKnob(values, knob, ctx.image(key));
  }
  for (const w of addon.workloads) {
    if ((w.release ?? first) !== releaseName || !used(w, ctx)) continue;
    writeWorkloadKnobs(values, w, ctx, priorityClassName, defaults);
  }
  return releaseOverrides(addon, releaseName, ctx.cluster).reduce((v, o) => deepMerge(v, o.values), values);
}

/**
 * The values the chart's templates see for one release: {@link releaseValues}
 * coalesced over the chart's defaults as Helm does (a `null` deletes a default).
 *
 * @throws Error when `addon` has no release `releaseName`, or `imports/charts/` holds another chart version
 */
export function effectiveValues(addon: AddonDefinition, releaseName: string, ctx: AddonContext, priorityClassName: string): JsonObject {
  const values = releaseValues(addon, releaseName, ctx, priorityClassName); // throws on a release the add-on does not have
  const { chart } = addon.releases.find((r) => r.name === releaseName)!;
  return coalesceValues(chartData(chart.chart, chart.version).defaults, values) as JsonObject;
}
