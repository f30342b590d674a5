/**
 * Generates `imports/charts/` from the pinned charts' data in
 * `../shared/charts/<chart>-<version>/` (`Chart.yaml`, `values.yaml`,
 * `values.schema.json`, subcharts under `charts/`), the way `npm run import`
 * generates `imports/*.ts` from the CRDs in `../shared/crds/`:
 *
 * - `imports/charts/<chart>.ts`: the chart's value type (every key optional,
 *   typed from its default; `{}` defaults and schema maps are open maps), and
 *   its data for checks at synth time — declared key tree, defaults and JSON
 *   Schema (when the chart ships one) — so `npm run synth` needs no
 *   `../shared`;
 * - `imports/charts/index.ts`: every chart by name.
 *
 * What a template reads beyond `values.yaml` comes from
 * `src/addons/chart-template-values.ts`. Chart-specific value layouts are
 * applied here, each with its template source (see `layout()`).
 *
 * Run: `npm run import:charts` (part of `npm run import`). Output is committed
 * and never edited by hand.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { KUBERNETES_OBJECT_KEYS, TEMPLATE_VALUES, TemplateValueType } from '../src/addons/chart-template-values';
import { deepMerge, isJsonObject, JsonObject } from '../src/contracts/json-values';

const ROOT = path.resolve(__dirname, '..');
const CHARTS = path.resolve(ROOT, '../shared/charts');
const OUT = path.join(ROOT, 'imports/charts');

/** A declared key tree: an object of declared keys, or a leaf type. */
type Tree = { [key: string]: Tree } | TemplateValueType;

/** The tree `values.yaml` declares: nested objects with keys are closed; `{}` is an open map. */
function treeOfValues(v: unknown): Tree {
  if (Array.isArray(v)) return 'array';
  if (isJsonObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) return 'map';
    return Object.fromEntries(keys.sort().map((k) => [k, KUBERNETES_OBJECT_KEYS.includes(k) && isJsonObject(v[k]) ? 'map' : treeOfValues(v[k])]));
  }
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'any';
}

/** The tree a JSON Schema declares (local `$ref`s resolved; `additionalProperties` or no properties: open map). */
function treeOfSchema(schema: JsonObject, root: JsonObject, depth = 0): Tree {
  if (depth > 30) return 'any';
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref.slice(2).split('/').reduce<unknown>((o, k) => (isJsonObject(o) ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
    return isJsonObject(target) ? treeOfSchema(target, root, depth + 1) : 'any';
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = schema[key];
    if (Array.isArray(list)) return list.filter(isJsonObject).map((s) => treeOfSchema(s, root, depth + 1)).reduce(union, 'any' as Tree);
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (isJsonObject(schema.properties)) {
    const props = schema.properties;
    const tree: { [k: string]: Tree } = {};
    for (const k of Object.keys(props).sort()) tree[k] = isJsonObject(props[k]) ? treeOfSchema(props[k] as JsonObject, root, depth + 1) : 'any';
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return 'map';
    return tree;
  }
  if (types.includes('object')) return 'map';
  if (types.includes('array')) return 'array';
  if (types.length === 1 && (types[0] === 'string' || types[0] === 'boolean')) return types[0];
  if (types.length === 1 && (types[0] === 'number' || types[0] === 'integer')) return 'number';
  return 'any';
}

/** Union of two trees: closed objects merge their keys; an open map or `any` absorbs an object. */
function union(a: Tree, b: Tree): Tree {
  if (a === 'any') return b;
  if (b === 'any') return a;
  if (typeof a === 'object' && typeof b === 'object') {
    const out: { [k: string]: Tree } = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? union(out[k], v) : v;
    return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
  }
  if (typeof a === 'object') return b === 'map' ? 'map' : a;
  if (typeof b === 'object') return a === 'map' ? 'map' : b;
  return a === b ? a : 'any';
}

/** Adds a template-read value at `p`. */
function addPath(tree: Tree, p: string, type: TemplateValueType): Tree {
  const [head, ...rest] = p.split('.');
  const base: { [k: string]: Tree } = typeof tree === 'object' ? { ...tree } : {};
  if (typeof tree !== 'object' && tree !== 'any' && rest.length > 0) throw new Error(`template value ${p}: "${head}" is a ${tree} in the chart`);
  base[head] = rest.length === 0 ? type : addPath(base[head] ?? {}, rest.join('.'), type);
  return Object.fromEntries(Object.keys(base).sort().map((k) => [k, base[k]]));
}

interface ChartDir { readonly dir: string; readonly name: string; readonly version: string; readonly appVersion: string }

function readChart(dir: string): ChartDir {
  const meta = parse(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')) as JsonObject;
  return { dir, name: String(meta.name), version: String(meta.version), appVersion: String(meta.appVersion ?? '') };
}

function readValues(dir: string): JsonObject {
  const v = parse(fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8')) as unknown;
  return isJsonObject(v) ? v : {};
}

/**
 * The values layout the chart's templates see, from its `values.yaml`:
 * - istio charts (base, istiod 1.27.1): `templates/zzz_profile.yaml` merges
 *   `_internal_defaults_do_not_set` into the root of `.Values`, so users set
 *   those keys at the root; istiod's `templates/zzy_descope_legacy.yaml` then
 *   merges `.Values.pilot` over the root, so every root key may also be set
 *   under `pilot.`;
 * - kube-prometheus-stack: each subchart's values sit under its name
 *   (`grafana`, `kube-state-metrics`, `prometheus-node-exporter`), the
 *   parent's values for it winning (Helm subchart values).
 */
function layout(chart: ChartDir, values: JsonObject): JsonObject {
  if (chart.name === 'base' || chart.name === 'istiod') {
    const defaults = isJsonObject(values._internal_defaults_do_not_set) ? values._internal_defaults_do_not_set : {};
    const rest = Object.fromEntries(Object.entries(values).filter(([k]) => k !== '_internal_defaults_do_not_set'));
    const root = deepMerge(defaults, rest);
    if (chart.name === 'istiod') {
      const pilotOwn = isJsonObject(root.pilot) ? root.pilot : {};
      return { ...root, pilot: deepMerge(Object.fromEntries(Object.entries(root).filter(([k]) => k !== 'pilot' && k !== 'global')), pilotOwn) };
    }
    return root;
  }
  const subcharts = path.join(chart.dir, 'charts');
  if (!fs.existsSync(subcharts)) return values;
  const out = { ...values };
  for (const sub of fs.readdirSync(subcharts).sort()) {
    const subChart = readChart(path.join(subcharts, sub));
    const own = isJsonObject(out[subChart.name]) ? out[subChart.name] as JsonObject : {};
    out[subChart.name] = deepMerge(readValues(subChart.dir), own);
  }
  return out;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k: string) => (IDENT.test(k) ? k : JSON.stringify(k));

/** The TypeScript type of a tree, indented. */
function typeOf(tree: Tree, indent: string): string {
  if (tree === 'string') return 'string';
  if (tree === 'number') return 'number';
  if (tree === 'boolean') return 'boolean';
  if (tree === 'array') return 'readonly unknown[]';
  if (tree === 'map') return '{ readonly [key: string]: unknown }';
  if (tree === 'any') return 'unknown';
  const inner = indent + '  ';
  const lines = Object.entries(tree).map(([k, v]) => `${inner}readonly ${key(k)}?: ${typeOf(v, inner)};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** `cert-manager` → `CertManager`. */
function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

function generate(chart: ChartDir): { file: string; text: string } {
  const values = layout(chart, readValues(chart.dir));
  let tree = treeOfValues(values);
  const schemaFile = path.join(chart.dir, 'values.schema.json');
  const schema = fs.existsSync(schemaFile) ? JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as JsonObject : undefined;
  if (schema) tree = union(tree, treeOfSchema(schema, schema));
  for (const t of TEMPLATE_VALUES[chart.name] ?? []) tree = addPath(tree, t.path, t.type);
  const type = `${pascal(chart.name)}ChartValues`;
  const source = `../shared/charts/${path.basename(chart.dir)}`;
  const text = [
    `// Generated by scripts/import-charts.ts from ${source} (chart ${chart.name} ${chart.version}); do not edit.`,
    `import type { ChartData } from './chart-data';`,
    '',
    `/** Helm values of chart ${chart.name} ${chart.version}: every key its values.yaml${schema ? ', values.schema.json' : ''} or templates declare. */`,
    `export interface ${type} ${typeOf(tree, '')}`,
    '',
    `/** Declared keys, defaults${schema ? ' and JSON Schema' : ''} of chart ${chart.name} ${chart.version}. */`,
    `export const CHART: ChartData = ${JSON.stringify({ chart: chart.name, version: chart.version, appVersion: chart.appVersion, tree, defaults: values, schema })};`,
    '',
  ].join('\n');
  return { file: `${chart.name}.ts`, text };
}

const CHART_DATA = `// Generated by scripts/import-charts.ts; do not edit.

/** A declared key tree: an object of declared keys (closed), or a leaf: a scalar type, an open map, a list, or anything. */
export type ChartValuesTree = { readonly [key: string]: ChartValuesTree } | 'string' | 'number' | 'boolean' | 'map' | 'array' | 'any';

/** What the project knows of one pinned chart version. */
export interface ChartData {
  readonly chart: string;
  readonly version: string;
  readonly appVersion: string;
  /** Every value path the chart declares (values.yaml, values.schema.json, template-read values). */
  readonly tree: ChartValuesTree;
  /** The chart's default values, as its templates see them. */
  readonly defaults: { readonly [key: string]: unknown };
  /** The chart's values.schema.json, when it ships one. */
  readonly schema?: { readonly [key: string]: unknown };
}
`;

/**
 * The content of `imports/charts/`, file name → text, from the chart data in `chartsDir`.
 *
 * @throws Error when `chartsDir` does not exist
 */
export function generateChartImports(chartsDir = CHARTS): Map<string, string> {
  if (!fs.existsSync(chartsDir)) throw new Error(`${chartsDir} not found: the chart data lives beside the project in ../shared/charts`);
  const files = new Map<string, string>([['chart-data.ts', CHART_DATA]]);
  const charts = fs.readdirSync(chartsDir).filter((d) => fs.existsSync(path.join(chartsDir, d, 'Chart.yaml'))).sort().map((d) => readChart(path.join(chartsDir, d)));
  const index: string[] = ['// Generated by scripts/import-charts.ts; do not edit.', `import type { ChartData } from './chart-data';`];
  const entries: string[] = [];
  for (const chart of charts) {
    const { file, text } = generate(chart);
    files.set(file, text);
    const mod = pascal(chart.name);
    index.push(`import { CHART as ${mod}, ${mod}ChartValues } from './${file.replace(/\.ts$/, '')}';`);
    entries.push(`  '${chart.name}': ${mod},`);
    index.push(`export type { ${mod}ChartValues };`);
  }
  index.push('export type { ChartData, ChartValuesTree } from \'./chart-data\';', '', '/** Every pinned chart, by chart name. */', 'export const CHARTS: Readonly<Record<string, ChartData>> = {', ...entries, '};', '');
  files.set('index.ts', index.join('\n'));
  return files;
}

function main(): void {
  const files = generateChartImports();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  for (const [file, text] of files) fs.writeFileSync(path.join(OUT, file), text);
  process.stdout.write(`imports/charts: ${[...files.keys()].join(', ')}\n`);
}

if (require.main === module) main();
