/**
 * The clusters of the default platform: an example organisation with a dev,
 * a staging and a three-zone production cluster. Staging runs Flux; dev and
 * prod run Argo CD. Admission policies are ValidatingAdmissionPolicies on dev
 * (v1beta1) and prod (v1), Gatekeeper on staging; secrets come from Vault,
 * except on staging (AWS Secrets Manager).
 */
import { KUBE_SYSTEM_EXEMPTION } from '../spec/admission';
import { ClusterInput } from '../spec/cluster';

const platformRepo = 'https://git.example.com/platform/cdk8s-platform.git';

/** Images come from the company mirror of upstream registries, plus upstream Kubernetes. */
const allowedRegistries = ['registry.example.com', 'registry.k8s.io'];

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
    admission: { engine: 'validating-admission-policy', allowedRegistries: [...allowedRegistries, 'ghcr.io'], exemptions },
    secretStore: vault,
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
    admission: { engine: 'gatekeeper', allowedRegistries, exemptions },
    secretStore: {
      provider: 'aws-secrets-manager',
      awsSecretsManager: { role: 'arn:aws:iam::123456789012:role/staging-eu1-external-secrets' },
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
    audit: { webhook: { server: 'https://audit.logging.example.com/k8s-audit/prod-eu1', caFile: '/etc/kubernetes/pki/audit-webhook-ca.crt' } },
    admission: { allowedRegistries, exemptions },
    secretStore: vault,
    encryptionAtRest: { resources: ['secrets', 'configmaps'] },
  },
];
