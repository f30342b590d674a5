/**
 * The API server's AdmissionConfiguration for the PodSecurity admission
 * plugin: the levels namespaces without Pod Security labels get, and the
 * namespaces it does not check.
 */
import { ClusterSpec } from '../../spec/cluster';

/** File name in `control-plane/`. */
export const ADMISSION_CONFIGURATION_FILE = 'admission-configuration.yaml';

/**
 * The `apiserver.config.k8s.io/v1` AdmissionConfiguration of `cluster` with
 * a `pod-security.admission.config.k8s.io/v1` PodSecurityConfiguration.
 * Every mode is pinned to the cluster's Kubernetes minor, like the namespace
 * labels the platform renders.
 *
 * Source: Kubernetes docs, "Apply Pod Security Standards at the Cluster Level".
 */
export function admissionConfiguration(cluster: ClusterSpec): Record<string, unknown> {
  const { defaults, exemptNamespaces } = cluster.podSecurity;
  const version = `v${cluster.kubernetesVersion}`;
  return {
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'AdmissionConfiguration',
    plugins: [{
      name: 'PodSecurity',
      configuration: {
        apiVersion: 'pod-security.admission.config.k8s.io/v1',
        kind: 'PodSecurityConfiguration',
        defaults: {
          'enforce': defaults.enforce,
          'enforce-version': version,
          'audit': defaults.audit,
          'audit-version': version,
          'warn': defaults.warn,
          'warn-version': version,
        },
        exemptions: { usernames: [], runtimeClasses: [], namespaces: [...exemptNamespaces].sort() },
      },
    }],
  };
}
