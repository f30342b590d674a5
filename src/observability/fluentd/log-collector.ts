/**
 * The fluentd log collector of one cluster: a DaemonSet on every node that
 * tails container, audit and node logs read-only and ships them per the
 * cluster's routing table.
 */
import { createHash } from 'crypto';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodMonitor } from '../../../imports/monitoring.coreos.com';
import { PlatformNamespace } from '../../addons/platform-namespace';
import { LABELS } from '../../tenancy/labels';
import { remoteKeyOf, SecretFromStore } from '../../security/secrets/secret-from-store';
import { PLATFORM_MONITORING_LABELS } from '../monitoring/selection';
import { renderCheckedConfig } from './config';
import { argoCdSyncOptions, SERVER_SIDE_APPLY } from '../../contracts/gitops-engine';
import { credentialsOf, SecretBinding } from './outputs';
import { FLUENTD_NAME, METRICS_PORT, pipelineDirectives } from './pipeline';
import { FLUENTD_IMAGE, FluentdImage } from './plugins';
import { allDestinations, RoutingTable } from './routing';

/** Why the logging namespace runs below Pod Security `restricted`. */
export const LOGGING_POD_SECURITY_JUSTIFICATION = 'fluentd reads the node\'s log files (/var/log, read-only) and keeps its buffers and '
  + 'read positions in a hostPath (/var/lib/fluentd) as root; hostPath volumes and running as root are allowed only at privileged.';

/** Name of the ConfigMap key holding the configuration (the image reads /fluentd/etc/fluent.conf). */
export const FLUENTD_CONFIG_FILE = 'fluent.conf';

export interface LogCollectorProps {
  readonly table: RoutingTable;
  /** The cluster's ClusterSecretStore, which output credentials are read from. */
  readonly secretStoreName: string;
  /** Pod Security version pinned on the namespace, e.g. `v1.28`. */
  readonly podSecurityVersion: string;
  /** Namespace of Prometheus, allowed to scrape the metrics port. */
  readonly monitoringNamespace: string;
  /**
   * The image; default: `observability.logging.image`, else {@link FLUENTD_IMAGE}.
   * @default - from the settings
   */
  readonly image?: FluentdImage;
}

const SELECTOR = { 'app.kubernetes.io/name': FLUENTD_NAME };

/**
 * Renders, in namespace `table.logging.namespace`: the Namespace (privileged
 * Pod Security, with the justification), ServiceAccount `fluentd`,
 * ClusterRole/ClusterRoleBinding `fluentd-metadata` (get, list, watch pods
 * and namespaces only), ConfigMap `fluentd-config` (the rendered
 * configuration), ExternalSecrets for output credentials, PriorityClass
 * `logging-node-agent`, DaemonSet `fluentd` (tolerates every taint, mounts
 * `/var/log` read-only), NetworkPolicies, the PodMonitor for its metrics
 * and, with the audit webhook enabled, Service `fluentd-audit-webhook`.
 *
 * @throws Error when two credentials map to one environment variable name
 */
export class LogCollector extends Construct {
  /** The rendered fluentd configuration text. */
  public readonly configText: string;
  private readonly logging: RoutingTable['logging'];
  private readonly monitoringNamespace: string;
  private readonly secretStoreName: string;

  constructor(scope: Construct, id: string, props: LogCollectorProps) {
    super(scope, id);
    const { table } = props;
    this.secretStoreName = props.secretStoreName;
    const logging = table.logging;
    this.logging = logging;
    this.monitoringNamespace = props.monitoringNamespace;
    const namespace = logging.namespace;
    const image = props.image ?? logging.image ?? FLUENTD_IMAGE;

    new PlatformNamespace(this, 'Namespace', {
      name: namespace,
      component: 'logging',
      podSecurity: 'privileged',
      podSecurityJustification: LOGGING_POD_SECURITY_JUSTIFICATION,
      podSecurityVersion: props.podSecurityVersion,
    });

    this.configText = renderCheckedConfig([
      'fluentd configuration rendered by cdk8s-platform from the platform definition; do not edit.',
      `Cluster ${table.cluster}.`,
    ], pipelineDirectives(table));

    const bindings = this.secretBindings(table);
    this.secrets(bindings, namespace);
    this.rbac(namespace);

    new k8s.KubeConfigMap(this, 'Config', {
      metadata: {
        name: 'fluentd-config',
        namespace,
        // Server-side apply: no last-applied-configuration annotation, whose 256 KiB cap a client-side
        // apply of a large configuration would hit (Argo CD "Sync Options: Server-Side Apply"). Flux's
        // kustomize-controller always applies server-side (fluxcd/kustomize-controller docs, "Server-side apply").
        annotations: argoCdSyncOptions(SERVER_SIDE_APPLY),
      },
      data: { [FLUENTD_CONFIG_FILE]: this.configText },
    });

    new k8s.KubePriorityClass(this, 'PriorityClass', {
      metadata: { name: 'logging-node-agent' },
      value: 1_000_000,
      globalDefault: false,
      preemptionPolicy: 'PreemptLowerPriority',
      description: 'Node log collector: must run on every node, above tenant workloads.',
    });

    this.daemonSet(namespace, image.reference, bindings);
    this.network(namespace);

    new PodMonitor(this, 'PodMonitor', {
      metadata: { name: FLUENTD_NAME, namespace, labels: { ...PLATFORM_MONITORING_LABELS } },
      spec: {
        jobLabel: 'app.kubernetes.io/name',
        selector: { matchLabels: { ...SELECTOR } },
        podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }],
      },
    });

    if (logging.auditLog.webhook) {
      new k8s.KubeService(this, 'AuditWebhookService', {
        metadata: { name: 'fluentd-audit-webhook', namespace },
        spec: {
          selector: { ...SELECTOR },
          ports: [{ name: 'audit-webhook', port: logging.auditLog.webhook.port, targetPort: k8s.IntOrString.fromString('audit-webhook'), protocol: 'TCP' }],
        },
      });
    }
  }

  private secretBindings(table: RoutingTable): SecretBinding[] {
    const byEnv = new Map<string, SecretBinding>();
    for (const dest of allDestinations(table)) {
      for (const b of credentialsOf(dest)) {
        const seen = byEnv.get(b.envName);
        if (seen && (seen.secretName !== b.secretName || seen.secretKey !== b.secretKey)) {
          throw new Error(`LogCollector: outputs ${seen.secretName}/${seen.secretKey} and ${b.secretName}/${b.secretKey} both map to environment variable ${b.envName}; rename one of the outputs`);
        }
        byEnv.set(b.envName, b);
      }
    }
    return [...byEnv.values()].sort((a, b) => a.envName.localeCompare(b.envName));
  }

  private secrets(bindings: readonly SecretBinding[], namespace: string): void {
    const bySecret = new Map<string, SecretBinding[]>();
    for (const b of bindings) bySecret.set(b.secretName, [...(bySecret.get(b.secretName) ?? []), b]);
    for (const [name, list] of [...bySecret].sort(([a], [b]) => a.localeCompare(b))) {
      new SecretFromStore(this, `Secret-${name}`, {
        name,
        namespace,
        storeName: this.secretStoreName,
        entries: list.map((b) => ({
          secretKey: b.secretKey,
          remoteKey: remoteKeyOf(b.ref, b.owner.kind === 'tenant' ? b.owner.tenant : undefined),
          property: b.ref.property,
        })),
      });
    }
  }

  private rbac(namespace: string): void {
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: FLUENTD_NAME, namespace }, automountServiceAccountToken: true });
    new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: { name: 'fluentd-metadata' },
      rules: [{ apiGroups: [''], resources: ['namespaces', 'pods'], verbs: ['get', 'list', 'watch'] }],
    });
    new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: 'fluentd-metadata' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'fluentd-metadata' },
      subjects: [{ kind: 'ServiceAccount', name: FLUENTD_NAME, namespace }],
    });
  }

  private daemonSet(namespace: string, image: string, bindings: readonly SecretBinding[]): void {
    const logging = this.logging;
    const ports: k8s.ContainerPort[] = [{ name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' }];
    if (logging.auditLog.webhook) ports.push({ name: 'audit-webhook', containerPort: logging.auditLog.webhook.port, protocol: 'TCP' });
    const checksum = createHash('sha256').update(this.configText).digest('hex');
    new k8s.KubeDaemonSet(this, 'DaemonSet', {
      metadata: { name: FLUENTD_NAME, namespace },
      spec: {
        selector: { matchLabels: { ...SELECTOR } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString('10%') } },
        template: {
          metadata: {
            labels: { ...SELECTOR, [LABELS.component]: 'logging' },
            annotations: { 'platform.cdk8s.io/config-sha256': checksum },
          },
          spec: {
            serviceAccountName: FLUENTD_NAME,
            priorityClassName: 'logging-node-agent',
            tolerations: [{ operator: 'Exists' }],
            terminationGracePeriodSeconds: 60,
            securityContext: { runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: FLUENTD_NAME,
              image,
              imagePullPolicy: 'IfNotPresent',
              env: [
                { name: 'FLUENTD_CONF', value: FLUENTD_CONFIG_FILE },
                // The upstream entrypoint may rewrite the configuration with sed; it is a read-only ConfigMap.
                { name: 'FLUENT_ELASTICSEARCH_SED_DISABLE', value: 'true' },
                { name: 'K8S_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
                ...bindings.map((b) => ({ name: b.envName, valueFrom: { secretKeyRef: { name: b.secretName, key: b.secretKey } } })),
              ],
              ports,
              resources: {
                requests: { cpu: k8s.Quantity.fromString(logging.resources.requests.cpu), memory: k8s.Quantity.fromString(logging.resources.requests.memory) },
                limits: { memory: k8s.Quantity.fromString(logging.resources.limits.memory) },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                privileged: false,
                capabilities: { drop: ['ALL'] },
              },
              livenessProbe: { tcpSocket: { port: k8s.IntOrString.fromString('metrics') }, initialDelaySeconds: 30, periodSeconds: 30 },
              readinessProbe: { httpGet: { path: '/metrics', port: k8s.IntOrString.fromString('metrics') }, periodSeconds: 15 },
              volumeMounts: [
                { name: 'config', mountPath: '/fluentd/etc', readOnly: true },
                { name: 'varlog', mountPath: '/var/log', readOnly: true },
                { name: 'state', mountPath: '/var/lib/fluentd' },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            }],
            volumes: [
              { name: 'config', configMap: { name: 'fluentd-config' } },
              { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } },
              { name: 'state', hostPath: { path: '/var/lib/fluentd', type: 'DirectoryOrCreate' } },
              { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } },
            ],
          },
        },
      },
    });
  }

  private network(namespace: string): void {
    const logging = this.logging;
    new k8s.KubeNetworkPolicy(this, 'DefaultDenyIngress', {
      metadata: { name: 'default-deny-ingress', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    new k8s.KubeNetworkPolicy(this, 'AllowMetrics', {
      metadata: { name: 'allow-metrics-from-monitoring', namespace },
      spec: {
        podSelector: { matchLabels: { ...SELECTOR } },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{ namespaceSelector: { matchLabels: { [LABELS.namespaceName]: this.monitoringNamespace } } }],
          ports: [{ port: k8s.IntOrString.fromNumber(METRICS_PORT), protocol: 'TCP' }],
        }],
      },
    });
    if (logging.auditLog.webhook) {
      new k8s.KubeNetworkPolicy(this, 'AllowAuditWebhook', {
        metadata: { name: 'allow-audit-webhook-from-control-plane', namespace },
        spec: {
          podSelector: { matchLabels: { ...SELECTOR } },
          policyTypes: ['Ingress'],
          ingress: [{
            from: logging.auditLog.webhook.allowFrom.map((cidr) => ({ ipBlock: { cidr } })),
            ports: [{ port: k8s.IntOrString.fromNumber(logging.auditLog.webhook.port), protocol: 'TCP' }],
          }],
        },
      });
    }
  }

}
