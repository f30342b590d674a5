/**
 * Every PrometheusRule, ServiceMonitor and PodMonitor the platform or a chart
 * renders is loaded by exactly the Prometheus that should load it — the
 * platform Prometheus for platform, add-on and system namespaces, the tenant
 * Prometheus for tenant namespaces — proved from the selectors as the chart
 * writes them (test/support/kube-prometheus-stack-chart.ts) and with
 * prometheus-operator's selection semantics (operator-semantics.ts). The
 * chart's default rules, Watchdog included, are among them, and Watchdog is
 * routed to the dead man's switch by the real `amtool`.
 */
import { parse } from 'yaml';
import { MonitoringObject, prometheusSelects, PrometheusView } from '../../src/observability/monitoring/operator-semantics';
import { TENANT_PROMETHEUS } from '../../src/observability/monitoring/tenant-prometheus';
import { addonMonitors, chartMonitoringObjects, renderedPrometheusSelectors } from '../support/kube-prometheus-stack-chart';
import { fixtureFiles, fixtureObjects, fixturePlatform } from '../support/platform';
import { amtoolCheckConfig, amtoolRoute } from '../support/prometheus-tools';

const platform = fixturePlatform();
const RELEASE = 'kube-prometheus-stack';

/** The Helm values of every release on a cluster (Argo CD Applications or Flux HelmReleases). */
function releases(cluster: string): { name: string; namespace: string; values: any }[] {
  return fixtureObjects(`clusters/${cluster}/platform/`).flatMap(({ object: o }) => {
    const spec = o.spec as any;
    if (o.kind === 'Application' && spec.source?.chart) return [{ name: spec.source.helm.releaseName, namespace: spec.destination.namespace, values: spec.source.helm.valuesObject }];
    if (o.kind === 'HelmRelease') return [{ name: spec.releaseName, namespace: spec.targetNamespace, values: spec.values }];
    return [];
  });
}

function clusterView(cluster: string) {
  const rels = releases(cluster);
  const kps = rels.find((r) => r.name === RELEASE)!;
  const objects = fixtureObjects(`clusters/${cluster}/`);
  const namespaceLabels: Record<string, Record<string, string>> = { 'kube-system': {}, 'default': {} };
  for (const { object } of objects) if (object.kind === 'Namespace') namespaceLabels[object.metadata.name!] = { ...(object.metadata.labels ?? {}) };
  const platformPrometheus: PrometheusView = {
    name: `${RELEASE}-prometheus`,
    namespace: kps.namespace,
    spec: renderedPrometheusSelectors(kps.values.prometheus.prometheusSpec, RELEASE) as any,
  };
  const tenantObject = objects.find(({ object }) => object.kind === 'Prometheus' && object.metadata.name === TENANT_PROMETHEUS)!.object;
  const tenantPrometheus: PrometheusView = { name: TENANT_PROMETHEUS, namespace: tenantObject.metadata.namespace!, spec: tenantObject.spec as any };
  const rendered: MonitoringObject[] = objects
    .filter(({ object }) => ['PrometheusRule', 'ServiceMonitor', 'PodMonitor'].includes(object.kind))
    .map(({ object }) => ({ kind: object.kind as any, name: object.metadata.name!, namespace: object.metadata.namespace!, labels: object.metadata.labels }));
  const fromCharts: MonitoringObject[] = [
    ...chartMonitoringObjects(RELEASE, kps.namespace, kps.values.prometheus.prometheusSpec),
    ...rels.filter((r) => r.name !== RELEASE).flatMap((r) => addonMonitors(r.name, r.namespace, r.values)),
  ];
  return { namespaceLabels, platformPrometheus, tenantPrometheus, rendered, fromCharts };
}


describe.each(platform.clusters.map((c) => c.name))('%s: which Prometheus loads what', (cluster) => {
  const v = clusterView(cluster);
  const isTenant = (ns: string) => 'platform.cdk8s.io/tenant' in (v.namespaceLabels[ns] ?? {});

  test('the platform and the tenant Prometheus together load every object, each exactly once, by its namespace', () => {
    const problems: string[] = [];
    for (const o of [...v.rendered, ...v.fromCharts]) {
      const labels = v.namespaceLabels[o.namespace];
      if (!labels) { problems.push(`${o.kind} ${o.namespace}/${o.name}: namespace not rendered`); continue; }
      const byPlatform = prometheusSelects(v.platformPrometheus, o, labels);
      const byTenants = prometheusSelects(v.tenantPrometheus, o, labels);
      const expected = isTenant(o.namespace) ? 'tenants' : 'platform';
      const got = byPlatform && byTenants ? 'both' : byPlatform ? 'platform' : byTenants ? 'tenants' : 'none';
      if (got !== expected) problems.push(`${o.kind} ${o.namespace}/${o.name}: loaded by ${got}, should be ${expected}`);
    }
    expect(problems).toEqual([]);
    expect(v.fromCharts.filter((o) => o.kind === 'PrometheusRule').length).toBeGreaterThanOrEqual(35);
  });

  test('the chart\'s general.rules (Watchdog, InfoInhibitor) is loaded by the platform Prometheus', () => {
    const general = v.fromCharts.find((o) => o.name === `${RELEASE}-general.rules`)!;
    expect(prometheusSelects(v.platformPrometheus, general, v.namespaceLabels[general.namespace])).toBe(true);
  });

  test('a ServiceMonitor, PodMonitor or PrometheusRule a tenant writes is loaded only by the tenant Prometheus', () => {
    const tenantNs = Object.keys(v.namespaceLabels).filter(isTenant);
    expect(tenantNs.length).toBeGreaterThan(0);
    for (const ns of tenantNs) {
      for (const kind of ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'] as const) {
        // Labels a tenant might copy from the chart's own objects to be picked up by the platform Prometheus.
        for (const labels of [{}, { release: RELEASE }, { 'platform.cdk8s.io/monitoring': 'platform' }] as Record<string, string>[]) {
          const o: MonitoringObject = { kind, name: 'attack', namespace: ns, labels };
          expect([prometheusSelects(v.platformPrometheus, o, v.namespaceLabels[ns]), prometheusSelects(v.tenantPrometheus, o, v.namespaceLabels[ns])]).toEqual([false, true]);
        }
      }
    }
  });

  test('neither Prometheus loads Probes or ScrapeConfigs from tenant namespaces', () => {
    for (const ns of Object.keys(v.namespaceLabels).filter(isTenant)) {
      for (const kind of ['Probe', 'ScrapeConfig'] as const) {
        const o: MonitoringObject = { kind, name: 'attack', namespace: ns, labels: { release: RELEASE } };
        expect(prometheusSelects(v.tenantPrometheus, o, v.namespaceLabels[ns])).toBe(false);
      }
    }
  });
});

describe('the selector model is the chart\'s', () => {
  test('an empty selector with *NilUsesHelmValues true becomes the release label; false keeps {}', () => {
    expect(renderedPrometheusSelectors({ ruleSelector: {}, ruleSelectorNilUsesHelmValues: true }, 'r').ruleSelector).toEqual({ matchLabels: { release: 'r' } });
    expect(renderedPrometheusSelectors({ ruleSelector: {}, ruleSelectorNilUsesHelmValues: false }, 'r').ruleSelector).toEqual({});
    expect(renderedPrometheusSelectors({ ruleSelector: null, ruleSelectorNilUsesHelmValues: false }, 'r').ruleSelector).toBeNull();
  });

  test('the selector the platform had before (rules labelled platform.cdk8s.io/monitoring) loads none of the chart\'s rules', () => {
    const before: PrometheusView = {
      name: 'p', namespace: 'monitoring',
      spec: renderedPrometheusSelectors({ ruleSelector: { matchExpressions: [{ key: 'platform.cdk8s.io/monitoring', operator: 'Exists' }] }, ruleSelectorNilUsesHelmValues: false, ruleNamespaceSelector: {} }, RELEASE) as any,
    };
    const rules = chartMonitoringObjects(RELEASE, 'monitoring', {}).filter((o) => o.kind === 'PrometheusRule');
    expect(rules.filter((o) => prometheusSelects(before, o, {})).length).toBe(0);
  });
});

describe('Alertmanager configuration, checked by amtool', () => {
  const configs = platform.clusters.map((c) => {
    const rel = releases(c.name).find((r) => r.name === RELEASE)!;
    return [c.name, rel.values.alertmanager.config] as const;
  });

  test.each(configs)('%s: amtool check-config accepts it', (_c, config) => {
    const r = amtoolCheckConfig(config);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  test.each(configs)('%s: Watchdog reaches the dead man\'s switch, InfoInhibitor goes nowhere, a platform page to PagerDuty', (_c, config) => {
    expect(amtoolRoute(config, { alertname: 'Watchdog', severity: 'none', namespace: 'monitoring' })).toEqual(['platform-dead-mans-switch']);
    const dms = config.receivers.find((r: any) => r.name === 'platform-dead-mans-switch');
    expect(dms.webhook_configs[0].url).toMatch(/^https:\/\//);
    expect(amtoolRoute(config, { alertname: 'InfoInhibitor', severity: 'none', namespace: 'payments-prod' })).toEqual(['null']);
    expect(amtoolRoute(config, { alertname: 'KubePodCrashLooping', severity: 'critical', team: 'platform', namespace: 'monitoring' })).toEqual(['platform-critical-pagerduty']);
  });
});

test('the rendered kube-prometheus-stack values are what the selection proof read', () => {
  const files = fixtureFiles();
  const app = files.get('clusters/prod-eu1/platform/kube-prometheus-stack/application-kube-prometheus-stack.yaml')!;
  expect(parse(app).spec.source.helm.valuesObject.prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues).toBe(false);
});

test.each(platform.clusters.map((c) => c.name))('%s: the chart writes the platform Prometheus\' selectors as every object of every namespace without the tenant label', (cluster) => {
  const kps = releases(cluster).find((r) => r.name === RELEASE)!;
  const selectors = renderedPrometheusSelectors(kps.values.prometheus.prometheusSpec, RELEASE);
  const platformNamespaces = { matchExpressions: [{ key: 'platform.cdk8s.io/tenant', operator: 'DoesNotExist' }] };
  for (const kind of ['rule', 'serviceMonitor', 'podMonitor']) {
    // {} rather than the chart's `release` label: the chart's and every add-on's objects are loaded whatever their labels.
    expect([kind, selectors[`${kind}Selector`]]).toEqual([kind, {}]);
    expect([kind, selectors[`${kind}NamespaceSelector`]]).toEqual([kind, platformNamespaces]);
  }
});
