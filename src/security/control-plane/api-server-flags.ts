/**
 * The kube-apiserver flags that put the platform's control-plane files to
 * use: audit policy and backends, OIDC, encryption at rest, admission.
 */
import * as path from 'path';
import { ClusterSpec } from '../../spec/cluster';
import { clusterControlOn } from '../../spec/isolation';
import { ADMISSION_CONFIGURATION_FILE } from '../admission/pod-security-admission';
import { vapApiVersion } from '../admission/validating-admission-policy';
import { AUDIT_POLICY_FILE } from '../audit/audit-policy';
import { AUTHENTICATION_CONFIGURATION_FILE, usesStructuredAuthentication } from '../identity/authentication-configuration';
import { oidcFlags } from '../identity/oidc';
import { ENCRYPTION_CONFIGURATION_FILE } from '../secrets/encryption-configuration';

/** Folder on every control-plane node holding the files of `control-plane/` (copy them there). */
export const CONTROL_PLANE_CONFIG_DIR = '/etc/kubernetes/platform';

/** File name of the audit webhook kubeconfig in `control-plane/`. */
export const AUDIT_WEBHOOK_KUBECONFIG_FILE = 'audit-webhook-kubeconfig.yaml';

/** Path of a `control-plane/` file on the node. */
export function onNode(fileName: string): string {
  return `${CONTROL_PLANE_CONFIG_DIR}/${fileName}`;
}

/**
 * The audit flags: policy file, log backend with CIS retention, and the
 * webhook backend when the cluster has one.
 *
 * Source: CIS Kubernetes Benchmark 1.2.16–1.2.19; Kubernetes docs, "Auditing".
 */
export function auditFlags(cluster: ClusterSpec): Record<string, string> {
  const { log, webhook } = cluster.audit;
  const flags: Record<string, string> = {
    'audit-policy-file': onNode(AUDIT_POLICY_FILE),
    'audit-log-path': log.path,
    'audit-log-maxage': String(log.maxAgeDays),
    'audit-log-maxbackup': String(log.maxBackups),
    'audit-log-maxsize': String(log.maxSizeMegabytes),
  };
  if (webhook) {
    flags['audit-webhook-config-file'] = onNode(AUDIT_WEBHOOK_KUBECONFIG_FILE);
    flags['audit-webhook-mode'] = webhook.mode;
  }
  return flags;
}

/**
 * Admission plugins the platform enables beyond the API server's defaults:
 * - NodeRestriction (CIS 1.2.15; kubeadm's default, kept because the flag
 *   replaces kubeadm's value);
 * - DenyServiceExternalIPs: no Service may set `externalIPs`, which would
 *   intercept traffic to any address (CVE-2020-8554);
 * - AlwaysPullImages (CIS 1.2.11): every pod pulls its image with its own
 *   credentials, so a tenant cannot start another tenant's private image
 *   already cached on a shared node.
 * A cluster can switch the last two off only with a written justification
 * (`isolation.exceptions`).
 *
 * Source: Kubernetes docs, "Admission Controllers Reference"; CIS Kubernetes Benchmark.
 */
export function admissionPlugins(cluster: ClusterSpec): string[] {
  return [
    ...(clusterControlOn(cluster, 'always-pull-images') ? ['AlwaysPullImages'] : []),
    ...(clusterControlOn(cluster, 'deny-service-external-ips') ? ['DenyServiceExternalIPs'] : []),
    'NodeRestriction',
  ];
}

/**
 * Admission flags: the PodSecurity configuration file, the admission plugins
 * ({@link admissionPlugins}), and on Kubernetes 1.28–1.29 the feature gate and
 * API version that ValidatingAdmissionPolicy v1beta1 needs when the cluster uses it.
 */
export function admissionFlags(cluster: ClusterSpec): Record<string, string> {
  const flags: Record<string, string> = {
    'admission-control-config-file': onNode(ADMISSION_CONFIGURATION_FILE),
    'enable-admission-plugins': admissionPlugins(cluster).join(','),
  };
  if (cluster.admission.engine === 'validating-admission-policy' && vapApiVersion(cluster.kubernetesVersion).endsWith('v1beta1')) {
    flags['feature-gates'] = 'ValidatingAdmissionPolicy=true';
    flags['runtime-config'] = 'admissionregistration.k8s.io/v1beta1=true';
  }
  return flags;
}

/** Every platform kube-apiserver flag of `cluster`, sorted by name (name without `--` → value). */
export function apiServerFlags(cluster: ClusterSpec): [string, string][] {
  const all = {
    ...auditFlags(cluster),
    ...(usesStructuredAuthentication(cluster) ? { 'authentication-config': onNode(AUTHENTICATION_CONFIGURATION_FILE) } : oidcFlags(cluster)),
    'encryption-provider-config': onNode(ENCRYPTION_CONFIGURATION_FILE),
    ...admissionFlags(cluster),
  };
  return Object.entries(all).sort(([a], [b]) => a.localeCompare(b));
}

/** The flags as command-line arguments, one `--name=value` per line. */
export function apiServerFlagsText(cluster: ClusterSpec): string {
  return [
    `# kube-apiserver flags for ${cluster.name}; files named here come from dist/clusters/${cluster.name}/control-plane/, copied to ${CONTROL_PLANE_CONFIG_DIR}/.`,
    ...apiServerFlags(cluster).map(([k, v]) => `--${k}=${v}`),
  ].join('\n') + '\n';
}

/** A host folder the API server pod must mount for the flags to work. */
export interface HostMount {
  readonly name: string;
  readonly hostPath: string;
  readonly readOnly: boolean;
  readonly pathType: 'Directory' | 'DirectoryOrCreate';
}

/** Folders kubeadm already mounts into the API server pod. */
const KUBEADM_MOUNTED = ['/etc/kubernetes/pki', '/etc/ssl/certs', '/etc/ca-certificates'];

/**
 * Host folders the API server needs beyond kubeadm's own mounts: the
 * platform files (read-only), the audit log folder, the KMS plugin socket
 * folder, and the folders of CA files outside kubeadm's mounts.
 */
export function apiServerHostMounts(cluster: ClusterSpec): HostMount[] {
  const mounts: HostMount[] = [
    { name: 'platform-config', hostPath: CONTROL_PLANE_CONFIG_DIR, readOnly: true, pathType: 'Directory' },
    { name: 'audit-log', hostPath: path.posix.dirname(cluster.audit.log.path), readOnly: false, pathType: 'DirectoryOrCreate' },
    { name: 'kms-plugin', hostPath: path.posix.dirname(cluster.encryptionAtRest.kms.endpoint.replace(/^unix:\/\//, '')), readOnly: false, pathType: 'DirectoryOrCreate' },
  ];
  const caFiles = [cluster.oidc.caFile, cluster.audit.webhook?.caFile].filter((f): f is string => f !== undefined);
  for (const dir of [...new Set(caFiles.map((f) => path.posix.dirname(f)))].sort()) {
    const covered = [...KUBEADM_MOUNTED, ...mounts.map((m) => m.hostPath)].some((m) => dir === m || dir.startsWith(`${m}/`));
    if (!covered) mounts.push({ name: `ca-${mounts.length - 2}`, hostPath: dir, readOnly: true, pathType: 'Directory' });
  }
  return mounts;
}
