/**
 * Receivers by severity, shared by the tenant AlertmanagerConfigs and the
 * platform Alertmanager routes: which receiver takes each severity when a
 * definition declares only some of them, and their secrets.
 */
import { Receivers, Severity, SEVERITIES } from '../../spec/alerting';
import { SecretRef } from '../../spec/observability-fields';

/** One declared receiver with its name, e.g. `critical-pagerduty`. */
export interface NamedReceiver {
  readonly name: string;
  readonly severity: Severity;
  readonly kind: 'pagerduty' | 'opsgenie' | 'slack' | 'email';
}

/** Declared receivers, in severity order. */
export function namedReceivers(r: Receivers): NamedReceiver[] {
  const out: NamedReceiver[] = [];
  if (r.critical) {
    const kind = 'pagerduty' in r.critical ? 'pagerduty' : 'opsgenie';
    out.push({ name: `critical-${kind}`, severity: 'critical', kind });
  }
  if (r.warning) out.push({ name: 'warning-slack', severity: 'warning', kind: 'slack' });
  if (r.info) out.push({ name: 'info-email', severity: 'info', kind: 'email' });
  return out;
}

/**
 * The receiver each severity is routed to: its own when declared; otherwise
 * warning falls back to info, info to warning, critical to warning then
 * info — never paging for a less urgent alert.
 *
 * @returns severity → receiver name; severities without any fitting receiver are absent
 */
export function receiverBySeverity(r: Receivers): Partial<Record<Severity, string>> {
  const byOwn = new Map(namedReceivers(r).map((n) => [n.severity, n.name]));
  const order: Record<Severity, readonly Severity[]> = {
    critical: ['critical', 'warning', 'info'],
    warning: ['warning', 'info'],
    info: ['info', 'warning'],
  };
  const out: Partial<Record<Severity, string>> = {};
  for (const s of SEVERITIES) {
    const found = order[s].map((o) => byOwn.get(o)).find((n) => n !== undefined);
    if (found) out[s] = found;
  }
  return out;
}

/** A receiver secret: its key in the Kubernetes Secret and the store reference. */
export interface ReceiverSecret {
  readonly secretKey: string;
  readonly ref: SecretRef;
}

/** The secrets the declared receivers need. */
export function receiverSecrets(r: Receivers): ReceiverSecret[] {
  const out: ReceiverSecret[] = [];
  if (r.critical && 'pagerduty' in r.critical) out.push({ secretKey: 'pagerduty-routing-key', ref: r.critical.pagerduty.routingKey });
  if (r.critical && 'opsgenie' in r.critical) out.push({ secretKey: 'opsgenie-api-key', ref: r.critical.opsgenie.apiKey });
  if (r.warning) out.push({ secretKey: 'slack-api-url', ref: r.warning.slack.apiURL });
  return out;
}
