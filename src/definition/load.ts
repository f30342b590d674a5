/**
 * Parses and validates the whole platform definition — settings, clusters and
 * tenant files — into a {@link PlatformSpec}, or throws a
 * {@link DefinitionError} listing every problem found.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkAddons } from '../addons/addon-checks';
import { checkCluster, checkClusterSet, checkTenant, checkTenantSet, locate, LocatedTenant, mergeLimitRange } from './checks';
import { ClusterInput, clusterSchema, ClusterSpec } from '../spec/cluster';
import { PlatformSpec } from '../spec/model';
import { checkLogPipeline, checkObservabilitySettings, checkTenantObservability } from './observability-checks';
import { DefinitionError, Problem } from '../spec/problems';
import { PlatformSettings, PlatformSettingsInput, reachableFromNamespaces, settingsSchema } from '../spec/settings';
import { environmentSchema, TenantEnvironmentSpec, TenantSchemaContext, tenantSchema, TenantSpec } from '../spec/tenant';
import { checkClusterSecurity, checkIngressDomains, checkTenantSecurity } from './security-checks';
import { parseYamlSource } from '../spec/yaml-source';
import { parseWithProblems, valueAt } from '../spec/zod-problems';

/** A tenant file's path (relative to the project root) and content. */
export interface TenantFile {
  readonly file: string;
  readonly text: string;
}

/** Everything the platform definition is made of, before validation. */
export interface PlatformSources {
  readonly settings: PlatformSettingsInput;
  /** File the settings are declared in, for error messages. */
  readonly settingsFile: string;
  readonly clusters: readonly ClusterInput[];
  /** File the clusters are declared in, for error messages. */
  readonly clustersFile: string;
  readonly tenantFiles: readonly TenantFile[];
}

/**
 * Reads every `*.yaml` / `*.yml` file in `dir`, sorted by name.
 *
 * @param dir the tenants folder
 * @param root paths in the result are relative to this folder
 */
export function readTenantFiles(dir: string, root: string): TenantFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => {
      const full = path.join(dir, f);
      return { file: path.relative(root, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') };
    });
}

/** The tenant schema context for a platform with these settings and clusters. */
export function tenantContext(settings: PlatformSettings, clusters: readonly ClusterSpec[]): TenantSchemaContext {
  return {
    environments: settings.environments,
    clusters: clusters.map((c) => c.name),
    reachableNamespaces: reachableFromNamespaces(settings),
    quotaDefaults: settings.tenantDefaults.quota,
  };
}

/**
 * Validates the platform definition.
 *
 * @returns the platform with defaults applied; tenants sorted by name
 * @throws DefinitionError with every problem (file, line, path, value, what is allowed)
 */
export function loadPlatform(sources: PlatformSources): PlatformSpec {
  const problems: Problem[] = [];

  const settingsResult = parseWithProblems(settingsSchema, sources.settings, { file: sources.settingsFile });
  problems.push(...settingsResult.problems);
  const settings = settingsResult.value;
  if (!settings) throw new DefinitionError(problems);

  const clusters: ClusterSpec[] = [];
  const schema = clusterSchema(settings.environments);
  sources.clusters.forEach((input, i) => {
    const r = parseWithProblems(schema, input, { file: sources.clustersFile, prefix: ['clusters', i] });
    problems.push(...r.problems);
    if (r.value) {
      clusters.push(r.value);
      problems.push(...checkCluster(r.value, i, sources.clustersFile));
    }
  });
  problems.push(...checkClusterSet(clusters, sources.clustersFile));
  problems.push(...checkClusterSecurity(clusters, settings, sources.clustersFile));

  // Tenants are checked against every declared cluster name, even ones with
  // other problems, so that one bad cluster does not hide tenant problems.
  const knownClusters = sources.clusters
    .map((c) => (c as { name?: unknown }).name)
    .filter((n): n is string => typeof n === 'string');
  const ctx = { ...tenantContext(settings, clusters), clusters: [...new Set(knownClusters)] };
  const tSchema = tenantSchema(ctx);

  const envSchema = environmentSchema(ctx);
  const valid: TenantSpec[] = [];
  const located: LocatedTenant[] = [];
  const specs = new Map<LocatedTenant, TenantSpec>();
  const settingsSrc = { file: sources.settingsFile };
  const clustersSrc = { file: sources.clustersFile };
  problems.push(...checkObservabilitySettings(settings, clusters, settingsSrc, clustersSrc));
  for (const tf of sources.tenantFiles) {
    const src = parseYamlSource(tf.file, tf.text);
    problems.push(...src.problems);
    if (src.problems.length > 0) continue;
    const r = parseWithProblems(tSchema, src.data, { file: tf.file, lineOf: src.lineOf });
    problems.push(...r.problems);
    if (r.value) {
      valid.push(r.value);
      const l = locate(r.value, tf.file, src.lineOf);
      located.push(l);
      specs.set(l, r.value);
      problems.push(...checkTenantObservability(r.value, settings, { file: tf.file, lineOf: src.lineOf }));
    } else {
      const partial = salvage(src.data, envSchema, settings.environments);
      if (partial) located.push({ ...partial, file: tf.file, lineOf: src.lineOf });
    }
  }
  for (const t of located) {
    problems.push(...checkTenant(t, settings, clusters));
    problems.push(...checkTenantSecurity(t, specs.get(t), settings, clusters));
  }
  problems.push(...checkTenantSet(located));
  problems.push(...checkIngressDomains(located, clusters));

  if (problems.length > 0) throw new DefinitionError(problems);

  const tenants = valid
    .map((t) => withMergedDefaults(t, settings))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const platform = { settings, clusters, tenants };
  problems.push(...checkLogPipeline(platform, settingsSrc, clustersSrc));
  problems.push(...checkAddons(platform, sources.clustersFile));
  if (problems.length > 0) throw new DefinitionError(problems);
  return platform;
}

/**
 * The parts of an invalid tenant that are valid on their own — its name and
 * each environment that passes the environment schema — so that the
 * cross-field and cross-tenant checks still run and report their problems too.
 */
function salvage(
  data: unknown, envSchema: ReturnType<typeof environmentSchema>, environments: readonly string[],
): Omit<LocatedTenant, 'file' | 'lineOf'> | undefined {
  const name = valueAt(data, ['metadata', 'name']);
  if (typeof name !== 'string' || name === '') return undefined;
  const envs: Record<string, TenantEnvironmentSpec> = {};
  const raw = valueAt(data, ['spec', 'environments']);
  if (raw && typeof raw === 'object') {
    for (const [env, value] of Object.entries(raw)) {
      if (!environments.includes(env)) continue;
      const r = envSchema.safeParse(value);
      if (r.success) envs[env] = r.data;
    }
  }
  return { name, environments: envs };
}

function withMergedDefaults(tenant: TenantSpec, settings: PlatformSettings): TenantSpec {
  const environments: TenantSpec['spec']['environments'] = {};
  for (const [name, env] of Object.entries(tenant.spec.environments)) {
    if (!env) continue;
    environments[name] = { ...env, limitRange: mergeLimitRange(settings.tenantDefaults.limitRange, env.limitRange) };
  }
  return { ...tenant, spec: { ...tenant.spec, environments } };
}
