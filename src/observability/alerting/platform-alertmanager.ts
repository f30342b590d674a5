/**
 * The platform Alertmanager's own routing, as Alertmanager configuration
 * (the `alertmanager.config` the kube-prometheus-stack add-on passes
 * through): Watchdog to the dead man's switch, InfoInhibitor to a null
 * receiver (it only inhibits), platform alerts by severity to the platform
 * team's receivers, tenant alerts that no tenant AlertmanagerConfig took to
 * the platform's least urgent receiver. Secrets are read from files of a
 * mounted Secret (`*_file` fields), never written here.
 *
 * Tenant routes come from the tenants' AlertmanagerConfigs, which the
 * operator places before these routes with `continue: true`.
 *
 * Source: Prometheus Alertmanager docs, "Configuration" (route, receiver,
 * pagerduty_config `routing_key_file`, opsgenie_config `api_key_file`,
 * slack_config `api_url_file`, webhook_config `http_config.authorization.credentials_file`,
 * global `smtp_auth_password_file`); kube-prometheus `alertmanager-config`
 * (Watchdog to a heartbeat, InfoInhibitor to null, the InfoInhibitor inhibit rule).
 * Checked with `amtool check-config` (test/observability/alertmanager-amtool.test.ts).
 */
import { AlertingSettings, Severity, SEVERITIES } from '../../spec/alerting';
import { namedReceivers, receiverBySeverity, receiverSecrets } from './receivers';

/** Secret (in the monitoring namespace) holding the platform receivers' secrets; mount it through `alertmanagerSpec.secrets`. */
export const PLATFORM_RECEIVERS_SECRET = 'alertmanager-platform-receivers';
/** Where the Alertmanager pod sees a Secret listed in `alertmanagerSpec.secrets` (prometheus-operator convention). */
export const SECRETS_MOUNT = '/etc/alertmanager/secrets';
/** Receiver that discards alerts. */
export const NULL = 'null';
/** Receiver of the Watchdog alert (the dead man's switch). */
export const DEAD_MANS_SWITCH = 'platform-dead-mans-switch';
/** Key of the dead man's switch credentials in {@link PLATFORM_RECEIVERS_SECRET}. */
export const DEAD_MANS_SWITCH_KEY = 'dead-mans-switch-credentials';

/** An Alertmanager route. */
export interface AmRoute {
  readonly receiver?: string;
  readonly matchers?: readonly string[];
  readonly group_by?: readonly string[];
  readonly group_wait?: string;
  readonly group_interval?: string;
  readonly repeat_interval?: string;
  readonly continue?: boolean;
  readonly routes?: readonly AmRoute[];
}

/** An Alertmanager receiver (only the integrations the platform uses). */
export interface AmReceiver {
  readonly name: string;
  readonly pagerduty_configs?: ReadonlyArray<{ routing_key_file: string; send_resolved: boolean; severity: string }>;
  readonly opsgenie_configs?: ReadonlyArray<{ api_key_file: string; send_resolved: boolean; priority: string; responders?: ReadonlyArray<{ type: string; name: string }> }>;
  readonly slack_configs?: ReadonlyArray<{ api_url_file: string; channel: string; send_resolved: boolean }>;
  readonly email_configs?: ReadonlyArray<{ to: string; send_resolved: boolean }>;
  readonly webhook_configs?: ReadonlyArray<{ url: string; send_resolved: boolean; http_config?: { authorization: { type: string; credentials_file: string } } }>;
}

/** The Alertmanager configuration file (the parts the platform sets). */
export interface AmConfig {
  readonly global?: Readonly<Record<string, string | boolean>>;
  readonly route: AmRoute;
  readonly receivers: readonly AmReceiver[];
  readonly inhibit_rules: ReadonlyArray<{ source_matchers: readonly string[]; target_matchers: readonly string[]; equal: readonly string[] }>;
}

const file = (key: string) => `${SECRETS_MOUNT}/${PLATFORM_RECEIVERS_SECRET}/${key}`;

/**
 * The platform Alertmanager configuration for `alerting`.
 *
 * Shape: `{ global?, route, receivers, inhibit_rules }` in Alertmanager's
 * own (snake_case) field names; durations as Alertmanager strings.
 */
export function platformAlertmanagerConfig(alerting: AlertingSettings): AmConfig {
  const r = alerting.receivers;
  const bySeverity = receiverBySeverity(r);
  const fallback = bySeverity.warning ?? bySeverity.info ?? NULL;
  const receivers: AmReceiver[] = [{ name: NULL }];
  for (const n of namedReceivers(r)) {
    const name = `platform-${n.name}`;
    switch (n.kind) {
      case 'pagerduty':
        receivers.push({ name, pagerduty_configs: [{ routing_key_file: file('pagerduty-routing-key'), send_resolved: true, severity: 'critical' }] });
        break;
      case 'opsgenie': {
        const og = r.critical && 'opsgenie' in r.critical ? r.critical.opsgenie : undefined;
        receivers.push({
          name,
          opsgenie_configs: [{
            api_key_file: file('opsgenie-api-key'), send_resolved: true, priority: 'P1',
            responders: og && og.responders.length > 0 ? og.responders.map((x) => ({ type: x.type, name: x.name })) : undefined,
          }],
        });
        break;
      }
      case 'slack':
        receivers.push({ name, slack_configs: [{ api_url_file: file('slack-api-url'), channel: r.warning!.slack.channel, send_resolved: true }] });
        break;
      case 'email':
        receivers.push({ name, email_configs: r.info!.email.to.map((to) => ({ to, send_resolved: false })) });
        break;
    }
  }
  const dms = alerting.deadMansSwitch;
  let watchdog: AmRoute = { receiver: NULL, matchers: ['alertname="Watchdog"'] };
  if ('webhook' in dms) {
    const w = dms.webhook;
    receivers.push({
      name: DEAD_MANS_SWITCH,
      webhook_configs: [{
        url: w.url,
        send_resolved: false,
        http_config: w.authorization ? { authorization: { type: w.authorization.type, credentials_file: file(DEAD_MANS_SWITCH_KEY) } } : undefined,
      }],
    });
    // Sent at once and re-sent every interval, however the other routes group.
    watchdog = { receiver: DEAD_MANS_SWITCH, matchers: ['alertname="Watchdog"'], group_by: ['alertname'], group_wait: '0s', group_interval: w.interval, repeat_interval: w.interval };
  }
  const platformName = (s: Severity) => (bySeverity[s] ? `platform-${bySeverity[s]}` : undefined);
  const team = JSON.stringify(alerting.team);
  const global: Record<string, string | boolean> = {};
  if (alerting.smtp) {
    global.smtp_smarthost = alerting.smtp.smarthost;
    global.smtp_from = alerting.smtp.from;
    global.smtp_require_tls = alerting.smtp.requireTLS;
    if (alerting.smtp.username) global.smtp_auth_username = alerting.smtp.username;
    if (alerting.smtp.password) global.smtp_auth_password_file = file('smtp-password');
  }
  return {
    global: Object.keys(global).length > 0 ? global : undefined,
    route: {
      receiver: fallback === NULL ? NULL : `platform-${fallback}`,
      group_by: ['alertname', 'namespace', 'severity'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        watchdog,
        { receiver: NULL, matchers: ['alertname="InfoInhibitor"'] },
        {
          receiver: fallback === NULL ? NULL : `platform-${fallback}`,
          matchers: [`team=${team}`],
          routes: SEVERITIES.filter((s) => platformName(s)).map((s) => ({
            receiver: platformName(s), matchers: [`severity="${s}"`], repeat_interval: s === 'critical' ? '1h' : s === 'warning' ? '4h' : '24h',
          })),
        },
        // Alerts of a tenant's namespace that its own AlertmanagerConfig did not take (or that has none).
        { receiver: platformName('info') ?? platformName('warning') ?? NULL, matchers: ['team!=""', `team!=${team}`], repeat_interval: '24h' },
      ],
    },
    receivers,
    inhibit_rules: [
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity=~"warning|info"'],
        equal: ['alertname', 'namespace'],
      },
      // kube-prometheus: InfoInhibitor fires while a namespace has info alerts
      // and nothing more urgent; it silences them so they do not page alone.
      { source_matchers: ['alertname="InfoInhibitor"'], target_matchers: ['severity="info"'], equal: ['namespace'] },
    ],
  };
}

/** The keys of {@link PLATFORM_RECEIVERS_SECRET} and their store references. */
export function platformReceiverSecrets(alerting: AlertingSettings) {
  const out = receiverSecrets(alerting.receivers);
  if (alerting.smtp?.password) out.push({ secretKey: 'smtp-password', ref: alerting.smtp.password });
  const dms = alerting.deadMansSwitch;
  if ('webhook' in dms && dms.webhook.authorization) out.push({ secretKey: DEAD_MANS_SWITCH_KEY, ref: dms.webhook.authorization.credentials });
  return out;
}
