/**
 * Every rendered object of the fixture organisation validates strictly against
 * the Kubernetes 1.28 schema or, for custom resources, the CRD's
 * openAPIV3Schema from ../shared/crds. The one exception: the two kinds
 * without a CRD file there (VolumeSnapshotClass, Istio PeerAuthentication)
 * validate against the schemas in test/support/extra-schemas.ts.
 */
import { CrdSchemas } from '../support/crd-schema';
import { ExtraSchemas } from '../support/extra-schemas';
import { KubernetesSchema } from '../support/k8s-schema';
import { fixtureObjects } from '../support/platform';

const k8s = new KubernetesSchema();
const crds = new CrdSchemas();
const extra = new ExtraSchemas();
const objects = fixtureObjects();
crds.addConstraintTemplates(objects.map((o) => o.object));

describe('schema validation of the fixture organisation', () => {
  test('renders objects to validate', () => {
    expect(objects.length).toBeGreaterThan(100);
  });

  test('every object has a schema (Kubernetes 1.28, a CRD from ../shared/crds, or one of the two extra schemas)', () => {
    const unknown = objects
      .filter(({ object: o }) => !k8s.knows(o.apiVersion, o.kind) && !crds.knows(o.apiVersion, o.kind) && !extra.knows(o.apiVersion, o.kind))
      .map(({ path, object: o }) => `${path}: ${o.apiVersion} ${o.kind}`);
    expect(unknown).toEqual([]);
  });

  test('every object is valid, with unknown fields rejected', () => {
    const invalid: string[] = [];
    for (const { path, object } of objects) {
      const schema = k8s.knows(object.apiVersion, object.kind) ? k8s : extra.knows(object.apiVersion, object.kind) ? extra : crds;
      if (!schema.knows(object.apiVersion, object.kind)) continue;
      for (const e of schema.validate(object)) invalid.push(`${path} ${e}`);
    }
    expect(invalid).toEqual([]);
  });
});

describe('the validators themselves', () => {
  test('the extra schemas cover exactly VolumeSnapshotClass and PeerAuthentication', () => {
    const kinds = [...new Set(objects.filter(({ object: o }) => extra.knows(o.apiVersion, o.kind)).map(({ object: o }) => o.kind))].sort();
    expect(kinds).toEqual(['PeerAuthentication', 'VolumeSnapshotClass']);
  });

  test('reject a VolumeSnapshotClass without a driver or with an unknown deletion policy', () => {
    expect(extra.validate({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 's' }, deletionPolicy: 'Keep' } as any))
      .toEqual(["/: must have required property 'driver'", '/deletionPolicy: must be equal to one of the allowed values']);
  });

  test('reject a PeerAuthentication with an unknown mTLS mode', () => {
    expect(extra.validate({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRONG' } } } as any))
      .toEqual(['/spec/mtls/mode: must be equal to one of the allowed values']);
  });

  test('reject an unknown field in a core object', () => {
    expect(k8s.validate({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: {}, hardd: {} } } as any))
      .toEqual(['/spec: must NOT have additional properties (hardd)']);
  });

  test('reject a missing required field', () => {
    expect(k8s.validate({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b' } } as any))
      .toContain("/: must have required property 'roleRef'");
  });

  test('reject an unknown field in a custom resource', () => {
    expect(crds.validate({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'p' }, spec: { sourceRepoz: [] } } as any))
      .toEqual(['/spec: must NOT have additional properties (sourceRepoz)']);
  });

  test('reject a wrongly typed field in a custom resource', () => {
    expect(crds.validate({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'k' },
      spec: { interval: '1m', prune: 'yes', sourceRef: { kind: 'GitRepository', name: 'x' } },
    } as any)).toEqual(['/spec/prune: must be boolean']);
  });
});
