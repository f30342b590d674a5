/**
 * The fluentd log collector: namespace, RBAC, DaemonSet, secrets by
 * reference, metrics, network policies.
 */
import { Testing } from 'cdk8s';
import { LogCollector, LOGGING_POD_SECURITY_JUSTIFICATION } from '../../src/observability/fluentd/log-collector';
import { clusterRoutingTable } from '../../src/observability/logging-component';
import { rulesAllow } from '../../src/security/rbac-authorizer';
import { CrdSchemas } from '../support/crd-schema';
import { KubernetesSchema } from '../support/k8s-schema';
import { loadTest, settingsWith, tenantDoc } from '../support/observability';

const platform = loadTest(settingsWith({
  logging: { ...settingsWith().observability!.logging, auditLog: { webhook: { allowFrom: ['10.0.0.0/24'] } } },
}), [tenantDoc('payments', {
  logging: { outputs: { own: { type: 'elasticsearch', host: 'es.payments.example.com', password: { key: 'logging/es', property: 'password' } } }, default: 'own' },
})]);

function render() {
  const chart = Testing.chart();
  const cluster = platform.clusters[0];
  new LogCollector(chart, 'Fluentd', {
    table: clusterRoutingTable(platform, cluster),
    secretStoreName: 'platform-secrets',
    podSecurityVersion: 'v1.30',
    monitoringNamespace: 'monitoring',
  });
  return Testing.synth(chart) as any[];
}

const objects = render();
const byKind = (kind: string, name?: string) => objects.find((o) => o.kind === kind && (!name || o.metadata.name === name));

describe('LogCollector', () => {
  test('renders the expected objects', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toMatchSnapshot();
  });

  test('every object is valid against the Kubernetes and CRD schemas', () => {
    const k8s = new KubernetesSchema();
    const crds = new CrdSchemas();
    for (const o of objects) expect([o.kind, (k8s.knows(o.apiVersion, o.kind) ? k8s : crds).validate(o)]).toEqual([o.kind, []]);
  });

  test('the namespace is privileged, with the written justification', () => {
    const ns = byKind('Namespace', 'logging');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(ns.metadata.labels['pod-security.kubernetes.io/warn']).toBe('restricted');
    expect(ns.metadata.annotations['platform.cdk8s.io/pod-security-justification']).toBe(LOGGING_POD_SECURITY_JUSTIFICATION);
  });

  test('the DaemonSet runs on every node, reads /var/log read-only, drops capabilities and has a priority', () => {
    const ds = byKind('DaemonSet', 'fluentd');
    const pod = ds.spec.template.spec;
    const c = pod.containers[0];
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod.priorityClassName).toBe('logging-node-agent');
    expect(c.volumeMounts.find((m: any) => m.mountPath === '/var/log')).toEqual({ name: 'varlog', mountPath: '/var/log', readOnly: true });
    expect(pod.volumes.find((v: any) => v.name === 'varlog').hostPath).toEqual({ path: '/var/log', type: 'Directory' });
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } });
    expect(c.image).toBe('docker.io/fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-elasticsearch8-1.1');
    expect(ds.spec.template.metadata.annotations['platform.cdk8s.io/config-sha256']).toMatch(/^[a-f0-9]{64}$/);
  });

  test('credentials reach fluentd only as secretKeyRef environment variables from ExternalSecrets', () => {
    const env = byKind('DaemonSet', 'fluentd').spec.template.spec.containers[0].env;
    const secretEnv = env.filter((e: any) => e.valueFrom?.secretKeyRef);
    expect(secretEnv.map((e: any) => [e.name, e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key])).toEqual([
      ['FLUENTD_PLATFORM_LOGS_PASSWORD', 'fluentd-platform-outputs', 'logs-password'],
      ['FLUENTD_PLATFORM_LOGS_USERNAME', 'fluentd-platform-outputs', 'logs-username'],
      ['FLUENTD_PLATFORM_SIEM_PASSWORD', 'fluentd-platform-outputs', 'siem-password'],
      ['FLUENTD_PLATFORM_SIEM_USERNAME', 'fluentd-platform-outputs', 'siem-username'],
      ['FLUENTD_TENANT_PAYMENTS_OWN_PASSWORD', 'fluentd-tenant-payments', 'own-password'],
    ]);
    expect(env.every((e: any) => e.value === undefined || !/secret|password|token/i.test(e.value))).toBe(true);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    const tenantSecret = byKind('ExternalSecret', 'fluentd-tenant-payments');
    expect(tenantSecret.spec.data).toEqual([{ secretKey: 'own-password', remoteRef: { key: 'payments/logging/es', property: 'password' } }]);
    expect(tenantSecret.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'platform-secrets' });
  });

  test('the metadata ClusterRole only reads pods and namespaces', () => {
    const rules = byKind('ClusterRole', 'fluentd-metadata').rules;
    expect(rulesAllow(rules, { verb: 'watch', group: '', resource: 'pods' })).toBe(true);
    expect(rulesAllow(rules, { verb: 'list', group: '', resource: 'namespaces' })).toBe(true);
    for (const verb of ['create', 'update', 'patch', 'delete']) expect(rulesAllow(rules, { verb, group: '', resource: 'pods' })).toBe(false);
    expect(rulesAllow(rules, { verb: 'get', group: '', resource: 'secrets' })).toBe(false);
  });

  test('ingress is denied except metrics from monitoring and the audit webhook from the control plane', () => {
    expect(byKind('NetworkPolicy', 'default-deny-ingress').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(byKind('NetworkPolicy', 'allow-metrics-from-monitoring').spec.ingress[0].ports).toEqual([{ port: 24231, protocol: 'TCP' }]);
    expect(byKind('NetworkPolicy', 'allow-audit-webhook-from-control-plane').spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ port: 9880, protocol: 'TCP' }] }]);
    expect(byKind('Service', 'fluentd-audit-webhook').spec.ports[0].port).toBe(9880);
  });

  test('a PodMonitor scrapes the metrics port for the platform Prometheus', () => {
    const pm = byKind('PodMonitor', 'fluentd');
    expect(pm.metadata.labels).toEqual({ 'platform.cdk8s.io/monitoring': 'platform' });
    expect(pm.spec).toMatchObject({ jobLabel: 'app.kubernetes.io/name', podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }] });
  });

  test('the configuration is deterministic', () => {
    expect(byKind('ConfigMap', 'fluentd-config').data['fluent.conf']).toBe(render().find((o) => o.kind === 'ConfigMap').data['fluent.conf']);
    expect(byKind('ConfigMap', 'fluentd-config').data['fluent.conf']).toMatchSnapshot();
  });
});
