// docs/examples/platform/clusters.ts — one cluster, with an add-on value override.
import { ClusterInput } from 'cdk8s-platform';

export const clusters: ClusterInput[] = [
  {
    name: 'dev-eu1',
    environment: 'dev',
    region: 'eu-west-1',
    zones: ['eu-west-1a'],
    kubernetesVersion: '1.30',
    ingressDomain: 'dev-eu1.apps.example.com',
    oidc: { issuerURL: 'https://login.example.com' },
    gitops: { engine: 'argocd', repoURL: 'https://git.example.com/platform/acme.git' },
    secretStore: { provider: 'vault', vault: { server: 'https://vault.example.com:8200', path: 'secret' } },
    dns: { provider: 'aws' },
    backup: {
      storage: { provider: 'aws', bucket: 'acme-platform-backups', config: { region: 'eu-west-1' } },
      snapshots: { provider: 'aws', config: { region: 'eu-west-1' } },
    },
    addons: {
      profile: 'small',
      overrides: {
        // Add-on value overrides: extra Helm values, merged over the platform's own.
        'ingress-nginx': { values: { controller: { config: { 'use-forwarded-headers': 'true' } } } },
      },
    },
  },
];
