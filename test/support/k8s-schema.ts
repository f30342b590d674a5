/**
 * Strict JSON Schema validation of rendered objects against the Kubernetes
 * 1.28 API.
 *
 * The schema is derived from the jsii assembly of `cdk8s-plus-28`, whose
 * `k8s` module `cdk8s import` generated from the Kubernetes 1.28 OpenAPI
 * definitions: every property keeps its original JSON name (the `@schema`
 * doc tag, e.g. `io.k8s.api.core.v1.ResourceQuotaSpec#hard`), its type, and
 * whether the OpenAPI marks it required. Objects are closed
 * (`additionalProperties: false`), so an unknown or misspelt field fails, as
 * `kubectl apply --validate=strict` would.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { k8s } from 'cdk8s-plus-28';

type JsonSchema = Record<string, unknown>;

interface JsiiType {
  primitive?: string;
  fqn?: string;
  collection?: { kind: 'array' | 'map'; elementtype: JsiiType };
  union?: { types: JsiiType[] };
}
interface JsiiProperty {
  name: string;
  optional?: boolean;
  type: JsiiType;
  docs?: { custom?: { schema?: string } };
}
interface JsiiInterface {
  kind: string;
  properties?: JsiiProperty[];
}

const PREFIX = 'cdk8s-plus-28.k8s.';

function loadAssembly(): Record<string, JsiiInterface> {
  const file = path.join(path.dirname(require.resolve('cdk8s-plus-28/package.json')), '.jsii');
  return JSON.parse(fs.readFileSync(file, 'utf8')).types;
}

function typeSchema(t: JsiiType): JsonSchema {
  if (t.primitive) {
    switch (t.primitive) {
      case 'string': return { type: 'string' };
      case 'number': return { type: 'number' };
      case 'boolean': return { type: 'boolean' };
      case 'date': return { type: 'string' };
      default: return {};
    }
  }
  if (t.collection) {
    const items = typeSchema(t.collection.elementtype);
    return t.collection.kind === 'array'
      ? { type: 'array', items }
      : { type: 'object', additionalProperties: items };
  }
  if (t.union) return { anyOf: t.union.types.map(typeSchema) };
  if (t.fqn === `${PREFIX}Quantity`) return { type: ['string', 'number'] };
  if (t.fqn === `${PREFIX}IntOrString`) return { type: ['string', 'integer'] };
  if (t.fqn?.startsWith(PREFIX)) return { $ref: `k8s#/$defs/${t.fqn.slice(PREFIX.length)}` };
  return {};
}

function structSchema(def: JsiiInterface): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const p of def.properties ?? []) {
    const tag = p.docs?.custom?.schema;
    const jsonName = tag && tag.includes('#') ? tag.slice(tag.indexOf('#') + 1) : p.name;
    properties[jsonName] = typeSchema(p.type);
    if (!p.optional) required.push(jsonName);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/** Validates objects against the Kubernetes 1.28 schema, by apiVersion and kind. */
export class KubernetesSchema {
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false });

  constructor() {
    const types = loadAssembly();
    const defs: Record<string, JsonSchema> = {};
    for (const [fqn, def] of Object.entries(types)) {
      if (fqn.startsWith(PREFIX) && def.kind === 'interface') defs[fqn.slice(PREFIX.length)] = structSchema(def);
    }
    this.ajv.addSchema({ $id: 'k8s', $defs: defs });
    for (const [name, cls] of Object.entries(k8s)) {
      const gvk = (cls as { GVK?: { apiVersion: string; kind: string } }).GVK;
      if (!gvk || !defs[`${name}Props`]) continue;
      const props = defs[`${name}Props`] as { properties: Record<string, JsonSchema>; required: string[] };
      const schema = {
        type: 'object',
        properties: {
          ...props.properties,
          apiVersion: { const: gvk.apiVersion },
          kind: { const: gvk.kind },
        },
        required: [...new Set(['apiVersion', 'kind', 'metadata', ...props.required])],
        additionalProperties: false,
      };
      this.schemas.set(key(gvk.apiVersion, gvk.kind), schema);
    }
    // Kubernetes 1.28 serves ValidatingAdmissionPolicy(Binding) as v1beta1 only; the v1
    // API (GA in 1.30) has the same fields, so v1 objects are checked against the
    // v1beta1 schema with the apiVersion swapped.
    for (const kind of ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']) {
      const beta = this.schemas.get(key('admissionregistration.k8s.io/v1beta1', kind)) as { properties: Record<string, JsonSchema> };
      this.schemas.set(key('admissionregistration.k8s.io/v1', kind), {
        ...beta,
        properties: { ...beta.properties, apiVersion: { const: 'admissionregistration.k8s.io/v1' } },
      });
    }
  }

  /** True when the schema knows this apiVersion and kind. */
  public knows(apiVersion: string, kind: string): boolean {
    return this.schemas.has(key(apiVersion, kind));
  }

  /**
   * Validates one object.
   * @returns the errors as `path: message` lines; empty when valid
   * @throws Error when the apiVersion/kind is not part of Kubernetes 1.28
   */
  public validate(object: { apiVersion: string; kind: string }): string[] {
    const k = key(object.apiVersion, object.kind);
    let v = this.validators.get(k);
    if (!v) {
      const schema = this.schemas.get(k);
      if (!schema) throw new Error(`${object.apiVersion} ${object.kind} is not a Kubernetes 1.28 kind`);
      v = this.ajv.compile(schema);
      this.validators.set(k, v);
    }
    return v(object) ? [] : formatErrors(v.errors ?? []);
  }
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** Formats ajv errors as `path: message` lines. */
export function formatErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
    return `${e.instancePath || '/'}: ${e.message}${extra}`;
  });
}
