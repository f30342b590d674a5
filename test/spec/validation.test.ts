/**
 * Invalid definitions: one test per validation rule. Each asserts that the
 * problem names the file, the path and the bad value, says what is allowed,
 * and that a render of the invalid definition leaves dist/ exactly as it was.
 */
import * as fs from 'fs';
import { renderPlatformToDist } from '../../src/app/synth';
import { PlatformSources } from '../../src/definition/load';
import { DefinitionError, formatProblems, Problem } from '../../src/spec/problems';
import {
  mutateClusters, mutateTenant, problemsOf, snapshotDir, tempDistWith, withTenantFile,
} from '../support/definitions';
import { fixtureSources } from '../support/platform';

interface Expected {
  file: string;
  path: string;
  value?: unknown;
  message: RegExp;
}

function expectProblem(sources: PlatformSources, expected: Expected): Problem {
  const problems = problemsOf(sources);
  const match = problems.find((p) => p.file === expected.file && p.path === expected.path && expected.message.test(p.message));
  if (!match) {
    throw new Error(`expected a problem ${expected.file} ${expected.path} ${expected.message}, got:\n${formatProblems(problems)}`);
  }
  if ('value' in expected) expect(match.value).toEqual(expected.value);
  return match;
}

/** Renders `sources` into a dist folder that already holds files, and checks nothing changed. */
function expectDistUnchanged(sources: PlatformSources): void {
  const dir = tempDistWith({ 'clusters/old/bootstrap/application-old.yaml': 'kind: Application\n', 'images.txt': 'old\n' });
  const before = snapshotDir(dir);
  expect(() => renderPlatformToDist(sources, dir)).toThrow(DefinitionError);
  expect(snapshotDir(dir)).toEqual(before);
  fs.rmSync(dir, { recursive: true, force: true });
}

const longName = `a${'b'.repeat(58)}`; // 59 characters: valid alone, 67 with "-staging"

const cases: Array<[string, () => PlatformSources, Expected]> = [
  ['a tenant name that is not a DNS-1123 label', () => mutateTenant('payments', (d) => { d.metadata.name = 'Payments_Team'; }),
    { file: 'tenants/payments.yaml', path: 'metadata.name', value: 'Payments_Team', message: /DNS-1123 label/ }],
  ['a namespace name that would be longer than 63', () => mutateTenant('checkout', (d) => { d.metadata.name = longName; }, `tenants/${longName}.yaml`),
    { file: `tenants/${longName}.yaml`, path: 'metadata.name', value: longName, message: /namespace name "a[b]+-staging" 67 characters long; a namespace name is at most 63/ }],
  ['a namespace name override that is not a DNS-1123 label', () => mutateTenant('checkout', (d) => { d.spec.environments.prod.namespace = 'Checkout.Prod'; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.prod.namespace', value: 'Checkout.Prod', message: /DNS-1123 label/ }],
  ['a duplicate tenant', () => mutateTenant('payments', (d) => { d.metadata.name = 'payments'; }, 'tenants/payments-copy.yaml'),
    { file: 'tenants/payments-copy.yaml', path: 'metadata.name', value: 'payments', message: /duplicate tenant: payments is also declared in tenants\/payments.yaml/ }],
  ['two tenants claiming one namespace', () => mutateTenant('checkout', (d) => { d.spec.environments.prod.namespace = 'payments-prod'; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.prod.namespace', value: 'payments-prod', message: /namespace payments-prod is also claimed by payments \(tenants\/payments.yaml\)/ }],
  ['a tenant claiming a platform namespace', () => mutateTenant('checkout', (d) => { d.spec.environments.prod.namespace = 'monitoring'; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.prod.namespace', value: 'monitoring', message: /claims the platform namespace monitoring/ }],
  ['an unknown cluster', () => mutateTenant('payments', (d) => { d.spec.environments.prod.clusters = ['prod-us9']; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.clusters[0]', value: 'prod-us9', message: /must be one of: prod-eu1, prod-onprem1 \(the clusters running prod\)/ }],
  ['an environment placed on a cluster of another environment', () => mutateTenant('payments', (d) => { d.spec.environments.prod.clusters = ['dev-eu1']; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.clusters[0]', value: 'dev-eu1', message: /cluster dev-eu1 runs environment dev, not prod; clusters for prod: prod-eu1/ }],
  ['an unknown environment', () => mutateTenant('payments', (d) => { d.spec.environments.qa = d.spec.environments.dev; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.qa', message: /unknown name; allowed: dev, staging, prod/ }],
  ['a quantity that is not a Kubernetes quantity', () => mutateTenant('payments', (d) => { d.spec.environments.prod.quota.cpu.requests = '4 cores'; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.quota.cpu.requests', value: '4 cores', message: /must be a Kubernetes quantity such as 500m/ }],
  ['a negative quantity', () => mutateTenant('payments', (d) => { d.spec.environments.prod.quota.memory.limits = -1; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.quota.memory.limits', value: -1, message: /must not be negative/ }],
  ['limits lower than requests', () => mutateTenant('payments', (d) => { d.spec.environments.prod.quota.memory.limits = '32Gi'; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.quota.memory.limits', value: '32Gi', message: /is lower than requests \(64Gi\); limits must be at least the requests/ }],
  ['a LimitRange default above its max', () => mutateTenant('payments', (d) => { d.spec.environments.prod.limitRange.container.default = { cpu: '12' }; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.limitRange.container.default.cpu', value: '12', message: /default limit 12 is above the max 8/ }],
  ['a LimitRange default request above the default limit', () => mutateTenant('checkout', (d) => { d.spec.environments.prod.limitRange = { container: { defaultRequest: { memory: '1Gi' } } }; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.prod.limitRange.container.defaultRequest.memory', value: '1Gi', message: /default request 1Gi is above the default limit 512Mi/ }],
  ['an invalid CIDR', () => mutateTenant('payments', (d) => { d.spec.environments.prod.network.egress[0].cidr = '10.42.0.0/33'; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.network.egress[0].cidr', value: '10.42.0.0/33', message: /must be an IPv4 or IPv6 CIDR/ }],
  ['a CIDR with host bits set', () => mutateTenant('payments', (d) => { d.spec.environments.prod.network.egress[0].cidr = '10.42.7.1/16'; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.network.egress[0].cidr', value: '10.42.7.1/16', message: /has host bits set; the network address is 10.42.0.0\/16/ }],
  ['an empty group list', () => mutateTenant('payments', (d) => { d.spec.access.developer.groups = []; }),
    { file: 'tenants/payments.yaml', path: 'spec.access.developer.groups', value: [], message: /must list at least one group/ }],
  ['a missing admin role', () => mutateTenant('payments', (d) => { delete d.spec.access.admin; }),
    { file: 'tenants/payments.yaml', path: 'spec.access.admin', message: /is required/ }],
  ['an unknown field (a typo)', () => mutateTenant('payments', (d) => { d.spec.environments.prod.quota.memroy = d.spec.environments.prod.quota.memory; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.quota.memroy', message: /unknown field \(did you mean "memory"\?\); allowed: cpu, memory, ephemeral-storage/ }],
  ['a Pod Security exception without a justification', () => mutateTenant('checkout', (d) => { d.spec.environments.prod.podSecurity = { level: 'privileged' }; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.prod.podSecurity.justification', message: /is required when level is privileged/ }],
  ['a Pod Security justification too short to say anything', () => mutateTenant('checkout', (d) => { d.spec.environments.prod.podSecurity = { level: 'baseline', justification: 'needed' }; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.prod.podSecurity.justification', value: 'needed', message: /at least 20 characters/ }],
  ['an allowance from an unknown tenant', () => mutateTenant('payments', (d) => { d.spec.environments.prod.network.allowFrom = [{ tenant: 'chekout' }]; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.network.allowFrom[0].tenant', value: 'chekout', message: /unknown tenant; known tenants: catalog-search, checkout, data-analytics, payments/ }],
  ['an allowance from an unknown platform namespace', () => mutateTenant('checkout', (d) => { d.spec.environments.prod.network.allowFrom = [{ namespace: 'kube-system' }]; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.prod.network.allowFrom[0].namespace', value: 'kube-system', message: /must be one of: ingress-nginx, logging, monitoring/ }],
  ['a tenant claiming an add-on namespace (cert-manager)', () => mutateTenant('checkout', (d) => { d.spec.environments.prod.namespace = 'cert-manager'; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.prod.namespace', value: 'cert-manager', message: /claims the platform namespace cert-manager; platform and add-on namespaces \(.*velero.*\) cannot belong to a tenant/ }],
  ['a tenant claiming the namespace of an add-on no cluster runs yet (istio-system)', () => mutateTenant('checkout', (d) => { d.spec.environments.dev.namespace = 'istio-system'; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.dev.namespace', value: 'istio-system', message: /claims the platform namespace istio-system/ }],
  ['a namespace with the kube- prefix', () => mutateTenant('checkout', (d) => { d.spec.environments.prod.namespace = 'kube-checkout'; }),
    { file: 'tenants/checkout.yaml', path: 'spec.environments.prod.namespace', value: 'kube-checkout', message: /must not start with "kube-"/ }],
  ['a tenant name longer than its GitOps objects allow', () => mutateTenant('checkout', (d) => { d.metadata.name = `c${'x'.repeat(56)}`; d.spec.environments = { dev: { ...d.spec.environments.dev, namespace: 'c-dev' } }; }, `tenants/c${'x'.repeat(56)}.yaml`),
    { file: `tenants/c${'x'.repeat(56)}.yaml`, path: 'metadata.name', value: `c${'x'.repeat(56)}`, message: /must be at most 56 characters/ }],
  ['an allowance from a tenant that does not run the environment on every cluster (dangling)', () => mutateTenant('payments', (d) => { delete d.spec.environments.prod.network.allowFrom[0].clusters; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.network.allowFrom[0].tenant', value: 'checkout', message: /tenant checkout has no prod environment on prod-onprem1, so the allowance admits nothing there and would silently admit checkout if it moved there later; limit the allowance to clusters: \[prod-eu1\]/ }],
  ['an allowance limited to a cluster the environment is not on', () => mutateTenant('catalog-search', (d) => { d.spec.environments.prod.network.allowFrom = [{ tenant: 'checkout', clusters: ['prod-onprem1'] }]; }),
    { file: 'tenants/catalog-search.yaml', path: 'spec.environments.prod.network.allowFrom[0].clusters[0]', value: 'prod-onprem1', message: /is not one of the environment's clusters \(prod-eu1\)/ }],
  ['an scp-like Git URL, which Flux refuses', () => mutateTenant('checkout', (d) => { d.spec.source.repoURL = 'git@git.example.com:checkout/deploy.git'; }),
    { file: 'tenants/checkout.yaml', path: 'spec.source.repoURL', value: 'git@git.example.com:checkout/deploy.git', message: /write git@host:path as ssh:\/\/git@host\/path/ }],
  ['a source path outside the repository', () => mutateTenant('checkout', (d) => { d.spec.source.path = '../platform'; }),
    { file: 'tenants/checkout.yaml', path: 'spec.source.path', value: '../platform', message: /no "." or ".." components/ }],
  ['a CIDR with a leading zero, which the API server refuses', () => mutateTenant('payments', (d) => { d.spec.environments.prod.network.egress[0].cidr = '010.42.0.0/16'; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.network.egress[0].cidr', value: '010.42.0.0/16', message: /dotted decimal without leading zeros/ }],
  ['a negative quantity written as a string', () => mutateTenant('payments', (d) => { d.spec.environments.prod.quota.memory.requests = '-1Gi'; }),
    { file: 'tenants/payments.yaml', path: 'spec.environments.prod.quota.memory.requests', value: '-1Gi', message: /must not be negative/ }],
  ['a namespace label under a prefix the platform sets', () => mutateTenant('checkout', (d) => { d.spec.labels = { 'pod-security.kubernetes.io/enforce': 'privileged' }; }),
    { file: 'tenants/checkout.yaml', path: 'spec.labels.pod-security.kubernetes.io/enforce', value: 'pod-security.kubernetes.io/enforce', message: /must not use a prefix reserved for Kubernetes/ }],
  ['a tenant file named after another tenant', () => mutateTenant('checkout', () => undefined, 'tenants/basket.yaml'),
    { file: 'tenants/basket.yaml', path: 'metadata.name', value: 'checkout', message: /must match the file name; rename the file to checkout.yaml/ }],
  ['a wrong apiVersion', () => mutateTenant('checkout', (d) => { d.apiVersion = 'platform.cdk8s.io/v1'; }),
    { file: 'tenants/checkout.yaml', path: 'apiVersion', value: 'platform.cdk8s.io/v1', message: /must be "platform.cdk8s.io\/v1alpha1"/ }],
  ['a YAML syntax error', () => withTenantFile('tenants/broken.yaml', 'apiVersion: platform.cdk8s.io/v1alpha1\nkind: Tenant\nmetadata: { name: broken\n'),
    { file: 'tenants/broken.yaml', path: '', message: /YAML syntax error/ }],
  ['a cluster with no zones', () => mutateClusters((c) => { c[2].zones = []; }),
    { file: 'platform/clusters.ts', path: 'clusters[2].zones', value: [], message: /must list at least one zone/ }],
  ['a cluster of an unknown environment', () => mutateClusters((c) => { c[0].environment = 'qa'; }),
    { file: 'platform/clusters.ts', path: 'clusters[0].environment', value: 'qa', message: /must be one of: dev, staging, prod/ }],
  ['two clusters with one name', () => mutateClusters((c) => { c[1].name = 'dev-eu1'; }),
    { file: 'platform/clusters.ts', path: 'clusters[1].name', value: 'dev-eu1', message: /duplicate cluster name/ }],
  ['an unsupported Kubernetes version', () => mutateClusters((c) => { c[0].kubernetesVersion = '1.27'; }),
    { file: 'platform/clusters.ts', path: 'clusters[0].kubernetesVersion', value: '1.27', message: /"1.28" to "1.34"/ }],
  ['an unknown GitOps engine', () => mutateClusters((c) => { c[0].gitops.engine = 'jenkins'; }),
    { file: 'platform/clusters.ts', path: 'clusters[0].gitops.engine', value: 'jenkins', message: /must be one of: argocd, flux/ }],
];

describe('invalid definitions', () => {
  test('the default definition is valid', () => {
    expect(() => problemsOf(fixtureSources())).toThrow(/accepted/);
  });

  test.each(cases)('rejects %s', (_name, build, expected) => {
    const sources = build();
    const problem = expectProblem(sources, expected);
    // The formatted message names the file (with line for YAML files), the path and the value.
    const text = formatProblems([problem]);
    expect(text).toContain(expected.file);
    if (expected.path) expect(text).toContain(expected.path);
    if ('value' in expected && expected.value !== undefined) expect(text).toContain(`(got ${JSON.stringify(expected.value)})`);
    if (expected.file.endsWith('.yaml') && !expected.message.source.includes('YAML')) expect(problem.line).toBeGreaterThan(0);
    expectDistUnchanged(sources);
  });

  test('reports every problem at once, across files', () => {
    let sources = mutateTenant('payments', (d) => {
      d.spec.environments.prod.quota.cpu.limits = '1';
      d.spec.costCentre = 'x';
    });
    sources = mutateTenant('checkout', (d) => { d.spec.environments.dev.quota.memory.requests = 'lots'; }, undefined, sources);
    sources = mutateClusters((c) => { c[0].zones = []; }, sources);
    const problems = problemsOf(sources);
    const where = problems.map((p) => `${p.file} ${p.path}`);
    expect(where).toEqual(expect.arrayContaining([
      'platform/clusters.ts clusters[0].zones',
      'tenants/checkout.yaml spec.environments.dev.quota.memory.requests',
      'tenants/payments.yaml spec.costCentre',
      'tenants/payments.yaml spec.environments.prod.quota.cpu.limits',
    ]));
  });

  test('problems are listed in a stable order, one per line', () => {
    const sources = mutateTenant('payments', (d) => {
      d.spec.environments.prod.quota.cpu.limits = '1';
      d.spec.environments.dev.quota.cpu.limits = '1';
    });
    let message = '';
    try {
      renderPlatformToDist(sources, tempDistWith({}));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Invalid platform definition (2 problems):',
      expect.stringMatching(/^ {2}tenants\/payments.yaml:\d+: spec.environments.dev.quota.cpu.limits: is lower than requests \(4\); limits must be at least the requests \(got "1"\)$/),
      expect.stringMatching(/^ {2}tenants\/payments.yaml:\d+: spec.environments.prod.quota.cpu.limits: is lower than requests \(32\); limits must be at least the requests \(got "1"\)$/),
    ]);
  });
});
