/**
 * The clusters of the default platform: an example organisation with a dev,
 * a staging and a three-zone production cluster. Staging runs Flux; dev and
 * prod run Argo CD.
 */
import { ClusterInput } from '../spec/cluster';

const platformRepo = 'https://git.example.com/platform/cdk8s-platform.git';

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
  },
  {
    name: 'prod-eu1',
    environment: 'prod',
    region: 'eu-west-1',
    zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    kubernetesVersion: '1.30',
    ingressDomain: 'prod-eu1.apps.example.com',
    oidc: { groupPrefix: 'oidc:' },
    gitops: { engine: 'argocd', repoURL: platformRepo, branch: 'main' },
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
];
