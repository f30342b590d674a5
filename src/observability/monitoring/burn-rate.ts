/**
 * Multi-window, multi-burn-rate SLO rules: error ratios recorded over seven
 * windows, a paging alert when the error budget burns fast (14.4× over 1h
 * and 5m, or 6× over 6h and 30m) and a ticket when it burns slowly (3× over
 * 1d and 2h, or 1× over 3d and 6h).
 *
 * Source: Google SRE Workbook, "Alerting on SLOs", table 5-8 (30-day
 * window); kube-prometheus `kube-apiserver-burnrate` rules for the shape.
 */
import { Severity } from '../../spec/alerting';
import { promNumber, selector } from './promql';
import { AlertRule, RecordingRule } from './rules';

/** Windows over which error ratios are recorded. */
export const SLO_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type SloWindow = (typeof SLO_WINDOWS)[number];

/** One burn-rate condition: both windows over `factor` times the error budget. */
export interface BurnWindow {
  readonly long: SloWindow;
  readonly short: SloWindow;
  readonly factor: number;
}

/** Fast burn (pages): 2 % of a 30-day budget in 1 hour, or 5 % in 6 hours. */
export const PAGE_WINDOWS: readonly BurnWindow[] = [
  { long: '1h', short: '5m', factor: 14.4 },
  { long: '6h', short: '30m', factor: 6 },
];
/** Slow burn (tickets): 10 % of a 30-day budget in 1 day or 3 days. */
export const TICKET_WINDOWS: readonly BurnWindow[] = [
  { long: '1d', short: '2h', factor: 3 },
  { long: '3d', short: '6h', factor: 1 },
];

/** Name of the recorded error ratio over `window`. */
export function errorRatioRecord(window: SloWindow): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/** A service level indicator expressed as an error ratio. */
export interface ErrorRatioSli {
  /** The `slo` label value, e.g. `apiserver-availability`. */
  readonly slo: string;
  /** The error ratio (0–1) over `window`, as PromQL. */
  errorRatio(window: SloWindow): string;
  /** Objective as a fraction, e.g. 0.999. */
  readonly objective: number;
  /** Labels put on recordings and alerts besides `slo` (e.g. `namespace`). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** What the burn-rate alerts say. */
export interface BurnRateAlerting {
  /** Alert name prefix: alerts are `<name>ErrorBudgetBurn` (critical) and `<name>ErrorBudgetBurnSlow` (warning). */
  readonly name: string;
  readonly team: string;
  /** What the SLO is about, for summaries, e.g. "API server availability". */
  readonly subject: string;
}

/** The recording rules of one SLI, one per window. */
export function errorRatioRecords(sli: ErrorRatioSli): RecordingRule[] {
  return SLO_WINDOWS.map((w) => ({ record: errorRatioRecord(w), expr: sli.errorRatio(w), labels: { ...sli.labels, slo: sli.slo } }));
}

function condition(sli: ErrorRatioSli, windows: readonly BurnWindow[]): string {
  const budget = 1 - sli.objective;
  const matchers = { ...sli.labels, slo: sli.slo };
  return windows.map((w) => {
    const threshold = `(${promNumber(w.factor)} * ${promNumber(budget)})`;
    return `(${selector(errorRatioRecord(w.long), matchers)} > ${threshold}\nand\n${selector(errorRatioRecord(w.short), matchers)} > ${threshold})`;
  }).join('\nor\n');
}

/**
 * The two burn-rate alerts of one SLI.
 *
 * @throws Error when the objective is not strictly between 0 and 1
 */
export function burnRateAlerts(sli: ErrorRatioSli, a: BurnRateAlerting): AlertRule[] {
  if (!(sli.objective > 0 && sli.objective < 1)) throw new Error(`burn-rate alerts for ${sli.slo}: objective ${sli.objective} must be between 0 and 1 (a fraction)`);
  const percent = promNumber(sli.objective * 100);
  const alert = (suffix: string, severity: Severity, windows: readonly BurnWindow[], forDuration: string, speed: string): AlertRule => ({
    alert: `${a.name}ErrorBudgetBurn${suffix}`,
    expr: condition(sli, windows),
    for: forDuration,
    severity,
    team: a.team,
    labels: { ...sli.labels, slo: sli.slo },
    summary: `${a.subject} is burning its error budget ${speed}.`,
    description: `${a.subject} (SLO ${sli.slo}, objective ${percent} % over 30 days) burns its error budget ${speed}: `
      + `at this rate the budget is spent ${severity === 'critical' ? 'within days' : 'before the month ends'}.`,
  });
  return [
    alert('', 'critical', PAGE_WINDOWS, '2m', 'fast'),
    alert('Slow', 'warning', TICKET_WINDOWS, '15m', 'slowly'),
  ];
}
