/**
 * How the library is rendered per cluster: API versions, bindings,
 * Gatekeeper templates and Constraints (parameters checked against each
 * template's schema), the registries function, the tenant Namespace allowances.
 */
import Ajv from 'ajv';
import { parse } from 'yaml';
import { KubeObject } from '../../src/render/manifests';
import { ADMISSION_POLICIES, policyFamily } from '../../src/security/admission/library';
import { allowedRegistries } from '../../src/security/admission/registries';
import { vapApiVersion } from '../../src/security/admission/validating-admission-policy';
import { CLUSTER_WIDE_POLICIES } from '../../src/spec/admission';
import { CrdSchemas } from '../support/crd-schema';
import { KubernetesSchema } from '../support/k8s-schema';
import { fixtureFiles, fixturePlatform } from '../support/platform';
import { renderedObjects } from '../support/security-platform';

const objectsIn = (prefix: string): any[] => [...fixtureFiles()].filter(([p]) => p.startsWith(prefix)).map(([, t]) => parse(t) as KubeObject);

describe('admission rendering', () => {
  test('the API version follows the Kubernetes version: v1beta1 on 1.28–1.29, v1 from 1.30', () => {
    expect(['1.28', '1.29', '1.30', '1.34'].map(vapApiVersion)).toEqual([
      'admissionregistration.k8s.io/v1beta1', 'admissionregistration.k8s.io/v1beta1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1',
    ]);
    const versions = (c: string) => [...new Set(objectsIn(`clusters/${c}/platform/admission`).map((o) => o.apiVersion))];
    expect(versions('dev-eu1')).toEqual(['admissionregistration.k8s.io/v1beta1']);
    expect(versions('prod-eu1')).toEqual(['admissionregistration.k8s.io/v1']);
    expect(versions('staging-eu1').sort()).toEqual(['constraints.gatekeeper.sh/v1beta1', 'templates.gatekeeper.sh/v1']);
  });

  test('one policy and one binding per library policy, failing closed, with the cluster\'s action', () => {
    const objs = objectsIn('clusters/prod-eu1/platform/admission/');
    expect(objs.filter((o) => o.kind === 'ValidatingAdmissionPolicy').map((o) => o.metadata.name).sort())
      .toEqual(ADMISSION_POLICIES.map((p) => `platform-${p.name}`).sort());
    for (const o of objs) {
      if (o.kind === 'ValidatingAdmissionPolicy') expect(o.spec.failurePolicy).toBe('Fail');
      else expect([o.metadata.name, o.spec.policyName, o.spec.validationActions]).toEqual([o.metadata.name, o.metadata.name, ['Deny']]);
    }
  });

  test('VAP objects validate against the Kubernetes schema (v1 checked against the v1beta1 schema with the apiVersion swapped)', () => {
    const k8s = new KubernetesSchema();
    for (const c of ['vap-beta', 'vap-ga']) {
      for (const o of renderedObjects(`clusters/${c}/platform/admission`)) expect([o.metadata.name, k8s.validate(o)]).toEqual([o.metadata.name, []]);
    }
  });

  test('Gatekeeper: a template per policy with the CEL engine, Constraint parameters valid against the template schema', () => {
    const objs = renderedObjects('clusters/gk/platform/admission') as any[];
    const templates = objs.filter((o) => o.kind === 'ConstraintTemplate');
    expect(templates).toHaveLength(ADMISSION_POLICIES.length);
    const crds = new CrdSchemas();
    crds.addConstraintTemplates(templates);
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const t of templates) {
      expect(crds.validate(t)).toEqual([]);
      expect(t.spec.targets[0].code.map((c: any) => c.engine)).toEqual(['K8sNativeValidation']);
      const validate = ajv.compile(t.spec.crd.spec.validation.openAPIV3Schema);
      const constraints = objs.filter((o) => o.kind === t.spec.crd.spec.names.kind);
      expect(constraints).toHaveLength(1);
      for (const k of constraints) {
        expect([k.metadata.name, validate(k.spec.parameters ?? {}), validate.errors ?? null]).toEqual([k.metadata.name, true, null]);
        expect(crds.validate(k)).toEqual([]);
        expect(k.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true,ServerSideApply=true');
      }
    }
    const bad = ajv.compile(templates.find((t) => t.metadata.name === 'platformstorageclasses').spec.crd.spec.validation.openAPIV3Schema);
    expect(bad({ namespaces: { 'shop-prod': { storageClasses: 'fast' } } })).toBe(false);
    expect(bad({ namespaces: { 'shop-prod': { storageClasses: ['fast'] } } })).toBe(true);
  });

  test('Gatekeeper: one Constraint per policy, tenant values by namespace (the object count does not grow with tenants)', () => {
    const k = renderedObjects('clusters/gk/platform/admission-constraints/platformloadbalancerservices-') as any[];
    expect(k.map((c) => [c.metadata.name, c.spec.match.namespaces, c.spec.match.namespaceSelector, c.spec.parameters])).toEqual([
      ['load-balancer-services', undefined, { matchExpressions: [{ key: 'platform.cdk8s.io/tenant', operator: 'Exists' }] },
        { namespaces: { 'batch-prod': { loadBalancers: true }, 'shop-prod': { loadBalancers: false } } }],
    ]);
    const certificates = renderedObjects('clusters/gk/platform/admission-constraints/platformtenantcertificates-') as any[];
    expect(certificates[0].spec.parameters.tenantIssuers).toEqual(['acme-http01', 'acme-dns01']);
  });

  test('allowedRegistries(cluster) is what both engines enforce', () => {
    const staging = fixturePlatform().clusters.find((c) => c.name === 'staging-eu1')!;
    const dev = fixturePlatform().clusters.find((c) => c.name === 'dev-eu1')!;
    expect(allowedRegistries(dev)).toEqual(dev.admission.allowedRegistries);
    expect(allowedRegistries(dev)).toContain('registry.example.com');
    const constraint = objectsIn('clusters/staging-eu1/platform/admission-constraints/platformallowedregistries-allowed-registries.yaml')[0];
    expect(constraint.spec.parameters.allowedRegistries).toEqual(allowedRegistries(staging));
    const vap = objectsIn('clusters/dev-eu1/platform/admission/validatingadmissionpolicy-platform-allowed-registries.yaml')[0];
    expect(vap.spec.variables[0]).toEqual({ name: 'allowedRegistries', expression: `[${allowedRegistries(dev).map((r) => `'${r}'`).join(', ')}]` });
  });

  test('exemptions appear only on cluster-wide policies and name the listed namespaces', () => {
    const bindings = objectsIn('clusters/prod-eu1/platform/admission/validatingadmissionpolicybinding-');
    const notIn = (name: string) => bindings.find((b) => b.metadata.name === `platform-${name}`).spec.matchResources.namespaceSelector.matchExpressions
      .find((e: any) => e.key === 'kubernetes.io/metadata.name')?.values;
    expect(notIn('host-path')).toEqual(['kube-system', 'logging', 'monitoring']);
    expect(notIn('privileged')).toEqual(['kube-system']);
    // Every variant of a cluster-wide rule (Pods, workloads, CronJobs) carries the exemptions of its family.
    expect(notIn('host-path-pods')).toEqual(['kube-system', 'logging', 'monitoring']);
    expect(notIn('privileged-cronjobs')).toEqual(['kube-system']);
    for (const p of ADMISSION_POLICIES.filter((x) => !(CLUSTER_WIDE_POLICIES as readonly string[]).includes(policyFamily(x)))) expect(notIn(p.name)).toBeUndefined();
  });

  test('tenant Namespaces carry the allowances the policies read', () => {
    const ns = objectsIn('clusters/prod-eu1/tenants/payments/namespace-payments-prod.yaml')[0];
    expect(ns.metadata.annotations).toMatchObject({
      'platform.cdk8s.io/allowed-ingress-domains': 'payments.prod-eu1.apps.example.com,pay.example.com',
      'platform.cdk8s.io/allowed-storage-classes': 'gp3,ceph-rbd',
      'platform.cdk8s.io/allowed-priority-classes': 'business-critical',
      'platform.cdk8s.io/load-balancers': 'forbidden',
      'platform.cdk8s.io/secret-key-prefix': 'payments/prod/',
      'platform.cdk8s.io/allowed-groups': 'oidc:payments-admins oidc:payments-developers oidc:payments-support',
      'platform.cdk8s.io/allowed-tolerations': '',
      'platform.cdk8s.io/isolation-exceptions': '',
    });
    const analytics = objectsIn('clusters/staging-eu1/tenants/data-analytics/namespace-data-analytics-staging.yaml')[0];
    expect(analytics.metadata.annotations['platform.cdk8s.io/load-balancers']).toBe('allowed');
  });

  test('snapshot of one policy per engine', () => {
    expect(objectsIn('clusters/prod-eu1/platform/admission/validatingadmissionpolicy-platform-run-as-non-root.yaml')[0]).toMatchSnapshot();
    expect(objectsIn('clusters/staging-eu1/platform/admission/constrainttemplate-platformingresshosts.yaml')[0]).toMatchSnapshot();
  });
});
