/**
 * Which gem provides each fluentd plugin the platform's pipeline uses, and
 * the pinned fluentd image with the gems it ships.
 *
 * Sources: the `register_*` call of each plugin (the `@type` it registers)
 * and the Gemfile.lock of the upstream image, fluent/fluentd-kubernetes-daemonset
 * `docker-image/v1.19/debian-elasticsearch8/Gemfile.lock` at v1.19.3-1.1
 * (commit 849b9e1e). The parameters each release accepts are in
 * `plugin-catalog.ts`.
 */
import { LogOutputType } from '../../spec/logging';

/** Plugins compiled into fluentd itself. */
export const CORE = 'fluentd';

/** Gem of each plugin, by `<directive>/<@type>`. */
export const PLUGIN_GEMS: Readonly<Record<string, string>> = {
  'source/tail': CORE,
  'source/http': CORE,
  'source/systemd': 'fluent-plugin-systemd',
  'source/prometheus': 'fluent-plugin-prometheus',
  'source/prometheus_output_monitor': 'fluent-plugin-prometheus',
  'filter/concat': 'fluent-plugin-concat',
  'filter/kubernetes_metadata': 'fluent-plugin-kubernetes_metadata_filter',
  'filter/grep': CORE,
  'filter/parser': CORE,
  'filter/record_transformer': CORE,
  'match/rewrite_tag_filter': 'fluent-plugin-rewrite-tag-filter',
  'match/elasticsearch': 'fluent-plugin-elasticsearch',
  'match/opensearch': 'fluent-plugin-opensearch',
  'match/splunk_hec': 'fluent-plugin-splunk-hec',
  'match/loki': 'fluent-plugin-grafana-loki',
  'match/s3': 'fluent-plugin-s3',
  'match/stdout': CORE,
};

/** The fluentd `@type` of each log output kind of the definition. */
export const OUTPUT_PLUGIN: Readonly<Record<LogOutputType, string>> = {
  elasticsearch: 'elasticsearch',
  opensearch: 'opensearch',
  splunk: 'splunk_hec',
  loki: 'loki',
  s3: 's3',
};

/** The gem an output kind needs. */
export function outputGem(type: LogOutputType): string {
  return PLUGIN_GEMS[`match/${OUTPUT_PLUGIN[type]}`];
}

/** Gems every pipeline needs besides its outputs (sources, filters, routing, metrics). */
export const PIPELINE_GEMS: readonly string[] = [...new Set(Object.entries(PLUGIN_GEMS)
  .filter(([key]) => !key.startsWith('match/') || key === 'match/rewrite_tag_filter')
  .map(([, gem]) => gem)
  .filter((gem) => gem !== CORE))].sort();

/** A fluentd image and the plugin gems installed in it. */
export interface FluentdImage {
  readonly reference: string;
  readonly plugins: readonly string[];
  /** Gem versions the image ships (its Gemfile.lock), where known. */
  readonly versions?: Readonly<Record<string, string>>;
}

/**
 * The default image: upstream fluentd-kubernetes-daemonset, Debian,
 * Elasticsearch 8 flavour (fluentd 1.19). It ships the Elasticsearch output
 * only; for OpenSearch, Splunk HEC, Loki or S3 outputs declare an image built
 * from it with those gems added (`settings.observability.logging.image`).
 */
export const FLUENTD_IMAGE: FluentdImage = {
  reference: 'docker.io/fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-elasticsearch8-1.1',
  plugins: [
    'fluent-plugin-concat',
    'fluent-plugin-dedot_filter',
    'fluent-plugin-detect-exceptions',
    'fluent-plugin-elasticsearch',
    'fluent-plugin-grok-parser',
    'fluent-plugin-json-in-json-2',
    'fluent-plugin-kubernetes_metadata_filter',
    'fluent-plugin-multi-format-parser',
    'fluent-plugin-parser-cri',
    'fluent-plugin-prometheus',
    'fluent-plugin-record-modifier',
    'fluent-plugin-rewrite-tag-filter',
    'fluent-plugin-systemd',
  ],
  versions: {
    'fluentd': '1.19.3',
    'fluent-plugin-concat': '2.6.2',
    'fluent-plugin-dedot_filter': '1.0.0',
    'fluent-plugin-detect-exceptions': '0.0.16',
    'fluent-plugin-elasticsearch': '5.4.4',
    'fluent-plugin-grok-parser': '2.6.2',
    'fluent-plugin-json-in-json-2': '1.0.2',
    'fluent-plugin-kubernetes_metadata_filter': '3.8.0',
    'fluent-plugin-multi-format-parser': '1.0.0',
    'fluent-plugin-parser-cri': '0.1.1',
    'fluent-plugin-prometheus': '2.2.2',
    'fluent-plugin-record-modifier': '2.2.1',
    'fluent-plugin-rewrite-tag-filter': '2.4.0',
    'fluent-plugin-systemd': '1.1.1',
  },
};

/**
 * The gems `image` lacks for a pipeline with outputs of `outputTypes`.
 *
 * @returns missing gem names, sorted; empty when the image has them all
 */
export function missingGems(image: FluentdImage, outputTypes: Iterable<LogOutputType>): string[] {
  const needed = new Set(PIPELINE_GEMS);
  for (const t of outputTypes) needed.add(outputGem(t));
  return [...needed].filter((g) => !image.plugins.includes(g)).sort();
}
