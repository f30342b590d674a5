/**
 * Helm values against what the pinned chart declares (`imports/charts/`,
 * generated from `../shared/charts/` by `npm run import:charts`): the value
 * paths a chart does not declare, Helm's coalescing of values over the
 * chart's defaults, and the chart's own JSON Schema.
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { CHARTS, ChartData, ChartValuesTree } from '../../imports/charts';
import { isJsonObject, JsonObject } from '../contracts/json-values';
import { closest } from '../spec/zod-problems';


/**
 * The data of a pinned chart version.
 *
 * @throws Error when `imports/charts/` has no such chart or another version (re-run `npm run import:charts`)
 */
export function chartData(chart: string, version: string): ChartData {
  const data = CHARTS[chart];
  if (!data) throw new Error(`chart ${chart} is not in imports/charts (known: ${Object.keys(CHARTS).join(', ')}); run npm run import:charts`);
  if (data.version !== version) throw new Error(`chart ${chart}: imports/charts holds ${data.version}, the pin is ${version}; run npm run import:charts`);
  return data;
}

/** A value path a chart does not declare. */
export interface UndeclaredValue {
  /** Path segments from the values root. */
  readonly path: readonly string[];
  /** The declared key closest to the bad one, if it looks like a typo. */
  readonly suggestion?: string;
  /** The keys declared where the bad one is. */
  readonly declared: readonly string[];
  /** Set when the chart declares a scalar or list where the values hold an object. */
  readonly declaredType?: string;
}

/**
 * Every path in `values` that the chart's declared key tree does not
 * contain. Below an open map, a list or an `any` leaf everything is accepted
 * (the chart passes it through); below a scalar, an object is not.
 */
export function undeclaredValues(tree: ChartValuesTree, values: unknown, at: readonly string[] = []): UndeclaredValue[] {
  if (!isJsonObject(values) || tree === 'map' || tree === 'any' || tree === 'array') return [];
  if (typeof tree === 'string') return [{ path: at, declared: [], declaredType: tree }];
  const out: UndeclaredValue[] = [];
  const declared = Object.keys(tree);
  for (const [k, v] of Object.entries(values)) {
    if (!(k in tree)) {
      out.push({ path: [...at, k], suggestion: closest(k, declared), declared });
      continue;
    }
    out.push(...undeclaredValues(tree[k], v, [...at, k]));
  }
  return out;
}

/** What is wrong with an undeclared value, without its path (for problems that carry the path): `is not a value chart … declares (did you mean "replicaCount"?)`. */
export function undeclaredReason(u: UndeclaredValue, chart: ChartData): string {
  if (u.declaredType) return `chart ${chart.chart} ${chart.version} declares a ${u.declaredType} here, not an object`;
  const hint = u.suggestion ? ` (did you mean "${[...u.path.slice(0, -1), u.suggestion].join('.')}"?)` : '';
  return `is not a value chart ${chart.chart} ${chart.version} declares${hint}`;
}

/** A one-line description of an undeclared value, for messages: `replicaCont is not a value chart … declares (did you mean "replicaCount"?)`. */
export function describeUndeclared(u: UndeclaredValue, chart: ChartData): string {
  return `${u.path.join('.')}${u.declaredType ? ':' : ''} ${undeclaredReason(u, chart)}`;
}

/**
 * Helm's coalescing of user values over chart defaults (helm
 * `pkg/chartutil/coalesce.go`): maps merge key by key, anything else is
 * replaced, and a `null` user value deletes the chart's default.
 */
export function coalesceValues(defaults: unknown, values: unknown): unknown {
  if (!isJsonObject(values)) return values;
  const base = isJsonObject(defaults) ? defaults : {};
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(values)) {
    if (v === null) { delete out[k]; continue; }
    out[k] = isJsonObject(v) && isJsonObject(base[k]) ? coalesceValues(base[k], v) : v;
  }
  return out;
}

const validators = new Map<string, (v: unknown) => string[]>();

/**
 * Validates `values` coalesced over the chart's defaults against the chart's
 * `values.schema.json`, as `helm install` does before rendering.
 *
 * @returns problems as `<instance path>: <message>`; empty when the chart ships no schema
 */
export function schemaProblems(chart: ChartData, values: unknown): string[] {
  if (!chart.schema) return [];
  const id = `${chart.chart}@${chart.version}`;
  let validate = validators.get(id);
  if (!validate) {
    const schema = { ...chart.schema } as JsonObject;
    const draft2020 = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12');
    delete schema.$schema;
    const ajv = draft2020 ? new Ajv2020({ allErrors: true, strict: false }) : new Ajv({ allErrors: true, strict: false });
    const fn = ajv.compile(schema);
    validate = (v: unknown) => (fn(v) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`));
    validators.set(id, validate);
  }
  return validate(coalesceValues(chart.defaults, values));
}
