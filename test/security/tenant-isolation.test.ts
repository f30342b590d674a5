/**
 * Tenant isolation beyond admission, attacked on what the fixture
 * organisation renders: the secret stores and what the backend lets each
 * store read, the shared ingress controller's settings and reach, the
 * identity chain (Dex, the API server's authentication configuration,
 * break-glass), the API-server admission plugins, quotas and LimitRanges,
 * and what the tenant roles let a tenant change — evaluated with the RBAC
 * authorizer, the NetworkPolicy evaluator and a real CEL evaluator.
 */
import { spawnSync } from 'child_process';
import { parse } from 'yaml';
import { evalCel, toCel } from '../support/cel';
import { fixtureFiles, fixtureObjects, fixturePlatform } from '../support/platform';
import { mutateClusters, mutateTenant, problemsOf } from '../support/definitions';
import { NetworkPolicyModel, selectorMatches } from '../../src/tenancy/network-policy-evaluator';
import { PolicyRule, rulesAllow } from '../../src/security/rbac-authorizer';
import { DEFAULT_OBJECT_COUNTS } from '../../src/spec/resources';
import { EPHEMERAL_STORAGE_DEFAULTS } from '../../src/definition/checks';
import { parseVaultPolicy, vaultAllows } from '../support/vault-policy';

type Json = any;
const files = fixtureFiles();
const object = (path: string): Json => {
  const text = files.get(path);
  if (!text) throw new Error(`nothing rendered at ${path}`);
  return parse(text);
};
const tenantNamespaces = (cluster: string): Json[] => fixtureObjects(`clusters/${cluster}/tenants/`).map((o): Json => o.object).filter((o) => o.kind === 'Namespace');

describe('secrets: a store per tenant environment, enforced by the backend', () => {
  const store = (cluster: string, tenant: string, ns: string): Json => fixtureObjects(`clusters/${cluster}/tenants/${tenant}/`)
    .map((o) => o.object).find((o) => o.kind === 'SecretStore' && o.metadata.namespace === ns);

  test('every tenant namespace has its own SecretStore, logging in as its own ServiceAccount with its own role', () => {
    for (const cluster of ['dev-eu1', 'prod-eu1', 'prod-onprem1']) {
      for (const ns of tenantNamespaces(cluster)) {
        const tenant = ns.metadata.labels['platform.cdk8s.io/tenant'];
        const s = store(cluster, tenant, ns.metadata.name);
        expect(s.spec.provider.vault.auth.kubernetes).toEqual({
          mountPath: 'kubernetes', role: `tenant-${ns.metadata.name}`, serviceAccountRef: { name: 'secret-store', audiences: ['vault'] },
        });
      }
    }
    const aws = store('staging-eu1', 'payments', 'payments-staging');
    expect(aws.spec.provider.aws.auth).toEqual({ jwt: { serviceAccountRef: { name: 'secret-store' } } });
    const sa: Json = fixtureObjects('clusters/staging-eu1/tenants/payments/').map((o): Json => o.object).find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'secret-store');
    expect(sa.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/external-secrets-payments-staging' });
    expect(sa.automountServiceAccountToken).toBe(false);
  });

  test('tenant ExternalSecrets read through their namespace\'s store, never the ClusterSecretStore', () => {
    const tenantES = fixtureObjects('clusters/').filter((o) => o.path.includes('/tenants/')).map((o): Json => o.object).filter((o) => o.kind === 'ExternalSecret');
    expect(tenantES.length).toBeGreaterThan(3);
    for (const es of tenantES) expect([es.metadata.namespace, es.spec.secretStoreRef]).toEqual([es.metadata.namespace, { kind: 'SecretStore', name: 'tenant-secrets' }]);
  });

  test('the platform ClusterSecretStore serves platform namespaces only (ESO checks its conditions)', () => {
    const css = object('clusters/prod-eu1/platform/secrets/clustersecretstore-platform-secrets.yaml');
    const allowed = (labels: Record<string, string>) => css.spec.conditions.some((c: Json) => selectorMatches(c.namespaceSelector, labels));
    for (const ns of tenantNamespaces('prod-eu1')) expect([ns.metadata.name, allowed(ns.metadata.labels)]).toEqual([ns.metadata.name, false]);
    for (const [folder, name] of [['logging', 'logging'], ['kube-prometheus-stack', 'monitoring'], ['dex', 'dex']]) {
      const ns = object(`clusters/prod-eu1/platform/${folder}/namespace-${name}.yaml`);
      expect([name, allowed(ns.metadata.labels)]).toEqual([name, true]);
    }
  });

  test('the Vault policy of an environment reads its own keys and nothing else, whatever the path says', async () => {
    const prod = await parseVaultPolicy('prod', files.get('clusters/prod-eu1/secret-backend/vault-policy-payments-prod.hcl')!);
    const dev = await parseVaultPolicy('dev', files.get('clusters/dev-eu1/secret-backend/vault-policy-payments-dev.hcl')!);
    expect(vaultAllows(prod, 'secret/data/payments/prod/postgres', 'read')).toBe(true);
    expect(vaultAllows(prod, 'secret/metadata/payments/prod/', 'list')).toBe(true);
    for (const attack of [
      'secret/data/payments/dev/postgres', // another environment of the same tenant
      'secret/data/checkout/prod/db', // another tenant
      'secret/data/platform/dex/prod-eu1', // the platform
      'secret/data/payments/prod/../../checkout/prod/db', // traversal, resolved before Vault sees it
      'secret/data/payments/prod/./../../platform/x',
      'secret/metadata/checkout/prod/', // listing another tenant
    ]) expect([attack, vaultAllows(prod, attack, 'read') || vaultAllows(prod, attack, 'list')]).toEqual([attack, false]);
    expect(vaultAllows(dev, 'secret/data/payments/prod/postgres', 'read')).toBe(false);
    const role = JSON.parse(files.get('clusters/prod-eu1/secret-backend/vault-role-payments-prod.json')!);
    expect(role).toMatchObject({ bound_service_account_names: ['secret-store'], bound_service_account_namespaces: ['payments-prod'], audience: 'vault', token_policies: ['tenant-payments-prod'] });
    expect(files.get('clusters/prod-eu1/secret-backend/apply-vault.sh')).toContain('vault write auth/kubernetes/role/tenant-payments-prod @vault-role-payments-prod.json');
  });

  test('the policy matcher follows Vault\'s rules: trailing * a prefix, + one segment, deny wins', async () => {
    const rules = await parseVaultPolicy('rules', [
      'path "secret/data/a/*" { capabilities = ["read"] }',
      'path "secret/data/+/shared" { capabilities = ["read"] }',
      'path "secret/data/a/private" { capabilities = ["deny"] }',
    ].join('\n'));
    expect(['secret/data/a/x/y', 'secret/data/b/shared', 'secret/data/a/private', 'secret/data/b/c/shared', 'secret/data/ab']
      .map((path) => vaultAllows(rules, path, 'read'))).toEqual([true, true, false, false, false]);
  });

  test('every rendered Vault policy parses as HCL and grants only its environment\'s part of the store; the apply script is valid sh', async () => {
    const policies = [...files].filter(([path]) => /\/secret-backend\/vault-policy-.*\.hcl$/.test(path));
    expect(policies.length).toBeGreaterThan(3);
    for (const [path, text] of policies) {
      const [, cluster, namespace] = path.match(/^clusters\/([^/]+)\/secret-backend\/vault-policy-(.+)\.hcl$/)!;
      const ns = tenantNamespaces(cluster).find((n) => n.metadata.name === namespace)!;
      const prefix = `${ns.metadata.labels['platform.cdk8s.io/tenant']}/${ns.metadata.labels['platform.cdk8s.io/environment']}/`;
      const rules = await parseVaultPolicy(path, text);
      expect(rules.map((r) => [r.path.replace(/^[^/]+\/(data|metadata)\//, ''), r.capabilities.every((c) => ['read', 'list'].includes(c))]))
        .toEqual(rules.map(() => [`${prefix}*`, true]));
    }
    await expect(parseVaultPolicy('broken', 'path "secret/data/x/*" { capabilities = ["read" }')).rejects.toThrow(/Missing item separator/);
    for (const [path, text] of [...files].filter(([p]) => p.endsWith('/secret-backend/apply-vault.sh'))) {
      const check = spawnSync('sh', ['-n'], { input: text, encoding: 'utf8' });
      expect([path, check.status, check.stderr]).toEqual([path, 0, '']);
    }
  });

  test('the IAM role of an environment trusts only its namespace\'s ServiceAccount and reads only its secrets', () => {
    const role = JSON.parse(files.get('clusters/staging-eu1/secret-backend/iam-role-payments-staging.json')!);
    const cond = role.trustPolicy.Statement[0].Condition.StringEquals;
    expect(Object.entries(cond).find(([k]) => k.endsWith(':sub'))![1]).toBe('system:serviceaccount:payments-staging:secret-store');
    expect(role.permissionsPolicy.Statement[0].Resource).toBe('arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments/staging/*');
    expect(role.permissionsPolicy.Statement[0].Action).not.toContain('secretsmanager:ListSecrets');
  });

  test('the operator reaches Vault on the port the store names (8200), not only 443', () => {
    const ns = 'external-secrets';
    const policies = fixtureObjects(`clusters/prod-eu1/platform/`).map((o): Json => o.object).filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === ns);
    const model = new NetworkPolicyModel({ [ns]: {} }, policies);
    expect(model.podToExternal({ namespace: ns }, { ip: '10.20.0.5' }, { port: 8200 })).toBe(true);
    expect(model.podToExternal({ namespace: ns }, { ip: '10.20.0.5' }, { port: 8201 })).toBe(false);
  });

  test('definitions: keys of another environment, and keys outside the grammar, are refused', () => {
    const key = (k: string) => problemsOf(mutateTenant('payments', (doc) => { doc.spec.environments.dev.externalSecrets[0].data[0].remoteRef.key = k; }));
    expect(key('payments/prod/postgres').map((p) => [p.path, p.message])).toEqual([
      ['spec.environments.dev.externalSecrets[0].data[0].remoteRef.key', 'must start with "payments/dev/": an environment reads only its own part of the secret store'],
    ]);
    for (const attack of ['payments/dev/../prod/postgres', 'payments/dev/./x', 'payments/dev//x', '/payments/dev/x', 'payments/dev/%2e%2e/x']) {
      expect([attack, key(attack).map((p) => p.message)]).toEqual([attack, [expect.stringMatching(/^must be a secret store key/)]]);
    }
  });
});

describe('the shared ingress controller', () => {
  const values = (cluster: string) => {
    const app = object(`clusters/${cluster}/platform/ingress-nginx/application-ingress-nginx.yaml`);
    return app.spec.source.helm.valuesObject;
  };

  test('refuses ExternalName upstreams and annotations above Medium risk, and validates annotations', () => {
    const v = values('prod-eu1');
    expect(v.controller.extraArgs).toEqual({ 'disable-svc-external-name': 'true' });
    expect(v.controller.config['annotations-risk-level']).toBe('Medium');
    expect(v.controller.config['annotation-value-word-blocklist']).toContain('_by_lua');
    expect(v.controller.allowSnippetAnnotations).toBe(false);
    expect(v.controller.enableAnnotationValidations).toBe(true);
  });

  test('the controller reaches the pods tenants expose and Dex, nothing else in the cluster', () => {
    const cluster = 'prod-eu1';
    const policies = fixtureObjects(`clusters/${cluster}/`).map((o): Json => o.object).filter((o) => o.kind === 'NetworkPolicy');
    const namespaces: Record<string, Record<string, string>> = {};
    for (const o of fixtureObjects(`clusters/${cluster}/`).map((x): Json => x.object).filter((x) => x.kind === 'Namespace')) namespaces[o.metadata.name] = o.metadata.labels ?? {};
    namespaces['kube-system'] = {};
    const model = new NetworkPolicyModel(namespaces, policies);
    const controller = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
    expect(model.podToPod(controller, { namespace: 'payments-prod', labels: { app: 'api' } }, { port: 8080 })).toBe(true);
    expect(model.podToPod(controller, { namespace: 'dex', labels: { 'app.kubernetes.io/name': 'dex' } }, { port: 5556 })).toBe(true);
    for (const [ns, port] of [['monitoring', 9090], ['monitoring', 9093], ['kube-system', 53], ['external-secrets', 8080], ['argocd', 8080], ['velero', 8085], ['dex', 5558]] as const) {
      expect([ns, port, model.podToPod(controller, { namespace: ns, labels: {} }, { port })]).toEqual([ns, port, false]);
    }
  });
});

describe('DNS and certificates', () => {
  test('a tenant domain over the cluster\'s ingress domain (the platform\'s hosts) is refused; under its own name it is fine', () => {
    const found = problemsOf(mutateTenant('checkout', (doc) => { doc.spec.environments.prod.ingressDomains = ['prod-eu1.apps.example.com', 'dex.prod-eu1.apps.example.com']; }));
    expect(found.map((p) => p.value)).toEqual(['prod-eu1.apps.example.com', 'dex.prod-eu1.apps.example.com']);
    expect(found[0].message).toMatch(/platform's own hosts/);
    expect(() => problemsOf(mutateTenant('checkout', (doc) => { doc.spec.environments.prod.ingressDomains = ['shop.example.com', 'api.checkout.prod-eu1.apps.example.com']; }))).toThrow(/accepted/);
  });

  test('the corporate CA is never a tenant issuer; the HTTP-01 solver runs as a ClusterIP Service (no NodePort quota needed)', () => {
    const policy = object('clusters/prod-eu1/platform/admission/validatingadmissionpolicy-platform-tenant-certificates.yaml');
    expect(policy.spec.variables.find((v: Json) => v.name === 'tenantIssuers').expression).toBe("['acme-http01', 'acme-dns01']");
    expect(object('clusters/prod-eu1/platform/certificates/clusterissuer-private-ca.yaml').spec.ca).toBeDefined();
    expect(object('clusters/prod-eu1/platform/certificates/clusterissuer-acme-http01.yaml').spec.acme.solvers[0].http01.ingress.serviceType).toBe('ClusterIP');
  });
});

describe('identity', () => {
  test('Dex keeps only the allowed groups of every connector but the corporate directory', () => {
    const app = object('clusters/prod-eu1/platform/dex/application-dex.yaml');
    const connectors = app.spec.source.helm.valuesObject.config.connectors;
    const byId = Object.fromEntries(connectors.map((c: Json) => [c.id, c.config]));
    expect(byId['corp-ldap'].groupSearch.filter).toBe('(objectClass=groupOfNames)');
    expect(byId['partner-sso']).toMatchObject({ allowedGroups: ['checkout-developers'], filterGroups: true });
    expect(byId['entra-id']).toMatchObject({ allowedGroups: ['analytics-engineers', 'analytics-readers'] });
  });

  test('definitions: a second connector without a filter, or allowed a platform group, is refused', () => {
    const sources = mutateClusters(() => undefined);
    const withSettings = (mutate: (s: Json) => void) => {
      const s = JSON.parse(JSON.stringify(sources.settings));
      mutate(s);
      return { ...sources, settings: s };
    };
    const found = problemsOf(withSettings((s) => {
      delete s.identity.dex.connectors[1].allowedGroups;
      s.identity.dex.connectors[2].allowedGroups = ['analytics-engineers', 'platform-admins'];
    }));
    expect(found.map((p) => [p.path, p.value])).toEqual([
      ['identity.dex.connectors[1].allowedGroups', undefined],
      ['identity.dex.connectors[2].allowedGroups[1]', 'platform-admins'],
    ]);
    expect(problemsOf(withSettings((s) => { delete s.identity.dex.directory; })).map((p) => p.path)).toEqual(['identity.dex.directory']);
  });

  test('the API server filters groups per connector too (structured authentication, 1.30+), and fails closed', () => {
    const config = parse(files.get('clusters/prod-onprem1/control-plane/authentication-configuration.yaml')!);
    const jwt = config.jwt[0];
    const groups = (claims: Json) => [...evalCel(jwt.claimMappings.groups.expression, { claims: toCel(claims) })];
    const validClaims = (claims: Json) => jwt.claimValidationRules.every((r: Json) => evalCel(r.expression, { claims: toCel(claims) }));
    const partner = { email: 'p@partner.example.net', groups: ['platform-admins', 'platform-break-glass', 'payments-admins', 'checkout-developers'], federated_claims: { connector_id: 'partner-sso', user_id: 'x' } };
    expect(groups(partner)).toEqual(['oidc:checkout-developers']);
    const corp = { email: 'a@example.com', groups: ['platform-admins', 'payments-admins'], federated_claims: { connector_id: 'corp-ldap', user_id: 'y' } };
    expect(groups(corp)).toEqual(['oidc:platform-admins', 'oidc:payments-admins']);
    expect(groups({ ...partner, federated_claims: { connector_id: 'unknown-idp' } })).toEqual([]);
    expect(validClaims({ email: 'x@example.com', groups: ['platform-admins'] })).toBe(false);
    expect(validClaims(corp)).toBe(true);
    expect(evalCel(jwt.userValidationRules[0].expression, { user: toCel({ username: 'system:admin' }) })).toBe(false);
    expect(files.get('clusters/prod-onprem1/control-plane/kube-apiserver.flags')).not.toMatch(/--oidc-/);
    // prod-eu1 names its issuer CA by file, which the configuration cannot hold: it keeps the flags.
    expect(files.get('clusters/prod-eu1/control-plane/kube-apiserver.flags')).toMatch(/--oidc-issuer-url=/);
  });

  test('break-glass is a client-certificate group no OIDC token can carry, audited in full', () => {
    const binding = object('clusters/prod-eu1/platform/rbac/clusterrolebinding-break-glass.yaml');
    expect(binding.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'platform-break-glass' }]);
    for (const c of fixturePlatform().clusters) expect(`${c.oidc.groupPrefix}platform-break-glass`).not.toBe('platform-break-glass');
    const audit = parse(files.get('clusters/prod-eu1/control-plane/audit-policy.yaml')!);
    const i = audit.rules.findIndex((r: Json) => r.userGroups?.includes('platform-break-glass'));
    expect(audit.rules[i].level).toBe('RequestResponse');
    expect(audit.rules[0].level).toBe('Metadata'); // Secrets stay at Metadata, before it
    expect(problemsOf(mutateClusters((cs) => { cs[0].oidc.groupPrefix = ''; })).map((p) => p.path)).toEqual(['clusters[0].oidc.groupPrefix']);
    expect(problemsOf(mutateClusters((cs) => { cs[0].oidc.groupPrefix = 'platform-'; }))[0].message).toMatch(/start of the break-glass group/);
  });
});

describe('Kubernetes-level controls', () => {
  test('DenyServiceExternalIPs and AlwaysPullImages, switched off only with a written justification', () => {
    expect(files.get('clusters/prod-eu1/control-plane/kube-apiserver.flags')).toContain('--enable-admission-plugins=AlwaysPullImages,DenyServiceExternalIPs,NodeRestriction');
    const loosened = problemsOf(mutateClusters((cs) => { cs[0].isolation = { exceptions: [{ control: 'always-pull-images', justification: 'short' }] }; }));
    expect(loosened.map((p) => p.path)).toEqual(['clusters[0].isolation.exceptions[0].justification']);
  });

  test('registries are allowed by organisation, never as whole public registries', () => {
    for (const whole of ['docker.io', 'ghcr.io', 'quay.io', 'mirror.gcr.io', 'europe-docker.pkg.dev']) {
      const found = problemsOf(mutateClusters((cs) => { cs[0].admission.allowedRegistries = ['registry.example.com', whole]; }));
      expect([whole, found.map((p) => p.message)]).toEqual([whole, [expect.stringMatching(/public registry where anyone can publish/)]]);
    }
  });

  test('every kind a tenant role can create has a count quota, and containers get ephemeral-storage defaults', () => {
    const admin: PolicyRule[] = object('clusters/prod-eu1/platform/tenancy/clusterrole-tenant-admin.yaml').rules;
    const creatable = admin.flatMap((r) => (r.resources ?? []).filter((res) => !res.includes('/') && rulesAllow(admin, { verb: 'create', group: r.apiGroups![0], resource: res }))
      .map((res) => (r.apiGroups![0] === '' ? res : `${res}.${r.apiGroups![0]}`)));
    const named: Record<string, string> = { pods: 'pods', services: 'services', configmaps: 'configmaps', secrets: 'secrets', persistentvolumeclaims: 'persistentvolumeclaims' };
    for (const ns of tenantNamespaces('prod-eu1')) {
      const quota = fixtureObjects('clusters/prod-eu1/tenants/').map((o): Json => o.object).find((o) => o.kind === 'ResourceQuota' && o.metadata.namespace === ns.metadata.name);
      const missing = [...new Set(creatable)].filter((k) => !(named[k] ? named[k] in quota.spec.hard : `count/${k}` in quota.spec.hard));
      expect([ns.metadata.name, missing]).toEqual([ns.metadata.name, []]);
      const limits = fixtureObjects('clusters/prod-eu1/tenants/').map((o): Json => o.object).find((o) => o.kind === 'LimitRange' && o.metadata.namespace === ns.metadata.name);
      const container = limits.spec.limits.find((l: Json) => l.type === 'Container');
      expect(container.defaultRequest['ephemeral-storage']).toBe(EPHEMERAL_STORAGE_DEFAULTS.defaultRequest);
      expect(container.default['ephemeral-storage']).toBe(EPHEMERAL_STORAGE_DEFAULTS.default);
    }
    expect(Object.keys(DEFAULT_OBJECT_COUNTS)).toEqual(expect.arrayContaining(['externalsecrets.external-secrets.io', 'servicemonitors.monitoring.coreos.com', 'certificates.cert-manager.io']));
  });

  test('tenant roles: Certificates yes; stores, issuers, CertificateRequests and the platform\'s identities no', () => {
    const role = (name: string): PolicyRule[] => object(`clusters/prod-eu1/platform/tenancy/clusterrole-${name}.yaml`).rules;
    const dev = role('tenant-developer');
    const admin = role('tenant-admin');
    expect(rulesAllow(dev, { verb: 'create', group: 'cert-manager.io', resource: 'certificates' })).toBe(true);
    for (const rules of [dev, admin]) {
      for (const [group, resource] of [['external-secrets.io', 'secretstores'], ['external-secrets.io', 'clustersecretstores'], ['cert-manager.io', 'certificaterequests'], ['cert-manager.io', 'issuers'], ['cert-manager.io', 'clusterissuers'], ['', 'serviceaccounts/token'], ['generators.external-secrets.io', 'clustergenerators']]) {
        for (const verb of ['create', 'update', 'patch']) expect([group, resource, verb, rulesAllow(rules, { verb, group, resource: resource.split('/')[0], subresource: resource.split('/')[1] })]).toEqual([group, resource, verb, false]);
      }
    }
  });
});
