/**
 * The pods an add-on's charts render on a cluster, as far as Pod Security
 * reads them: each workload's pod (from its security-context knobs, or the
 * workload's own template model) and the further pods the add-on declares
 * (hook and probe Jobs), from the release's values coalesced over the
 * chart's defaults.
 */
import { PsaPod } from '../security/pod-security-standards';
import { AddonContext, AddonDefinition, AddonWorkload } from './addon';
import { effectiveValues, getPath, used } from './knobs';
import { PLATFORM_PRIORITY_CLASS } from './platform-priority-class';

/** One pod of an add-on on a cluster. */
export interface RenderedAddonPod {
  /** e.g. `workload controller`, `upgrade-crds Job (pre-install, pre-upgrade hook)`. */
  readonly name: string;
  readonly release: string;
  readonly pod: PsaPod;
}

/** A workload's pod from its knobs: the pod security context and one container with the container security context. */
function knobPod(w: AddonWorkload, values: unknown): PsaPod {
  const sc = (path?: string) => (path ? (getPath(values, path) as Record<string, unknown> | undefined) : undefined);
  return { spec: { securityContext: sc(w.knobs.podSecurityContext), containers: [{ name: w.name, securityContext: sc(w.knobs.securityContext) }] } };
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
    out.push({ name: `${w.kind} ${w.name}`, release, pod: w.pod ? w.pod(v) : knobPod(w, v) });
  }
  for (const p of addon.pods ?? []) {
    const release = p.release ?? first;
    const pod = p.pod(values.get(release)!, ctx);
    if (pod) out.push({ name: p.name, release, pod });
  }
  return out;
}
