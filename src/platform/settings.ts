/**
 * Platform-wide settings of the default platform: environments, platform
 * namespaces and the defaults every tenant environment starts from.
 */
import { PlatformSettingsInput } from '../spec/settings';

export const settings: PlatformSettingsInput = {
  environments: ['dev', 'staging', 'prod'],
  namespaces: {
    ingress: 'ingress-nginx',
    monitoring: 'monitoring',
    others: ['logging'],
  },
  clusterDns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
  tenantDefaults: {
    quota: {
      persistentVolumeClaims: 10,
      pods: 50,
      services: 10,
      loadBalancers: 0,
      nodePorts: 0,
      configMaps: 50,
      secrets: 50,
    },
    limitRange: {
      container: {
        defaultRequest: { cpu: '100m', memory: '128Mi' },
        default: { cpu: '500m', memory: '512Mi' },
        max: { cpu: '4', memory: '8Gi' },
      },
      persistentVolumeClaim: { min: '1Gi', max: '100Gi' },
    },
  },
  observability: {
    secretStore: { kind: 'ClusterSecretStore', name: 'platform-secrets' },
    logging: {
      outputs: {
        'logs': {
          type: 'elasticsearch',
          host: 'logs.es.example.com',
          port: 9243,
          username: { key: 'platform/logging/elasticsearch', property: 'username' },
          password: { key: 'platform/logging/elasticsearch', property: 'password' },
          indexPrefix: 'k8s',
        },
        'siem': {
          type: 'elasticsearch',
          host: 'siem.es.example.com',
          port: 9243,
          username: { key: 'platform/logging/siem', property: 'username' },
          password: { key: 'platform/logging/siem', property: 'password' },
          indexPrefix: 'k8s',
        },
      },
      destinations: { platform: 'logs', audit: 'siem', tenantDefault: 'logs', catchAll: 'logs' },
      exclude: [{
        description: 'Kubelet probes logged by the ingress controller',
        namespaces: ['ingress-nginx'],
        pattern: '"GET /healthz HTTP/1\\.1" 200 .*"kube-probe/',
      }],
    },
    alerting: {
      runbookBaseURL: 'https://runbooks.example.com/platform',
      receivers: {
        critical: { pagerduty: { routingKey: { key: 'platform/alerting/pagerduty', property: 'routing-key' } } },
        warning: { slack: { apiURL: { key: 'platform/alerting/slack', property: 'webhook-url' }, channel: '#platform-alerts' } },
        info: { email: { to: ['platform-team@example.com'] } },
      },
      smtp: {
        smarthost: 'smtp.example.com:587',
        from: 'alertmanager@example.com',
        username: 'alertmanager',
        password: { key: 'platform/alerting/smtp', property: 'password' },
      },
    },
  },
};
