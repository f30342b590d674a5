/**
 * What kube-prometheus-stack 88.3.0 renders that decides which Prometheus
 * loads which monitoring object: the Prometheus' selectors as its template
 * writes them from the values, and the PrometheusRules and ServiceMonitors
 * the chart (and its subcharts) render, with their namespaces and labels.
 *
 * A model of the chart's templates (they are not in ../shared/charts), each
 * fact from prometheus-community/helm-charts at tag kube-prometheus-stack-88.3.0:
 * - `templates/prometheus/prometheus.yaml`: `<x>Selector` is written as given
 *   when the value is a non-empty map (`{{- if .Values...Selector }}`: an
 *   empty map is false in a Go template); otherwise, when
 *   `<x>SelectorNilUsesHelmValues` is true, `matchLabels: { release: <release> }`;
 *   otherwise `{}` — except `ruleSelector` and `scrapeConfigSelector`, which
 *   are left out (null: select nothing) when the value itself is null.
 *   `<x>NamespaceSelector`: as given when non-empty, else `{}`.
 * - `templates/_helpers.tpl` `kube-prometheus-stack.labels`: `release`,
 *   `heritage`, `chart`, `app.kubernetes.io/{managed-by,instance,version,part-of}`;
 *   `kube-prometheus-stack.namespace`: the release namespace.
 * - `templates/prometheus/_rules.tpl` `rules.names` and
 *   `templates/prometheus/rules-1.14/*.yaml`: one PrometheusRule per rule
 *   file, named `<fullname>-<name>`, in the release namespace, labelled
 *   `app: kube-prometheus-stack` plus the chart labels (`general.rules`
 *   holds Watchdog and InfoInhibitor).
 * - ServiceMonitors: operator, prometheus, alertmanager, apiserver, kubelet in
 *   the release namespace; coredns, kube-controller-manager, kube-etcd,
 *   kube-scheduler, kube-proxy in the release namespace, or `kube-system`
 *   when `prometheusSpec.ignoreNamespaceSelectors` (`templates/exporters/*`);
 *   node-exporter and grafana (subcharts) in the release namespace.
 */

/** A label selector as the chart writes it (null: not written). */
export type Selector = { matchLabels?: Record<string, string>; matchExpressions?: any[] } | null;

const nonEmpty = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.keys(v as object).length > 0;

/** The object selectors and namespace selectors the chart writes into the Prometheus for `prometheusSpec` values. */
export function renderedPrometheusSelectors(prometheusSpec: Record<string, any>, release: string): Record<string, Selector> {
  const out: Record<string, Selector> = {};
  const object = (name: string, nullable: boolean) => {
    const v = prometheusSpec[`${name}Selector`];
    if (nonEmpty(v)) out[`${name}Selector`] = v as Selector;
    else if (prometheusSpec[`${name}SelectorNilUsesHelmValues`] ?? true) out[`${name}Selector`] = { matchLabels: { release } };
    else if (nullable && v === null) out[`${name}Selector`] = null;
    else out[`${name}Selector`] = {};
    const ns = prometheusSpec[`${name}NamespaceSelector`];
    out[`${name}NamespaceSelector`] = nonEmpty(ns) ? ns as Selector : {};
  };
  object('serviceMonitor', false);
  object('podMonitor', false);
  object('probe', false);
  object('rule', true);
  object('scrapeConfig', true);
  return out;
}

/** The labels `kube-prometheus-stack.labels` gives every object of the release. */
export function chartLabels(release: string, chartVersion = '88.3.0'): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/instance': release,
    'app.kubernetes.io/version': chartVersion,
    'app.kubernetes.io/part-of': 'kube-prometheus-stack',
    'chart': `kube-prometheus-stack-${chartVersion}`,
    'release': release,
    'heritage': 'Helm',
  };
}

/** `rules.names` of templates/prometheus/_rules.tpl at 88.3.0. */
export const DEFAULT_RULE_NAMES = [
  'alertmanager.rules', 'config-reloaders', 'etcd', 'general.rules', 'k8s.rules.container-cpu-limits',
  'k8s.rules.container-cpu-requests', 'k8s.rules.container-cpu-usage-seconds-total', 'k8s.rules.container-memory-cache',
  'k8s.rules.container-memory-limits', 'k8s.rules.container-memory-requests', 'k8s.rules.container-memory-rss',
  'k8s.rules.container-memory-swap', 'k8s.rules.container-memory-working-set-bytes', 'k8s.rules.container-resource',
  'k8s.rules.pod-owner', 'kube-apiserver-availability.rules', 'kube-apiserver-burnrate.rules', 'kube-apiserver-histogram.rules',
  'kube-apiserver-slos', 'kube-prometheus-general.rules', 'kube-prometheus-node-recording.rules', 'kube-scheduler.rules',
  'kube-state-metrics', 'kubelet.rules', 'kubernetes-apps', 'kubernetes-resources', 'kubernetes-storage', 'kubernetes-system',
  'kubernetes-system-kube-proxy', 'kubernetes-system-apiserver', 'kubernetes-system-kubelet', 'kubernetes-system-controller-manager',
  'kubernetes-system-scheduler', 'node-exporter.rules', 'node-exporter', 'node.rules', 'node-network', 'prometheus-operator',
  'prometheus', 'windows.node.rules', 'windows.pod.rules',
] as const;

/** A monitoring object the chart renders. */
export interface ChartMonitoringObject {
  readonly kind: 'PrometheusRule' | 'ServiceMonitor';
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** The PrometheusRules and ServiceMonitors the release renders into `namespace` with `prometheusSpec` values. */
export function chartMonitoringObjects(release: string, namespace: string, prometheusSpec: Record<string, any>): ChartMonitoringObject[] {
  const labels = chartLabels(release);
  const rules = DEFAULT_RULE_NAMES.map((n) => ({ kind: 'PrometheusRule' as const, name: `${release}-${n}`, namespace, labels: { app: 'kube-prometheus-stack', ...labels } }));
  const exporters = prometheusSpec.ignoreNamespaceSelectors ? 'kube-system' : namespace;
  const sm = (name: string, ns: string, app: string): ChartMonitoringObject => ({ kind: 'ServiceMonitor', name: `${release}-${name}`, namespace: ns, labels: { app, ...labels } });
  return [
    ...rules,
    sm('operator', namespace, 'kube-prometheus-stack-operator'),
    sm('prometheus', namespace, 'kube-prometheus-stack-prometheus'),
    sm('alertmanager', namespace, 'kube-prometheus-stack-alertmanager'),
    sm('apiserver', prometheusSpec.ignoreNamespaceSelectors ? 'default' : namespace, 'kube-prometheus-stack-apiserver'),
    sm('kubelet', prometheusSpec.ignoreNamespaceSelectors ? 'kube-system' : namespace, 'kube-prometheus-stack-kubelet'),
    sm('coredns', exporters, 'kube-prometheus-stack-coredns'),
    sm('kube-controller-manager', exporters, 'kube-prometheus-stack-kube-controller-manager'),
    sm('kube-etcd', exporters, 'kube-prometheus-stack-kube-etcd'),
    sm('kube-scheduler', exporters, 'kube-prometheus-stack-kube-scheduler'),
    sm('kube-proxy', exporters, 'kube-prometheus-stack-kube-proxy'),
    { kind: 'ServiceMonitor', name: `${release}-prometheus-node-exporter`, namespace, labels: { 'app.kubernetes.io/name': 'prometheus-node-exporter', release } },
    { kind: 'ServiceMonitor', name: `${release}-grafana`, namespace, labels: { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': release } },
  ];
}

/**
 * ServiceMonitors and PodMonitors the other add-on charts render, read from
 * their values: each `serviceMonitor` / `podMonitor` / `monitor` map that is
 * enabled (`enabled: true` or `create: true`) renders one monitor in its
 * `namespace` value or else the release namespace (the usual chart
 * convention, e.g. external-dns 1.19.0 `templates/servicemonitor.yaml`,
 * ingress-nginx 4.13.3 `controller-servicemonitor.yaml`).
 */
export function addonMonitors(release: string, releaseNamespace: string, values: unknown): { kind: 'ServiceMonitor' | 'PodMonitor'; name: string; namespace: string; labels: Record<string, string> }[] {
  const out: { kind: 'ServiceMonitor' | 'PodMonitor'; name: string; namespace: string; labels: Record<string, string> }[] = [];
  const visit = (v: unknown, path: string[]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return;
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      if (['serviceMonitor', 'servicemonitor', 'podMonitor', 'monitor'].includes(k) && child && typeof child === 'object') {
        const c = child as Record<string, unknown>;
        if (c.enabled === true || c.create === true) {
          out.push({
            kind: k === 'podMonitor' ? 'PodMonitor' : 'ServiceMonitor',
            name: `${release}-${[...path, k].join('.')}`,
            namespace: typeof c.namespace === 'string' && c.namespace ? c.namespace : releaseNamespace,
            labels: { ...((c.additionalLabels ?? c.labels ?? {}) as Record<string, string>), 'app.kubernetes.io/instance': release },
          });
        }
      }
      visit(child, [...path, k]);
    }
  };
  visit(values, []);
  return out;
}
