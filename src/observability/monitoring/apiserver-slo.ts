/**
 * API-server availability and latency SLOs with multi-window burn-rate
 * alerts.
 *
 * Availability: the share of requests answered without a 5xx code
 * (`apiserver_request_total`). Latency: the share of requests within the
 * Kubernetes API SLO thresholds — reads of one object 1 s, of a namespace
 * 5 s, cluster-wide 30 s; writes 1 s — from
 * `apiserver_request_sli_duration_seconds` (Kubernetes 1.27+; it excludes
 * webhook and priority-and-fairness wait time), long-running subresources
 * excluded.
 *
 * Sources: Kubernetes SIG Scalability "API call latency SLO"; kube-prometheus
 * `kube-apiserver-burnrate` recording rules.
 */
import { burnRateAlerts, errorRatioRecords, ErrorRatioSli, SloWindow } from './burn-rate';
import { Matcher, selector } from './promql';
import { RuleGroup } from './rules';

const JOB = { job: 'apiserver' };
const LONG_RUNNING = { nre: 'proxy|attach|log|exec|portforward' };
const READ = { re: 'LIST|GET' };
const WRITE = { re: 'POST|PUT|PATCH|DELETE' };

/** `le` matcher for a bucket boundary, tolerant of `1` and `1.0` spellings. */
export function leMatcher(seconds: number): { re: string } {
  const text = String(seconds).replace('.', '\\.');
  return { re: Number.isInteger(seconds) ? `${text}(\\.0)?` : text };
}

function availability(window: SloWindow): string {
  return `sum(rate(${selector('apiserver_request_total', { ...JOB, code: { re: '5..' } })}[${window}]))\n/\n`
    + `sum(rate(${selector('apiserver_request_total', JOB)}[${window}]))`;
}

function latency(window: SloWindow): string {
  const fast = (matchers: Record<string, Matcher>) =>
    `(sum(rate(${selector('apiserver_request_sli_duration_seconds_bucket', { ...JOB, subresource: LONG_RUNNING, ...matchers })}[${window}])) or vector(0))`;
  const good = [
    fast({ verb: READ, scope: { re: 'resource|' }, le: leMatcher(1) }),
    fast({ verb: READ, scope: 'namespace', le: leMatcher(5) }),
    fast({ verb: READ, scope: 'cluster', le: leMatcher(30) }),
    fast({ verb: WRITE, le: leMatcher(1) }),
  ].join('\n+\n');
  const total = `sum(rate(${selector('apiserver_request_sli_duration_seconds_count', { ...JOB, subresource: LONG_RUNNING, verb: { re: 'LIST|GET|POST|PUT|PATCH|DELETE' } })}[${window}]))`;
  return `1 - (\n(\n${good}\n)\n/\n${total}\n)`;
}

/** Objectives of the API-server SLOs (fractions). */
export interface ApiServerSloObjectives {
  /** @default 0.999 */
  readonly availability?: number;
  /** @default 0.99 */
  readonly latency?: number;
}

/**
 * The rule group `platform.apiserver-slo`: error ratios over seven windows for
 * both SLIs and their burn-rate alerts `ApiServerAvailabilityErrorBudgetBurn[Slow]`,
 * `ApiServerLatencyErrorBudgetBurn[Slow]`.
 */
export function apiServerSloGroup(team: string, objectives: ApiServerSloObjectives = {}): RuleGroup {
  const slis: Array<[ErrorRatioSli, string, string]> = [
    [{ slo: 'apiserver-availability', errorRatio: availability, objective: objectives.availability ?? 0.999 }, 'ApiServerAvailability', 'API server availability'],
    [{ slo: 'apiserver-latency', errorRatio: latency, objective: objectives.latency ?? 0.99 }, 'ApiServerLatency', 'API server latency'],
  ];
  return {
    name: 'platform.apiserver-slo',
    rules: slis.flatMap(([sli, name, subject]) => [...errorRatioRecords(sli), ...burnRateAlerts(sli, { name, team, subject })]),
  };
}
