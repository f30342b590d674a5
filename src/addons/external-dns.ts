/**
 * external-dns: publishes Ingress and Service host names to the cluster's
 * DNS provider (`dns` field of the cluster).
 *
 * Chart: kubernetes-sigs/external-dns (values: `provider.name`,
 * `domainFilters`, `txtOwnerId`, `policy`, `extraArgs`, `image.repository`).
 */
import { ExternalDnsChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { appVersionTag, joinedImage } from './image-composition';
import { httpsEgressRule, metricsRule } from './rules';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['external-dns'];

export const externalDns: AddonDefinition = {
  name: 'external-dns',
  description: 'Publishes Ingress and Service host names to the DNS provider.',
  namespace: 'external-dns',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    controller: { ref: pins.images.controller, knobs: [{ repository: 'image.repository', tag: 'image.tag' }], pulled: joinedImage({ repository: 'image.repository', tag: 'image.tag', defaultTag: () => appVersionTag(pins.chart, 'v') }, 'external-dns 1.19.0 templates/_helpers.tpl "external-dns.image": "<image.repository>:<image.tag or v<appVersion>>"') },
  },
  workloads: [{
    name: 'controller', kind: 'Deployment', size: 'tiny',
    replication: { mode: 'single', reason: 'external-dns has no leader election; two replicas would race on the same DNS records and TXT ownership records (external-dns FAQ)' },
    podLabels: podLabels('external-dns', 'external-dns'),
    knobs: { resources: 'resources', podSecurityContext: 'podSecurityContext', securityContext: 'securityContext', priorityClassName: 'priorityClassName' },
    probes: { knobs: { liveness: 'livenessProbe', readiness: 'readinessProbe' } },
  }],
  releases: [{
    name: 'external-dns',
    chart: pins.chart,
    values: (ctx): ExternalDnsChartValues => {
      const dns = ctx.cluster.dns!;
      return {
        provider: { name: dns.provider },
        sources: ['ingress', 'service'],
        domainFilters: dns.domainFilters ?? [ctx.cluster.ingressDomain],
        txtOwnerId: ctx.cluster.name,
        policy: 'upsert-only', // never deletes records it did not create in this run
        extraArgs: Object.entries(dns.providerArgs).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `--${k}=${v}`),
        serviceMonitor: { enabled: ctx.enabled.has('kube-prometheus-stack') },
      };
    },
  }],
  network: [metricsRule([7979]), httpsEgressRule('the DNS provider API'), {
    name: 'dns-updates', description: 'Allow RFC 2136 dynamic updates to the DNS server (TCP 53).', direction: 'egress', peer: { anywhere: true }, ports: [53],
    usedOn: (ctx) => ctx.cluster.dns?.provider === 'rfc2136',
  }],
};
