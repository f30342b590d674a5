/**
 * Alert routing in the platform definition: receivers per severity —
 * critical to PagerDuty or Opsgenie, warning to Slack, info to e-mail —
 * declared by the platform (`settings.observability.alerting`) and by each
 * tenant (`spec.alerting`). Receiver secrets are references to the external
 * secret store, never values.
 */
import { z } from 'zod';
import { labelValue, prose } from './fields';
import { documented, refineWith } from './json-forms';
import { email, endpointUrl, secretRef } from './observability-fields';

/** Alert severities the platform routes, most urgent first. */
export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

const opsgenieResponder = documented(z.strictObject({
  type: documented(z.enum(['team', 'user', 'escalation', 'schedule']), 'Kind of Opsgenie responder.', 'team'),
  name: documented(z.string().min(1).regex(/^[^\n\r"]+$/, { message: 'must be one line without double quotes' }), 'Responder name in Opsgenie.', 'loyalty-oncall'),
}), 'An Opsgenie responder.', { type: 'team', name: 'loyalty-oncall' });

/** Receivers per severity. */
export const receiversSchema = z.strictObject({
  critical: documented(z.union([
    documented(z.strictObject({
      pagerduty: documented(z.strictObject({
        routingKey: documented(secretRef, 'PagerDuty Events API v2 routing key, from the secret store.', { key: 'alerting/pagerduty', property: 'routing-key' }),
      }), 'PagerDuty service.', { routingKey: { key: 'alerting/pagerduty', property: 'routing-key' } }),
    }), 'Page through PagerDuty.', { pagerduty: { routingKey: { key: 'alerting/pagerduty', property: 'routing-key' } } }),
    documented(z.strictObject({
      opsgenie: documented(z.strictObject({
        apiKey: documented(secretRef, 'Opsgenie API key, from the secret store.', { key: 'alerting/opsgenie', property: 'api-key' }),
        responders: documented(z.array(opsgenieResponder).default([]), 'Who is paged; default: the API key\'s team.', [{ type: 'team', name: 'loyalty-oncall' }]),
      }), 'Opsgenie integration.', { apiKey: { key: 'alerting/opsgenie', property: 'api-key' } }),
    }), 'Page through Opsgenie.', { opsgenie: { apiKey: { key: 'alerting/opsgenie', property: 'api-key' } } }),
  ], { message: 'must be { pagerduty: { routingKey } } or { opsgenie: { apiKey, responders } }' }).optional(),
  'Receiver of critical alerts (pages): PagerDuty or Opsgenie.', { pagerduty: { routingKey: { key: 'alerting/pagerduty', property: 'routing-key' } } }),
  warning: documented(z.strictObject({
    slack: documented(z.strictObject({
      apiURL: documented(secretRef, 'The Slack incoming-webhook URL, a secret in the secret store.', { key: 'alerting/slack', property: 'webhook-url' }),
      channel: documented(z.string().regex(/^[#@]?[a-z0-9._-]+$/, { message: 'must be a Slack channel such as #payments-alerts' }), 'Slack channel such as #loyalty-alerts.', '#loyalty-alerts'),
    }), 'A Slack incoming webhook.', { apiURL: { key: 'alerting/slack', property: 'webhook-url' }, channel: '#loyalty-alerts' }),
  }).optional(), 'Receiver of warnings: Slack.', { slack: { apiURL: { key: 'alerting/slack', property: 'webhook-url' }, channel: '#loyalty-alerts' } }),
  info: documented(z.strictObject({
    email: documented(z.strictObject({
      to: documented(z.array(documented(email, 'E-mail address.', 'loyalty-team@example.com')).min(1, { message: 'must list at least one address' }), 'Addresses; at least one.', ['loyalty-team@example.com']),
    }), 'Mail through the platform\'s SMTP relay.', { to: ['loyalty-team@example.com'] }),
  }).optional(), 'Receiver of info alerts: e-mail.', { email: { to: ['loyalty-team@example.com'] } }),
});
export type Receivers = z.output<typeof receiversSchema>;

/** Builds the schema of a tenant's `spec.alerting`: at least one receiver. */
export function tenantAlertingSchema(environment: z.ZodType<string>) {
  return documented(refineWith(receiversSchema.extend({
    environments: documented(z.array(environment).min(1).optional(), 'Environments (the tenant\'s own) whose alerts go to these receivers; default all.', ['prod']),
  }), (a, issue) => {
    if (!a.critical && !a.warning && !a.info) issue([], 'must declare at least one of critical, warning, info');
  }, { anyOf: [{ required: ['critical'] }, { required: ['warning'] }, { required: ['info'] }] }),
  'Receivers of the tenant\'s alerts by severity: critical pages, warnings to chat, info by mail.',
  { warning: { slack: { apiURL: { key: 'alerting/slack', property: 'webhook-url' }, channel: '#loyalty-alerts' } } });
}
export type TenantAlerting = z.output<ReturnType<typeof tenantAlertingSchema>>;

/**
 * Where the Watchdog alert goes: the dead man's switch. kube-prometheus-stack's
 * `general.rules` fire `Watchdog` for as long as the whole alerting pipeline
 * (Prometheus → rules → Alertmanager → notification) works; an external
 * service that expects it every few minutes (healthchecks.io, Opsgenie or
 * Grafana OnCall heartbeats, Dead Man's Snitch) pages when it stops.
 *
 * - `webhook`: Alertmanager posts Watchdog to `url` every `interval`
 *   (optionally with an `Authorization` header whose credentials come from
 *   the store). The URL is rendered into `dist/`: use the heartbeat's
 *   authorization header for the secret part (Alertmanager's `url_file`
 *   needs Alertmanager ≥ 0.26, newer than the `amtool` the checks run).
 * - `none`: no dead man's switch, with a written justification (Watchdog is
 *   then dropped; nothing notices a dead alerting pipeline).
 */
export const deadMansSwitchSchema = z.union([
  z.strictObject({
    webhook: z.strictObject({
      url: endpointUrl,
      /** `Authorization: <type> <credentials>` header, e.g. `GenieKey` for Opsgenie heartbeats. */
      authorization: z.strictObject({
        type: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { message: 'must be an HTTP authorization scheme such as Bearer or GenieKey' }).default('Bearer'),
        credentials: secretRef,
      }).optional(),
      /** How often Watchdog is re-sent (Alertmanager duration); the heartbeat's grace period must be longer. */
      interval: z.string().regex(/^[1-9][0-9]*[smh]$/, { message: 'must be a duration such as 1m or 5m' }).default('1m'),
    }),
  }),
  z.strictObject({ none: z.strictObject({ justification: prose(20, 'justification') }) }),
], { message: 'must be { webhook: { url, authorization?, interval? } } or { none: { justification } }' });
export type DeadMansSwitch = z.output<typeof deadMansSwitchSchema>;

/** The platform's alerting settings (`settings.observability.alerting`). */
export const alertingSettingsSchema = z.strictObject({
  /** Base URL of the runbooks; every alert links `<runbookBaseURL>/<alert name>`. */
  runbookBaseURL: endpointUrl,
  /** The `team` label of platform alerts. */
  team: labelValue.default('platform'),
  /** The platform team's receivers. */
  receivers: receiversSchema,
  /** Where the Watchdog alert goes (required: a dead man's switch, or `none` with a justification). */
  deadMansSwitch: deadMansSwitchSchema,
  /** SMTP relay for e-mail receivers (the Alertmanager global configuration). */
  smtp: z.strictObject({
    /** `host:port` of the relay. */
    smarthost: z.string().regex(/^[a-z0-9.-]+:\d{1,5}$/, { message: 'must be host:port such as smtp.example.com:587' }),
    from: email,
    /** SMTP user name (not a secret; the password is). */
    username: z.string().min(1).regex(/^[^\s"']+$/, { message: 'must not contain white space or quotes' }).optional(),
    password: secretRef.optional(),
    requireTLS: z.boolean().default(true),
  }).optional(),
});
export type AlertingSettings = z.output<typeof alertingSettingsSchema>;
