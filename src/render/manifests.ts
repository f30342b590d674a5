/**
 * Collects what a construct tree renders — API objects and config files — as
 * plain data with their output paths, in one pass over the tree.
 *
 * Unlike `Chart.toJson()`, which re-resolves the whole app for every chart and
 * so turns quadratic with many charts, this calls `ApiObject.toJson()` once per
 * object: the cost is linear in the number of objects.
 */
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ConfigFile } from './config-file';
import { PlatformChart } from './platform-chart';
import { RenderError } from './render-error';

/** A Kubernetes object as plain JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [key: string]: unknown;
}

/** One file of the rendered output, before serialisation. */
export interface Manifest {
  /** Path under `dist/`, forward slashes, e.g. `clusters/prod-eu1/tenants/payments/namespace-payments-prod.yaml`. */
  readonly path: string;
  /** Folder under `dist/` (the chart's `outputDir`). */
  readonly outputDir: string;
  /** The API object, for object manifests. */
  readonly object?: KubeObject;
  /** The content, for config files (plain data or text). */
  readonly content?: unknown;
  /** Construct path that produced it, for error messages. */
  readonly source: string;
}

/** The file name of an object: `<kind>-<name>.yaml`, lower case. */
export function objectFileName(kind: string, name: string): string {
  return `${kind}-${name}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-') + '.yaml';
}

/**
 * Walks every {@link PlatformChart} under `root` and returns its objects and
 * config files, each with its output path.
 *
 * @throws RenderError when an object has no explicit `metadata.name`, when two
 *   files of one folder would have the same name, or when two folders of one
 *   cluster render the same object (both construct paths are named)
 */
export function collectManifests(root: IConstruct): Manifest[] {
  const out: Manifest[] = [];
  forEachManifest(root, (m) => { out.push(m); });
  return out;
}

/**
 * Hands every manifest under `root` to `visit` as soon as it is collected,
 * chart by chart, in the order of {@link collectManifests} — so a caller can
 * serialise and drop each object instead of holding all of them. Objects
 * without a name, with a taken file name or rendered twice on a cluster are
 * not handed over.
 *
 * @throws RenderError after the walk, for the same problems as {@link collectManifests}
 */
export function forEachManifest(root: IConstruct, visit: (m: Manifest) => void): void {
  const owner = new Map<string, string>();
  const identities = new Map<string, string>();
  const problems: string[] = [];
  for (const chart of findCharts(root)) {
    for (const c of chart.node.findAll()) {
      let manifest: Manifest | undefined;
      if (c instanceof ApiObject) {
        if (hasGeneratedName(c)) {
          problems.push(`${c.node.path}: ${c.kind} has no explicit metadata.name (cdk8s would call it ${c.name}); every object needs an explicit, readable name`);
          continue;
        }
        const object = c.toJson() as KubeObject;
        const path = `${chart.outputDir}/${objectFileName(object.kind, object.metadata.name ?? c.name)}`;
        manifest = { path, outputDir: chart.outputDir, object, source: c.node.path };
        // One object, one owner: two folders of a cluster must not render the
        // same object, or two Applications / Kustomizations would fight over it.
        const identity = `${targetOf(chart.outputDir)} ${c.apiGroup}/${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`;
        const first = identities.get(identity);
        if (first) {
          problems.push(`${c.node.path}: ${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name} is also rendered by ${first}; an object may be rendered once per cluster`);
          continue;
        }
        identities.set(identity, c.node.path);
      } else if (ConfigFile.isConfigFile(c)) {
        manifest = { path: `${chart.outputDir}/${c.fileName}`, outputDir: chart.outputDir, content: c.content, source: c.node.path };
      }
      if (!manifest) continue;
      const previous = owner.get(manifest.path);
      if (previous) {
        problems.push(`dist/${manifest.path} would be written by both ${previous} and ${manifest.source}; give one of them another name or folder`);
        continue;
      }
      owner.set(manifest.path, manifest.source);
      visit(manifest);
    }
  }
  if (problems.length > 0) throw new RenderError(problems);
}

/**
 * True when cdk8s generated the object's name from its construct path (a
 * hash-suffixed name) because none was given. Only names ending in the
 * 8-character hash are checked against the generator, to keep this cheap.
 */
function hasGeneratedName(o: ApiObject): boolean {
  return /-[0-9a-f]{8}$/.test(o.name) && o.name === o.chart.generateObjectName(o);
}

/** The cluster an output folder is applied to (`clusters/<name>`), or the folder itself outside `clusters/`. */
function targetOf(outputDir: string): string {
  const m = /^clusters\/[^/]+/.exec(outputDir);
  return m ? m[0] : outputDir;
}

function findCharts(root: IConstruct): PlatformChart[] {
  const charts: PlatformChart[] = [];
  const visit = (c: IConstruct) => {
    if (PlatformChart.isPlatformChart(c)) {
      charts.push(c);
      return; // a chart's objects are collected by chart.node.findAll()
    }
    for (const child of c.node.children) visit(child);
  };
  visit(root as Construct);
  return charts;
}
