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
import { FLUENTD_IMAGE, outputGem } from '../observability/fluentd/plugins';
import { platformGroupRoles } from '../spec/identity';
import { LOG_OUTPUT_TYPES } from '../spec/logging';
import { PlatformSettings, PlatformSettingsInput, reachableFromNamespaces, reservedNamespaces, settingsSchema } from '../spec/settings';
import {
  environmentSchema, TenantEnvironmentSpec, TenantSchemaCluster, TenantSchemaContext, tenantSchema, TenantSpec,
} from '../spec/tenant';
import { checkClusterSecurity, checkIdentitySettings, checkIngressDomains, checkTenantSecurity } from './security-checks';
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
export function tenantContext(settings: PlatformSettings, clusters: readonly TenantSchemaCluster[]): TenantSchemaContext {
  const platformGroups: Record<string, string> = Object.fromEntries(platformGroupRoles(settings.access));
  const image = settings.observability?.logging.image ?? FLUENTD_IMAGE;
  return {
    environments: settings.environments,
    clusters,
    reachableNamespaces: reachableFromNamespaces(settings),
    reservedNamespaces: reservedNamespaces(settings),
    platformGroups,
    quotaDefaults: settings.tenantDefaults.quota,
    observability: settings.observability !== undefined,
    logOutputTypes: LOG_OUTPUT_TYPES.filter((t) => image.plugins.includes(outputGem(t))),
  };
}

/**
 * The tenant schema's view of clusters: of validated ones, or of the
 * clusters as written, invalid ones included with what can be read of them
 * (one without a name is left out, the first of a name kept), so that one
 * bad cluster does not hide tenant problems.
 */
export function schemaClusters(clusters: readonly (ClusterSpec | ClusterInput)[]): TenantSchemaCluster[] {
  const out = new Map<string, TenantSchemaCluster>();
  for (const c of clusters as readonly Record<string, unknown>[]) {
    if (typeof c?.name !== 'string' || out.has(c.name)) continue;
    out.set(c.name, {
      name: c.name,
      environment: typeof c.environment === 'string' ? c.environment : '',
      secretStore: c.secretStore !== undefined,
    });
  }
  return [...out.values()];
}

/**
 * The platform part of a definition — settings and clusters — validated,
 * with the tenant schemas built for it, ready to check any number of tenant
 * file sets (see {@link loadTenants}).
 */
export interface PlatformContext {
  readonly settings: PlatformSettings;
  /** The clusters that passed the schema, in declaration order. */
  readonly clusters: readonly ClusterSpec[];
  /** Problems of the settings and clusters. */
  readonly problems: readonly Problem[];
  readonly settingsFile: string;
  readonly clustersFile: string;
  /** What the tenant schema knows of the platform (every declared cluster, even invalid ones). */
  readonly tenantContext: TenantSchemaContext;
  readonly tenantSchema: ReturnType<typeof tenantSchema>;
  readonly environmentSchemas: ReadonlyMap<string, ReturnType<typeof environmentSchema>>;
}

/**
 * Validates the settings and clusters of a definition.
 *
 * @throws DefinitionError when the settings themselves are invalid (nothing
 *   else can be checked without them); cluster problems are returned in
 *   `problems`
 */
export function loadPlatformContext(sources: Omit<PlatformSources, 'tenantFiles'>): PlatformContext {
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
  problems.push(...checkObservabilitySettings(settings, clusters, { file: sources.settingsFile }, { file: sources.clustersFile }));
  problems.push(...checkIdentitySettings(settings, sources.settingsFile));

  // Tenants are checked against every declared cluster, even ones with
  // other problems, so that one bad cluster does not hide tenant problems.
  const ctx = tenantContext(settings, schemaClusters(sources.clusters));
  return {
    settings,
    clusters,
    problems,
    settingsFile: sources.settingsFile,
    clustersFile: sources.clustersFile,
    tenantContext: ctx,
    tenantSchema: tenantSchema(ctx),
    environmentSchemas: new Map(settings.environments.map((e) => [e, environmentSchema(ctx, e)])),
  };
}

/**
 * Validates the tenant files against a validated platform part and
 * completes the platform.
 *
 * @returns the platform with defaults applied; tenants sorted by name
 * @throws DefinitionError with every problem of the platform part and the
 *   tenants (file, line, path, value, what is allowed)
 */
export function loadTenants(platform: PlatformContext, tenantFiles: readonly TenantFile[]): PlatformSpec {
  const { settings, clusters } = platform;
  const problems: Problem[] = [...platform.problems];
  const valid: TenantSpec[] = [];
  const located: LocatedTenant[] = [];
  const settingsSrc = { file: platform.settingsFile };
  const clustersSrc = { file: platform.clustersFile };
  for (const tf of tenantFiles) {
    const src = parseYamlSource(tf.file, tf.text);
    problems.push(...src.problems);
    if (src.problems.length > 0) continue;
    const r = parseWithProblems(platform.tenantSchema, src.data, { file: tf.file, lineOf: src.lineOf });
    problems.push(...r.problems);
    if (r.value) {
      valid.push(r.value);
      located.push(locate(r.value, tf.file, src.lineOf));
      problems.push(...checkTenantObservability(r.value, settings, { file: tf.file, lineOf: src.lineOf }));
    } else {
      const partial = salvage(src.data, platform.environmentSchemas);
      if (partial) located.push({ ...partial, file: tf.file, lineOf: src.lineOf, partial: true });
    }
  }
  for (const t of located) {
    problems.push(...checkTenant(t, settings, platform.tenantContext.reservedNamespaces));
    problems.push(...checkTenantSecurity(t, clusters));
  }
  problems.push(...checkTenantSet(located));
  problems.push(...checkIngressDomains(located, clusters));

  if (problems.length > 0) throw new DefinitionError(problems);

  const tenants = valid
    .map((t) => withMergedDefaults(t, settings))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const spec = { settings, clusters, tenants };
  problems.push(...checkLogPipeline(spec, settingsSrc, clustersSrc));
  problems.push(...checkAddons(spec, platform.clustersFile));
  if (problems.length > 0) throw new DefinitionError(problems);
  return spec;
}

/**
 * Validates the platform definition.
 *
 * @returns the platform with defaults applied; tenants sorted by name
 * @throws DefinitionError with every problem (file, line, path, value, what is allowed)
 */
export function loadPlatform(sources: PlatformSources): PlatformSpec {
  return loadTenants(loadPlatformContext(sources), sources.tenantFiles);
}

/**
 * The parts of an invalid tenant that are valid on their own — its name and
 * each environment that passes the environment schema — so that the
 * cross-field and cross-tenant checks still run and report their problems too.
 */
function salvage(
  data: unknown, envSchemas: ReadonlyMap<string, ReturnType<typeof environmentSchema>>,
): Omit<LocatedTenant, 'file' | 'lineOf'> | undefined {
  const name = valueAt(data, ['metadata', 'name']);
  if (typeof name !== 'string' || name === '') return undefined;
  const envs: Record<string, TenantEnvironmentSpec> = {};
  const raw = valueAt(data, ['spec', 'environments']);
  if (raw && typeof raw === 'object') {
    for (const [env, value] of Object.entries(raw)) {
      const r = envSchemas.get(env)?.safeParse(value);
      if (r?.success) envs[env] = r.data;
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
