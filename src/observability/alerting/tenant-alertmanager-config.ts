/**
 * A tenant's alert routing in one of its namespaces: an AlertmanagerConfig
 * (monitoring.coreos.com/v1alpha1) routing by severity — critical to
 * PagerDuty or Opsgenie, warning to Slack, info to e-mail — with receiver
 * secrets read by reference from a Secret an ExternalSecret writes.
 *
 * With the Alertmanager's `alertmanagerConfigMatcherStrategy: OnNamespace`
 * (the operator default, which the platform sets explicitly) the operator
 * adds `namespace="<this namespace>"` to the top route, so a tenant receives
 * only the alerts of its own namespaces.
 */
import { Construct } from 'constructs';
import {
  AlertmanagerConfig, AlertmanagerConfigSpecInhibitRulesSourceMatchMatchType, AlertmanagerConfigSpecInhibitRulesTargetMatchMatchType,
  AlertmanagerConfigSpecReceivers, AlertmanagerConfigSpecReceiversOpsgenieConfigsRespondersType,
} from '../../../imports/monitoring.coreos.com';
import { Receivers, SEVERITIES } from '../../spec/alerting';
import { SecretFromStore } from '../../security/secrets/secret-from-store';
import { namedReceivers, receiverBySeverity, receiverSecrets } from './receivers';

/** Name of the receiver that drops what no declared receiver takes. */
export const NULL_RECEIVER = 'unrouted';

export interface TenantAlertmanagerConfigProps {
  readonly tenant: string;
  readonly namespace: string;
  readonly receivers: Receivers;
  /** The namespace's own SecretStore, which receiver secrets are read from (`TENANT_SECRET_STORE.store`). */
  readonly secretStoreName: string;
  /** The part of the store that SecretStore reads, prepended to every receiver key (`<tenant>/<environment>/`). */
  readonly secretKeyPrefix: string;
}

/**
 * Renders ExternalSecret `alertmanager-receivers` (when a receiver needs a
 * secret) and AlertmanagerConfig `<tenant>-alerts`.
 *
 * @throws Error when `receivers` declares none
 */
export class TenantAlertmanagerConfig extends Construct {
  constructor(scope: Construct, id: string, props: TenantAlertmanagerConfigProps) {
    super(scope, id);
    const declared = namedReceivers(props.receivers);
    if (declared.length === 0) throw new Error(`TenantAlertmanagerConfig ${props.tenant}: receivers declares none of critical, warning, info`);
    const secretName = 'alertmanager-receivers';
    const secrets = receiverSecrets(props.receivers);
    if (secrets.length > 0) {
      new SecretFromStore(this, 'Secret', {
        name: secretName,
        namespace: props.namespace,
        storeName: props.secretStoreName,
        storeKind: 'SecretStore',
        entries: secrets.map((s) => ({ secretKey: s.secretKey, remoteKey: `${props.secretKeyPrefix}${s.ref.key}`, property: s.ref.property })),
      });
    }
    const ref = (key: string) => ({ name: secretName, key });
    const r = props.receivers;
    const receivers: AlertmanagerConfigSpecReceivers[] = declared.map((n) => {
      switch (n.kind) {
        case 'pagerduty':
          return { name: n.name, pagerdutyConfigs: [{ routingKey: ref('pagerduty-routing-key'), sendResolved: true, severity: 'critical' }] };
        case 'opsgenie': {
          const og = r.critical && 'opsgenie' in r.critical ? r.critical.opsgenie : undefined;
          return {
            name: n.name,
            opsgenieConfigs: [{
              apiKey: ref('opsgenie-api-key'),
              sendResolved: true,
              priority: 'P1',
              responders: og && og.responders.length > 0
                ? og.responders.map((x) => ({ type: x.type as AlertmanagerConfigSpecReceiversOpsgenieConfigsRespondersType, name: x.name }))
                : undefined,
            }],
          };
        }
        case 'slack':
          return { name: n.name, slackConfigs: [{ apiUrl: ref('slack-api-url'), channel: r.warning!.slack.channel, sendResolved: true }] };
        case 'email':
          return { name: n.name, emailConfigs: r.info!.email.to.map((to) => ({ to, sendResolved: false })) };
      }
    });
    const bySeverity = receiverBySeverity(r);
    new AlertmanagerConfig(this, 'Resource', {
      metadata: { name: `${props.tenant}-alerts`, namespace: props.namespace },
      spec: {
        route: {
          receiver: NULL_RECEIVER,
          groupBy: ['alertname', 'slo'],
          groupWait: '30s',
          groupInterval: '5m',
          repeatInterval: '4h',
          routes: SEVERITIES.filter((s) => bySeverity[s]).map((s) => ({
            receiver: bySeverity[s],
            matchers: [{ name: 'severity', value: s, matchType: '=' }],
            repeatInterval: s === 'critical' ? '1h' : s === 'warning' ? '4h' : '24h',
          })),
        },
        receivers: [{ name: NULL_RECEIVER }, ...receivers],
        inhibitRules: [{
          sourceMatch: [{ name: 'severity', value: 'critical', matchType: AlertmanagerConfigSpecInhibitRulesSourceMatchMatchType.VALUE_EQUALS }],
          targetMatch: [{ name: 'severity', value: 'warning', matchType: AlertmanagerConfigSpecInhibitRulesTargetMatchMatchType.VALUE_EQUALS }],
          equal: ['alertname', 'slo'],
        }],
      },
    });
  }
}
