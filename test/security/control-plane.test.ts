/**
 * The control-plane files: kube-apiserver flags (CIS audit retention, OIDC,
 * encryption, admission), the kubeadm ClusterConfiguration patch, the
 * EncryptionConfiguration (KMS v2, no key), the PodSecurity
 * AdmissionConfiguration and the audit webhook kubeconfig.
 */
import Ajv from 'ajv';
import { parse } from 'yaml';
import { apiServerFlags } from '../../src/security/control-plane/api-server-flags';
import { kubeadmApiVersion, kubeadmClusterConfiguration } from '../../src/security/control-plane/kubeadm-patch';
import { ClusterSpec } from '../../src/spec/cluster';
import { fixtureFiles, fixturePlatform } from '../support/platform';
import { securityPlatform } from '../support/security-platform';

const files = fixtureFiles();
const cluster = (name: string): ClusterSpec => fixturePlatform().clusters.find((c) => c.name === name)!;
const file = (c: string, f: string) => files.get(`clusters/${c}/control-plane/${f}`);
const flags = (c: string) => Object.fromEntries(apiServerFlags(cluster(c)));

/**
 * kubeadm ClusterConfiguration `apiServer` (kubeadm.k8s.io v1beta3 and v1beta4,
 * k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/v1beta3|v1beta4 types.go:
 * APIControlPlaneComponent, ControlPlaneComponent.ExtraArgs/ExtraVolumes, HostPathMount).
 */
const hostPathMount = {
  type: 'object', additionalProperties: false, required: ['name', 'hostPath', 'mountPath'],
  properties: { name: { type: 'string' }, hostPath: { type: 'string', pattern: '^/' }, mountPath: { type: 'string', pattern: '^/' }, readOnly: { type: 'boolean' }, pathType: { enum: ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'] } },
};
const kubeadmSchema = (version: 'v1beta3' | 'v1beta4') => ({
  type: 'object', additionalProperties: false, required: ['apiVersion', 'kind', 'apiServer'],
  properties: {
    apiVersion: { const: `kubeadm.k8s.io/${version}` },
    kind: { const: 'ClusterConfiguration' },
    apiServer: {
      type: 'object', additionalProperties: false,
      properties: {
        extraArgs: version === 'v1beta3'
          ? { type: 'object', additionalProperties: { type: 'string' } }
          : { type: 'array', items: { type: 'object', additionalProperties: false, required: ['name', 'value'], properties: { name: { type: 'string' }, value: { type: 'string' } } } },
        extraVolumes: { type: 'array', items: hostPathMount },
      },
    },
  },
});
const ajv = new Ajv({ allErrors: true, strict: false });
const validV1beta3 = ajv.compile(kubeadmSchema('v1beta3'));
const validV1beta4 = ajv.compile(kubeadmSchema('v1beta4'));

describe('control-plane files', () => {
  test('every cluster gets the same set of files; the webhook kubeconfig only where configured', () => {
    const names = (c: string) => [...files.keys()].filter((p) => p.startsWith(`clusters/${c}/control-plane/`)).map((p) => p.split('/').pop()).sort();
    const base = ['admission-configuration.yaml', 'audit-policy.yaml', 'encryption-configuration.yaml', 'kube-apiserver.flags', 'kubeadm-cluster-configuration.yaml'];
    expect(names('dev-eu1')).toEqual(base);
    expect(names('prod-eu1')).toEqual([...base, 'audit-webhook-kubeconfig.yaml'].sort());
  });

  test('audit flags follow CIS 1.2.16–1.2.19', () => {
    expect(flags('dev-eu1')).toMatchObject({
      'audit-policy-file': '/etc/kubernetes/platform/audit-policy.yaml',
      'audit-log-path': '/var/log/kubernetes/audit/audit.log',
      'audit-log-maxage': '30',
      'audit-log-maxbackup': '10',
      'audit-log-maxsize': '100',
    });
    expect(flags('dev-eu1')['audit-webhook-config-file']).toBeUndefined();
    expect(flags('prod-eu1')).toMatchObject({ 'audit-webhook-config-file': '/etc/kubernetes/platform/audit-webhook-kubeconfig.yaml', 'audit-webhook-mode': 'batch' });
  });

  test('OIDC flags: issuer (the cluster\'s Dex by default), client, claims and prefixes', () => {
    expect(flags('prod-eu1')).toMatchObject({
      'oidc-issuer-url': 'https://dex.prod-eu1.apps.example.com',
      'oidc-client-id': 'kubernetes',
      'oidc-username-claim': 'email',
      'oidc-username-prefix': 'oidc:',
      'oidc-groups-claim': 'groups',
      'oidc-groups-prefix': 'oidc:',
      'oidc-signing-algs': 'RS256',
      'oidc-ca-file': '/etc/kubernetes/pki/oidc-ca.crt',
    });
  });

  test('ValidatingAdmissionPolicy v1beta1 is switched on where the cluster needs it (1.28–1.29 with VAP)', () => {
    expect(flags('dev-eu1')).toMatchObject({ 'feature-gates': 'ValidatingAdmissionPolicy=true', 'runtime-config': 'admissionregistration.k8s.io/v1beta1=true' });
    expect(flags('staging-eu1')['feature-gates']).toBeUndefined(); // Gatekeeper
    expect(flags('prod-eu1')['feature-gates']).toBeUndefined(); // 1.30: v1, on by default
    const vapBeta = parse(securityPlatform().files.get('clusters/vap-beta/control-plane/kubeadm-cluster-configuration.yaml')!);
    expect(vapBeta.apiServer.extraArgs['runtime-config']).toBe('admissionregistration.k8s.io/v1beta1=true');
  });

  test('the flags file lists every flag once, as --name=value', () => {
    const lines = file('prod-eu1', 'kube-apiserver.flags')!.trim().split('\n').filter((l) => !l.startsWith('#'));
    expect(lines).toEqual(apiServerFlags(cluster('prod-eu1')).map(([k, v]) => `--${k}=${v}`));
    expect(new Set(lines.map((l) => l.split('=')[0])).size).toBe(lines.length);
  });

  test('the kubeadm patch is a valid ClusterConfiguration apiServer section with the flags and their mounts', () => {
    for (const c of ['dev-eu1', 'staging-eu1', 'prod-eu1']) {
      const doc = parse(file(c, 'kubeadm-cluster-configuration.yaml')!);
      expect([c, validV1beta3(doc), validV1beta3.errors ?? null]).toEqual([c, true, null]);
      expect(doc.apiServer.extraArgs).toEqual(Object.fromEntries(apiServerFlags(cluster(c))));
      const mounts = doc.apiServer.extraVolumes.map((v: any) => v.hostPath);
      expect(mounts).toEqual(expect.arrayContaining(['/etc/kubernetes/platform', '/var/log/kubernetes/audit', '/var/run/kmsplugin']));
      expect(doc.apiServer.extraVolumes.find((v: any) => v.name === 'platform-config').readOnly).toBe(true);
    }
    expect(parse(file('prod-eu1', 'kubeadm-cluster-configuration.yaml')!).apiServer.extraVolumes).toMatchSnapshot();
  });

  test('kubeadm v1beta4 (Kubernetes 1.31+) takes extraArgs as a list of name/value', () => {
    expect(kubeadmApiVersion('1.30')).toBe('kubeadm.k8s.io/v1beta3');
    expect(kubeadmApiVersion('1.31')).toBe('kubeadm.k8s.io/v1beta4');
    const doc = kubeadmClusterConfiguration({ ...cluster('prod-eu1'), kubernetesVersion: '1.31' });
    expect([validV1beta4(doc), validV1beta4.errors ?? null]).toEqual([true, null]);
    expect((doc.apiServer as any).extraArgs).toContainEqual({ name: 'audit-log-maxage', value: '30' });
  });

  test('a CA file outside the mounted folders gets its own read-only mount', () => {
    const c = cluster('prod-eu1');
    const doc = kubeadmClusterConfiguration({ ...c, oidc: { ...c.oidc, caFile: '/opt/oidc/ca.pem' } });
    expect((doc.apiServer as any).extraVolumes).toContainEqual({ name: 'ca-1', hostPath: '/opt/oidc', mountPath: '/opt/oidc', readOnly: true, pathType: 'Directory' });
  });

  test('EncryptionConfiguration: KMS v2 first, identity last, no key material', () => {
    const text = file('prod-eu1', 'encryption-configuration.yaml')!;
    expect(parse(text)).toEqual({
      apiVersion: 'apiserver.config.k8s.io/v1',
      kind: 'EncryptionConfiguration',
      resources: [{
        resources: ['secrets', 'configmaps'],
        providers: [
          { kms: { apiVersion: 'v2', name: 'platform-kms', endpoint: 'unix:///var/run/kmsplugin/socket.sock', timeout: '3s' } },
          { identity: {} },
        ],
      }],
    });
    for (const [p, t] of files) {
      if (p.endsWith('encryption-configuration.yaml')) expect([p, /aescbc|aesgcm|secretbox|secret:/.test(t)]).toEqual([p, false]);
    }
    expect(flags('dev-eu1')['encryption-provider-config']).toBe('/etc/kubernetes/platform/encryption-configuration.yaml');
  });

  test('PodSecurity AdmissionConfiguration: restricted defaults pinned to the cluster version, kube-system exempt', () => {
    expect(parse(file('staging-eu1', 'admission-configuration.yaml')!)).toEqual({
      apiVersion: 'apiserver.config.k8s.io/v1',
      kind: 'AdmissionConfiguration',
      plugins: [{
        name: 'PodSecurity',
        configuration: {
          apiVersion: 'pod-security.admission.config.k8s.io/v1',
          kind: 'PodSecurityConfiguration',
          defaults: { 'enforce': 'restricted', 'enforce-version': 'v1.29', 'audit': 'restricted', 'audit-version': 'v1.29', 'warn': 'restricted', 'warn-version': 'v1.29' },
          exemptions: { usernames: [], runtimeClasses: [], namespaces: ['kube-system'] },
        },
      }],
    });
    expect(flags('staging-eu1')).toMatchObject({ 'admission-control-config-file': '/etc/kubernetes/platform/admission-configuration.yaml', 'enable-admission-plugins': 'AlwaysPullImages,DenyServiceExternalIPs,NodeRestriction' });
  });

  test('audit webhook kubeconfig points at the receiver with its CA and holds no credential', () => {
    expect(parse(file('prod-eu1', 'audit-webhook-kubeconfig.yaml')!)).toEqual({
      'apiVersion': 'v1',
      'kind': 'Config',
      'clusters': [{ name: 'audit-webhook', cluster: { 'server': 'https://audit.logging.example.com/k8s-audit/prod-eu1', 'certificate-authority': '/etc/kubernetes/pki/audit-webhook-ca.crt' } }],
      'users': [{ name: 'kube-apiserver', user: {} }],
      'contexts': [{ name: 'audit-webhook', context: { cluster: 'audit-webhook', user: 'kube-apiserver' } }],
      'current-context': 'audit-webhook',
    });
  });
});
