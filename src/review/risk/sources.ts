/**
 * Supply-chain risks: where images, charts and synced manifests come from,
 * and which chart version an add-on runs.
 *
 * - image-registry-changed: a container (matched by its list and name) pulls
 *   from another registry; `images.txt` lists a registry it did not list.
 *   (both the upstream and the mirror reference of each `images.txt` line).
 *   The registry of an image reference is its first path component when that
 *   holds a `.` or `:` or is `localhost`, else `docker.io` (Docker's rule).
 * - chart-source-changed / addon-version-changed: Argo CD Applications with a
 *   Helm `chart` source (repoURL, chart; targetRevision), Flux HelmRelease
 *   (chart, sourceRef or chartRef; version), HelmRepository and OCIRepository
 *   (url; OCI ref).
 * - sync-source-changed: Argo CD Applications with a Git source (repoURL,
 *   path, targetRevision), Flux GitRepository (url, ref) and Kustomization
 *   (path, sourceRef).
 */
import { DistChange } from '../dist-diff';
import { deepEqual } from '../value-diff';
import { brief, flag, RiskContext, shortList, sides } from './detector';
import { RiskFlag } from './rules';

type Obj = Record<string, any>;

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** The registry host of an image reference, e.g. `quay.io`; `docker.io` for `nginx:1.27` or `library/nginx`. */
export function registryOf(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

/** Every container of an object: `<path of its list>/<name>` → image. */
function containersOf(o: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (CONTAINER_LISTS.has(k) && Array.isArray(v)) {
          for (const c of v) {
            if (c && typeof c.image === 'string') out.set(`${path}.${k}/${c.name ?? ''}`, c.image);
          }
        }
        visit(v, `${path}.${k}`);
      }
    }
  };
  visit(o, '');
  return out;
}

/** Risk flags for container images, `images.txt`, Helm charts and GitOps sources. */
export function sourceRisks(change: DistChange, _ctx: RiskContext): RiskFlag[] {
  if (change.type === 'changed' && change.lines && change.after?.path === 'images.txt') return imagesFileRisks(change);
  const { before, after, group, kind } = sides(change);
  if (!before || !after) return [];
  const out: RiskFlag[] = [...imageRisks(change, before, after)];
  if (group === 'argoproj.io' && kind === 'Application') out.push(...applicationRisks(change, before, after));
  if (group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease') out.push(...helmReleaseRisks(change, before, after));
  if (group === 'source.toolkit.fluxcd.io') out.push(...fluxSourceRisks(change, kind, before, after));
  if (group === 'kustomize.toolkit.fluxcd.io' && kind === 'Kustomization') {
    for (const field of ['path', 'sourceRef'] as const) {
      if (!deepEqual(before.spec?.[field], after.spec?.[field])) {
        out.push(flag('sync-source-changed', change, `${field} ${brief(before.spec?.[field])} → ${brief(after.spec?.[field])}`));
      }
    }
  }
  return out;
}

/** The images of `images.txt` lines: the first field (`<upstream> <mirror or -> <clusters>`), and the mirror reference when there is one. */
function imagesOfLines(lines: readonly string[]): string[] {
  return lines.filter((l) => l.trim() && !l.startsWith('#')).flatMap((l) => {
    const [upstream, mirror] = l.trim().split(/\s+/);
    return mirror && mirror !== '-' ? [upstream, mirror] : [upstream];
  });
}

function imagesFileRisks(change: DistChange): RiskFlag[] {
  const known = new Set(imagesOfLines(change.before!.text.split('\n')).map(registryOf));
  const fresh = new Map<string, string[]>();
  for (const image of imagesOfLines(change.lines!.added)) {
    const registry = registryOf(image);
    if (known.has(registry)) continue;
    fresh.set(registry, [...(fresh.get(registry) ?? []), image]);
  }
  return [...fresh].map(([registry, list]) => flag('image-registry-changed', change, `images from a registry not used before, ${registry}: ${shortList(list, 2)}`));
}

function imageRisks(change: DistChange, before: Obj, after: Obj): RiskFlag[] {
  const old = containersOf(before);
  const out: RiskFlag[] = [];
  for (const [key, image] of containersOf(after)) {
    const prior = old.get(key);
    if (prior && registryOf(prior) !== registryOf(image)) {
      out.push(flag('image-registry-changed', change, `container ${key.split('/').pop()} pulls from ${registryOf(image)} (was ${registryOf(prior)}): ${prior} → ${image}`));
    }
  }
  return out;
}

interface AppSource { repoURL?: string; chart?: string; path?: string; targetRevision?: string }

function applicationRisks(change: DistChange, before: Obj, after: Obj): RiskFlag[] {
  const list = (o: Obj) => [...(o.spec?.source ? [o.spec.source] : []), ...(o.spec?.sources ?? [])] as AppSource[];
  const old = list(before);
  const out: RiskFlag[] = [];
  list(after).forEach((s, i) => {
    // Sources are matched by chart name first (a multi-source Application may reorder), then by position.
    const prior = (s.chart ? old.find((o) => o.chart === s.chart && o.repoURL === s.repoURL) : undefined)
      ?? (s.chart ? old.find((o) => o.chart === s.chart) : undefined) ?? old[i];
    if (!prior) return;
    if (s.chart || prior.chart) {
      if (s.chart !== prior.chart || s.repoURL !== prior.repoURL) {
        out.push(flag('chart-source-changed', change, `chart ${prior.chart ?? '(none)'} from ${prior.repoURL} → ${s.chart ?? '(none)'} from ${s.repoURL}`));
      } else if (s.targetRevision !== prior.targetRevision) {
        out.push(flag('addon-version-changed', change, `chart ${s.chart} ${versionChange(prior.targetRevision, s.targetRevision)}`));
      }
      return;
    }
    const moved = (['repoURL', 'path', 'targetRevision'] as const).filter((f) => s[f] !== prior[f]);
    if (moved.length > 0) {
      out.push(flag('sync-source-changed', change, moved.map((f) => `${f} ${prior[f] ?? '(none)'} → ${s[f] ?? '(none)'}`).join(', ')));
    }
  });
  return out;
}

function helmReleaseRisks(change: DistChange, before: Obj, after: Obj): RiskFlag[] {
  const chart = (o: Obj) => o.spec?.chart?.spec ?? {};
  const b = chart(before);
  const a = chart(after);
  const out: RiskFlag[] = [];
  if (b.chart !== a.chart || !deepEqual(b.sourceRef, a.sourceRef) || !deepEqual(before.spec?.chartRef, after.spec?.chartRef)) {
    const describe = (o: Obj, c: Obj) => (c.chart ? `chart ${c.chart} from ${c.sourceRef?.kind ?? ''}/${c.sourceRef?.name ?? ''}` : `chartRef ${brief(o.spec?.chartRef)}`);
    out.push(flag('chart-source-changed', change, `${describe(before, b)} → ${describe(after, a)}`));
  } else if (b.version !== a.version) {
    out.push(flag('addon-version-changed', change, `chart ${a.chart} ${versionChange(b.version, a.version)}`));
  }
  return out;
}

function fluxSourceRisks(change: DistChange, kind: string, before: Obj, after: Obj): RiskFlag[] {
  const out: RiskFlag[] = [];
  const url = [before.spec?.url, after.spec?.url];
  if (kind === 'HelmRepository' || kind === 'OCIRepository') {
    if (url[0] !== url[1]) out.push(flag('chart-source-changed', change, `url ${url[0]} → ${url[1]}`));
    if (kind === 'OCIRepository' && !deepEqual(before.spec?.ref, after.spec?.ref)) {
      out.push(flag('addon-version-changed', change, `ref ${brief(before.spec?.ref)} → ${brief(after.spec?.ref)}`));
    }
  } else if (kind === 'GitRepository') {
    if (url[0] !== url[1]) out.push(flag('sync-source-changed', change, `url ${url[0]} → ${url[1]}`));
    if (!deepEqual(before.spec?.ref, after.spec?.ref)) out.push(flag('sync-source-changed', change, `ref ${brief(before.spec?.ref)} → ${brief(after.spec?.ref)}`));
  }
  return out;
}

/** `1.2.0 → 1.3.0 (upgrade)`; `(downgrade)` when the new version is lower; no direction for non-numeric versions. */
export function versionChange(before: string | undefined, after: string | undefined): string {
  const parse = (v?: string) => v?.replace(/^v/, '').split(/[-+]/)[0].split('.').map(Number);
  const a = parse(before);
  const b = parse(after);
  let direction = '';
  if (a && b && a.every((n) => !Number.isNaN(n)) && b.every((n) => !Number.isNaN(n))) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (b[i] ?? 0) - (a[i] ?? 0);
      if (d !== 0) {
        direction = d > 0 ? ' (upgrade)' : ' (downgrade)';
        break;
      }
    }
  }
  return `${before ?? '(unpinned)'} → ${after ?? '(unpinned)'}${direction}`;
}
