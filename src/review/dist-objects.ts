/**
 * The objects of one side of a review, looked up by kind, cluster and
 * namespace — for risk detectors that must see what did not change too (the
 * other NetworkPolicies of a namespace, the labels of every Namespace, the
 * ClusterRole a binding names).
 *
 * Lazy and proportional to what is asked: files are first sorted by the text
 * alone (`kind: <Kind>` on a line of its own, as every rendered object has,
 * and their `  namespace: <name>` lines), and a file is parsed only when a
 * lookup needs its namespace — at most once per side.
 */
import { KubeObject } from '../render/manifests';
import { DistFiles, entriesOf, groupOf, locatePath } from './dist-entries';

/** Files of one kind by cluster and the namespaces their text names (`''`: none). */
type TextIndex = Map<string, string[]>;

/** The objects of one render of `dist/`. */
export class DistObjects {
  private readonly texts = new Map<string, TextIndex>();
  private readonly parsed = new Map<string, KubeObject[]>();

  /** @param files the render (path under `dist/` → content) */
  public constructor(private readonly files: DistFiles) {}

  /**
   * Objects of `group`/`kind` on `cluster` (undefined: `fleet` and the top of
   * `dist/`), in `namespace` when given (`''` for cluster-scoped objects).
   *
   * @returns the objects in path order (empty when there are none)
   */
  public find(group: string, kind: string, cluster: string | undefined, namespace?: string): readonly KubeObject[] {
    const index = this.textIndex(kind);
    const prefix = `${cluster ?? ''}\u0000`;
    if (namespace === undefined) {
      const paths = [...new Set([...index].filter(([k]) => k.startsWith(prefix)).flatMap(([, p]) => p))].sort();
      return this.objects(group, kind, paths);
    }
    // A file whose text names no namespace may still hold the object (a cluster-scoped one, or another layout).
    const paths = [...new Set([...(index.get(`${prefix}${namespace}`) ?? []), ...(namespace === '' ? [] : index.get(prefix) ?? [])])].sort();
    return this.objects(group, kind, paths).filter((o) => (o.metadata.namespace ?? '') === namespace);
  }

  private objects(group: string, kind: string, paths: readonly string[]): KubeObject[] {
    const out: KubeObject[] = [];
    for (const path of paths) {
      let objects = this.parsed.get(path);
      if (!objects) {
        objects = entriesOf(path, this.files.get(path)!).flatMap((e) => (e.object ? [e.object] : []));
        this.parsed.set(path, objects);
      }
      for (const o of objects) if (o.kind === kind && groupOf(o.apiVersion) === group) out.push(o);
    }
    return out;
  }

  private textIndex(kind: string): TextIndex {
    let index = this.texts.get(kind);
    if (index) return index;
    index = new Map();
    this.texts.set(kind, index);
    const marker = new RegExp(`^kind: ${kind}$`, 'm');
    for (const [path, text] of this.files) {
      if (!/\.ya?ml$/.test(path) || !marker.test(text)) continue;
      const cluster = locatePath(path).cluster ?? '';
      const namespaces = [...text.matchAll(/^ {2}namespace: (\S+)$/gm)].map((m) => m[1].replace(/^["']|["']$/g, ''));
      for (const ns of namespaces.length > 0 ? new Set(namespaces) : ['']) {
        const k = `${cluster}\u0000${ns}`;
        const list = index.get(k) ?? [];
        list.push(path);
        index.set(k, list);
      }
    }
    return index;
  }
}
