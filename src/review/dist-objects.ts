/**
 * The objects of one side of a review, looked up by kind, cluster and
 * namespace — for risk detectors that must see what did not change too (the
 * other NetworkPolicies of a namespace, the labels of every Namespace, the
 * ClusterRole a binding names).
 *
 * Lazy and proportional to what is asked: a file is parsed only when its text
 * names the kind asked for (`kind: <Kind>` on a line of its own, as every
 * rendered object has), and each file at most once per side.
 */
import { KubeObject } from '../render/manifests';
import { DistFiles, entriesOf, groupOf } from './dist-entries';

/** The objects of one render of `dist/`. */
export class DistObjects {
  private readonly byKind = new Map<string, Map<string, KubeObject[]>>();

  /** @param files the render (path under `dist/` → content) */
  public constructor(private readonly files: DistFiles) {}

  /**
   * Objects of `group`/`kind` on `cluster` (undefined: `fleet` and the top of
   * `dist/`), in `namespace` when given (`''` for cluster-scoped objects).
   *
   * @returns the objects in path order (empty when there are none)
   */
  public find(group: string, kind: string, cluster: string | undefined, namespace?: string): readonly KubeObject[] {
    const index = this.index(group, kind);
    if (namespace !== undefined) return index.get(`${cluster ?? ''}\u0000${namespace}`) ?? [];
    const out: KubeObject[] = [];
    for (const [key, list] of index) if (key.startsWith(`${cluster ?? ''}\u0000`)) out.push(...list);
    return out;
  }

  private index(group: string, kind: string): Map<string, KubeObject[]> {
    const key = `${group}/${kind}`;
    let index = this.byKind.get(key);
    if (index) return index;
    index = new Map();
    this.byKind.set(key, index);
    const marker = new RegExp(`^kind: ${kind}$`, 'm');
    for (const path of [...this.files.keys()].sort()) {
      const text = this.files.get(path)!;
      if (!/\.ya?ml$/.test(path) || !marker.test(text)) continue;
      for (const e of entriesOf(path, text)) {
        if (!e.object || e.object.kind !== kind || groupOf(e.object.apiVersion) !== group) continue;
        const k = `${e.cluster ?? ''}\u0000${e.object.metadata.namespace ?? ''}`;
        const list = index.get(k) ?? [];
        list.push(e.object);
        index.set(k, list);
      }
    }
    return index;
  }
}
