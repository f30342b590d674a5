/**
 * Small platforms for observability tests: the fixture organisation's settings
 * and clusters with other tenants, loaded through the real validation, and
 * the fluentd configuration one cluster renders.
 */
import { stringify } from 'yaml';
import { pipelineDirectives } from '../../src/observability/fluentd/pipeline';
import { renderCheckedConfig } from '../../src/observability/fluentd/config';
import { clusterRoutingTable } from '../../src/observability/logging-component';
import { ClusterInput } from '../../src/spec/cluster';
import { TEST_CLUSTER_ADDONS } from './definitions';
import { loadPlatform } from '../../src/definition/load';
import { PlatformSpec } from '../../src/spec/model';
import { PlatformSettingsInput } from '../../src/spec/settings';
import { settings as defaultSettings } from '../fixtures/example-org/platform/settings';

/** Every output plugin gem, for tests that use every output kind. */
export const ALL_PLUGINS_IMAGE = {
  reference: 'registry.example.com/platform/fluentd:v1.19.3-1',
  plugins: ['fluent-plugin-concat', 'fluent-plugin-elasticsearch', 'fluent-plugin-grafana-loki', 'fluent-plugin-kubernetes_metadata_filter',
    'fluent-plugin-opensearch', 'fluent-plugin-prometheus', 'fluent-plugin-rewrite-tag-filter', 'fluent-plugin-s3',
    'fluent-plugin-splunk-hec', 'fluent-plugin-systemd'],
};

/** One cluster `c1` running environment `prod`. */
export const ONE_CLUSTER: ClusterInput[] = [{
  name: 'c1', environment: 'prod', region: 'eu-west-1', zones: ['eu-west-1a'], kubernetesVersion: '1.30',
  ingressDomain: 'c1.example.com', oidc: { groupPrefix: 'oidc:' }, gitops: { engine: 'argocd', repoURL: 'https://git.example.com/p.git' },
  secretStore: { vault: { server: 'https://vault.example.com:8200' } },
  addons: TEST_CLUSTER_ADDONS,
}];

/** A tenant document with `spec` merged over a minimal valid tenant placed on `c1`. */
export function tenantDoc(name: string, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'platform.cdk8s.io/v1alpha1',
    kind: 'Tenant',
    metadata: { name },
    spec: {
      owners: [{ name: 'Owner', email: 'owner@example.com' }],
      costCenter: 'cc-1',
      access: { admin: { groups: [`team-${name}-admins`] } },
      environments: { prod: { clusters: ['c1'], quota: { cpu: { requests: '1', limits: '2' }, memory: { requests: '1Gi', limits: '2Gi' } } } },
      ...spec,
    },
  };
}

/** Settings of the fixture organisation with `observability` replaced (or merged) and environments dev, prod. */
export function settingsWith(observability?: Partial<NonNullable<PlatformSettingsInput['observability']>> | null): PlatformSettingsInput {
  const base = { ...defaultSettings, environments: ['dev', 'prod'] };
  if (observability === null) return { ...base, observability: undefined };
  return { ...base, observability: { ...defaultSettings.observability!, ...observability } };
}

/** Loads a platform of `ONE_CLUSTER` (or `clusters`) with these tenants. */
export function loadTest(settings: PlatformSettingsInput, tenants: Record<string, unknown>[], clusters: ClusterInput[] = ONE_CLUSTER): PlatformSpec {
  return loadPlatform({
    settings,
    settingsFile: 'platform/settings.ts',
    clusters,
    clustersFile: 'platform/clusters.ts',
    tenantFiles: tenants.map((t) => ({ file: `tenants/${(t.metadata as { name: string }).name}.yaml`, text: stringify(t) })),
  });
}

/** The fluentd configuration text of cluster `name`. */
export function fluentdConfigOf(platform: PlatformSpec, name = 'c1'): string {
  const cluster = platform.clusters.find((c) => c.name === name)!;
  const table = clusterRoutingTable(platform, cluster);
  return renderCheckedConfig(['test'], pipelineDirectives(table));
}
