/**
 * The schemas of Kubernetes kinds as CEL types, per Kubernetes minor version,
 * the way the API server types `object` and `oldObject` when it type-checks a
 * ValidatingAdmissionPolicy: one object type per matched kind, built from
 * the kind's OpenAPI schema (built-in kinds) or its CRD's `openAPIV3Schema`
 * (custom kinds).
 *
 * Built-in kinds come from the jsii assemblies of `cdk8s-plus-28` …
 * `cdk8s-plus-33`, whose `k8s` modules `cdk8s import` generated from the
 * Kubernetes 1.28 … 1.33 OpenAPI definitions (every property keeps its JSON
 * name in the `@schema` doc tag). There is no `cdk8s-plus-34`: 1.34 is
 * checked with the 1.33 schemas. Custom kinds come from the upstream CRDs in
 * `../shared/crds/`.
 *
 * Type mapping, as `k8s.io/apiserver/pkg/cel/common/schemas.go`
 * (SchemaDeclType) does it: objects with properties → object types with
 * those fields; `additionalProperties` → map(string, T); arrays → list(T);
 * string → string, integer → int, number → double, boolean → bool,
 * `format: date-time` → timestamp; `x-kubernetes-int-or-string`
 * (IntOrString, Quantity) and `x-kubernetes-preserve-unknown-fields` without
 * properties → dyn. The jsii `number` of built-in kinds is `int`: the kinds
 * the platform's policies match declare no floating-point fields.
 *
 * What the jsii assemblies leave out: `status` (cdk8s props carry only what
 * a manifest sets); `apiVersion` and `kind` are added here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** Kubernetes minor versions the platform targets, and the cdk8s-plus package whose schemas stand for each. */
export const KUBERNETES_SCHEMA_VERSIONS: readonly { readonly version: string; readonly package: string }[] = [
  { version: '1.28', package: 'cdk8s-plus-28' },
  { version: '1.29', package: 'cdk8s-plus-29' },
  { version: '1.30', package: 'cdk8s-plus-30' },
  { version: '1.31', package: 'cdk8s-plus-31' },
  { version: '1.32', package: 'cdk8s-plus-32' },
  { version: '1.33', package: 'cdk8s-plus-33' },
  { version: '1.34', package: 'cdk8s-plus-33' },
];

/** A field type in cel-js notation (`string`, `list<Container>`, `map<string, string>`, a type name). */
export type CelTypeName = string;

/** Object types to register (name → fields) and the type of the root. */
export interface CelTypeSet {
  readonly root: CelTypeName;
  readonly types: ReadonlyMap<string, Readonly<Record<string, CelTypeName>>>;
}

interface JsiiType {
  primitive?: string;
  fqn?: string;
  collection?: { kind: 'array' | 'map'; elementtype: JsiiType };
  union?: unknown;
}
interface JsiiProperty { name: string; type: JsiiType; docs?: { custom?: { schema?: string } } }
interface JsiiInterface { kind: string; properties?: JsiiProperty[]; docs?: { custom?: { schema?: string } } }

const assemblies = new Map<string, Record<string, JsiiInterface>>();

function assembly(pkg: string): Record<string, JsiiInterface> {
  let a = assemblies.get(pkg);
  if (!a) {
    const file = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), '.jsii');
    a = JSON.parse(fs.readFileSync(file, 'utf8')).types as Record<string, JsiiInterface>;
    assemblies.set(pkg, a);
  }
  return a;
}

/** The OpenAPI definition prefix of an API group: `io.k8s.api.<first label of the group, core for ''>.<version>`. */
function definitionPrefix(group: string, version: string): string {
  return `io.k8s.api.${group === '' ? 'core' : group.split('.')[0]}.${version}`;
}

/**
 * The CEL types of a built-in kind at a Kubernetes version.
 *
 * @returns undefined when the version's schemas have no such kind
 */
export function builtInKindTypes(minor: string, group: string, version: string, kind: string): CelTypeSet | undefined {
  const pkg = packageOf(minor);
  const types = assembly(pkg);
  const prefix = `${pkg}.k8s.`;
  const schema = `${definitionPrefix(group, version)}.${kind}`;
  const rootFqn = Object.keys(types).find((fqn) => fqn.startsWith(prefix) && types[fqn].kind === 'interface'
    && fqn.endsWith('Props') && types[fqn].docs?.custom?.schema === schema);
  return rootFqn ? fromJsii(pkg, rootFqn, { apiVersion: 'string', kind: 'string' }) : undefined;
}

/** The CEL types of ObjectMeta at a Kubernetes version. */
export function objectMetaTypes(minor: string): CelTypeSet {
  const pkg = packageOf(minor);
  return fromJsii(pkg, `${pkg}.k8s.ObjectMeta`, {});
}

function packageOf(minor: string): string {
  const pkg = KUBERNETES_SCHEMA_VERSIONS.find((v) => v.version === minor)?.package;
  if (!pkg) throw new Error(`no schemas for Kubernetes ${minor}; known: ${KUBERNETES_SCHEMA_VERSIONS.map((v) => v.version).join(', ')}`);
  return pkg;
}

function fromJsii(pkg: string, rootFqn: string, rootExtra: Record<string, CelTypeName>): CelTypeSet {
  const types = assembly(pkg);
  const prefix = `${pkg}.k8s.`;
  const out = new Map<string, Record<string, CelTypeName>>();
  const nameOf = (fqn: string) => fqn.slice(prefix.length);
  const typeOf = (t: JsiiType): CelTypeName => {
    if (t.primitive) {
      switch (t.primitive) {
        case 'string': return 'string';
        case 'number': return 'int';
        case 'boolean': return 'bool';
        case 'date': return 'timestamp';
        default: return 'dyn';
      }
    }
    if (t.collection) {
      const element = typeOf(t.collection.elementtype);
      return t.collection.kind === 'array' ? `list<${element}>` : `map<string, ${element}>`;
    }
    if (t.fqn === `${prefix}Quantity` || t.fqn === `${prefix}IntOrString` || !t.fqn?.startsWith(prefix)) return 'dyn';
    const def = types[t.fqn];
    if (!def || def.kind !== 'interface') return 'dyn';
    visit(t.fqn, {});
    return nameOf(t.fqn);
  };
  const visit = (fqn: string, extra: Record<string, CelTypeName>) => {
    const name = nameOf(fqn);
    if (out.has(name)) return;
    const fields: Record<string, CelTypeName> = { ...extra };
    out.set(name, fields);
    for (const p of types[fqn].properties ?? []) {
      const tag = p.docs?.custom?.schema;
      fields[tag && tag.includes('#') ? tag.slice(tag.indexOf('#') + 1) : p.name] = typeOf(p.type);
    }
  };
  visit(rootFqn, rootExtra);
  return { root: nameOf(rootFqn), types: out };
}

type Schema = Record<string, any>;

const crdFiles = new Map<string, Schema[]>();

/** The CRDs of API group `group` in `../shared/crds/` (only files naming the group are parsed: they are large). */
function crdsOf(group: string): Schema[] {
  const dir = path.resolve(__dirname, '../../../shared/crds');
  const out: Schema[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    const file = path.join(dir, f);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(`group: ${group}`)) continue;
    let docs = crdFiles.get(file);
    if (!docs) {
      docs = parseAllDocuments(text).map((d) => d.toJS() as Schema).filter((d) => d?.kind === 'CustomResourceDefinition');
      crdFiles.set(file, docs);
    }
    out.push(...docs.filter((c) => c.spec.group === group));
  }
  return out;
}

/** The kind of the CRD in `../shared/crds/` with API group `group` and plural `plural`, or undefined. */
export function crdKindOf(group: string, plural: string): string | undefined {
  return crdsOf(group).find((c) => c.spec.names.plural === plural)?.spec.names.kind;
}

/** The `openAPIV3Schema` of a custom kind in `../shared/crds/`, or undefined. */
export function crdSchema(group: string, version: string, kind: string): Schema | undefined {
  const crd = crdsOf(group).find((c) => c.spec.names.kind === kind);
  return crd?.spec.versions.find((v: Schema) => v.name === version)?.schema?.openAPIV3Schema;
}

/**
 * The CEL types of an OpenAPI v3 schema (a CRD's `openAPIV3Schema`, a
 * Gatekeeper parameter schema), object types named `<rootName>_<path>`.
 *
 * @param objectMeta the CEL types of ObjectMeta, used for the root's `metadata` (the API server publishes CRDs with the full ObjectMeta)
 */
export function schemaTypes(rootName: string, schema: Schema, objectMeta?: CelTypeSet): CelTypeSet {
  const out = new Map<string, Record<string, CelTypeName>>();
  if (objectMeta) for (const [n, f] of objectMeta.types) out.set(n, f);
  const typeOf = (s: Schema, name: string, root = false): CelTypeName => {
    if (!s || s['x-kubernetes-int-or-string']) return 'dyn';
    if (s.type === 'array') return `list<${typeOf(s.items ?? {}, `${name}_item`)}>`;
    if (s.type === 'string') return s.format === 'date-time' ? 'timestamp' : s.format === 'duration' ? 'duration' : 'string';
    if (s.type === 'integer') return 'int';
    if (s.type === 'number') return 'double';
    if (s.type === 'boolean') return 'bool';
    if (s.type === 'object' || s.properties) {
      if (s.properties) {
        const fields: Record<string, CelTypeName> = {};
        out.set(name, fields);
        for (const [k, v] of Object.entries(s.properties as Record<string, Schema>)) {
          fields[k] = root && k === 'metadata' && objectMeta ? objectMeta.root : typeOf(v, `${name}_${k.replace(/[^A-Za-z0-9]/g, '_')}`);
        }
        if (root) { fields.apiVersion ??= 'string'; fields.kind ??= 'string'; }
        return name;
      }
      if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map<string, ${typeOf(s.additionalProperties, `${name}_value`)}>`;
      return 'dyn';
    }
    return 'dyn';
  };
  const root = typeOf(schema, rootName, true);
  return { root, types: out };
}
