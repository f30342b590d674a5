/**
 * What the Prometheus Operator does with a monitoring object, modelled on
 * prometheus-operator v0.93.0 (the operator kube-prometheus-stack 88.3.0
 * ships), so that tests can prove which Prometheus loads which object and
 * what a tenant's ServiceMonitor, PodMonitor, PrometheusRule or
 * AlertmanagerConfig can make the shared Prometheus and Alertmanager do.
 *
 * Sources (prometheus-operator v0.93.0):
 * - selection: `pkg/prometheus/resource_selector.go` `selectObjects` and the
 *   Prometheus CRD field docs — an empty label selector matches every object,
 *   a null one none; a null namespace selector means the Prometheus' own
 *   namespace only, an empty one every namespace;
 * - file-system access: `resource_selector.go` `checkServiceMonitor` /
 *   `testForArbitraryFSAccess` — with `arbitraryFSAccessThroughSMs.deny` a
 *   ServiceMonitor whose endpoint sets `bearerTokenFile` or a `tlsConfig`
 *   `caFile`/`certFile`/`keyFile` is rejected as a whole; PodMonitor
 *   endpoints have no file fields at all (`SafeTLSConfig`);
 * - namespaces scraped: `promcfg.go` `generateK8SSDConfig` — with
 *   `ignoreNamespaceSelectors` a monitor discovers targets in its own
 *   namespace only, whatever its `namespaceSelector` says;
 * - limits: `promcfg.go` `getLimit` and `appendGlobalLimits` — a monitor's
 *   own limit applies when it is positive and below the enforced one,
 *   otherwise the enforced one does (Prometheus ≥ 2.45 takes it from the
 *   global section);
 * - `honorLabels`: `AddHonorLabels` — false whenever `overrideHonorLabels`;
 * - namespace label: `pkg/namespacelabeler` — with `enforcedNamespaceLabel`
 *   every sample and alert gets that label set to the object's namespace,
 *   and every vector selector of a rule is restricted to it, unless the
 *   object is listed in `excludedFromEnforcement`;
 * - AlertmanagerConfig: `pkg/alertmanager/amcfg.go` `namespaceEnforcer` —
 *   with the `OnNamespace` matcher strategy the top route of each
 *   AlertmanagerConfig gets `namespace="<its namespace>"` (and
 *   `continue: true`), and its inhibit rules get the same matcher on both
 *   source and target.
 */
import { LabelSelector, selectorMatches } from '../../tenancy/network-policy-evaluator';

/** The kinds a Prometheus selects. */
export type MonitoringKind = 'ServiceMonitor' | 'PodMonitor' | 'Probe' | 'ScrapeConfig' | 'PrometheusRule';

/** The Prometheus `spec` fields this model reads (CRD field names). */
export interface PrometheusSpecView {
  readonly serviceMonitorSelector?: LabelSelector | null;
  readonly serviceMonitorNamespaceSelector?: LabelSelector | null;
  readonly podMonitorSelector?: LabelSelector | null;
  readonly podMonitorNamespaceSelector?: LabelSelector | null;
  readonly probeSelector?: LabelSelector | null;
  readonly probeNamespaceSelector?: LabelSelector | null;
  readonly scrapeConfigSelector?: LabelSelector | null;
  readonly scrapeConfigNamespaceSelector?: LabelSelector | null;
  readonly ruleSelector?: LabelSelector | null;
  readonly ruleNamespaceSelector?: LabelSelector | null;
  readonly arbitraryFSAccessThroughSMs?: { readonly deny?: boolean };
  readonly ignoreNamespaceSelectors?: boolean;
  readonly overrideHonorLabels?: boolean;
  readonly enforcedNamespaceLabel?: string;
  readonly excludedFromEnforcement?: ReadonlyArray<{ group?: string; resource: string; namespace: string; name?: string }>;
  readonly enforcedSampleLimit?: number;
  readonly enforcedTargetLimit?: number;
  readonly enforcedLabelLimit?: number;
  readonly enforcedLabelNameLengthLimit?: number;
  readonly enforcedLabelValueLengthLimit?: number;
  readonly enforcedKeepDroppedTargets?: number;
  readonly enforcedBodySizeLimit?: string;
  readonly sampleLimit?: number;
  readonly targetLimit?: number;
}

/** A Prometheus: its namespace and spec. */
export interface PrometheusView {
  readonly name: string;
  readonly namespace: string;
  readonly spec: PrometheusSpecView;
}

/** A monitoring object as the operator lists it. */
export interface MonitoringObject {
  readonly kind: MonitoringKind;
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly spec?: Record<string, any>;
}

const FIELDS: Record<MonitoringKind, readonly [keyof PrometheusSpecView, keyof PrometheusSpecView, string]> = {
  ServiceMonitor: ['serviceMonitorSelector', 'serviceMonitorNamespaceSelector', 'servicemonitors'],
  PodMonitor: ['podMonitorSelector', 'podMonitorNamespaceSelector', 'podmonitors'],
  Probe: ['probeSelector', 'probeNamespaceSelector', 'probes'],
  ScrapeConfig: ['scrapeConfigSelector', 'scrapeConfigNamespaceSelector', 'scrapeconfigs'],
  PrometheusRule: ['ruleSelector', 'ruleNamespaceSelector', 'prometheusrules'],
};

/**
 * True when `prometheus` selects `object` by its selectors (before any
 * validity check), given the labels of the object's namespace.
 */
export function prometheusSelects(prometheus: PrometheusView, object: MonitoringObject, namespaceLabels: Readonly<Record<string, string>>): boolean {
  const [selectorField, namespaceField] = FIELDS[object.kind];
  const selector = prometheus.spec[selectorField] as LabelSelector | null | undefined;
  if (selector === null || selector === undefined) return false;
  const nsSelector = prometheus.spec[namespaceField] as LabelSelector | null | undefined;
  const namespaceOk = nsSelector === null || nsSelector === undefined
    ? object.namespace === prometheus.namespace
    : selectorMatches(nsSelector, { ...namespaceLabels, 'kubernetes.io/metadata.name': object.namespace });
  return namespaceOk && selectorMatches(selector, { ...(object.labels ?? {}) });
}

/** Why the operator rejects a selected ServiceMonitor, or undefined when it accepts it (file-system access only). */
export function fileSystemAccess(spec: PrometheusSpecView, object: MonitoringObject): string | undefined {
  if (object.kind !== 'ServiceMonitor' || !spec.arbitraryFSAccessThroughSMs?.deny) return undefined;
  const endpoints: any[] = object.spec?.endpoints ?? [];
  for (const [i, e] of endpoints.entries()) {
    if (e.bearerTokenFile) return `endpoints[${i}]: it accesses file system via bearer token file which Prometheus specification prohibits`;
    const tls = e.tlsConfig;
    if (tls && (tls.caFile || tls.certFile || tls.keyFile)) return `endpoints[${i}]: it accesses file system via tls config which Prometheus specification prohibits`;
  }
  return undefined;
}

/** The namespaces a selected monitor discovers targets in: `'all'` or a list. */
export function targetNamespaces(spec: PrometheusSpecView, object: MonitoringObject): 'all' | string[] {
  if (spec.ignoreNamespaceSelectors) return [object.namespace];
  const sel = object.spec?.namespaceSelector;
  if (sel?.any) return 'all';
  if (Array.isArray(sel?.matchNames) && sel.matchNames.length > 0) return [...sel.matchNames];
  return [object.namespace];
}

/** `getLimit`: the limit a scrape job ends up with (undefined: none). */
export function effectiveLimit(own: number | undefined, enforced: number | undefined, globalDefault?: number): number | undefined {
  const e = enforced ?? 0;
  const u = own ?? 0;
  if (e === 0) return u > 0 ? u : globalDefault;
  if (u === 0) return globalDefault !== undefined && globalDefault > 0 && globalDefault < e ? globalDefault : e;
  return e > u ? u : e;
}

/** What a scrape job generated from one monitor endpoint is allowed. */
export interface ScrapeJobVerdict {
  /** Undefined when the operator loads the monitor; otherwise why it drops it. */
  readonly rejected?: string;
  readonly namespaces: 'all' | string[];
  readonly honorLabels: boolean;
  /** Label forced onto every sample (its value is the monitor's namespace), if any. */
  readonly namespaceLabel?: string;
  readonly sampleLimit?: number;
  readonly targetLimit?: number;
  readonly labelLimit?: number;
  readonly labelNameLengthLimit?: number;
  readonly labelValueLengthLimit?: number;
  readonly keepDroppedTargets?: number;
  readonly bodySizeLimit?: string;
}

function excluded(spec: PrometheusSpecView, object: MonitoringObject): boolean {
  const resource = FIELDS[object.kind][2];
  return (spec.excludedFromEnforcement ?? []).some((r) =>
    r.resource === resource && r.namespace === object.namespace && (r.name === undefined || r.name === object.name));
}

/** The label enforced on what `object` produces, or undefined. */
export function enforcedLabel(spec: PrometheusSpecView, object: MonitoringObject): string | undefined {
  return spec.enforcedNamespaceLabel && !excluded(spec, object) ? spec.enforcedNamespaceLabel : undefined;
}

/**
 * How `prometheus` treats endpoint `endpoint` of a ServiceMonitor or
 * PodMonitor it selects.
 */
export function scrapeJob(spec: PrometheusSpecView, object: MonitoringObject, endpoint = 0): ScrapeJobVerdict {
  const eps: any[] = (object.kind === 'ServiceMonitor' ? object.spec?.endpoints : object.spec?.podMetricsEndpoints) ?? [];
  const ep = eps[endpoint] ?? {};
  const own = object.spec ?? {};
  return {
    rejected: fileSystemAccess(spec, object),
    namespaces: targetNamespaces(spec, object),
    honorLabels: Boolean(ep.honorLabels) && !spec.overrideHonorLabels,
    namespaceLabel: enforcedLabel(spec, object),
    sampleLimit: effectiveLimit(own.sampleLimit, spec.enforcedSampleLimit, spec.sampleLimit),
    targetLimit: effectiveLimit(own.targetLimit, spec.enforcedTargetLimit, spec.targetLimit),
    labelLimit: effectiveLimit(own.labelLimit, spec.enforcedLabelLimit),
    labelNameLengthLimit: effectiveLimit(own.labelNameLengthLimit, spec.enforcedLabelNameLengthLimit),
    labelValueLengthLimit: effectiveLimit(own.labelValueLengthLimit, spec.enforcedLabelValueLengthLimit),
    keepDroppedTargets: effectiveLimit(own.keepDroppedTargets, spec.enforcedKeepDroppedTargets),
    bodySizeLimit: spec.enforcedBodySizeLimit,
  };
}

/** An alert as Alertmanager receives it: its labels. */
export type AlertLabels = Readonly<Record<string, string>>;

/**
 * True when an AlertmanagerConfig in `namespace` can see `alert` at all —
 * route it or use it in an inhibit rule — under the matcher strategy `strategy`
 * (`OnNamespace`: only alerts whose `namespace` label is its own; `None`: any).
 */
export function alertmanagerConfigSees(strategy: 'OnNamespace' | 'None', namespace: string, alert: AlertLabels): boolean {
  return strategy === 'None' || alert.namespace === namespace;
}
