/**
 * Platform-wide settings of the default platform: environments, platform
 * namespaces and the defaults every tenant environment starts from.
 */
import { PlatformSettingsInput } from 'cdk8s-platform';

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
  access: {
    platformAdmin: { groups: ['platform-admins'] },
    securityAuditor: { groups: ['security-auditors'] },
    breakGlass: { groups: ['platform-break-glass'] },
  },
  identity: {
    dex: {
      // Platform groups come from the corporate directory only; the others keep only the groups listed.
      directory: 'corp-ldap',
      connectors: [
        {
          type: 'ldap',
          id: 'corp-ldap',
          name: 'Corporate directory',
          host: 'ldap.example.com:636',
          rootCA: '/etc/dex/ca/ldap-ca.pem',
          bindDN: 'cn=dex,ou=services,dc=example,dc=com',
          userSearch: { baseDN: 'ou=people,dc=example,dc=com' },
          groupSearch: { baseDN: 'ou=groups,dc=example,dc=com' },
        },
        {
          type: 'saml',
          id: 'partner-sso',
          name: 'Partner SSO',
          ssoURL: 'https://sso.partner.example.net/saml2/sso',
          ca: '/etc/dex/ca/partner-saml-ca.pem',
          allowedGroups: ['checkout-developers'],
        },
        {
          type: 'oidc',
          id: 'entra-id',
          name: 'Microsoft Entra ID',
          issuer: 'https://login.microsoftonline.com/0f3c9d2e-7b1a-4c5d-9e8f-123456789abc/v2.0',
          clientID: 'c7d0a8a4-2f6e-4b8a-9a51-6f0e1b2c3d4e',
          allowedGroups: ['analytics-engineers', 'analytics-readers'],
        },
      ],
    },
  },
  observability: {
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
      // Watchdog → an Opsgenie heartbeat: it pages when Watchdog stops arriving.
      deadMansSwitch: {
        webhook: {
          url: 'https://api.opsgenie.com/v2/heartbeats/platform-alerting/ping',
          authorization: { type: 'GenieKey', credentials: { key: 'platform/alerting/opsgenie-heartbeat', property: 'api-key' } },
        },
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
