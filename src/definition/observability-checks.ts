/**
 * Cross-field checks of the observability definition: destinations and
 * routes name declared outputs, environments named in tenant logging,
 * alerting and SLOs are the tenant's own, the fluentd image ships the
 * plugins the outputs need, buffers are consistent and fit the node's
 * buffer disk budget.
 */
import { allDestinations } from '../observability/fluentd/routing';
import { clusterRoutingTable } from '../observability/logging-component';
import { checkTenantMonitoring } from '../spec/tenant-monitoring';
import { missingGems, FLUENTD_IMAGE, outputGem } from '../observability/fluentd/plugins';
import { ClusterSpec } from '../spec/cluster';
import { JsonSchema } from '../spec/json-forms';
import { BufferSettings, LogOutput, LogOutputType } from '../spec/logging';
import { PlatformSpec } from '../spec/model';
import { formatPath, Problem } from '../spec/problems';
import { PlatformSettings, platformNamespaces } from '../spec/settings';
import { TenantSchemaContext, TenantSpec } from '../spec/tenant';

/** Where a definition part was read from. */
export interface DefinitionSource {
  readonly file: string;
  /** Path prefix inside the file (e.g. `clusters[2]`). */
  readonly prefix?: readonly PropertyKey[];
  lineOf?(path: readonly PropertyKey[]): number | undefined;
}

type Report = (path: readonly PropertyKey[], message: string, value?: unknown) => void;

function reporter(src: DefinitionSource, out: Problem[]): Report {
  return (path, message, value) => out.push({
    file: src.file, line: src.lineOf?.(path), path: formatPath([...(src.prefix ?? []), ...path]), value, message,
  });
}

/** Bytes of a fluentd size (`8m` → 8 MiB). */
export function fluentdSizeBytes(size: string): number {
  const m = /^(\d+)([kmgt]?)$/.exec(size);
  if (!m) throw new Error(`"${size}" is not a fluentd size`);
  return Number(m[1]) * 1024 ** ['', 'k', 'm', 'g', 't'].indexOf(m[2]);
}

function checkBuffer(b: BufferSettings, at: readonly PropertyKey[], report: Report): void {
  if (b.retryForever && b.retryMaxTimes !== undefined) {
    report([...at, 'retryMaxTimes'], 'cannot be set together with retryForever: true; remove one of them', b.retryMaxTimes);
  }
  if (fluentdSizeBytes(b.chunkLimitSize) > fluentdSizeBytes(b.totalLimitSize)) {
    report([...at, 'chunkLimitSize'], `is larger than totalLimitSize (${b.totalLimitSize}); a chunk must fit in the buffer`, b.chunkLimitSize);
  }
}

/** Checks `settings.observability` on its own and against the clusters. */
export function checkObservabilitySettings(settings: PlatformSettings, clusters: readonly ClusterSpec[], settingsSrc: DefinitionSource, clustersSrc: DefinitionSource): Problem[] {
  const out: Problem[] = [];
  const o = settings.observability;
  const report = reporter(settingsSrc, out);
  if (!o) {
    clusters.forEach((c, i) => {
      const own = c.observability.logging;
      if (Object.keys(own.outputs).length > 0 || Object.keys(own.destinations).length > 0 || own.auditWebhook) {
        reporter({ ...clustersSrc, prefix: ['clusters', i] }, out)(['observability', 'logging'], 'needs settings.observability: the platform declares no log pipeline');
      }
    });
    return out;
  }
  checkTenantMonitoring(o.tenantMonitoring, ['observability', 'tenantMonitoring'], report);
  const at = ['observability', 'logging'];
  const reserved = platformNamespaces(settings);
  if (!reserved.includes(o.logging.namespace)) {
    report([...at, 'namespace'], `is not a platform namespace; add it to namespaces.others (platform namespaces: ${reserved.join(', ')})`, o.logging.namespace);
  }
  const declared = Object.keys(o.logging.outputs).sort();
  for (const [role, name] of Object.entries(o.logging.destinations)) {
    if (!o.logging.outputs[name]) report([...at, 'destinations', role], `names an output that is not declared; declared outputs: ${declared.join(', ') || '(none)'}`, name);
  }
  checkBuffer(o.logging.buffers.application, [...at, 'buffers', 'application'], report);
  checkBuffer(o.logging.buffers.tenantOutput, [...at, 'buffers', 'tenantOutput'], report);
  checkBuffer(o.logging.buffers.audit, [...at, 'buffers', 'audit'], report);

  clusters.forEach((c, i) => {
    const own = c.observability.logging;
    const names = new Set([...declared, ...Object.keys(own.outputs)]);
    const creport = reporter({ ...clustersSrc, prefix: ['clusters', i] }, out);
    if (!c.secretStore) {
      creport(['secretStore'], 'is required: the log collector and Prometheus read their credentials through ExternalSecrets from the cluster\'s secret store');
    }
    for (const [role, name] of Object.entries(own.destinations)) {
      if (name !== undefined && !names.has(name)) creport(['observability', 'logging', 'destinations', role], `names an output that is not declared; declared outputs: ${[...names].sort().join(', ')}`, name);
    }
    const rw = c.observability.remoteWrite.map((r) => r.name);
    rw.forEach((n, j) => {
      if (rw.indexOf(n) !== j) creport(['observability', 'remoteWrite', j, 'name'], 'duplicate remote-write name; each endpoint needs its own name', n);
    });
  });
  return out;
}

/**
 * Checks the observability parts of one tenant (`spec.logging`,
 * `spec.alerting`, `spec.slos`): they need the platform's log pipeline,
 * name the tenant's own environments, and routes and the default name the
 * tenant's own outputs; SLO names are unique.
 */
export function checkTenantObservability(tenant: TenantSpec, settings: PlatformSettings, src: DefinitionSource): Problem[] {
  const out: Problem[] = [];
  const report = reporter(src, out);
  const s = tenant.spec;
  const own = Object.keys(s.environments);
  if (!settings.observability && (s.logging || s.alerting || s.slos.length > 0)) {
    report(['spec', s.logging ? 'logging' : s.alerting ? 'alerting' : 'slos'], 'needs settings.observability: the platform declares no log pipeline or alert routing');
  }
  const envs = (list: readonly string[] | undefined, at: readonly PropertyKey[]) => list?.forEach((e, i) => {
    if (!own.includes(e)) report([...at, i], `is not one of the tenant's environments (${own.join(', ')})`, e);
  });
  if (s.logging) {
    const outputs = Object.keys(s.logging.outputs).sort();
    const known = `declared outputs: ${outputs.join(', ') || '(none)'}`;
    if (s.logging.default !== undefined && !s.logging.outputs[s.logging.default]) {
      report(['spec', 'logging', 'default'], `names an output the tenant does not declare; ${known}`, s.logging.default);
    }
    s.logging.routes.forEach((r, i) => {
      if (!s.logging!.outputs[r.output]) report(['spec', 'logging', 'routes', i, 'output'], `names an output the tenant does not declare; ${known}`, r.output);
      envs(r.environments, ['spec', 'logging', 'routes', i, 'environments']);
    });
  }
  if (s.alerting) envs(s.alerting.environments, ['spec', 'alerting', 'environments']);
  const names = s.slos.map((x) => x.name);
  s.slos.forEach((slo, i) => {
    if (names.indexOf(slo.name) !== i) report(['spec', 'slos', i, 'name'], 'duplicate SLO name; each SLO of a tenant needs its own name', slo.name);
    envs(slo.environments, ['spec', 'slos', i, 'environments']);
  });
  return out;
}

/**
 * The JSON Schema forms of {@link checkTenantObservability}'s rules that JSON
 * Schema can state: without `settings.observability` a tenant declares no
 * logging, alerting or SLOs; an environment a route, the alerting or an SLO
 * names is one the tenant declares (one conditional per platform environment).
 */
export function tenantObservabilityForms(ctx: TenantSchemaContext): JsonSchema[] {
  const spec = (properties: JsonSchema): JsonSchema => ({ type: 'object', properties: { spec: { type: 'object', properties } } });
  if (!ctx.observability) {
    return [spec({ logging: { not: {} }, alerting: { not: {} }, slos: { type: 'array', maxItems: 0 } })];
  }
  return ctx.environments.map((environment) => {
    const notThis = { type: 'array', items: { not: { const: environment } } };
    return {
      if: { type: 'object', properties: { spec: { type: 'object', properties: { environments: { type: 'object', not: { required: [environment] } } }, required: ['environments'] } }, required: ['spec'] },
      then: spec({
        logging: { type: 'object', properties: { routes: { type: 'array', items: { type: 'object', properties: { environments: notThis } } } } },
        alerting: { type: 'object', properties: { environments: notThis } },
        slos: { type: 'array', items: { type: 'object', properties: { environments: notThis } } },
      }),
    };
  });
}

function outputTypes(platform: PlatformSpec): Map<LogOutputType, string[]> {
  const users = new Map<LogOutputType, string[]>();
  const add = (o: LogOutput, who: string) => users.set(o.type, [...(users.get(o.type) ?? []), who]);
  for (const [n, o] of Object.entries(platform.settings.observability?.logging.outputs ?? {})) add(o, `settings output ${n}`);
  for (const c of platform.clusters) for (const [n, o] of Object.entries(c.observability.logging.outputs)) add(o, `cluster ${c.name} output ${n}`);
  for (const t of platform.tenants) for (const [n, o] of Object.entries(t.spec.logging?.outputs ?? {})) add(o, `tenant ${t.metadata.name} output ${n}`);
  return users;
}

/**
 * Checks of the whole validated platform: the fluentd image ships the
 * plugins every output needs, and each cluster's file buffers fit
 * `bufferDiskLimit`: one buffer per output section (the audit output, each
 * platform output in use, each tenant output in use on the cluster), so the
 * disk grows with destinations, never with tenants on the tenant default.
 */
export function checkLogPipeline(platform: PlatformSpec, settingsSrc: DefinitionSource, clustersSrc: DefinitionSource): Problem[] {
  const out: Problem[] = [];
  const o = platform.settings.observability;
  if (!o) return out;
  const report = reporter(settingsSrc, out);
  const image = o.logging.image ?? FLUENTD_IMAGE;
  const users = outputTypes(platform);
  const missing = missingGems(image, users.keys());
  if (missing.length > 0) {
    const needs = missing.map((gem) => {
      const who = [...users].filter(([t]) => outputGem(t) === gem).flatMap(([, w]) => w);
      return who.length > 0 ? `${gem} (for ${who.join(', ')})` : gem;
    });
    report(['observability', 'logging', 'image'], `${image.reference} does not ship ${needs.join('; ')}; declare an image built with these plugins in settings.observability.logging.image`, o.logging.image?.plugins);
  }
  const limit = fluentdSizeBytes(o.logging.bufferDiskLimit);
  platform.clusters.forEach((c, i) => {
    const table = clusterRoutingTable(platform, c);
    const dests = allDestinations(table);
    const total = dests.reduce((sum, d) => sum + fluentdSizeBytes(d.buffer.totalLimitSize), 0);
    if (total > limit) {
      const tenantOutputs = dests.filter((d) => d.owner.kind === 'tenant');
      const owners = [...new Set(tenantOutputs.map((d) => (d.owner.kind === 'tenant' ? d.owner.tenant : '')))];
      reporter({ ...clustersSrc, prefix: ['clusters', i] }, out)(['name'],
        `needs ${Math.ceil(total / 1024 ** 2)} MiB of fluentd buffers on each node (${dests.length} output sections: the audit output, `
        + `${dests.length - 1 - tenantOutputs.length} platform outputs and ${tenantOutputs.length} tenant outputs of ${owners.length} tenants), `
        + `more than settings.observability.logging.bufferDiskLimit (${o.logging.bufferDiskLimit}); raise the limit, lower `
        + 'buffers.tenantOutput.totalLimitSize, or have tenants use the platform\'s tenant default', c.name);
    }
  });
  return out;
}
