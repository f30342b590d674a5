/**
 * Admission policy risk flags: ValidatingAdmissionPolicy and Binding,
 * webhooks, Gatekeeper Constraints and Config, Kyverno policies.
 */
import { KubeObject } from '../../src/render/manifests';
import { changed, flagsOf, rulesOf } from './support';

const notIn = (values: string[]) => ({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values }] });

const vap: KubeObject = {
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'allowed-registries' },
  spec: {
    failurePolicy: 'Fail',
    matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] }] },
    validations: [{ expression: 'object.spec.containers.all(c, c.image.startsWith("registry.example.com/"))', message: 'images come from the registry' }],
  },
} as KubeObject;
const vapb: KubeObject = {
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'allowed-registries' },
  spec: { policyName: 'allowed-registries', validationActions: ['Deny'], matchResources: { namespaceSelector: notIn(['kube-system']) } },
} as KubeObject;
const constraint: KubeObject = {
  apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'PlatformAllowedRegistries', metadata: { name: 'allowed-registries' },
  spec: { enforcementAction: 'deny', match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }], excludedNamespaces: ['kube-system'] } },
} as KubeObject;
const webhook: KubeObject = {
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'gatekeeper-validating-webhook-configuration' },
  webhooks: [{ name: 'validation.gatekeeper.sh', failurePolicy: 'Fail', namespaceSelector: notIn(['gatekeeper-system']) }],
} as unknown as KubeObject;

describe('admission-policy-removed', () => {
  test('flags each removed policy kind as high', () => {
    for (const o of [vap, vapb, constraint, webhook]) {
      expect(flagsOf([o], []).map((f) => [f.rule, f.level])).toEqual([['admission-policy-removed', 'high']]);
    }
  });

  test('does not flag a new policy', () => {
    expect(flagsOf([], [vap, vapb, constraint, webhook])).toEqual([]);
  });
});

describe('admission-policy-weakened', () => {
  test('flags Deny dropped from a binding, and another policy bound', () => {
    expect(flagsOf([vapb], [changed(vapb, (b) => { (b.spec as any).validationActions = ['Warn', 'Audit']; })])[0].message)
      .toBe('validationActions Deny → Warn, Audit: violations are no longer denied');
    expect(rulesOf(flagsOf([vapb], [changed(vapb, (b) => { (b.spec as any).policyName = 'other'; })]))).toEqual(['admission-policy-weakened']);
  });

  test('flags failurePolicy Fail → Ignore and a removed validation', () => {
    const ignore = changed(vap, (p) => { (p.spec as any).failurePolicy = 'Ignore'; });
    const none = changed(vap, (p) => { (p.spec as any).validations = []; });
    expect(flagsOf([vap], [ignore])[0].message).toBe('failurePolicy Fail → Ignore');
    expect(flagsOf([vap], [none])[0].message).toMatch(/validation removed: images come from the registry/);
  });

  test('flags a Gatekeeper constraint no longer denying, a webhook removed or failing open', () => {
    expect(flagsOf([constraint], [changed(constraint, (c) => { (c.spec as any).enforcementAction = 'dryrun'; })])[0].message)
      .toMatch(/enforcementAction deny → dryrun/);
    expect(flagsOf([webhook], [changed(webhook, (w) => { (w as any).webhooks[0].failurePolicy = 'Ignore'; })])[0].message)
      .toMatch(/failurePolicy Fail → Ignore/);
    expect(flagsOf([webhook], [changed(webhook, (w) => { (w as any).webhooks = []; })])[0].message).toMatch(/webhook removed: validation.gatekeeper.sh/);
  });

  test('flags Kyverno Enforce → Audit', () => {
    const kyverno = { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' }, spec: { validationFailureAction: 'Enforce', rules: [{ name: 'r' }] } } as KubeObject;
    expect(rulesOf(flagsOf([kyverno], [changed(kyverno, (k) => { (k.spec as any).validationFailureAction = 'Audit'; })]))).toEqual(['admission-policy-weakened']);
  });

  test('does not flag stronger enforcement', () => {
    const warn = changed(vapb, (b) => { (b.spec as any).validationActions = ['Warn']; });
    expect(flagsOf([warn], [vapb])).toEqual([]);
    const ignore = changed(vap, (p) => { (p.spec as any).failurePolicy = 'Ignore'; });
    expect(flagsOf([ignore], [vap])).toEqual([]);
  });
});

describe('admission-exemption-added', () => {
  test('flags a namespace added to NotIn, naming it', () => {
    const flags = flagsOf([vapb], [changed(vapb, (b) => { (b.spec as any).matchResources.namespaceSelector = notIn(['kube-system', 'legacy-app']); })]);
    expect(flags.map((f) => [f.rule, f.level, f.message]))
      .toEqual([['admission-exemption-added', 'high', 'matchResources namespaceSelector now excludes kubernetes.io/metadata.name legacy-app']]);
  });

  test('flags a new selector requirement, excluded resources, dropped rules and match conditions', () => {
    const labelled = changed(vapb, (b) => { (b.spec as any).matchResources.objectSelector = { matchLabels: { checked: 'true' } }; });
    expect(flagsOf([vapb], [labelled])[0].message).toMatch(/objectSelector adds requirement checked in \(true\)/);
    const excluded = changed(vapb, (b) => { (b.spec as any).matchResources.excludeResourceRules = [{ resources: ['pods'] }]; });
    expect(rulesOf(flagsOf([vapb], [excluded]))).toEqual(['admission-exemption-added']);
    const dropped = changed(vap, (p) => { (p.spec as any).matchConstraints.resourceRules = []; });
    expect(flagsOf([vap], [dropped])[0].message).toMatch(/matchConstraints no longer matches/);
    const conditional = changed(vap, (p) => { (p.spec as any).matchConditions = [{ name: 'skip', expression: '!has(object.metadata.labels.legacy)' }]; });
    expect(flagsOf([vap], [conditional])[0].message).toMatch(/matchConditions added/);
  });

  test('flags Gatekeeper excludedNamespaces, narrowed namespaces and kinds, and Config exemptions', () => {
    expect(flagsOf([constraint], [changed(constraint, (c) => { (c.spec as any).match.excludedNamespaces.push('legacy'); })])[0].message)
      .toBe('match.excludedNamespaces adds legacy');
    expect(flagsOf([constraint], [changed(constraint, (c) => { (c.spec as any).match.namespaces = ['team-prod']; })])[0].message)
      .toMatch(/no longer covers every other namespace/);
    expect(flagsOf([constraint], [changed(constraint, (c) => { (c.spec as any).match.kinds = []; })])[0].message).toMatch(/match.kinds drops/);
    const config = { apiVersion: 'config.gatekeeper.sh/v1alpha1', kind: 'Config', metadata: { name: 'config', namespace: 'gatekeeper-system' }, spec: { match: [{ excludedNamespaces: ['kube-system'], processes: ['*'] }] } } as KubeObject;
    expect(flagsOf([config], [changed(config, (c) => { (c.spec as any).match[0].excludedNamespaces.push('legacy'); })])[0].message)
      .toMatch(/exempted from Gatekeeper: legacy \(\*\)/);
  });

  test('does not flag a removed exemption or a wider match', () => {
    const exempt = changed(vapb, (b) => { (b.spec as any).matchResources.namespaceSelector = notIn(['kube-system', 'legacy-app']); });
    expect(flagsOf([exempt], [vapb])).toEqual([]);
    const fewerExcluded = changed(constraint, (c) => { (c.spec as any).match.excludedNamespaces = []; });
    expect(flagsOf([constraint], [fewerExcluded])).toEqual([]);
  });
});
