/**
 * The review flags every change that loosens a tenant isolation control,
 * and stays quiet when a control tightens or a tenant is onboarded without
 * exceptions.
 */
import { diffDist } from '../../src/review/dist-diff';
import { detectRisks } from '../../src/review/risk/detect';
import { KubeObject } from '../../src/render/manifests';
import { changed, flagsOf, namespace, rulesOf } from './support';

function tenantNamespace(annotations: Record<string, string> = {}): KubeObject {
  const ns = namespace('shop-prod', { 'platform.cdk8s.io/tenant': 'shop' });
  return {
    ...ns,
    metadata: {
      ...ns.metadata,
      annotations: {
        'platform.cdk8s.io/allowed-groups': 'oidc:shop-admins',
        'platform.cdk8s.io/allowed-ingress-domains': 'shop.example.com',
        'platform.cdk8s.io/allowed-storage-classes': '',
        'platform.cdk8s.io/allowed-priority-classes': '',
        'platform.cdk8s.io/allowed-tolerations': '',
        'platform.cdk8s.io/allowed-ingress-annotations': '',
        'platform.cdk8s.io/isolation-exceptions': '',
        'platform.cdk8s.io/load-balancers': 'forbidden',
        'platform.cdk8s.io/secret-key-prefix': 'shop/prod/',
        ...annotations,
      },
    },
  };
}

describe('tenant-isolation-loosened', () => {
  test.each([
    ['an isolation exception', { 'platform.cdk8s.io/isolation-exceptions': 'external-name-services' }, /isolation-exceptions adds external-name-services/],
    ['a granted toleration', { 'platform.cdk8s.io/allowed-tolerations': 'example.com/gpu' }, /allowed-tolerations adds example.com\/gpu/],
    ['a granted ingress annotation', { 'platform.cdk8s.io/allowed-ingress-annotations': 'nginx.ingress.kubernetes.io/auth-url' }, /auth-url/],
    ['another RoleBinding group', { 'platform.cdk8s.io/allowed-groups': 'oidc:shop-admins oidc:partner-admins' }, /allowed-groups adds oidc:partner-admins/],
    ['another Ingress domain', { 'platform.cdk8s.io/allowed-ingress-domains': 'shop.example.com,pay.example.com' }, /allowed-ingress-domains adds pay.example.com/],
    ['another secret prefix', { 'platform.cdk8s.io/secret-key-prefix': 'shop/' }, /secret-key-prefix shop\/prod\/ → shop\//],
    ['LoadBalancers', { 'platform.cdk8s.io/load-balancers': 'allowed' }, /LoadBalancer Services now allowed/],
  ])('%s', (_name, annotations, message) => {
    const flags = flagsOf([tenantNamespace()], [tenantNamespace(annotations)]);
    expect(rulesOf(flags)).toContain('tenant-isolation-loosened');
    expect(flags.find((f) => f.rule === 'tenant-isolation-loosened')!.message).toMatch(message);
  });

  test('a new tenant namespace with an exception is flagged; without one, and tightening, are not', () => {
    expect(rulesOf(flagsOf([], [tenantNamespace({ 'platform.cdk8s.io/allowed-tolerations': 'example.com/gpu' })]))).toContain('tenant-isolation-loosened');
    expect(rulesOf(flagsOf([], [tenantNamespace()]))).not.toContain('tenant-isolation-loosened');
    expect(rulesOf(flagsOf([tenantNamespace({ 'platform.cdk8s.io/isolation-exceptions': 'external-name-services' })], [tenantNamespace()]))).toEqual([]);
  });
});

describe('secret-store-loosened', () => {
  const css: KubeObject = {
    apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'platform-secrets' },
    spec: { provider: { vault: { server: 'https://v:8200' } }, conditions: [{ namespaceSelector: { matchExpressions: [{ key: 'platform.cdk8s.io/tenant', operator: 'DoesNotExist' }] } }] },
  } as KubeObject;
  const store: KubeObject = {
    apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'tenant-secrets', namespace: 'shop-prod' },
    spec: { provider: { vault: { auth: { kubernetes: { role: 'tenant-shop-prod', serviceAccountRef: { name: 'secret-store' } } } } } },
  } as KubeObject;

  test('the platform store serving every namespace, or a tenant store logging in as another role', () => {
    expect(rulesOf(flagsOf([css], [changed(css, (c: any) => { delete c.spec.conditions; })]))).toEqual(['secret-store-loosened']);
    expect(rulesOf(flagsOf([store], [changed(store, (s: any) => { s.spec.provider.vault.auth.kubernetes.role = 'platform'; })]))).toEqual(['secret-store-loosened']);
    expect(rulesOf(flagsOf([css], [css]))).toEqual([]);
  });

  test('a changed backend grant in secret-backend/; a new tenant\'s files are not flagged', () => {
    const before = new Map([['clusters/c1/secret-backend/vault-policy-shop-prod.hcl', 'path "secret/data/shop/prod/*" {\n  capabilities = ["read"]\n}\n']]);
    const after = new Map([['clusters/c1/secret-backend/vault-policy-shop-prod.hcl', 'path "secret/data/shop/*" {\n  capabilities = ["read"]\n}\n'],
      ['clusters/c1/secret-backend/vault-policy-new-prod.hcl', 'path "secret/data/new/prod/*" {}\n']]);
    expect(detectRisks(diffDist(before, after)).map((f) => [f.rule, f.path])).toEqual([['secret-store-loosened', 'clusters/c1/secret-backend/vault-policy-shop-prod.hcl']]);
  });
});

describe('shared-component-loosened', () => {
  const app = (chart: string, values: object): KubeObject => ({
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: chart, namespace: 'argocd' },
    spec: { source: { chart, repoURL: 'https://charts.example.com', targetRevision: '1.0.0', helm: { valuesObject: values } } },
  } as KubeObject);
  const nginx = { controller: { allowSnippetAnnotations: false, enableAnnotationValidations: true, extraArgs: { 'disable-svc-external-name': 'true' }, config: { 'annotations-risk-level': 'Medium', 'annotation-value-word-blocklist': 'load_module,_by_lua' } } };

  test.each([
    ['risk level raised', (v: any) => { v.controller.config['annotations-risk-level'] = 'Critical'; }, /Medium → Critical/],
    ['ExternalName upstreams', (v: any) => { delete v.controller.extraArgs; }, /ExternalName/],
    ['snippets', (v: any) => { v.controller.allowSnippetAnnotations = true; }, /snippet/],
    ['annotation validation', (v: any) => { v.controller.enableAnnotationValidations = false; }, /validation/],
    ['block list shortened', (v: any) => { v.controller.config['annotation-value-word-blocklist'] = 'load_module'; }, /drops _by_lua/],
  ])('ingress-nginx: %s', (_name, patch, message) => {
    const after = JSON.parse(JSON.stringify(nginx));
    patch(after);
    const flags = flagsOf([app('ingress-nginx', nginx)], [app('ingress-nginx', after)]);
    expect(flags.map((f) => f.rule)).toEqual(['shared-component-loosened']);
    expect(flags[0].message).toMatch(message);
  });

  test('ingress-nginx tightened is not flagged', () => {
    const after = JSON.parse(JSON.stringify(nginx));
    after.controller.config['annotations-risk-level'] = 'Low';
    expect(flagsOf([app('ingress-nginx', nginx)], [app('ingress-nginx', after)])).toEqual([]);
  });

  test('a Dex connector keeping more groups, or none filtered', () => {
    const dex = (config: object) => app('dex', { config: { connectors: [{ type: 'saml', id: 'partner', config }] } });
    const filtered = { allowedGroups: ['checkout-developers'], filterGroups: true };
    expect(flagsOf([dex(filtered)], [dex({ ...filtered, allowedGroups: ['checkout-developers', 'platform-admins'] })])[0].message).toMatch(/keeps more groups: platform-admins/);
    expect(flagsOf([dex(filtered)], [dex({})]).map((f) => f.message)).toEqual(['connector partner no longer filters its groups', 'connector partner no longer drops unlisted groups (filterGroups)']);
  });

  test('the API server drops an admission plugin or its authentication configuration', () => {
    const flags = (plugins: string, authn = true) => `--enable-admission-plugins=${plugins}\n${authn ? '--authentication-config=/etc/kubernetes/platform/authentication-configuration.yaml\n' : ''}`;
    const path = 'clusters/c1/control-plane/kube-apiserver.flags';
    const risks = (a: string, b: string) => detectRisks(diffDist(new Map([[path, a]]), new Map([[path, b]]))).map((f) => f.message);
    expect(risks(flags('AlwaysPullImages,DenyServiceExternalIPs,NodeRestriction'), flags('NodeRestriction', false)))
      .toEqual(['admission plugins dropped: AlwaysPullImages, DenyServiceExternalIPs', 'the structured authentication configuration is no longer used']);
    expect(risks(flags('NodeRestriction'), flags('AlwaysPullImages,NodeRestriction'))).toEqual([]);
  });

  test('the tenant priority level or its FlowSchemas removed, or the level allowed to borrow more; tightening is not flagged', () => {
    const level = (borrowingLimitPercent?: number): KubeObject => ({
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: 'tenant-workloads' },
      spec: { type: 'Limited', limited: { nominalConcurrencyShares: 50, ...(borrowingLimitPercent === undefined ? {} : { borrowingLimitPercent }) } },
    } as unknown as KubeObject);
    const schema = (name: string): KubeObject => ({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name }, spec: {} } as unknown as KubeObject);
    expect(flagsOf([level(100), schema('tenant-service-accounts')], []).map((f) => `${f.rule}: ${f.message}`).sort()).toEqual([
      'shared-component-loosened: FlowSchema tenant-service-accounts removed: tenant ServiceAccounts share workload-low with the platform again',
      'shared-component-loosened: PriorityLevelConfiguration tenant-workloads removed: tenant ServiceAccounts share workload-low with the platform again',
    ]);
    expect(flagsOf([level(100)], [level(200)]).map((f) => f.message)).toEqual(['tenant-workloads borrowingLimitPercent 100 → 200']);
    expect(flagsOf([level(100)], [level()]).map((f) => f.message)).toEqual(['tenant-workloads borrowingLimitPercent 100 → unlimited']);
    expect(flagsOf([level(100)], [level(50)])).toEqual([]);
    expect(flagsOf([schema('someone-elses')], [])).toEqual([]);
  });

  test('the authentication configuration drops a validation rule or changes the groups mapping', () => {
    const config = (rules: object[], groups: string): KubeObject => ({
      apiVersion: 'apiserver.config.k8s.io/v1beta1', kind: 'AuthenticationConfiguration', metadata: { name: 'authentication-configuration' },
      jwt: [{ issuer: { url: 'https://dex.example.com' }, claimValidationRules: rules, claimMappings: { groups: { expression: groups } } }],
    } as unknown as KubeObject);
    const rule = { expression: 'has(claims.federated_claims)' };
    expect(flagsOf([config([rule], 'claims.groups.filter(g, false)')], [config([], 'claims.groups')]).map((f) => f.message))
      .toEqual(['claimValidationRules drops has(claims.federated_claims)', 'the groups claim mapping changes (which groups each connector may assert)']);
  });
});
