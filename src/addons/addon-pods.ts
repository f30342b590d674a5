/**
 * The pods an add-on's charts render on a cluster, as far as Pod Security
 * reads them: each workload's pod (from its security-context knobs, or the
 * workload's own template model) and the further pods the add-on declares
 * (hook and probe Jobs), from the release's values coalesced over the
 * chart's defaults.
 */
import { PsaPod } from '../security/pod-security-standards';
import { AddonContext, AddonDefinition, ValuesPath } from './addon';
import { effectiveValues, getPath, used } from './knobs';
import { PLATFORM_PRIORITY_CLASS } from './platform-priority-class';

/** One pod of an add-on on a cluster. */
export interface RenderedAddonPod {
  /** e.g. `workload controller`, `upgrade-crds Job (pre-install, pre-upgrade hook)`. */
  readonly name: string;
  readonly release: string;
  readonly pod: PsaPod;
}

/**
 * A pod as most chart templates render it, as far as Pod Security reads it:
 * the pod security context at `podPath` and one container `name` with the
 * security context at `containerPath` (paths in the release's values
 * coalesced over the chart's defaults; an absent path gives no context).
 */
export function podFromValues(values: unknown, podPath: ValuesPath | undefined, name: string, containerPath: ValuesPath | undefined): PsaPod {
  const sc = (path?: ValuesPath) => (path ? (getPath(values, path) as Record<string, unknown> | undefined) : undefined);
  return { spec: { securityContext: sc(podPath), containers: [{ name, securityContext: sc(containerPath) }] } };
}

/** Every pod `addon` renders on the cluster of `ctx`. */
export function addonPods(addon: AddonDefinition, ctx: AddonContext): RenderedAddonPod[] {
  const first = addon.releases[0].name;
  const values = new Map(addon.releases.map((r) => [r.name, effectiveValues(addon, r.name, ctx, PLATFORM_PRIORITY_CLASS)]));
  const out: RenderedAddonPod[] = [];
  for (const w of addon.workloads) {
    if (!used(w, ctx)) continue;
    const release = w.release ?? first;
    const v = values.get(release)!;
    out.push({ name: `${w.kind} ${w.name}`, release, pod: w.pod ? w.pod(v) : podFromValues(v, w.knobs.podSecurityContext, w.name, w.knobs.securityContext) });
  }
  for (const p of addon.pods ?? []) {
    const release = p.release ?? first;
    const pod = p.pod(values.get(release)!, ctx);
    if (pod) out.push({ name: p.name, release, pod });
  }
  return out;
}
