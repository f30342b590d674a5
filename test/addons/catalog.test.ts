/**
 * The catalog's definitions and how they render for both engines: pins,
 * images, Pod Security, sync order, Helm sources, ClusterIssuers, storage,
 * Velero schedules and the Istio mTLS policy.
 */
import { CATALOG, addonWave } from '../../src/addons/catalog';
import { parseImage } from '../../src/addons/image-ref';
import { WAVES } from '../../src/contracts/component';
import { ADDON_NAMES } from '../../src/spec/addon-names';
import { fixtureFiles, fixtureObjects } from '../support/platform';

const find = (prefix: string, kind: string, name?: string) =>
  fixtureObjects(prefix).filter((o) => o.object.kind === kind && (!name || o.object.metadata.name === name)).map((o) => o.object as any);

describe('catalog definitions', () => {
  test.each([...ADDON_NAMES])('%s: pinned chart, tagged images, justified Pod Security', (name) => {
    const a = CATALOG[name];
    for (const r of a.releases) {
      expect(r.chart.repoURL).toMatch(/^https:\/\//);
      expect(r.chart.version).toMatch(/^v?\d+\.\d+\.\d+$/);
    }
    for (const i of Object.values(a.images)) expect(() => parseImage(i.ref.replace('<minor>', '1.30'))).not.toThrow();
    if (a.podSecurity.level !== 'restricted') expect(a.podSecurity.justification!.length).toBeGreaterThan(40);
    for (const d of a.dependsOn) expect(addonWave(d)).toBeLessThan(addonWave(name));
  });

  test('CRD-bringing add-ons sync before the custom resources that use them', () => {
    expect(addonWave('kube-prometheus-stack')).toBe(WAVES.crds);
    for (const name of ['cert-manager', 'velero', 'external-secrets', 'istio', 'gatekeeper'] as const) {
      expect(addonWave(name)).toBeLessThan(WAVES.platform);
    }
    const apps = find('clusters/prod-eu1/bootstrap/', 'Application');
    const wave = (n: string) => Number(apps.find((a) => a.metadata.name === n).metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave('platform-kube-prometheus-stack')).toBeLessThan(wave('platform-cert-manager'));
    expect(wave('platform-cert-manager')).toBeLessThan(wave('platform-certificates'));
    expect(wave('platform-velero')).toBeLessThan(wave('platform-backup'));
    expect(wave('platform-istio')).toBeLessThan(wave('platform-mesh'));
    expect(wave('platform-foundation')).toBeLessThan(wave('platform-kube-prometheus-stack'));
  });
});

describe('Argo CD rendering (prod-eu1)', () => {
  test('an Application with a Helm source in the platform project, with a sync wave', () => {
    const [app] = find('clusters/prod-eu1/platform/cert-manager/', 'Application', 'cert-manager');
    expect(app.spec.project).toBe('platform');
    expect(app.spec.source).toMatchObject({ repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.21.1', helm: { releaseName: 'cert-manager' } });
    expect(app.spec.source.helm.valuesObject.replicaCount).toBe(3);
    expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe(String(addonWave('cert-manager')));
    expect(app.spec.destination.namespace).toBe('cert-manager');
  });

  test('the platform AppProject allows the chart repositories', () => {
    const [project] = find('clusters/prod-eu1/bootstrap/', 'AppProject', 'platform');
    expect(project.spec.sourceRepos).toContain('https://charts.jetstack.io');
    expect(project.spec.sourceRepos).toContain('https://istio-release.storage.googleapis.com/charts');
  });
});

describe('Flux rendering (staging-eu1)', () => {
  test('a HelmRepository and a HelmRelease with dependsOn', () => {
    const [repo] = find('clusters/staging-eu1/platform/velero/', 'HelmRepository', 'velero');
    expect(repo.spec.url).toBe('https://vmware-tanzu.github.io/helm-charts');
    const [release] = find('clusters/staging-eu1/platform/velero/', 'HelmRelease', 'velero');
    expect(release.spec.chart.spec).toMatchObject({ chart: 'velero', version: '11.0.0', sourceRef: { kind: 'HelmRepository', name: 'velero' } });
    expect(release.spec.dependsOn).toEqual([{ name: 'kube-prometheus-stack' }]);
    expect(release.spec.targetNamespace).toBe('velero');
    expect(release.spec.install.crds).toBe('CreateReplace');
  });

  test('istiod depends on istio-base on the air-gapped Flux cluster', () => {
    const [istiod] = find('clusters/prod-onprem1/platform/istio/', 'HelmRelease', 'istiod');
    expect(istiod.spec.dependsOn).toEqual([{ name: 'istio-base' }]);
  });
});

describe('platform objects around the add-ons', () => {
  test('ClusterIssuers for ACME HTTP-01, DNS-01 and the private CA (by Secret reference)', () => {
    const issuers = find('clusters/prod-eu1/platform/certificates/', 'ClusterIssuer');
    expect(issuers.map((i) => i.metadata.name).sort()).toEqual(['acme-dns01', 'acme-http01', 'private-ca']);
    expect(issuers.find((i) => i.metadata.name === 'acme-http01').spec.acme.solvers).toEqual([{ http01: { ingress: { ingressClassName: 'nginx', serviceType: 'ClusterIP' } } }]);
    expect(issuers.find((i) => i.metadata.name === 'acme-dns01').spec.acme.solvers[0].dns01.route53).toEqual({ region: 'eu-west-1' });
    expect(issuers.find((i) => i.metadata.name === 'private-ca').spec).toEqual({ ca: { secretName: 'platform-ca' } });
    const onprem = find('clusters/prod-onprem1/platform/certificates/', 'ClusterIssuer', 'acme-dns01')[0];
    expect(onprem.spec.acme.server).toBe('https://acme.pki.corp.example.com/acme/acme/directory');
    expect(onprem.spec.acme.solvers[0].dns01.rfc2136.tsigSecretSecretRef).toEqual({ name: 'rfc2136-tsig', key: 'secret' });
  });

  test('IngressClass nginx is the default class', () => {
    const [cls] = find('clusters/dev-eu1/platform/ingress-nginx/', 'IngressClass', 'nginx');
    expect(cls.metadata.annotations['ingressclass.kubernetes.io/is-default-class']).toBe('true');
    expect(cls.spec.controller).toBe('k8s.io/ingress-nginx');
  });

  test('StorageClasses and the VolumeSnapshotClass from the cluster definition', () => {
    const classes = find('clusters/prod-onprem1/platform/storage/', 'StorageClass');
    expect(classes.map((c) => [c.metadata.name, c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'], c.reclaimPolicy, c.volumeBindingMode]))
      .toEqual(expect.arrayContaining([['ceph-rbd', 'true', 'Delete', 'WaitForFirstConsumer'], ['ceph-rbd-retain', undefined, 'Retain', 'WaitForFirstConsumer']]));
    const [snap] = find('clusters/prod-onprem1/platform/storage/', 'VolumeSnapshotClass');
    expect(snap).toMatchObject({ driver: 'rbd.csi.ceph.com', deletionPolicy: 'Retain' });
  });

  test('Velero: locations, a platform-wide schedule and one schedule per tenant environment', () => {
    const prefix = 'clusters/prod-onprem1/platform/backup/';
    expect(find(prefix, 'BackupStorageLocation')[0].spec).toMatchObject({ provider: 'aws', default: true, objectStorage: { bucket: 'platform-backups', prefix: 'prod-onprem1' }, credential: { name: 'velero-credentials', key: 'cloud' } });
    expect(find(prefix, 'VolumeSnapshotLocation')).toHaveLength(1);
    const schedules = find(prefix, 'Schedule');
    expect(schedules.map((s) => s.metadata.name)).toEqual(['platform-daily', 'tenant-payments-prod']);
    expect(schedules[1].spec).toMatchObject({ schedule: '0 2 * * *', template: { includedNamespaces: ['payments-prod'], ttl: '2160h0m0s' } });
    expect(schedules[0].spec.template.ttl).toBe('2160h0m0s');
    const staging = find('clusters/staging-eu1/platform/backup/', 'Schedule').filter((s) => s.metadata.name.startsWith('tenant-'));
    expect(staging.length).toBeGreaterThan(1);
    expect(staging.filter((s) => s.metadata.name !== 'tenant-payments-staging').every((s) => s.spec.template.ttl === '336h0m0s')).toBe(true);
  });

  test('Istio: mesh-wide PeerAuthentication in STRICT mode', () => {
    const [pa] = find('clusters/prod-eu1/platform/mesh/', 'PeerAuthentication');
    expect(pa).toMatchObject({ metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } });
  });

  test('add-on namespaces: Pod Security level with justification when below restricted, default-deny NetworkPolicies, platform PriorityClass', () => {
    const [ns] = find('clusters/prod-eu1/platform/falco/', 'Namespace', 'falco');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(ns.metadata.annotations['platform.cdk8s.io/pod-security-justification']).toMatch(/eBPF/);
    const policies = find('clusters/prod-eu1/platform/cert-manager/', 'NetworkPolicy').map((p) => p.metadata.name);
    expect(policies).toEqual(expect.arrayContaining(['default-deny', 'allow-dns', 'allow-egress-api-server', 'allow-ingress-webhook', 'allow-ingress-monitoring']));
    const [pc] = find('clusters/prod-eu1/platform/foundation/', 'PriorityClass');
    expect(pc).toMatchObject({ metadata: { name: 'platform-critical' }, value: 1000000000, globalDefault: false });
  });
});

describe('snapshots', () => {
  test.each(['prod-eu1', 'staging-eu1'])('cert-manager folder of %s', (cluster) => {
    const files = [...fixtureFiles()].filter(([p]) => p.startsWith(`clusters/${cluster}/platform/cert-manager/`) || p.startsWith(`clusters/${cluster}/platform/certificates/`));
    expect(Object.fromEntries(files)).toMatchSnapshot();
  });
});
