/**
 * Prometheus rules as typed data and the PrometheusRule custom resource that
 * carries them. Every alert has a `severity`, a `team` and a `runbook_url`
 * annotation, which the alert routing relies on.
 */
import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../../imports/monitoring.coreos.com';
import { Severity } from '../../spec/alerting';

/** A recording rule. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** An alerting rule. */
export interface AlertRule {
  /** Alert name, UpperCamelCase. */
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold, e.g. `15m`. */
  readonly for?: string;
  readonly severity: Severity;
  /** Team label: a name, or a template such as `{{ $labels.team }}`. */
  readonly team: string;
  readonly summary: string;
  readonly description: string;
  /** Further labels. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A rule group, evaluated together. */
export interface RuleGroup {
  readonly name: string;
  /** Evaluation interval; default the Prometheus global one. */
  readonly interval?: string;
  readonly rules: ReadonlyArray<RecordingRule | AlertRule>;
}

/** True for an alerting rule. */
export function isAlert(rule: RecordingRule | AlertRule): rule is AlertRule {
  return 'alert' in rule;
}

/** The runbook of an alert: `<base>/<AlertName>`. */
export function runbookUrl(base: string, alert: string): string {
  return `${base.replace(/\/+$/, '')}/${alert}`;
}

export interface RulesResourceProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly groups: readonly RuleGroup[];
  /** Base URL of the runbooks. */
  readonly runbookBaseURL: string;
}

/**
 * A PrometheusRule (monitoring.coreos.com/v1) holding `groups`.
 *
 * @throws Error when `groups` is empty, a group is empty, or two groups or alerts share a name
 */
export class RulesResource extends Construct {
  constructor(scope: Construct, id: string, props: RulesResourceProps) {
    super(scope, id);
    if (props.groups.length === 0) throw new Error(`RulesResource ${props.name}: groups must not be empty`);
    const names = props.groups.map((g) => g.name);
    const dupGroup = names.find((n, i) => names.indexOf(n) !== i);
    if (dupGroup) throw new Error(`RulesResource ${props.name}: group "${dupGroup}" is declared twice`);
    new PrometheusRule(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
      spec: {
        groups: props.groups.map((g) => {
          if (g.rules.length === 0) throw new Error(`RulesResource ${props.name}: group "${g.name}" has no rules`);
          return {
            name: g.name,
            interval: g.interval,
            rules: g.rules.map((r) => (isAlert(r)
              ? {
                alert: r.alert,
                expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr),
                for: r.for,
                labels: { ...r.labels, severity: r.severity, team: r.team },
                annotations: { summary: r.summary, description: r.description, runbook_url: runbookUrl(props.runbookBaseURL, r.alert) },
              }
              : { record: r.record, expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr), labels: r.labels ? { ...r.labels } : undefined })),
          };
        }),
      },
    });
  }
}
