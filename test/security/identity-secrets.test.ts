/**
 * Identity and secrets: the Dex configuration (every secret by reference),
 * the ClusterSecretStore per provider, tenant ExternalSecrets, and the render
 * pass that refuses Secrets with data.
 */
import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { parse } from 'yaml';
import { renderPlatform } from '../../src/assembly/render-platform';
import { standardRenderOptions } from '../../src/app/standard';
import { PlatformChart } from '../../src/render/platform-chart';
import { collectManifests } from '../../src/render/manifests';
import { renderManifests } from '../../src/render/render';
import { dexConfig, dexEnvName } from '../../src/security/identity/dex-config';
import { DEX_OBJECTS } from '../../src/security/identity/identity-component';
import { oidcFlags, oidcIssuerURL } from '../../src/security/identity/oidc';
import { refuseSecretData } from '../../src/security/secret-data-pass';
import { PlatformClusterSecretStore } from '../../src/security/secrets/cluster-secret-store';
import { secretStoreSchema } from '../../src/spec/secrets';
import { CrdSchemas } from '../support/crd-schema';
import { fixtureFiles, fixturePlatform } from '../support/platform';

const crds = new CrdSchemas();
const prod = () => fixturePlatform().clusters.find((c) => c.name === 'prod-eu1')!;

describe('OIDC and Dex', () => {
  test('the issuer is the cluster\'s Dex unless oidc.issuerURL names another', () => {
    expect(oidcIssuerURL(prod())).toBe('https://dex.prod-eu1.apps.example.com');
    const external = { ...prod(), oidc: { ...prod().oidc, issuerURL: 'https://login.example.com', usernamePrefix: '', groupPrefix: '' } };
    expect(oidcFlags(external)).toMatchObject({ 'oidc-issuer-url': 'https://login.example.com', 'oidc-username-prefix': '-' });
    expect(oidcFlags(external)['oidc-groups-prefix']).toBeUndefined();
  });

  test('Dex config: issuer, static client for the API server\'s client ID, LDAP, SAML and OIDC connectors', () => {
    const { config } = dexConfig(prod(), fixturePlatform().settings);
    expect(config.issuer).toBe(oidcIssuerURL(prod()));
    expect(config.staticClients).toEqual([{ id: 'kubernetes', name: 'Kubernetes prod-eu1', secretEnv: 'KUBERNETES_CLIENT_SECRET', redirectURIs: ['http://localhost:8000', 'http://localhost:18000'] }]);
    expect(config.connectors.map((c) => [c.type, c.id])).toEqual([['ldap', 'corp-ldap'], ['saml', 'partner-sso'], ['oidc', 'entra-id']]);
    expect(config.connectors[1].config).toMatchObject({ redirectURI: 'https://dex.prod-eu1.apps.example.com/callback', ca: '/etc/dex/ca/partner-saml-ca.pem' });
    expect(config).toMatchSnapshot();
  });

  test('every secret in the Dex config is a $VARIABLE the ExternalSecret provides', () => {
    const { config, env } = dexConfig(prod(), fixturePlatform().settings);
    const refs = [...JSON.stringify(config).matchAll(/"\$([A-Z0-9_]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual([dexEnvName('corp-ldap', 'BIND_PW'), dexEnvName('entra-id', 'CLIENT_SECRET')]);
    const provided = env.map((e) => e.name);
    expect(provided).toEqual(['KUBERNETES_CLIENT_SECRET', ...refs]);
    for (const c of config.connectors) {
      for (const k of ['bindPW', 'clientSecret']) if (k in c.config) expect(String(c.config[k])).toMatch(/^\$[A-Z0-9_]+$/);
    }
    const es = parse(fixtureFiles().get(`clusters/prod-eu1/platform/identity/externalsecret-${DEX_OBJECTS.envSecret}.yaml`)!);
    expect(crds.validate(es)).toEqual([]);
    expect(es.spec.data.map((d: any) => [d.secretKey, d.remoteRef.key, d.remoteRef.property]))
      .toEqual([...provided].sort().map((p) => [p, 'platform/dex/prod-eu1', p]));
    expect(es.metadata.namespace).toBe('dex');
    // The Dex add-on carries the config in its Helm values and reads the variables from that Secret.
    const app = parse(fixtureFiles().get('clusters/prod-eu1/platform/dex/application-dex.yaml')!);
    const values = app.spec.source.helm.valuesObject;
    expect(values.config).toEqual(JSON.parse(JSON.stringify(config)));
    expect(values.envFrom).toEqual([{ secretRef: { name: DEX_OBJECTS.envSecret } }]);
    expect(app.spec.destination.namespace).toBe('dex');
  });
});

describe('ClusterSecretStore', () => {
  const store = (input: unknown) => {
    const chart = Testing.chart();
    new PlatformClusterSecretStore(chart, 'S', { store: secretStoreSchema.parse(input), region: 'eu-west-1' });
    const [o] = Testing.synth(chart);
    expect(crds.validate(o)).toEqual([]);
    return o;
  };

  test('Vault with Kubernetes auth through the operator\'s ServiceAccount (the default provider)', () => {
    expect(store({ vault: { server: 'https://vault.example.com:8200' } }).spec.provider).toEqual({
      vault: {
        server: 'https://vault.example.com:8200', path: 'secret', version: 'v2',
        auth: { kubernetes: { mountPath: 'kubernetes', role: 'external-secrets', serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } } },
      },
    });
  });

  test('AWS Secrets Manager with IRSA (region from the cluster) and Azure Key Vault with workload identity', () => {
    expect(store({ provider: 'aws-secrets-manager', awsSecretsManager: { tenantRoles: { accountID: '123456789012', oidcProvider: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC' } } }).spec.provider.aws)
      .toEqual({ service: 'SecretsManager', region: 'eu-west-1', auth: { jwt: { serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } } } });
    expect(store({ provider: 'azure-key-vault', azureKeyVault: { vaultURL: 'https://kv.vault.azure.net', tenantID: '0f3c9d2e-7b1a-4c5d-9e8f-123456789abc', tenantVaults: { vaultURL: 'https://kv-{tenant}-{environment}.vault.azure.net' } } }).spec.provider.azurekv)
      .toEqual({ vaultUrl: 'https://kv.vault.azure.net', tenantId: '0f3c9d2e-7b1a-4c5d-9e8f-123456789abc', authType: 'WorkloadIdentity', serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } });
  });

  test('the chosen provider\'s block is required and the others are refused', () => {
    const r = secretStoreSchema.safeParse({ provider: 'azure-key-vault', vault: { server: 'https://v.example.com' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'azureKeyVault: is required when provider is azure-key-vault',
      'vault: is only read when provider is vault; provider is azure-key-vault — remove it or change provider',
    ]);
  });

  test('each cluster of the fixture organisation has its store; staging uses AWS', () => {
    const s = parse(fixtureFiles().get('clusters/staging-eu1/platform/secrets/clustersecretstore-platform-secrets.yaml')!);
    expect(s.spec.provider.aws.role).toBe('arn:aws:iam::123456789012:role/staging-eu1-external-secrets');
  });
});

describe('tenant ExternalSecrets', () => {
  test('render into the tenant folder, from the namespace\'s own SecretStore, each key under the tenant and environment', () => {
    const es = parse(fixtureFiles().get('clusters/prod-eu1/tenants/payments/externalsecret-postgres-credentials.yaml')!);
    expect(crds.validate(es)).toEqual([]);
    expect(es).toMatchSnapshot();
    const card = parse(fixtureFiles().get('clusters/prod-eu1/tenants/payments/externalsecret-card-gateway.yaml')!);
    expect(card.spec.dataFrom).toEqual([{ extract: { key: 'payments/prod/card-gateway' } }]);
  });
});

describe('no Secret with data in dist/', () => {
  const render = (secret: k8s.KubeSecretProps) => {
    const app = Testing.app();
    const chart = new PlatformChart(app, 'c', { outputDir: 'clusters/x/platform/bad' });
    new k8s.KubeSecret(new Chart(chart, 'Inner'), 'Creds', secret);
    return () => renderManifests(collectManifests(app), [refuseSecretData]);
  };

  test('a Secret with data or stringData fails the render, naming the construct', () => {
    expect(render({ metadata: { name: 'creds', namespace: 'a' }, stringData: { password: 'x' } }))
      .toThrow(/c\/Inner\/Creds: Secret a\/creds has stringData; secrets must not be committed to Git/);
    expect(render({ metadata: { name: 'creds' }, data: { password: 'eA==' }, stringData: { b: 'y' } })).toThrow(/has data and stringData/);
  });

  test('a Secret without data (e.g. a service account token placeholder) renders', () => {
    expect(render({ metadata: { name: 'token', annotations: { 'kubernetes.io/service-account.name': 'x' } }, type: 'kubernetes.io/service-account-token' })())
      .toBeInstanceOf(Map);
  });

  test('the standard render options refuse them, and the fixture organisation has none', () => {
    expect(standardRenderOptions().passes).toContain(refuseSecretData);
    const secrets = [...fixtureFiles()].filter(([, t]) => /^kind: Secret$/m.test(t));
    expect(secrets).toEqual([]);
    expect(() => renderPlatform(fixturePlatform(), {
      ...standardRenderOptions(),
      clusters: ['dev-eu1'],
      components: [...standardRenderOptions().components, {
        name: 'leaky', wave: 10, build: (scope) => { new k8s.KubeSecret(scope, 'Leak', { metadata: { name: 'leak', namespace: 'dex' }, stringData: { k: 'v' } }); },
      }],
    })).toThrow(/dev-eu1--platform--leaky\/Leak: Secret dex\/leak has stringData/);
  });
});
