/**
 * A kubeadm ClusterConfiguration fragment that wires the platform's
 * control-plane files into the API server: merge its `apiServer` section into
 * the cluster's ClusterConfiguration (`kubeadm init --config`, or
 * `kubeadm upgrade` after editing the `kubeadm-config` ConfigMap).
 */
import { ClusterSpec, kubernetesMinor } from '../../spec/cluster';
import { apiServerFlags, apiServerHostMounts } from './api-server-flags';

/** File name in `control-plane/`. */
export const KUBEADM_PATCH_FILE = 'kubeadm-cluster-configuration.yaml';

/**
 * The kubeadm API version for a Kubernetes minor: `v1beta3` up to 1.30,
 * `v1beta4` from 1.31 (where `extraArgs` became a list of `{ name, value }`).
 *
 * Source: kubeadm docs, "kubeadm Configuration (v1beta4)" — changes from v1beta3.
 */
export function kubeadmApiVersion(kubernetesVersion: string): string {
  const minor = kubernetesMinor(kubernetesVersion);
  return minor >= 31 ? 'kubeadm.k8s.io/v1beta4' : 'kubeadm.k8s.io/v1beta3';
}

/**
 * The ClusterConfiguration fragment of `cluster`: `apiServer.extraArgs` (every
 * platform flag) and `apiServer.extraVolumes` (the host folders they need).
 */
export function kubeadmClusterConfiguration(cluster: ClusterSpec): Record<string, unknown> {
  const apiVersion = kubeadmApiVersion(cluster.kubernetesVersion);
  const flags = apiServerFlags(cluster);
  const extraArgs = apiVersion.endsWith('v1beta4')
    ? flags.map(([name, value]) => ({ name, value }))
    : Object.fromEntries(flags);
  return {
    apiVersion,
    kind: 'ClusterConfiguration',
    apiServer: {
      extraArgs,
      extraVolumes: apiServerHostMounts(cluster).map((m) => ({
        name: m.name, hostPath: m.hostPath, mountPath: m.hostPath, readOnly: m.readOnly, pathType: m.pathType,
      })),
    },
  };
}
