/**
 * Strict validation of custom resources against the `openAPIV3Schema` of
 * their CustomResourceDefinition, from the upstream CRD files in
 * `../shared/crds/` (never copied into the project).
 *
 * The CRD schemas are structural OpenAPI v3 schemas; to check them with ajv:
 * - `nullable: true` becomes a `null` type alternative;
 * - the Kubernetes formats (int32, int64, byte, date-time, …) are registered;
 * - Go/RE2 patterns with an inline `(?i)` flag are compiled case-insensitive;
 * - objects with `properties` and no `additionalProperties` or
 *   `x-kubernetes-preserve-unknown-fields` are closed, so an unknown field
 *   fails (the API server would prune it silently; we want to know).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { formatErrors } from './k8s-schema';

type Schema = Record<string, any>;

/** Folder of the upstream CRD files. */
export const CRD_DIR = path.resolve(__dirname, '../../../shared/crds');

function toStrict(schema: Schema): Schema {
  if (!schema || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map(toStrict);
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && v && typeof v === 'object') {
      out.properties = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, toStrict(pv as Schema)]));
    } else if (k === 'description' || k === 'nullable') {
      continue;
    } else if (v && typeof v === 'object') {
      out[k] = toStrict(v as Schema);
    } else {
      out[k] = v;
    }
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (schema['x-kubernetes-int-or-string'] === true && !out.anyOf && !out.oneOf) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.properties && out.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

const labelSelector = {
  type: 'object',
  additionalProperties: false,
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['key', 'operator'],
        properties: { key: { type: 'string' }, operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }, values: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

/**
 * The schema of a Gatekeeper Constraint of `kind` (Gatekeeper docs, "How to
 * use Gatekeeper" → "The match field"; frameworks `constraint/pkg/schema`).
 */
function constraintSchema(kind: string, parameters: Schema): Schema {
  const strings = { type: 'array', items: { type: 'string' } };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: 'constraints.gatekeeper.sh/v1beta1' },
      kind: { const: kind },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        additionalProperties: false,
        properties: {
          enforcementAction: { enum: ['deny', 'warn', 'dryrun'] },
          match: {
            type: 'object',
            additionalProperties: false,
            properties: {
              kinds: {
                type: 'array',
                items: { type: 'object', additionalProperties: false, properties: { apiGroups: strings, kinds: strings } },
              },
              scope: { enum: ['*', 'Cluster', 'Namespaced'] },
              namespaces: strings,
              excludedNamespaces: strings,
              labelSelector,
              namespaceSelector: labelSelector,
              name: { type: 'string' },
              source: { enum: ['All', 'Generated', 'Original'] },
            },
          },
          parameters,
        },
      },
    },
  };
}

/** Validates custom resources by apiVersion and kind against the CRDs in `../shared/crds/`. */
export class CrdSchemas {
  private readonly schemas = new Map<string, Schema>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv: Ajv;

  constructor(dir: string = CRD_DIR) {
    this.ajv = new Ajv({
      allErrors: true,
      strict: false,
      code: {
        regExp: ((pattern: string, flags: string) => {
          // RE2 inline flags anywhere in the pattern (e.g. `^(?i)(abort|warn)?$` in PrometheusRule).
          const ci = pattern.includes('(?i)');
          return new RegExp(ci ? pattern.split('(?i)').join('') : pattern, ci ? `${flags}i` : flags);
        }) as any,
      },
    });
    addFormats(this.ajv);
    for (const f of ['int32', 'int64']) this.ajv.addFormat(f, { type: 'number', validate: (n: number) => Number.isInteger(n) });
    for (const f of ['byte', 'duration', 'quantity']) this.ajv.addFormat(f, { type: 'string', validate: () => true });

    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
        const crd = (doc as any).toJS();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions) {
          if (!version.served || !version.schema?.openAPIV3Schema) continue;
          const root = toStrict(version.schema.openAPIV3Schema);
          root.properties = { ...root.properties, metadata: { type: 'object' } };
          this.schemas.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, root);
        }
      }
    }
  }

  /**
   * Learns the Constraint kinds of Gatekeeper ConstraintTemplates (Gatekeeper
   * generates each Constraint CRD from its template, so there is no CRD file):
   * `spec.parameters` must match the template's `openAPIV3Schema`, and
   * `spec.match` / `spec.enforcementAction` Gatekeeper's constraint schema.
   */
  public addConstraintTemplates(objects: readonly { apiVersion: string; kind: string; [k: string]: any }[]): void {
    for (const t of objects) {
      if (t.kind !== 'ConstraintTemplate' || !t.apiVersion.startsWith('templates.gatekeeper.sh/')) continue;
      const kind = t.spec.crd.spec.names.kind;
      const parameters = toStrict(t.spec.crd.spec.validation?.openAPIV3Schema ?? { type: 'object' });
      this.schemas.set(`constraints.gatekeeper.sh/v1beta1/${kind}`, constraintSchema(kind, parameters));
      this.validators.delete(`constraints.gatekeeper.sh/v1beta1/${kind}`);
    }
  }

  /** True when a served CRD version defines this apiVersion and kind. */
  public knows(apiVersion: string, kind: string): boolean {
    return this.schemas.has(`${apiVersion}/${kind}`);
  }

  /**
   * Validates one custom resource.
   * @returns errors as `path: message` lines; empty when valid
   * @throws Error when no served CRD version defines the kind
   */
  public validate(object: { apiVersion: string; kind: string }): string[] {
    const k = `${object.apiVersion}/${object.kind}`;
    let v = this.validators.get(k);
    if (!v) {
      const schema = this.schemas.get(k);
      if (!schema) throw new Error(`no served CRD in ${CRD_DIR} defines ${object.apiVersion} ${object.kind}`);
      v = this.ajv.compile(schema);
      this.validators.set(k, v);
    }
    return v(object) ? [] : formatErrors(v.errors ?? []);
  }
}
