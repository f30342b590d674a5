// docs/examples/platform/settings.ts — small settings: environments, tenant defaults, access, where logs go.
import { PlatformSettingsInput } from 'cdk8s-platform';

export const settings: PlatformSettingsInput = {
  environments: ['dev', 'prod'],
  namespaces: { ingress: 'ingress-nginx', monitoring: 'monitoring', others: ['logging'] },
  tenantDefaults: {
    quota: { pods: 50, services: 10, loadBalancers: 0, nodePorts: 0, persistentVolumeClaims: 10, configMaps: 50, secrets: 50 },
    limitRange: { container: { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } } },
  },
  access: {
    platformAdmin: { groups: ['platform-admins'] },
    securityAuditor: { groups: ['security-auditors'] },
    breakGlass: { groups: ['platform-break-glass'] },
  },
  identity: { dex: { connectors: [] } },
  observability: {
    logging: {
      outputs: { logs: { type: 'elasticsearch', host: 'logs.es.example.com' } },
      destinations: { platform: 'logs', audit: 'logs', tenantDefault: 'logs', catchAll: 'logs' },
    },
    alerting: {
      runbookBaseURL: 'https://runbooks.example.com/platform',
      receivers: { critical: { pagerduty: { routingKey: { key: 'platform/alerting/pagerduty' } } } },
      deadMansSwitch: { webhook: { url: 'https://heartbeats.example.com/platform' } },
    },
  },
};
