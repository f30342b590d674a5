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
};
