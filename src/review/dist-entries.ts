/**
 * The entries of a rendered `dist/` as the review compares them: each
 * Kubernetes object (and API-server config object such as an audit Policy)
 * with its identity, cluster, tenant and folder, and every other file as text.
 */
import { parseAllDocuments } from 'yaml';
import { KubeObject } from '../render/manifests';
import { LABELS } from '../tenancy/labels';

/** A rendered `dist/`: path under `dist/` (forward slashes) → content. */
export type DistFiles = ReadonlyMap<string, string>;

/** One object or text file of `dist/`. */
export interface DistEntry {
  /**
   * Identity across renders: `<scope>|<group>|<kind>|<namespace>|<name>` for
   * objects (scope: the cluster, `fleet` or empty), `file|<path>` for text.
   * An object keeps its identity when it moves to another folder.
   */
  readonly id: string;
  /** File path under `dist/`. */
  readonly path: string;
  /** Cluster the file belongs to (`dist/clusters/<cluster>/…`). */
  readonly cluster?: string;
  /** Tenant: the `platform.cdk8s.io/tenant` label, else the `tenants/<tenant>/` folder. */
  readonly tenant?: string;
  /** Folder inside the cluster (`bootstrap`, `platform/tenancy`, `tenants/payments`, `control-plane`), `fleet`, or `` at the top. */
  readonly folder: string;
  /** The object, for YAML documents with `apiVersion` and `kind`. */
  readonly object?: KubeObject;
  /** The file content (for objects, the file holding them). */
  readonly text: string;
  /** How messages name it: `ResourceQuota payments-prod/quota`, or the path for text files. */
  readonly label: string;
}

/** The API group of an `apiVersion` (`''` for the core group). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Where a path lies: its cluster and folder. */
export function locatePath(path: string): { cluster?: string; folder: string } {
  const parts = path.split('/');
  if (parts[0] === 'clusters' && parts.length >= 3) {
    const folder = parts[2] === 'platform' || parts[2] === 'tenants' ? parts.slice(2, 4).join('/') : parts[2];
    return { cluster: parts[1], folder: parts.length === 3 ? '' : folder };
  }
  if (parts.length > 1) return { folder: parts[0] };
  return { folder: '' };
}

/**
 * The entries of one file: one per YAML document with `apiVersion` and
 * `kind`; the whole file as text when it holds none (or is not YAML).
 */
export function entriesOf(path: string, text: string): DistEntry[] {
  const { cluster, folder } = locatePath(path);
  const folderTenant = folder.startsWith('tenants/') ? folder.slice('tenants/'.length) : undefined;
  const textEntry: DistEntry = { id: `file|${path}`, path, cluster, folder, text, label: path, tenant: folderTenant };
  if (!/\.ya?ml$/.test(path)) return [textEntry];
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return [textEntry];
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const out: DistEntry[] = [];
  const base = path.split('/').pop()!.replace(/\.ya?ml$/, '');
  for (const doc of list) {
    if (doc.errors.length > 0) return [textEntry];
    const o = doc.toJS() as KubeObject | null;
    if (!o || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') continue;
    const metadata = (o.metadata ?? {}) as KubeObject['metadata'];
    const name = metadata.name ?? base;
    const namespace = metadata.namespace ?? '';
    const scope = cluster ?? (folder === 'fleet' ? 'fleet' : '');
    out.push({
      id: `${scope}|${groupOf(o.apiVersion)}|${o.kind}|${namespace}|${name}`,
      path,
      cluster,
      folder,
      tenant: metadata.labels?.[LABELS.tenant] ?? folderTenant,
      object: { ...o, metadata },
      text,
      label: `${o.kind} ${namespace ? `${namespace}/` : ''}${name}`,
    });
  }
  return out.length > 0 ? out : [textEntry];
}
