/**
 * A tenant's SLOs as Prometheus rules in one of its namespaces: error ratios
 * over seven windows and multi-window burn-rate alerts per SLI, labelled
 * with the namespace, the `slo` and the tenant as `team`.
 */
import { SloSpec } from '../../spec/slo';
import { burnRateAlerts, errorRatioRecords, ErrorRatioSli, SloWindow } from './burn-rate';
import { leMatcher } from './apiserver-slo';
import { Matcher, selector } from './promql';
import { RuleGroup } from './rules';

function matchers(namespace: string, sel: Readonly<Record<string, string>>, extra: Record<string, Matcher> = {}): Record<string, Matcher> {
  return { ...sel, namespace, ...extra };
}

/** The SLIs of one declared SLO in `namespace` (availability and/or latency). */
export function tenantSlis(slo: SloSpec, namespace: string): ErrorRatioSli[] {
  const out: ErrorRatioSli[] = [];
  const labels = { namespace };
  if (slo.availability) {
    const a = slo.availability;
    out.push({
      slo: `${slo.name}-availability`,
      objective: a.objective / 100,
      labels,
      errorRatio: (w: SloWindow) => `sum(rate(${selector(a.metric, matchers(namespace, a.selector, { [a.codeLabel]: { re: a.errorCodes } }))}[${w}]))\n/\n`
        + `sum(rate(${selector(a.metric, matchers(namespace, a.selector))}[${w}]))`,
    });
  }
  if (slo.latency) {
    const l = slo.latency;
    out.push({
      slo: `${slo.name}-latency`,
      objective: l.objective / 100,
      labels,
      errorRatio: (w: SloWindow) => `1 - (\nsum(rate(${selector(`${l.metric}_bucket`, matchers(namespace, l.selector, { le: leMatcher(l.thresholdSeconds) }))}[${w}]))\n/\n`
        + `sum(rate(${selector(`${l.metric}_count`, matchers(namespace, l.selector))}[${w}]))\n)`,
    });
  }
  return out;
}

/**
 * The rule groups of `slos` for one tenant namespace, one group per SLO
 * (`slo.<name>`); alerts `SloErrorBudgetBurn` (critical) and
 * `SloErrorBudgetBurnSlow` (warning), told apart by their `slo` label.
 */
export function tenantSloGroups(tenant: string, namespace: string, slos: readonly SloSpec[]): RuleGroup[] {
  return slos.map((slo) => ({
    name: `slo.${slo.name}`,
    rules: tenantSlis(slo, namespace).flatMap((sli) => [
      ...errorRatioRecords(sli),
      ...burnRateAlerts(sli, { name: 'Slo', team: tenant, subject: `${tenant} SLO ${sli.slo} in ${namespace}` }),
    ]),
  }));
}
