/**
 * Alert routing: tenant AlertmanagerConfigs by severity with secrets by
 * reference, the platform Alertmanager routes, and the values the
 * kube-prometheus-stack add-on passes through.
 */
import { Testing } from 'cdk8s';
import { TenantAlertmanagerConfig } from '../../src/observability/alerting/tenant-alertmanager-config';
import { AmRoute, platformAlertmanagerConfig } from '../../src/observability/alerting/platform-alertmanager';
import { receiverBySeverity } from '../../src/observability/alerting/receivers';
import { observabilityStackValues, prometheusRemoteWrite } from '../../src/observability/monitoring/stack-values';
import { CrdSchemas } from '../support/crd-schema';
import { fixtureObjects, fixturePlatform } from '../support/platform';

const crds = new CrdSchemas();
const platform = fixturePlatform();
const observability = platform.settings.observability!;

function renderTenant(receivers: Parameters<typeof receiverBySeverity>[0]) {
  const chart = Testing.chart();
  new TenantAlertmanagerConfig(chart, 'A', { tenant: 'payments', namespace: 'payments-prod', receivers, secretStoreName: 'tenant-secrets', secretKeyPrefix: 'payments/prod/' });
  return Testing.synth(chart) as any[];
}

const SLACK = { slack: { apiURL: { key: 'alerting/slack', property: 'url' }, channel: '#pay' } };

describe('tenant AlertmanagerConfig', () => {
  const objects = renderTenant({
    critical: { pagerduty: { routingKey: { key: 'alerting/pagerduty' } } },
    warning: SLACK,
    info: { email: { to: ['a@example.com', 'b@example.com'] } },
  });
  const amc = objects.find((o) => o.kind === 'AlertmanagerConfig');
  const es = objects.find((o) => o.kind === 'ExternalSecret');

  test('renders valid objects', () => {
    for (const o of objects) expect(crds.validate(o)).toEqual([]);
    expect(objects).toMatchSnapshot();
  });

  test('routes critical to PagerDuty, warning to Slack, info to e-mail', () => {
    expect(amc.spec.route.routes.map((r: any) => [r.matchers[0].value, r.receiver])).toEqual([
      ['critical', 'critical-pagerduty'], ['warning', 'warning-slack'], ['info', 'info-email'],
    ]);
    expect(amc.spec.receivers.find((r: any) => r.name === 'info-email').emailConfigs.map((e: any) => e.to)).toEqual(['a@example.com', 'b@example.com']);
  });

  test('reads receiver secrets by reference through the namespace\'s own SecretStore, from the environment\'s part of the store', () => {
    expect(amc.spec.receivers.find((r: any) => r.name === 'critical-pagerduty').pagerdutyConfigs[0].routingKey).toEqual({ name: 'alertmanager-receivers', key: 'pagerduty-routing-key' });
    expect(amc.spec.receivers.find((r: any) => r.name === 'warning-slack').slackConfigs[0].apiURL).toEqual({ name: 'alertmanager-receivers', key: 'slack-api-url' });
    expect(es.spec.data.map((d: any) => d.remoteRef.key)).toEqual(['payments/prod/alerting/pagerduty', 'payments/prod/alerting/slack']);
    expect(es.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'tenant-secrets' });
  });

  test('falls back without ever paging for a less urgent alert', () => {
    expect(receiverBySeverity({ warning: SLACK as never })).toEqual({ critical: 'warning-slack', warning: 'warning-slack', info: 'warning-slack' });
    expect(receiverBySeverity({ critical: { pagerduty: { routingKey: { key: 'k' } } } } as never)).toEqual({ critical: 'critical-pagerduty' });
    const opsgenie = renderTenant({ critical: { opsgenie: { apiKey: { key: 'og' }, responders: [{ type: 'team', name: 'pay-oncall' }] } } } as never);
    const og = opsgenie.find((o) => o.kind === 'AlertmanagerConfig');
    expect(og.spec.route.routes).toHaveLength(1);
    expect(og.spec.receivers[1].opsgenieConfigs[0]).toMatchObject({ apiKey: { name: 'alertmanager-receivers', key: 'opsgenie-api-key' }, responders: [{ type: 'team', name: 'pay-oncall' }] });
  });

  test('refuses a tenant with no receivers', () => {
    expect(() => renderTenant({})).toThrow(/declares none of critical, warning, info/);
  });
});

describe('the fixture organisation\'s tenant alerting', () => {
  test('each tenant namespace with receivers gets its AlertmanagerConfig; checkout only in staging and prod', () => {
    const amcs = fixtureObjects().filter(({ object }) => object.kind === 'AlertmanagerConfig').map(({ path }) => path);
    expect(amcs.filter((p) => p.includes('/checkout/')).map((p) => p.split('/')[1])).toEqual(['prod-eu1', 'staging-eu1']);
    const paymentsNamespaces = fixtureObjects().filter(({ object }) => object.kind === 'Namespace' && object.metadata.labels?.['platform.cdk8s.io/tenant'] === 'payments');
    expect(amcs.filter((p) => p.includes('/payments/'))).toHaveLength(paymentsNamespaces.length);
  });
});

function receiversOf(route: AmRoute): string[] {
  return [route.receiver!, ...(route.routes ?? []).flatMap(receiversOf)].filter(Boolean);
}

describe('platform Alertmanager configuration', () => {
  const config = platformAlertmanagerConfig(observability.alerting);

  test('routes platform alerts by severity and sends unclaimed tenant alerts to the least urgent receiver', () => {
    expect(config).toMatchSnapshot();
    const team = config.route.routes!.find((r) => r.matchers?.includes('team="platform"'))!;
    expect(team.routes!.map((r) => [r.matchers![0], r.receiver])).toEqual([
      ['severity="critical"', 'platform-critical-pagerduty'], ['severity="warning"', 'platform-warning-slack'], ['severity="info"', 'platform-info-email'],
    ]);
    const tenants = config.route.routes!.find((r) => r.matchers?.includes('team!="platform"'))!;
    expect(tenants.receiver).toBe('platform-info-email');
  });

  test('every route names a declared receiver and secrets are files, never values', () => {
    const names = config.receivers.map((r) => r.name);
    for (const r of receiversOf(config.route)) expect(names).toContain(r);
    const text = JSON.stringify(config);
    expect(text).toContain('"routing_key_file":"/etc/alertmanager/secrets/alertmanager-platform-receivers/pagerduty-routing-key"');
    expect(text).not.toMatch(/"(routing_key|api_key|api_url|smtp_auth_password)":/);
  });
});

describe('kube-prometheus-stack values', () => {
  const prod = platform.clusters.find((c) => c.name === 'prod-eu1')!;
  const values = observabilityStackValues(platform, prod);

  test('remote-write to Thanos with the tenant header and credentials by reference', () => {
    expect(prometheusRemoteWrite(prod)).toEqual([{
      name: 'thanos',
      url: 'https://thanos-receive.example.com/api/v1/receive',
      headers: { 'THANOS-TENANT': 'prod' },
      basicAuth: { username: { name: 'prometheus-remote-write', key: 'thanos-username' }, password: { name: 'prometheus-remote-write', key: 'thanos-password' } },
      queueConfig: { capacity: 10000, maxSamplesPerSend: 2000, maxShards: 50 },
      sendExemplars: true,
    }]);
    const dev = prometheusRemoteWrite(platform.clusters.find((c) => c.name === 'dev-eu1')!);
    expect(dev[0]).toMatchObject({ headers: { 'X-Scope-OrgID': 'dev' }, authorization: { type: 'Bearer', credentials: { name: 'prometheus-remote-write', key: 'mimir-token' } } });
  });

  test('prometheusSpec and alertmanagerSpec are valid parts of the Prometheus and Alertmanager resources', () => {
    expect(crds.validate({ apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'p' }, spec: values.prometheus.prometheusSpec } as any)).toEqual([]);
    expect(crds.validate({ apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'a' }, spec: values.alertmanager.alertmanagerSpec } as any)).toEqual([]);
    expect(values.prometheus.prometheusSpec).toMatchObject({ externalLabels: { cluster: 'prod-eu1', environment: 'prod' } });
    // The platform Prometheus enforces nothing: it loads no tenant object (the tenant Prometheus does).
    expect(values.prometheus.prometheusSpec).not.toHaveProperty('enforcedNamespaceLabel');
    expect(values['kube-state-metrics'].metricLabelsAllowlist).toEqual(['namespaces=[platform.cdk8s.io/tenant]']);
  });

  test('the ExternalSecrets the values refer to are rendered', () => {
    const paths = fixtureObjects('clusters/prod-eu1/platform/monitoring-rules/').filter(({ object }) => object.kind === 'ExternalSecret').map(({ object }) => object.metadata.name);
    expect(paths).toEqual(['alertmanager-platform-receivers', 'prometheus-remote-write']);
  });
});
