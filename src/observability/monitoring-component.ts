/**
 * The `monitoring-rules` platform component: the platform's PrometheusRules
 * (one per concern) and the ExternalSecrets the platform Alertmanager and
 * remote write read, in the monitoring namespace. Prometheus and
 * Alertmanager themselves come with the kube-prometheus-stack add-on, which
 * takes {@link observabilityStackValues}.
 */
import { PlatformComponent, WAVES } from '../contracts/component';
import { platformReceiverSecrets, PLATFORM_RECEIVERS_SECRET } from './alerting/platform-alertmanager';
import { SecretFromStore } from '../security/secrets/secret-from-store';
import { FLUENTD_NAME } from './fluentd/pipeline';
import { AUDIT_OUTPUT_ID } from './fluentd/routing';
import { platformRuleGroups } from './monitoring/platform-rules';
import { RulesResource } from './monitoring/rules';
import { PLATFORM_MONITORING_LABELS } from './monitoring/selection';
import { REMOTE_WRITE_SECRET, remoteWriteSecretKeys } from './monitoring/stack-values';
import { secretStoreNameOf } from '../spec/secrets';

/** Renders `platform/monitoring-rules/`. */
export const monitoringRulesComponent: PlatformComponent = {
  name: 'monitoring-rules',
  wave: WAVES.platform,
  enabledOn: (ctx) => ctx.platform.settings.observability !== undefined,
  build(scope, ctx) {
    const observability = ctx.platform.settings.observability!;
    const namespace = ctx.platform.settings.namespaces.monitoring;
    const groups = platformRuleGroups({
      team: observability.alerting.team,
      engine: ctx.cluster.gitops.engine,
      fluentdJob: FLUENTD_NAME,
      auditOutputId: AUDIT_OUTPUT_ID,
    });
    for (const group of groups) {
      new RulesResource(scope, group.name, {
        name: group.name.replace(/\./g, '-'),
        namespace,
        labels: PLATFORM_MONITORING_LABELS,
        groups: [group],
        runbookBaseURL: observability.alerting.runbookBaseURL,
      });
    }
    const secrets: Array<[string, string, ReturnType<typeof platformReceiverSecrets>]> = [
      ['ReceiverSecrets', PLATFORM_RECEIVERS_SECRET, platformReceiverSecrets(observability.alerting)],
      ['RemoteWriteSecrets', REMOTE_WRITE_SECRET, ctx.cluster.observability.remoteWrite.flatMap(remoteWriteSecretKeys)],
    ];
    for (const [id, name, entries] of secrets) {
      if (entries.length === 0) continue;
      new SecretFromStore(scope, id, {
        name,
        namespace,
        storeName: secretStoreNameOf(ctx.cluster),
        entries: entries.map((s) => ({ secretKey: s.secretKey, remoteKey: s.ref.key, property: s.ref.property })),
      });
    }
  },
};
