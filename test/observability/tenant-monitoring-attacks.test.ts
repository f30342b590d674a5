/**
 * Attacks through the shared Prometheus and Alertmanager, evaluated on the
 * rendered tenant Prometheus and Alertmanager settings with
 * prometheus-operator v0.93.0's semantics (src/observability/monitoring/operator-semantics.ts,
 * each fact cited there), next to the legitimate monitors that must keep working.
 */
import { parse } from 'yaml';
import {
  alertmanagerConfigSees, enforcedLabel, MonitoringObject, prometheusSelects, PrometheusSpecView, scrapeJob,
} from '../../src/observability/monitoring/operator-semantics';
import { TENANT_PROMETHEUS } from '../../src/observability/monitoring/tenant-prometheus';
import { TENANT_SCRAPE_LIMIT_DEFAULTS } from '../../src/spec/tenant-monitoring';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CRD_DIR } from '../support/crd-schema';
import { fixtureFiles, fixtureObjects } from '../support/platform';
import { subjectAllowed } from '../support/service-account-access';

const CLUSTER = 'prod-eu1';
const objects = fixtureObjects(`clusters/${CLUSTER}/`).map((o) => o.object);
const tenantPrometheus = objects.find((o) => o.kind === 'Prometheus' && o.metadata.name === TENANT_PROMETHEUS)!;
const spec = tenantPrometheus.spec as PrometheusSpecView;
const NS = 'payments-prod';
const OTHER = 'checkout-prod';
const namespaceLabels = (ns: string) => objects.find((o) => o.kind === 'Namespace' && o.metadata.name === ns)!.metadata.labels ?? {};
const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

const sm = (endpoints: any[], extra: Record<string, unknown> = {}): MonitoringObject =>
  ({ kind: 'ServiceMonitor', name: 'app', namespace: NS, spec: { selector: { matchLabels: { app: 'api' } }, endpoints, ...extra } });
const pm = (endpoints: any[], extra: Record<string, unknown> = {}): MonitoringObject =>
  ({ kind: 'PodMonitor', name: 'app', namespace: NS, spec: { selector: { matchLabels: { app: 'api' } }, podMetricsEndpoints: endpoints, ...extra } });

describe('file-system access from tenant monitors', () => {
  const attacks: [string, MonitoringObject][] = [
    ['bearerTokenFile: the Prometheus service-account token', sm([{ port: 'metrics', bearerTokenFile: TOKEN }])],
    ['bearerTokenFile with a path that only looks harmless', sm([{ port: 'metrics', bearerTokenFile: '/etc/prometheus/../../var/run/secrets/kubernetes.io/serviceaccount/token' }])],
    ['tlsConfig.caFile', sm([{ port: 'metrics', scheme: 'https', tlsConfig: { caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt' } }])],
    ['tlsConfig.certFile', sm([{ port: 'metrics', scheme: 'https', tlsConfig: { certFile: '/etc/prometheus/secrets/tls.crt' } }])],
    ['tlsConfig.keyFile', sm([{ port: 'metrics', scheme: 'https', tlsConfig: { keyFile: '/etc/prometheus/secrets/tls.key' } }])],
    ['a legitimate first endpoint, the token in the second', sm([{ port: 'metrics' }, { port: 'admin', bearerTokenFile: TOKEN }])],
  ];
  test.each(attacks)('ServiceMonitor with %s is rejected as a whole', (_name, monitor) => {
    expect(prometheusSelects({ name: TENANT_PROMETHEUS, namespace: 'monitoring', spec }, monitor, namespaceLabels(NS))).toBe(true);
    expect(scrapeJob(spec, monitor).rejected).toMatch(/accesses file system/);
  });

  test('PodMonitor endpoints declare no file fields: the API server prunes bearerTokenFile and tlsConfig files', () => {
    const props = podMonitorEndpointProperties();
    expect(props).not.toHaveProperty('bearerTokenFile');
    expect(Object.keys(props.tlsConfig.properties)).not.toEqual(expect.arrayContaining(['caFile']));
    expect(Object.keys(props.tlsConfig.properties).filter((k) => /File$/.test(k))).toEqual([]);
  });

  test('legitimate: credentials from the tenant\'s own Secrets are loaded', () => {
    const ok = sm([{
      port: 'metrics', scheme: 'https',
      basicAuth: { username: { name: 'scrape', key: 'user' }, password: { name: 'scrape', key: 'password' } },
      tlsConfig: { ca: { secret: { name: 'scrape-ca', key: 'ca.crt' } }, serverName: 'api.payments-prod.svc' },
    }]);
    expect(scrapeJob(spec, ok).rejected).toBeUndefined();
  });
});

describe('namespace selectors of tenant monitors', () => {
  test.each([
    ['any: true', { any: true }],
    ['another tenant\'s namespace', { matchNames: [OTHER] }],
    ['platform namespaces', { matchNames: ['kube-system', 'monitoring', 'argocd'] }],
    ['its own and another', { matchNames: [NS, OTHER] }],
  ])('%s: targets are discovered in the monitor\'s own namespace only', (_n, namespaceSelector) => {
    expect(scrapeJob(spec, sm([{ port: 'metrics' }], { namespaceSelector })).namespaces).toEqual([NS]);
    expect(scrapeJob(spec, pm([{ port: 'metrics' }], { namespaceSelector })).namespaces).toEqual([NS]);
  });
});

describe('limits per tenant monitor', () => {
  test('the rendered limits are the restricted defaults', () => {
    expect(spec).toMatchObject({
      enforcedSampleLimit: TENANT_SCRAPE_LIMIT_DEFAULTS.samplesPerScrape,
      enforcedTargetLimit: TENANT_SCRAPE_LIMIT_DEFAULTS.targetsPerScrapeJob,
      enforcedLabelLimit: TENANT_SCRAPE_LIMIT_DEFAULTS.labelsPerSample,
      enforcedLabelNameLengthLimit: TENANT_SCRAPE_LIMIT_DEFAULTS.labelNameLength,
      enforcedLabelValueLengthLimit: TENANT_SCRAPE_LIMIT_DEFAULTS.labelValueLength,
      enforcedBodySizeLimit: `${TENANT_SCRAPE_LIMIT_DEFAULTS.bodySizeMiB}MiB`,
      enforcedKeepDroppedTargets: TENANT_SCRAPE_LIMIT_DEFAULTS.keepDroppedTargets,
    });
  });

  test.each([
    ['limits far above the enforced ones', { sampleLimit: 100_000_000, targetLimit: 100_000, labelLimit: 10_000, labelNameLengthLimit: 100_000, labelValueLengthLimit: 10_000_000, keepDroppedTargets: 1_000_000 }],
    ['no limits at all', {}],
    ['limits of 0 (meaning none to Prometheus)', { sampleLimit: 0, targetLimit: 0, labelLimit: 0 }],
  ])('a monitor with %s gets the enforced ones', (_n, limits) => {
    for (const m of [sm([{ port: 'metrics' }], limits), pm([{ port: 'metrics' }], limits)]) {
      expect(scrapeJob(spec, m)).toMatchObject({
        sampleLimit: spec.enforcedSampleLimit,
        targetLimit: spec.enforcedTargetLimit,
        labelLimit: spec.enforcedLabelLimit,
        labelNameLengthLimit: spec.enforcedLabelNameLengthLimit,
        labelValueLengthLimit: spec.enforcedLabelValueLengthLimit,
        keepDroppedTargets: spec.enforcedKeepDroppedTargets,
        bodySizeLimit: spec.enforcedBodySizeLimit,
      });
    }
  });

  test('legitimate: a monitor\'s own lower limits are kept', () => {
    expect(scrapeJob(spec, sm([{ port: 'metrics' }], { sampleLimit: 5000, targetLimit: 10 }))).toMatchObject({ sampleLimit: 5000, targetLimit: 10 });
  });
});

describe('labels and rules of tenant objects', () => {
  test('honorLabels is overridden and every sample carries the monitor\'s namespace', () => {
    const j = scrapeJob(spec, sm([{ port: 'metrics', honorLabels: true, metricRelabelings: [{ targetLabel: 'namespace', replacement: OTHER, action: 'replace' }] }]));
    expect(j.honorLabels).toBe(false);
    expect(j.namespaceLabel).toBe('namespace');
  });

  test('a tenant rule querying or labelling another namespace is confined to its own (enforced namespace label)', () => {
    const rule: MonitoringObject = {
      kind: 'PrometheusRule', name: 'spy', namespace: NS,
      spec: { groups: [{ name: 'x', rules: [{ alert: 'Spy', expr: `sum(rate(http_requests_total{namespace="${OTHER}"}[5m])) > 0`, labels: { namespace: OTHER } }] }] },
    };
    expect(prometheusSelects({ name: TENANT_PROMETHEUS, namespace: 'monitoring', spec }, rule, namespaceLabels(NS))).toBe(true);
    expect(enforcedLabel(spec, rule)).toBe('namespace');
    expect(spec.excludedFromEnforcement ?? []).toEqual([]);
  });

  test('tenant roles and the tenant\'s deploy ServiceAccount cannot write rules or Alertmanager routes, only monitors', () => {
    const sa = { kind: 'ServiceAccount' as const, name: 'gitops-deploy', namespace: NS };
    const can = (resource: string) => subjectAllowed(objects, sa, { verb: 'create', group: 'monitoring.coreos.com', resource }, NS);
    expect(['servicemonitors', 'podmonitors'].map(can)).toEqual([true, true]);
    expect(['prometheusrules', 'alertmanagerconfigs', 'probes', 'scrapeconfigs', 'prometheuses', 'alertmanagers'].map(can)).toEqual([false, false, false, false, false, false]);
    expect(subjectAllowed(objects, sa, { verb: 'create', group: 'monitoring.coreos.com', resource: 'servicemonitors' }, OTHER)).toBe(false);
  });
});

describe('Alertmanager routes of tenants', () => {
  const values = parse(fixtureFiles().get(`clusters/${CLUSTER}/platform/kube-prometheus-stack/application-kube-prometheus-stack.yaml`)!).spec.source.helm.valuesObject;
  const am = values.alertmanager.alertmanagerSpec;

  test('AlertmanagerConfigs are matched on their namespace and taken only from tenant namespaces', () => {
    expect(am.alertmanagerConfigMatcherStrategy).toEqual({ type: 'OnNamespace' });
    expect(am.alertmanagerConfigNamespaceSelector).toEqual({ matchExpressions: [{ key: 'platform.cdk8s.io/tenant', operator: 'Exists' }] });
  });

  test.each([
    ['a route matching another tenant\'s alerts', { alertname: 'PaymentsDown', namespace: OTHER, severity: 'critical' }],
    ['an inhibit rule silencing the platform\'s alerts', { alertname: 'KubeNodeNotReady', namespace: 'kube-system', severity: 'critical' }],
    ['an inhibit rule silencing Watchdog', { alertname: 'Watchdog', namespace: 'monitoring', severity: 'none' }],
  ])('%s never sees them', (_n, alert) => {
    expect(alertmanagerConfigSees(am.alertmanagerConfigMatcherStrategy.type, NS, alert)).toBe(false);
  });

  test('legitimate: its own alerts reach its routes', () => {
    expect(alertmanagerConfigSees(am.alertmanagerConfigMatcherStrategy.type, NS, { alertname: 'SloErrorBudgetBurn', namespace: NS })).toBe(true);
  });
});

/** `spec.podMetricsEndpoints[]` properties of the pinned PodMonitor CRD (../shared/crds, prometheus-operator v0.93.0). */
function podMonitorEndpointProperties(): any {
  const docs = parseAllDocuments(fs.readFileSync(path.join(CRD_DIR, 'prometheus-operator.yaml'), 'utf8')).map((d) => d.toJS()).filter(Boolean);
  const crd = docs.find((d: any) => d.spec.names.kind === 'PodMonitor');
  return crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.podMetricsEndpoints.items.properties;
}
