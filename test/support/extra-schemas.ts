/**
 * Strict schemas for the two custom resources the platform renders whose
 * CRDs are not in ../shared/crds. Kept narrow: exactly these two kinds.
 *
 * - VolumeSnapshotClass (snapshot.storage.k8s.io/v1): derived from the
 *   `openAPIV3Schema` of kubernetes-csi/external-snapshotter v8.2.0,
 *   client/config/crd/snapshot.storage.k8s.io_volumesnapshotclasses.yaml
 *   (required: driver, deletionPolicy; deletionPolicy ∈ {Delete, Retain};
 *   parameters: map of strings).
 * - PeerAuthentication (security.istio.io/v1): written from the Istio
 *   reference "PeerAuthentication" (spec.selector.matchLabels,
 *   spec.mtls.mode ∈ {UNSET, DISABLE, PERMISSIVE, STRICT}, spec.portLevelMtls
 *   keyed by port number).
 */
import Ajv, { ValidateFunction } from 'ajv';
import { formatErrors } from './k8s-schema';

const metadata = {
  type: 'object',
  properties: {
    name: { type: 'string' }, namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['name'],
  additionalProperties: false,
};

const mtls = { type: 'object', properties: { mode: { enum: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'] } }, additionalProperties: false };

const SCHEMAS: Record<string, object> = {
  'snapshot.storage.k8s.io/v1/VolumeSnapshotClass': {
    type: 'object',
    properties: {
      apiVersion: { const: 'snapshot.storage.k8s.io/v1' },
      kind: { const: 'VolumeSnapshotClass' },
      metadata,
      driver: { type: 'string' },
      deletionPolicy: { enum: ['Delete', 'Retain'] },
      parameters: { type: 'object', additionalProperties: { type: 'string' } },
    },
    required: ['apiVersion', 'kind', 'metadata', 'driver', 'deletionPolicy'],
    additionalProperties: false,
  },
  'security.istio.io/v1/PeerAuthentication': {
    type: 'object',
    properties: {
      apiVersion: { const: 'security.istio.io/v1' },
      kind: { const: 'PeerAuthentication' },
      metadata: { ...metadata, required: ['name', 'namespace'] },
      spec: {
        type: 'object',
        properties: {
          selector: { type: 'object', properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } } }, additionalProperties: false },
          mtls,
          portLevelMtls: { type: 'object', propertyNames: { pattern: '^[0-9]+$' }, additionalProperties: mtls },
        },
        additionalProperties: false,
      },
    },
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
  },
};

/** Validates the custom resources without a CRD in ../shared/crds. */
export class ExtraSchemas {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly validators = new Map<string, ValidateFunction>();

  public knows(apiVersion: string, kind: string): boolean {
    return `${apiVersion}/${kind}` in SCHEMAS;
  }

  /** @returns errors as `path: message` lines; empty when valid */
  public validate(object: { apiVersion: string; kind: string }): string[] {
    const key = `${object.apiVersion}/${object.kind}`;
    if (!SCHEMAS[key]) throw new Error(`no extra schema for ${key}`);
    let v = this.validators.get(key);
    if (!v) {
      v = this.ajv.compile(SCHEMAS[key]);
      this.validators.set(key, v);
    }
    return v(object) ? [] : formatErrors(v.errors ?? []);
  }
}
