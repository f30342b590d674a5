/**
 * Every rendered admission policy type-checks cleanly for every kind it
 * matches, on every Kubernetes version the platform targets, for both
 * engines — checked the way the API server checks a ValidatingAdmissionPolicy
 * (`test/support/cel-type-check.ts`): `object` typed per matched kind from the
 * Kubernetes OpenAPI schemas of that version (built-in kinds) or the CRD's
 * `openAPIV3Schema` (custom kinds), Gatekeeper's `variables.params` from the
 * ConstraintTemplate's parameter schema.
 */
import { ADMISSION_POLICIES } from '../../src/security/admission/library';
import { constraintKind } from '../../src/security/admission/gatekeeper';
import { CheckedKind, typeCheck, TypeProblem, vapKinds } from '../support/cel-type-check';
import { KUBERNETES_SCHEMA_VERSIONS, objectMetaTypes, schemaTypes } from '../support/kubernetes-types';
import { ENGINE_CLUSTERS, renderedObjects } from '../support/security-platform';

type Json = any;

/** Minor versions with distinct schemas (1.34 is checked with 1.33's, see kubernetes-types.ts). */
const VERSIONS = KUBERNETES_SCHEMA_VERSIONS.filter((v, i, all) => all.findIndex((x) => x.package === v.package) === i).map((v) => v.version);

function problemsText(problems: readonly (TypeProblem & { policy: string; version: string })[]): string[] {
  return problems.map((p) => `${p.policy} @${p.version} ${p.kind} ${p.field}: ${p.message}`);
}

describe('admission policies type-check on every targeted Kubernetes version', () => {
  test.each(VERSIONS)('ValidatingAdmissionPolicy v1beta1 and v1, Kubernetes %s', (version) => {
    const problems: (TypeProblem & { policy: string; version: string })[] = [];
    let checked = 0;
    for (const cluster of [ENGINE_CLUSTERS.vapBeta, ENGINE_CLUSTERS.vapGa]) {
      for (const vap of renderedObjects(`clusters/${cluster}/platform/admission/validatingadmissionpolicy-`) as Json[]) {
        for (const kind of vapKinds(vap)) {
          checked++;
          problems.push(...typeCheck(vap.spec, version, kind).map((p) => ({ ...p, policy: vap.metadata.name, version })));
        }
      }
    }
    expect(checked).toBeGreaterThan(ADMISSION_POLICIES.length);
    expect(problemsText(problems)).toEqual([]);
  });

  test.each(VERSIONS)('Gatekeeper K8sNativeValidation, Kubernetes %s', (version) => {
    const problems: (TypeProblem & { policy: string; version: string })[] = [];
    const dir = `clusters/${ENGINE_CLUSTERS.gatekeeper}/platform/admission/`;
    const templates = renderedObjects(`${dir}constrainttemplate-`) as Json[];
    expect(templates).toHaveLength(ADMISSION_POLICIES.length);
    for (const template of templates) {
      const kind = template.spec.crd.spec.names.kind;
      const policy = ADMISSION_POLICIES.find((p) => constraintKind(p) === kind)!;
      const constraints = (renderedObjects(`clusters/${ENGINE_CLUSTERS.gatekeeper}/platform/admission-constraints/${kind.toLowerCase()}-`) as Json[]).filter((k) => k.kind === kind);
      expect(constraints).toHaveLength(1);
      const source = template.spec.targets[0].code.find((c: Json) => c.engine === 'K8sNativeValidation').source;
      const params = schemaTypes(`params_${kind}`, template.spec.crd.spec.validation.openAPIV3Schema, objectMetaTypes(version));
      const kinds: CheckedKind[] = constraints[0].spec.match.kinds.flatMap((k: Json) => k.apiGroups.flatMap((group: string) => k.kinds.map((kk: string) => ({
        group, kind: kk, version: policy.match.find((m) => m.group === group)!.version,
      }))));
      for (const k of kinds) problems.push(...typeCheck(source, version, k, params).map((p) => ({ ...p, policy: kind, version })));
    }
    expect(problemsText(problems)).toEqual([]);
  });
});

describe('the type checker catches what the API server reports', () => {
  const pod: CheckedKind = { group: '', version: 'v1', kind: 'Pod' };
  const deployment: CheckedKind = { group: 'apps', version: 'v1', kind: 'Deployment' };

  test('a field of another kind behind a branch on object.kind (undefined field \'template\' on Pods)', () => {
    // The expression platform-required-labels had for the pod template, matched on Pods too.
    const before = "!(object.kind in ['Deployment']) || (has(object.spec.template.metadata) && has(object.spec.template.metadata.labels))";
    expect(typeCheck({ validations: [{ expression: before }] }, '1.30', pod).map((p) => p.message)).toEqual(['No such key: template']);
    expect(typeCheck({ validations: [{ expression: before }] }, '1.30', deployment)).toEqual([]);
  });

  test('has() on a field the kind does not have', () => {
    expect(typeCheck({ validations: [{ expression: 'has(object.spec.jobTemplate)' }] }, '1.28', deployment)).toHaveLength(1);
    expect(typeCheck({ validations: [{ expression: 'object.spec.template.spec.containers.all(c, !has(c.securityContxt))' }] }, '1.28', deployment)).toHaveLength(1);
  });

  test('containers and ephemeral containers are different types', () => {
    const expression = 'object.spec.containers + object.spec.ephemeralContainers';
    expect(typeCheck({ variables: [{ name: 'all', expression }], validations: [{ expression: 'size(variables.all) == 0' }] }, '1.28', pod)[0].message).toMatch(/no such overload/);
  });

  test('variables carry their type, and validations must be bool and messages string', () => {
    const source = {
      variables: [{ name: 'names', expression: 'object.spec.containers.map(c, c.name)' }],
      validations: [{ expression: 'variables.names', messageExpression: 'size(variables.names)' }, { expression: "variables.names[0] == 'a'" }],
    };
    expect(typeCheck(source, '1.33', pod).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'validations[0].expression: must be a bool, is a list<string>',
      'validations[0].messageExpression: must be a string, is a int',
    ]);
  });

  test('namespaceObject and request have the API server\'s hand-built types', () => {
    expect(typeCheck({ validations: [{ expression: "namespaceObject.metadata.annotations['a'] == request.userInfo.username" }] }, '1.30', pod)).toEqual([]);
    expect(typeCheck({ validations: [{ expression: 'has(namespaceObject.metadata.ownerReferences)' }] }, '1.30', pod)).toHaveLength(1);
    expect(typeCheck({ validations: [{ expression: 'params.x == 1' }] }, '1.30', pod)).toHaveLength(1);
  });

  test('custom kinds are typed from their CRD', () => {
    const es: CheckedKind = { group: 'external-secrets.io', version: 'v1', kind: 'ExternalSecret' };
    expect(typeCheck({ validations: [{ expression: "object.spec.dataFrom.all(f, has(f.find.path) && f.find.path != '')" }] }, '1.30', es)).toEqual([]);
    expect(typeCheck({ validations: [{ expression: 'has(object.spec.dataFrom[0].find.pathh)' }] }, '1.30', es)).toHaveLength(1);
  });
});
