/**
 * cluster-autoscaler: adds and removes nodes through the cluster's
 * node-group API (`nodeGroups` field). Only clusters that declare one run it.
 * Its minor version follows the cluster's Kubernetes minor.
 *
 * Chart: kubernetes/autoscaler cluster-autoscaler (values: `cloudProvider`,
 * `autoDiscovery`, `image.repository`, `image.tag`, `extraArgs`).
 */
import { ClusterAutoscalerChartValues } from '../../imports/charts';
import { AddonDefinition } from './addon';
import { joinedImage } from './image-composition';
import { httpsEgressRule, metricsRule } from './rules';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['cluster-autoscaler'];

export const clusterAutoscaler: AddonDefinition = {
  name: 'cluster-autoscaler',
  description: 'Scales node groups to fit pending pods (clusters with a node-group API).',
  namespace: 'cluster-autoscaler',
  podSecurity: { level: 'restricted' },
  crds: [],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    autoscaler: { ref: pins.images.autoscaler, knobs: [{ repository: 'image.repository', tag: 'image.tag' }], pulled: joinedImage({ repository: 'image.repository', tag: 'image.tag' }, 'cluster-autoscaler 9.50.1 templates/deployment.yaml: "<image.repository>:<image.tag>"') },
  },
  workloads: [{
    name: 'autoscaler', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'small',
    podLabels: podLabels('cluster-autoscaler', 'cluster-autoscaler'),
    knobs: { replicas: 'replicaCount', pdb: { path: 'podDisruptionBudget', shape: 'plain' }, topologySpread: 'topologySpreadConstraints', resources: 'resources', podSecurityContext: 'securityContext', securityContext: 'containerSecurityContext', priorityClassName: 'priorityClassName' },
    probes: { builtIn: 'deployment.yaml defines a liveness probe on /health-check' },
  }],
  releases: [{
    name: 'cluster-autoscaler',
    chart: pins.chart,
    values: (ctx): ClusterAutoscalerChartValues => {
      const groups = ctx.cluster.nodeGroups!;
      return {
        nameOverride: 'cluster-autoscaler',
        cloudProvider: groups.api,
        awsRegion: groups.api === 'aws' ? ctx.cluster.region : undefined,
        autoDiscovery: { clusterName: ctx.cluster.name, tags: groups.autoDiscoveryTags },
        extraArgs: { 'leader-elect': true, 'balance-similar-node-groups': true, 'skip-nodes-with-system-pods': false, 'expander': 'least-waste' },
        serviceMonitor: { enabled: ctx.enabled.has('kube-prometheus-stack'), namespace: ctx.namespace },
      };
    },
  }],
  network: [metricsRule([8085]), httpsEgressRule('the cloud provider node-group API')],
};
