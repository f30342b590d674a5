/**
 * The clusters of the default platform: an example organisation with a dev,
 * a staging and a three-zone production cluster in the cloud, and an
 * air-gapped, regulated on-premises production cluster. Staging and the
 * on-premises cluster run Flux; dev and prod-eu1 run Argo CD. Admission
 * policies are ValidatingAdmissionPolicies on dev (v1beta1) and prod-eu1
 * (v1), Gatekeeper on staging and on premises; secrets come from Vault,
 * except on staging (AWS Secrets Manager).
 */
import { ClusterInput, DEFAULT_ALLOWED_REGISTRIES, KUBE_SYSTEM_EXEMPTION } from 'cdk8s-platform';

const platformRepo = 'https://git.example.com/platform/cdk8s-platform.git';

/** AWS storage: gp3 volumes through the EBS CSI driver. */
const awsStorage: ClusterInput['storage'] = {
  classes: [
    { name: 'gp3', provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3', encrypted: 'true' }, default: true },
    { name: 'gp3-retain', provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3', encrypted: 'true' }, reclaimPolicy: 'Retain' },
  ],
  snapshotClass: { name: 'ebs-snapshots', driver: 'ebs.csi.aws.com', deletionPolicy: 'Retain' },
};

function awsBackup(region: string): ClusterInput['backup'] {
  return {
    storage: { provider: 'aws', bucket: 'example-platform-backups', config: { region } },
    snapshots: { provider: 'aws', config: { region } },
  };
}

function awsCertificates(region: string): ClusterInput['certificates'] {
  return { acme: { email: 'platform-team@example.com', dns01: { route53: { region } } }, privateCa: { secretName: 'platform-ca' } };
}

/**
 * Registries images may come from on the cloud clusters: the company's own
 * registry and the organisations the add-on catalog pulls from
 * (dist/images.txt lists every image; a test keeps the two in step).
 */
const allowedRegistries = ['registry.example.com', ...DEFAULT_ALLOWED_REGISTRIES];

/** Platform namespaces exempt from cluster-wide admission policies, and why. */
const exemptions = [
  KUBE_SYSTEM_EXEMPTION,
  {
    namespace: 'monitoring',
    policies: ['host-namespaces' as const, 'host-path' as const],
    justification: 'node-exporter reads node metrics from the host network, PID namespace and /proc, /sys.',
  },
  {
    namespace: 'logging',
    policies: ['host-path' as const],
    justification: 'The log collector DaemonSet reads container logs from /var/log on each node.',
  },
];

const vault = {
  provider: 'vault' as const,
  vault: { server: 'https://vault.example.com:8200', path: 'secret' },
};

export const clusters: ClusterInput[] = [
  {
    name: 'dev-eu1',
    environment: 'dev',
    region: 'eu-west-1',
    zones: ['eu-west-1a'],
    kubernetesVersion: '1.28',
    ingressDomain: 'dev-eu1.apps.example.com',
    oidc: { groupPrefix: 'oidc:' },
    gitops: { engine: 'argocd', repoURL: platformRepo, branch: 'main' },
    addons: { profile: 'small', overrides: { 'trivy-operator': { enabled: true } } },
    certificates: awsCertificates('eu-west-1'),
    dns: { provider: 'aws' },
    nodeGroups: { api: 'aws' },
    storage: awsStorage,
    backup: awsBackup('eu-west-1'),
    admission: { engine: 'validating-admission-policy', allowedRegistries, exemptions },
    secretStore: vault,
    observability: {
      remoteWrite: [{
        name: 'mimir',
        url: 'https://mimir.example.com/api/v1/push',
        kind: 'mimir',
        tenant: 'dev',
        bearerToken: { key: 'platform/metrics/mimir', property: 'token' },
      }],
    },
  },
  {
    name: 'staging-eu1',
    environment: 'staging',
    region: 'eu-west-1',
    zones: ['eu-west-1a', 'eu-west-1b'],
    kubernetesVersion: '1.29',
    ingressDomain: 'staging-eu1.apps.example.com',
    oidc: { groupPrefix: 'oidc:' },
    gitops: { engine: 'flux', repoURL: platformRepo, branch: 'main' },
    addons: { profile: 'medium' },
    certificates: awsCertificates('eu-west-1'),
    dns: { provider: 'aws' },
    nodeGroups: { api: 'aws' },
    storage: awsStorage,
    backup: awsBackup('eu-west-1'),
    admission: { engine: 'gatekeeper', allowedRegistries, exemptions },
    secretStore: {
      provider: 'aws-secrets-manager',
      awsSecretsManager: {
        role: 'arn:aws:iam::123456789012:role/staging-eu1-external-secrets',
        tenantRoles: { accountID: '123456789012', oidcProvider: 'oidc.eks.eu-west-1.amazonaws.com/id/5C2E8F1A9B7D4E3F6A0B1C2D3E4F5A6B' },
      },
    },
  },
  {
    name: 'prod-eu1',
    environment: 'prod',
    region: 'eu-west-1',
    zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    kubernetesVersion: '1.30',
    ingressDomain: 'prod-eu1.apps.example.com',
    oidc: { groupPrefix: 'oidc:', caFile: '/etc/kubernetes/pki/oidc-ca.crt' },
    gitops: { engine: 'argocd', repoURL: platformRepo, branch: 'main' },
    addons: {
      profile: 'enterprise',
      overrides: { 'opentelemetry-collector': { enabled: false } },
    },
    certificates: awsCertificates('eu-west-1'),
    dns: { provider: 'aws' },
    nodeGroups: { api: 'aws' },
    storage: awsStorage,
    backup: awsBackup('eu-west-1'),
    audit: { webhook: { server: 'https://audit.logging.example.com/k8s-audit/prod-eu1', caFile: '/etc/kubernetes/pki/audit-webhook-ca.crt' } },
    admission: { allowedRegistries, exemptions },
    secretStore: vault,
    encryptionAtRest: { resources: ['secrets', 'configmaps'] },
    observability: {
      remoteWrite: [{
        name: 'thanos',
        url: 'https://thanos-receive.example.com/api/v1/receive',
        kind: 'thanos',
        tenant: 'prod',
        basicAuth: {
          username: { key: 'platform/metrics/thanos', property: 'username' },
          password: { key: 'platform/metrics/thanos', property: 'password' },
        },
      }],
      logging: {
        // Production audit events go to the regulated SIEM cluster.
        outputs: {
          'siem-prod': {
            type: 'elasticsearch',
            host: 'siem-prod.es.example.com',
            port: 9243,
            username: { key: 'platform/logging/siem-prod', property: 'username' },
            password: { key: 'platform/logging/siem-prod', property: 'password' },
            indexPrefix: 'k8s',
          },
        },
        destinations: { audit: 'siem-prod' },
        // The API servers also send audit events to fluentd (webhook backend).
        auditWebhook: { allowFrom: ['10.30.0.0/24'] },
      },
    },
  },
  {
    // Regulated, air-gapped production on premises: images and charts come
    // from the internal mirrors only; Gatekeeper enforces the policies.
    name: 'prod-onprem1',
    environment: 'prod',
    region: 'dc-frankfurt',
    zones: ['fra-room-a', 'fra-room-b', 'fra-room-c'],
    kubernetesVersion: '1.30',
    ingressDomain: 'prod-onprem1.apps.corp.example.com',
    oidc: { groupPrefix: 'oidc:' },
    gitops: { engine: 'flux', repoURL: 'https://git.corp.example.com/platform/cdk8s-platform.git', branch: 'main' },
    addons: { profile: 'enterprise' },
    admission: { engine: 'gatekeeper', allowedRegistries: ['registry.corp.example.com'], exemptions },
    secretStore: { provider: 'vault', vault: { server: 'https://vault.corp.example.com:8200', path: 'secret' } },
    audit: { webhook: { server: 'https://siem.corp.example.com/k8s-audit/prod-onprem1', caFile: '/etc/kubernetes/pki/audit-webhook-ca.crt' } },
    encryptionAtRest: { resources: ['secrets', 'configmaps'] },
    certificates: {
      acme: {
        email: 'platform-team@example.com',
        server: 'https://acme.pki.corp.example.com/acme/acme/directory',
        dns01: { rfc2136: { nameserver: '10.60.0.53:53', tsigKeyName: 'cert-manager.corp.example.com', tsigSecretSecretRef: { name: 'rfc2136-tsig', key: 'secret' } } },
      },
      privateCa: { secretName: 'corp-issuing-ca' },
    },
    dns: { provider: 'rfc2136', providerArgs: { 'rfc2136-host': '10.60.0.53', 'rfc2136-port': '53', 'rfc2136-zone': 'apps.corp.example.com', 'rfc2136-tsig-keyname': 'external-dns.corp.example.com', 'rfc2136-tsig-secret-alg': 'hmac-sha512', 'rfc2136-tsig-axfr': 'true' } },
    storage: {
      classes: [
        { name: 'ceph-rbd', provisioner: 'rbd.csi.ceph.com', default: true, parameters: { clusterID: 'ceph-fra', pool: 'kubernetes', imageFeatures: 'layering', 'csi.storage.k8s.io/fstype': 'ext4', 'csi.storage.k8s.io/provisioner-secret-name': 'csi-rbd-provisioner', 'csi.storage.k8s.io/provisioner-secret-namespace': 'ceph-csi', 'csi.storage.k8s.io/node-stage-secret-name': 'csi-rbd-node', 'csi.storage.k8s.io/node-stage-secret-namespace': 'ceph-csi', 'csi.storage.k8s.io/controller-expand-secret-name': 'csi-rbd-provisioner', 'csi.storage.k8s.io/controller-expand-secret-namespace': 'ceph-csi' } },
        { name: 'ceph-rbd-retain', provisioner: 'rbd.csi.ceph.com', reclaimPolicy: 'Retain', parameters: { clusterID: 'ceph-fra', pool: 'kubernetes-retain', imageFeatures: 'layering', 'csi.storage.k8s.io/fstype': 'ext4', 'csi.storage.k8s.io/provisioner-secret-name': 'csi-rbd-provisioner', 'csi.storage.k8s.io/provisioner-secret-namespace': 'ceph-csi', 'csi.storage.k8s.io/node-stage-secret-name': 'csi-rbd-node', 'csi.storage.k8s.io/node-stage-secret-namespace': 'ceph-csi' } },
      ],
      snapshotClass: { name: 'ceph-rbd-snapshots', driver: 'rbd.csi.ceph.com', deletionPolicy: 'Retain', parameters: { clusterID: 'ceph-fra', 'csi.storage.k8s.io/snapshotter-secret-name': 'csi-rbd-provisioner', 'csi.storage.k8s.io/snapshotter-secret-namespace': 'ceph-csi' } },
    },
    backup: {
      // S3-compatible object storage (MinIO) in the second data centre, through the AWS plugin.
      storage: { provider: 'aws', bucket: 'platform-backups', config: { region: 'minio', s3ForcePathStyle: 'true', s3Url: 'https://s3.backup.corp.example.com' } },
      snapshots: { provider: 'aws', config: { region: 'minio' } },
      credentialsSecret: { name: 'velero-credentials', key: 'cloud' },
    },
    mirrors: { registry: 'registry.corp.example.com', charts: 'https://charts.corp.example.com' },
    observability: {
      remoteWrite: [{
        name: 'thanos',
        url: 'https://thanos-receive.corp.example.com/api/v1/receive',
        kind: 'thanos',
        tenant: 'prod-onprem1',
        basicAuth: {
          username: { key: 'platform/metrics/thanos-onprem', property: 'username' },
          password: { key: 'platform/metrics/thanos-onprem', property: 'password' },
        },
      }],
      logging: {
        // Air-gapped: logs and the audit trail stay in the data centre.
        outputs: {
          'logs-onprem': {
            type: 'elasticsearch',
            host: 'logs.es.corp.example.com',
            port: 9243,
            username: { key: 'platform/logging/elasticsearch-onprem', property: 'username' },
            password: { key: 'platform/logging/elasticsearch-onprem', property: 'password' },
            indexPrefix: 'k8s',
          },
          'siem-onprem': {
            type: 'elasticsearch',
            host: 'siem.es.corp.example.com',
            port: 9243,
            username: { key: 'platform/logging/siem-onprem', property: 'username' },
            password: { key: 'platform/logging/siem-onprem', property: 'password' },
            indexPrefix: 'k8s',
          },
        },
        destinations: { platform: 'logs-onprem', audit: 'siem-onprem', tenantDefault: 'logs-onprem', catchAll: 'logs-onprem' },
      },
    },
  },
];
