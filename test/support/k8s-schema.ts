/**
 * Strict JSON Schema validation of rendered objects against the Kubernetes
 * 1.28 API (or, given another `cdk8s-plus-<minor>` package, that minor's).
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

function loadAssembly(pkg: string): Record<string, JsiiInterface> {
  const file = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), '.jsii');
  return JSON.parse(fs.readFileSync(file, 'utf8')).types;
}

function typeSchema(t: JsiiType, PREFIX: string): JsonSchema {
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
    const items = typeSchema(t.collection.elementtype, PREFIX);
    return t.collection.kind === 'array'
      ? { type: 'array', items }
      : { type: 'object', additionalProperties: items };
  }
  if (t.union) return { anyOf: t.union.types.map((u) => typeSchema(u, PREFIX)) };
  if (t.fqn === `${PREFIX}Quantity`) return { type: ['string', 'number'] };
  if (t.fqn === `${PREFIX}IntOrString`) return { type: ['string', 'integer'] };
  if (t.fqn?.startsWith(PREFIX)) return { $ref: `k8s#/$defs/${t.fqn.slice(PREFIX.length)}` };
  return {};
}

function structSchema(def: JsiiInterface, prefix: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const p of def.properties ?? []) {
    const tag = p.docs?.custom?.schema;
    const jsonName = tag && tag.includes('#') ? tag.slice(tag.indexOf('#') + 1) : p.name;
    properties[jsonName] = typeSchema(p.type, prefix);
    if (!p.optional) required.push(jsonName);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/** Validates objects against the Kubernetes 1.28 schema (or another minor's), by apiVersion and kind. */
export class KubernetesSchema {
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false });

  /**
   * @param pkg the cdk8s-plus package whose `k8s` module stands for the
   *   Kubernetes minor to validate against (`cdk8s-plus-28` … `cdk8s-plus-33`,
   *   see KUBERNETES_SCHEMA_VERSIONS in kubernetes-types.ts)
   */
  constructor(private readonly pkg = 'cdk8s-plus-28') {
    const PREFIX = `${pkg}.k8s.`;
    const types = loadAssembly(pkg);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const k8s = require(pkg).k8s as Record<string, unknown>;
    const defs: Record<string, JsonSchema> = {};
    for (const [fqn, def] of Object.entries(types)) {
      if (fqn.startsWith(PREFIX) && def.kind === 'interface') defs[fqn.slice(PREFIX.length)] = structSchema(def, PREFIX);
    }
    if (defs.PolicyRulesWithSubjects && !('GroupSubject' in defs)) repairFlowControlSubject(defs);
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
    if (pkg !== 'cdk8s-plus-28') return;
    // Kubernetes 1.28 serves ValidatingAdmissionPolicy(Binding) as v1beta1 only; the v1
    // API (GA in 1.30) has the same fields, so v1 objects are checked against the
    // v1beta1 schema with the apiVersion swapped. Likewise FlowSchema and
    // PriorityLevelConfiguration: v1beta3 on 1.28, v1 (GA in 1.29) with the same
    // fields; test/tenancy/api-priority-and-fairness.test.ts checks them against
    // each minor's own schema too.
    const aliases: [string, string, string][] = [
      ['admissionregistration.k8s.io/v1beta1', 'admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy'],
      ['admissionregistration.k8s.io/v1beta1', 'admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding'],
      ['flowcontrol.apiserver.k8s.io/v1beta3', 'flowcontrol.apiserver.k8s.io/v1', 'FlowSchema'],
      ['flowcontrol.apiserver.k8s.io/v1beta3', 'flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration'],
    ];
    for (const [from, to, kind] of aliases) {
      const beta = this.schemas.get(key(from, kind)) as { properties: Record<string, JsonSchema> };
      this.schemas.set(key(to, kind), { ...beta, properties: { ...beta.properties, apiVersion: { const: to } } });
    }
  }

  /** True when the schema knows this apiVersion and kind. */
  public knows(apiVersion: string, kind: string): boolean {
    return this.schemas.has(key(apiVersion, kind));
  }

  /**
   * Validates one object.
   * @returns the errors as `path: message` lines; empty when valid
   * @throws Error when the apiVersion/kind is not part of the package's Kubernetes minor
   */
  public validate(object: { apiVersion: string; kind: string }): string[] {
    const k = key(object.apiVersion, object.kind);
    let v = this.validators.get(k);
    if (!v) {
      const schema = this.schemas.get(k);
      if (!schema) throw new Error(`${object.apiVersion} ${object.kind} is not a kind of ${this.pkg}'s Kubernetes`);
      v = this.ajv.compile(schema);
      this.validators.set(k, v);
    }
    return v(object) ? [] : formatErrors(v.errors ?? []);
  }
}

const nameOnly = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };

/**
 * `cdk8s import` of Kubernetes 1.29+ (cdk8s-plus-29 … 33) names both
 * io.k8s.api.rbac.v1.Subject and io.k8s.api.flowcontrol.v1.Subject `Subject`
 * and keeps the RBAC one, so `PolicyRulesWithSubjects.subjects` of
 * flowcontrol v1 would be checked as RBAC subjects (and GroupSubject,
 * ServiceAccountSubject, UserSubject are missing). The flowcontrol v1 Subject
 * as the Kubernetes API reference states it ("FlowSchema v1" → Subject,
 * GroupSubject, ServiceAccountSubject, UserSubject): `kind` required; `group`
 * {name}, `serviceAccount` {namespace, name}, `user` {name}, each field of
 * them required.
 */
function repairFlowControlSubject(defs: Record<string, JsonSchema>): void {
  defs.FlowcontrolV1Subject = {
    type: 'object',
    properties: {
      kind: { type: 'string' },
      group: nameOnly,
      serviceAccount: { type: 'object', properties: { namespace: { type: 'string' }, name: { type: 'string' } }, required: ['namespace', 'name'], additionalProperties: false },
      user: nameOnly,
    },
    required: ['kind'],
    additionalProperties: false,
  };
  const rules = defs.PolicyRulesWithSubjects as { properties: Record<string, JsonSchema> };
  rules.properties.subjects = { type: 'array', items: { $ref: 'k8s#/$defs/FlowcontrolV1Subject' } };
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
