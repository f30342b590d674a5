/**
 * Alert routing in the platform definition: receivers per severity —
 * critical to PagerDuty or Opsgenie, warning to Slack, info to e-mail —
 * declared by the platform (`settings.observability.alerting`) and by each
 * tenant (`spec.alerting`). Receiver secrets are references to the external
 * secret store, never values.
 */
import { z } from 'zod';
import { labelValue, prose } from './fields';
import { email, endpointUrl, secretRef } from './observability-fields';

/** Alert severities the platform routes, most urgent first. */
export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

const opsgenieResponder = z.strictObject({
  type: z.enum(['team', 'user', 'escalation', 'schedule']),
  name: z.string().min(1).regex(/^[^\n\r"]+$/, { message: 'must be one line without double quotes' }),
});

/** Receivers per severity. */
export const receiversSchema = z.strictObject({
  /** Pages: PagerDuty (Events API v2 routing key) or Opsgenie (API key). */
  critical: z.union([
    z.strictObject({ pagerduty: z.strictObject({ routingKey: secretRef }) }),
    z.strictObject({ opsgenie: z.strictObject({ apiKey: secretRef, responders: z.array(opsgenieResponder).default([]) }) }),
  ], { message: 'must be { pagerduty: { routingKey } } or { opsgenie: { apiKey, responders } }' }).optional(),
  /** Chat: a Slack incoming webhook. */
  warning: z.strictObject({
    slack: z.strictObject({
      /** The incoming-webhook URL, a secret. */
      apiURL: secretRef,
      channel: z.string().regex(/^[#@]?[a-z0-9._-]+$/, { message: 'must be a Slack channel such as #payments-alerts' }),
    }),
  }).optional(),
  /** Mail. */
  info: z.strictObject({
    email: z.strictObject({ to: z.array(email).min(1, { message: 'must list at least one address' }) }),
  }).optional(),
});
export type Receivers = z.output<typeof receiversSchema>;

/** Builds the schema of a tenant's `spec.alerting`. */
export function tenantAlertingSchema(environment: z.ZodType<string>) {
  return receiversSchema.extend({
    /** Environments whose alerts are routed to these receivers; default all. */
    environments: z.array(environment).min(1).optional(),
  });
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
