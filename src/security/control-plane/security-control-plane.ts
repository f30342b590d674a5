/**
 * The security files of a cluster's `control-plane/` folder, for the API
 * server (not synced by GitOps; copied to every control-plane node):
 *
 * | file | what |
 * | --- | --- |
 * | `audit-policy.yaml` | audit.k8s.io/v1 Policy: production rules + tenant rules |
 * | `audit-webhook-kubeconfig.yaml` | where the webhook backend sends events (when configured) |
 * | `encryption-configuration.yaml` | Secrets at rest through KMS v2 |
 * | `admission-configuration.yaml` | Pod Security Admission defaults and exemptions |
 * | `authentication-configuration.yaml` | OIDC through the structured authentication configuration (1.30+, no `oidc.caFile`) |
 * | `kube-apiserver.flags` | the flags, one per line |
 * | `kubeadm-cluster-configuration.yaml` | the same as a kubeadm ClusterConfiguration `apiServer` patch |
 */
import { Construct } from 'constructs';
import { ClusterContext, ControlPlanePart } from '../../contracts/component';
import { ConfigFile } from '../../render/config-file';
import { ClusterSpec } from '../../spec/cluster';
import { admissionConfiguration, ADMISSION_CONFIGURATION_FILE } from '../admission/pod-security-admission';
import { AuditPolicy, tenantAuditRules } from '../audit/audit-policy';
import { productionAuditRules } from '../audit/production-rules';
import { encryptionConfiguration, ENCRYPTION_CONFIGURATION_FILE } from '../secrets/encryption-configuration';
import { apiServerFlagsText, AUDIT_WEBHOOK_KUBECONFIG_FILE } from './api-server-flags';
import { AUTHENTICATION_CONFIGURATION_FILE, authenticationConfiguration, usesStructuredAuthentication } from '../identity/authentication-configuration';
import { kubeadmClusterConfiguration, KUBEADM_PATCH_FILE } from './kubeadm-patch';

/** File name of the flags file. */
export const API_SERVER_FLAGS_FILE = 'kube-apiserver.flags';

/**
 * The kubeconfig the audit webhook backend reads: the receiver's URL and CA.
 * The receiver authenticates the API server by its network path or mTLS it
 * configures itself; no credential is written here.
 */
export function auditWebhookKubeconfig(cluster: ClusterSpec): Record<string, unknown> | undefined {
  const webhook = cluster.audit.webhook;
  if (!webhook) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'audit-webhook', cluster: { 'server': webhook.server, ...(webhook.caFile ? { 'certificate-authority': webhook.caFile } : {}) } }],
    users: [{ name: 'kube-apiserver', user: {} }],
    contexts: [{ name: 'audit-webhook', context: { cluster: 'audit-webhook', user: 'kube-apiserver' } }],
    ['current-context']: 'audit-webhook',
  };
}

export interface SecurityControlPlaneFilesProps {
  readonly ctx: ClusterContext;
}

/** Every security file of one cluster's `control-plane/` folder (see the file description). */
export class SecurityControlPlaneFiles extends Construct {
  constructor(scope: Construct, id: string, props: SecurityControlPlaneFilesProps) {
    super(scope, id);
    const { cluster, placements } = props.ctx;
    new AuditPolicy(this, 'AuditPolicy', { rules: productionAuditRules(tenantAuditRules(placements), props.ctx.platform.settings.access.breakGlass.groups) });
    const kubeconfig = auditWebhookKubeconfig(cluster);
    if (kubeconfig) new ConfigFile(this, 'AuditWebhook', { fileName: AUDIT_WEBHOOK_KUBECONFIG_FILE, content: kubeconfig });
    new ConfigFile(this, 'Encryption', { fileName: ENCRYPTION_CONFIGURATION_FILE, content: encryptionConfiguration(cluster) });
    new ConfigFile(this, 'Admission', { fileName: ADMISSION_CONFIGURATION_FILE, content: admissionConfiguration(cluster) });
    if (usesStructuredAuthentication(cluster)) {
      new ConfigFile(this, 'Authentication', { fileName: AUTHENTICATION_CONFIGURATION_FILE, content: authenticationConfiguration(cluster, props.ctx.platform.settings) });
    }
    new ConfigFile(this, 'Flags', { fileName: API_SERVER_FLAGS_FILE, content: apiServerFlagsText(cluster) });
    new ConfigFile(this, 'Kubeadm', { fileName: KUBEADM_PATCH_FILE, content: kubeadmClusterConfiguration(cluster) });
  }
}

/** The control-plane part registered in the standard render options. */
export const securityControlPlane: ControlPlanePart = {
  build(scope, ctx) {
    new SecurityControlPlaneFiles(scope, 'Security', { ctx });
  },
};
