/**
 * The `nodeGroups` field of a cluster: the API its node groups are scaled
 * through. Only a cluster that declares one gets the cluster-autoscaler.
 *
 * Source: kubernetes/autoscaler, cluster-autoscaler FAQ, "cloud providers".
 */
import { z } from 'zod';

export const NODE_GROUP_APIS = ['aws', 'gce', 'azure', 'clusterapi'] as const;

export const nodeGroupsSchema = z.strictObject({
  /** The cluster-autoscaler cloud provider (`--cloud-provider`). */
  api: z.enum(NODE_GROUP_APIS),
  /** Node-group auto-discovery tags (aws: `k8s.io/cluster-autoscaler/enabled` and `k8s.io/cluster-autoscaler/<cluster>` by default). */
  autoDiscoveryTags: z.array(z.string().min(1)).optional(),
});

export type ClusterNodeGroups = z.output<typeof nodeGroupsSchema>;
