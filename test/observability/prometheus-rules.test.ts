/**
 * Every PromQL expression the platform renders parses with the Prometheus
 * grammar and reads only metrics its exporter exposes (or rules record);
 * every alert carries severity, team and a runbook.
 */
import { fixtureObjects, fixturePlatform } from '../support/platform';
import { EXPORTER_METRICS, GROUP_EXPORTERS } from '../support/exporter-metrics';
import { metricNames, promqlErrors } from '../support/promql';
import { apiServerSloGroup } from '../../src/observability/monitoring/apiserver-slo';
import { burnRateAlerts, errorRatioRecords } from '../../src/observability/monitoring/burn-rate';
import { selector } from '../../src/observability/monitoring/promql';
import { tenantSloGroups } from '../../src/observability/monitoring/tenant-slo';
import { promtoolCheckRuleFiles } from '../support/prometheus-tools';

interface Rule { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
interface Group { name: string; rules: Rule[] }

const rules = fixtureObjects().filter(({ object }) => object.kind === 'PrometheusRule');
const groups = rules.flatMap(({ path, object }) => ((object.spec as { groups: Group[] }).groups).map((g) => ({ path, group: g, namespace: object.metadata.namespace! })));
const all = groups.flatMap(({ path, group }) => group.rules.map((rule) => ({ path, group: group.name, rule })));

describe('PrometheusRules of the fixture organisation', () => {
  test('promtool check rules accepts every rendered PrometheusRule', () => {
    const r = promtoolCheckRuleFiles(new Map(rules.map(({ path, object }) => [path, (object.spec as { groups: Group[] }).groups])));
    expect(rules.length).toBeGreaterThan(10);
    expect(r.output).not.toMatch(/FAILED/);
    expect(r.output.match(/SUCCESS/g)?.length).toBe(rules.length);
    expect(r.status).toBe(0);
  });

  test('are rendered: eight platform groups per cluster and tenant SLO groups', () => {
    expect(new Set(groups.filter((g) => g.group.name.startsWith('platform.')).map((g) => g.group.name)).size).toBe(8);
    expect(groups.some((g) => g.group.name.startsWith('slo.'))).toBe(true);
  });

  test('every expression parses with the Prometheus PromQL grammar', () => {
    const bad = all.flatMap(({ path, rule }) => promqlErrors(rule.expr).map((e) => `${path} ${rule.alert ?? rule.record}: ${e}`));
    expect(all.length).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });

  test('platform rules read only metrics their exporters expose, or that rules record', () => {
    const recorded = new Set(all.filter(({ rule }) => rule.record).map(({ rule }) => rule.record!));
    const problems: string[] = [];
    for (const { path, group, rule } of all.filter((r) => r.group.startsWith('platform.'))) {
      const exporters = GROUP_EXPORTERS[group];
      if (!exporters) { problems.push(`${group}: no exporters declared in the test`); continue; }
      const known = new Set(exporters.flatMap((e) => EXPORTER_METRICS[e]));
      for (const m of metricNames(rule.expr)) {
        if (!known.has(m) && !recorded.has(m)) problems.push(`${path} ${rule.alert ?? rule.record}: ${m} is not exposed by ${exporters.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('tenant SLO rules read only the metrics the tenant declared, in its own namespace', () => {
    const platform = fixturePlatform();
    const problems: string[] = [];
    for (const { path, group, namespace } of groups.filter((g) => g.group.name.startsWith('slo.'))) {
      const tenant = platform.tenants.find((t) => path.includes(`/tenants/${t.metadata.name}/`))!;
      const slo = tenant.spec.slos.find((s) => `slo.${s.name}` === group.name)!;
      const declared = new Set([slo.availability?.metric, `${slo.latency?.metric}_bucket`, `${slo.latency?.metric}_count`, 'slo:sli_error:ratio_rate5m']);
      for (const rule of group.rules) {
        for (const m of metricNames(rule.expr)) {
          if (!declared.has(m) && !m.startsWith('slo:sli_error:ratio_rate')) problems.push(`${path} ${m}`);
        }
        if (!rule.expr.includes(`namespace="${namespace}"`)) problems.push(`${path} ${rule.alert ?? rule.record}: not scoped to ${namespace}`);
        expect(rule.labels?.namespace).toBe(namespace);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every alert has a severity, a team and a runbook', () => {
    const problems: string[] = [];
    for (const { path, rule } of all.filter(({ rule }) => rule.alert)) {
      if (!['critical', 'warning', 'info'].includes(rule.labels?.severity ?? '')) problems.push(`${path} ${rule.alert}: severity`);
      if (!rule.labels?.team) problems.push(`${path} ${rule.alert}: team`);
      if (!/^https:\/\/\S+\/[A-Za-z]+$/.test(rule.annotations?.runbook_url ?? '')) problems.push(`${path} ${rule.alert}: runbook_url`);
      if (!rule.annotations?.summary || !rule.annotations.description) problems.push(`${path} ${rule.alert}: summary/description`);
    }
    expect(problems).toEqual([]);
  });

  test('alerts on objects in tenant namespaces go to the tenant as their team', () => {
    const crash = all.find(({ rule }) => rule.alert === 'PodCrashLooping')!.rule;
    expect(crash.labels!.team).toBe('{{ if $labels.label_platform_cdk8s_io_tenant }}{{ $labels.label_platform_cdk8s_io_tenant }}{{ else }}platform{{ end }}');
    expect(crash.expr).toContain('group_left (label_platform_cdk8s_io_tenant)');
    const quota = all.find(({ rule }) => rule.alert === 'TenantQuotaAlmostFull')!.rule;
    expect(quota.expr).toMatch(/> 0\.9$/);
    expect(quota.expr).toContain('label_platform_cdk8s_io_tenant!=""');
  });

  test('the rules the issue names are all there', () => {
    const names = new Set(all.map(({ rule }) => rule.alert).filter(Boolean));
    for (const a of ['CertificateExpiringSoon', 'PersistentVolumeFillingUp', 'TenantQuotaAlmostFull', 'NodeMemoryOvercommitted', 'ClusterMemoryOvercommitted',
      'PodCrashLooping', 'ApiServerAvailabilityErrorBudgetBurn', 'ApiServerLatencyErrorBudgetBurn', 'FluentdOutputRetrying', 'FluentdBufferNotFlushing',
      'AuditLogShippingStalled', 'ArgoCdApplicationOutOfSync', 'ArgoCdApplicationDegraded', 'FluxResourceNotReady', 'SloErrorBudgetBurn']) {
      expect(names).toContain(a);
    }
    expect(all.find(({ rule }) => rule.alert === 'CertificateExpiringSoon')!.rule.expr).toContain('< 14 * 24 * 3600');
    expect(all.find(({ rule }) => rule.alert === 'PersistentVolumeFillingUp')!.rule.expr).toContain('predict_linear(kubelet_volume_stats_available_bytes{job="kubelet", metrics_path="/metrics"}[6h], 5 * 24 * 3600) < 0');
  });

  test('the Flux cluster gets Flux rules and the Argo CD clusters Argo CD rules', () => {
    const gitops = groups.filter((g) => g.group.name === 'platform.gitops');
    const fluxClusters = fixturePlatform().clusters.filter((c) => c.gitops.engine === 'flux').map((c) => `/${c.name}/`);
    expect(fluxClusters.length).toBeGreaterThan(0);
    for (const g of gitops) {
      const flux = fluxClusters.some((c) => g.path.includes(c));
      expect(g.group.rules.every((r) => (flux ? /gotk_/ : /argocd_/).test(r.expr))).toBe(true);
    }
  });
});

describe('multi-window, multi-burn-rate alerts', () => {
  const sli = { slo: 'x', objective: 0.999, errorRatio: (w: string) => `sum(rate(${selector('errors_total')}[${w}])) / sum(rate(${selector('requests_total')}[${w}]))` };

  test('record the error ratio over seven windows', () => {
    expect(errorRatioRecords(sli).map((r) => r.record)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((w) => `slo:sli_error:ratio_rate${w}`));
  });

  test('page at 14.4× over 1h and 5m or 6× over 6h and 30m; ticket at 3× over 1d and 2h or 1× over 3d and 6h (SRE Workbook)', () => {
    const [page, ticket] = burnRateAlerts(sli, { name: 'X', team: 't', subject: 'X' });
    expect(page).toMatchObject({ alert: 'XErrorBudgetBurn', severity: 'critical' });
    expect(page.expr).toBe([
      '(slo:sli_error:ratio_rate1h{slo="x"} > (14.4 * 0.001)', 'and', 'slo:sli_error:ratio_rate5m{slo="x"} > (14.4 * 0.001))', 'or',
      '(slo:sli_error:ratio_rate6h{slo="x"} > (6 * 0.001)', 'and', 'slo:sli_error:ratio_rate30m{slo="x"} > (6 * 0.001))',
    ].join('\n'));
    expect(ticket).toMatchObject({ alert: 'XErrorBudgetBurnSlow', severity: 'warning' });
    expect(ticket.expr).toContain('slo:sli_error:ratio_rate3d{slo="x"} > (1 * 0.001)');
    expect(promqlErrors(page.expr)).toEqual([]);
  });

  test('refuse an objective that is not a fraction', () => {
    expect(() => burnRateAlerts({ ...sli, objective: 99.9 }, { name: 'X', team: 't', subject: 'X' })).toThrow(/must be between 0 and 1/);
  });

  test('the API-server latency SLI tolerates missing scopes (or vector(0)) and both `le` spellings', () => {
    const rule = apiServerSloGroup('platform').rules.find((r) => 'record' in r && r.record === 'slo:sli_error:ratio_rate5m' && r.labels?.slo === 'apiserver-latency')!;
    expect(rule.expr).toContain('or vector(0)');
    expect(rule.expr).toContain('le=~"1(\\\\.0)?"');
    expect(promqlErrors(rule.expr)).toEqual([]);
  });

  test('tenant label values are escaped as PromQL strings', () => {
    const [group] = tenantSloGroups('t', 'ns', [{ name: 'api', availability: { objective: 99, metric: 'http_requests_total', selector: { path: 'a"b\\c' }, codeLabel: 'code', errorCodes: '5..' } }]);
    for (const r of group.rules) expect(promqlErrors(r.expr)).toEqual([]);
    expect(group.rules[0].expr).toContain('path="a\\"b\\\\c"');
  });
});

describe('the PromQL checks themselves', () => {
  test('report a syntax error', () => {
    expect(promqlErrors('sum(rate(x[5m])')).not.toEqual([]);
    expect(promqlErrors('up{job="a"')).not.toEqual([]);
  });

  test('find metric names in selectors, matrices and __name__ matchers, not in functions or labels', () => {
    expect(metricNames('max by (namespace) (a{job="x"}) / on (namespace) group_left (label_y) rate(b_total[5m]) + {__name__="c"} > time()')).toEqual(['a', 'b_total', 'c']);
  });
});
