/**
 * Checks that need more than one field: quota limits against requests,
 * LimitRange ordering, Pod Security exceptions, placements against cluster
 * environments, and everything across tenants (duplicates, namespace claims,
 * references to other tenants).
 */
import { addonProblems } from '../addons/enablement';
import { ClusterSpec } from '../spec/cluster';
import { JsonSchema } from '../spec/json-forms';
import { namespaceOf } from '../spec/model';
import { isDns1123Label } from '../spec/names';
import { formatPath, Problem } from '../spec/problems';
import { parseQuantity } from '../spec/quantity';
import { LimitRangeInput, ResourceList } from '../spec/resources';
import { PlatformSettings } from '../spec/settings';
import { TenantEnvironmentSpec, TenantSchemaContext, TenantSpec } from '../spec/tenant';

/**
 * What the cross-field checks need of a tenant, with where it came from. Built
 * from a fully valid tenant, or — so that one typo does not hide other
 * problems — from the parts of an invalid one that are valid on their own
 * (its name and each environment that passes the schema).
 */
export interface LocatedTenant {
  readonly file: string;
  lineOf?(path: readonly PropertyKey[]): number | undefined;
  readonly name: string;
  /** The environments that passed the schema, by environment name. */
  readonly environments: Readonly<Record<string, TenantEnvironmentSpec | undefined>>;
  /** True when the tenant file has problems, so some of its environments may be missing here. */
  readonly partial?: boolean;
}

/** The check view of a fully valid tenant. */
export function locate(tenant: TenantSpec, file: string, lineOf?: LocatedTenant['lineOf']): LocatedTenant {
  return { file, lineOf, name: tenant.metadata.name, environments: tenant.spec.environments };
}

type Report = (path: readonly PropertyKey[], message: string, value?: unknown) => void;

function reporter(t: LocatedTenant, out: Problem[]): Report {
  return (path, message, value) => out.push({
    file: t.file,
    line: t.lineOf?.(path),
    path: formatPath(path),
    value,
    message,
  });
}

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;

/**
 * Ephemeral storage every tenant container gets when neither the platform nor
 * the tenant says otherwise: the kubelet evicts a pod whose containers write
 * more than their limit to their writable layer, logs and emptyDirs, so one
 * tenant cannot fill a shared node's disk. Source: Kubernetes docs, "Resource
 * Management for Pods and Containers" → "Local ephemeral storage".
 */
export const EPHEMERAL_STORAGE_DEFAULTS = { defaultRequest: '100Mi', default: '1Gi' } as const;

/**
 * Merges a tenant environment's LimitRange over the platform defaults over
 * {@link EPHEMERAL_STORAGE_DEFAULTS}, per resource list and per resource name.
 */
export function mergeLimitRange(defaults: LimitRangeInput, own: LimitRangeInput): LimitRangeInput {
  const merge = (a?: ResourceList, b?: ResourceList): ResourceList | undefined =>
    a || b ? { ...a, ...b } : undefined;
  const dc = defaults.container ?? {};
  const oc = own.container ?? {};
  const container = {
    defaultRequest: merge({ 'ephemeral-storage': EPHEMERAL_STORAGE_DEFAULTS.defaultRequest }, merge(dc.defaultRequest, oc.defaultRequest)),
    default: merge({ 'ephemeral-storage': EPHEMERAL_STORAGE_DEFAULTS.default }, merge(dc.default, oc.default)),
    max: merge(dc.max, oc.max),
    min: merge(dc.min, oc.min),
  };
  const pvc = defaults.persistentVolumeClaim || own.persistentVolumeClaim
    ? { ...defaults.persistentVolumeClaim, ...own.persistentVolumeClaim }
    : undefined;
  return dropUndefined({ container: dropUndefined(container), persistentVolumeClaim: pvc });
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Checks one tenant on its own (no other tenants needed).
 *
 * @param reserved the platform's reserved namespaces (`reservedNamespaces(settings)`,
 *   worked out once for all tenants: the tenant schema context holds them)
 */
export function checkTenant(t: LocatedTenant, settings: PlatformSettings, reserved: readonly string[]): Problem[] {
  const out: Problem[] = [];
  const report = reporter(t, out);
  const expectedFile = `${t.name}.yaml`;
  // An invalid name is reported by the schema already; do not ask to rename the file after it.
  if (isDns1123Label(t.name) && !t.file.endsWith(`/${expectedFile}`) && t.file !== expectedFile) {
    report(['metadata', 'name'], `must match the file name; rename the file to ${expectedFile} or the tenant to the file's name`, t.name);
  }
  for (const [environment, env] of Object.entries(t.environments)) {
    if (env) checkEnvironment(report, t.name, environment, env, settings, reserved);
  }
  return out;
}

function checkEnvironment(
  report: Report, name: string, environment: string, env: TenantEnvironmentSpec,
  settings: PlatformSettings, reserved: readonly string[],
): void {
  const at = ['spec', 'environments', environment];

  const namespace = namespaceOf(name, environment, env);
  const nsPath = env.namespace ? [...at, 'namespace'] : ['metadata', 'name'];
  if (namespace.length > 63) {
    report(nsPath, `makes the namespace name "${namespace}" ${namespace.length} characters long; a namespace name is at most 63 `
      + `(shorten the tenant name or set spec.environments.${environment}.namespace)`, env.namespace ?? name);
  }
  if (!env.namespace && reserved.includes(namespace)) {
    report(nsPath, `makes the namespace ${namespace}, a platform or add-on namespace (${reserved.join(', ')}); set spec.environments.${environment}.namespace or rename the tenant`, name);
  }

  for (const resource of RESOURCES) {
    const pair = env.quota[resource];
    if (pair && parseQuantity(pair.limits) < parseQuantity(pair.requests)) {
      report([...at, 'quota', resource, 'limits'],
        `is lower than requests (${pair.requests}); limits must be at least the requests`, pair.limits);
    }
  }

  const merged = mergeLimitRange(settings.tenantDefaults.limitRange, env.limitRange);
  checkLimitRange(merged, [...at, 'limitRange'], report);

  env.network.allowFrom.forEach((peer, i) => {
    if ('tenant' in peer && peer.tenant === name) {
      report([...at, 'network', 'allowFrom', i, 'tenant'], 'names the tenant itself; its own namespaces always reach each other', peer.tenant);
    }
  });
}

/**
 * The JSON Schema forms of the single-file rules {@link checkTenant} checks
 * that JSON Schema can state, for the root of the tenant JSON Schema: with
 * the default namespace `<tenant>-<environment>`, the tenant name must leave
 * room for the environment within 63 characters and must not make a
 * platform or add-on namespace.
 */
export function tenantCheckForms(ctx: TenantSchemaContext): JsonSchema[] {
  const usesDefaultNamespace = (environment: string): JsonSchema => ({
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: { environments: { type: 'object', properties: { [environment]: { type: 'object', not: { required: ['namespace'] } } }, required: [environment] } },
        required: ['environments'],
      },
    },
    required: ['spec'],
  });
  const nameIs = (schema: JsonSchema): JsonSchema => ({ type: 'object', properties: { metadata: { type: 'object', properties: { name: schema } } } });
  return ctx.environments.flatMap((environment) => {
    const forms: JsonSchema[] = [{ if: usesDefaultNamespace(environment), then: nameIs({ type: 'string', maxLength: 63 - environment.length - 1 }) }];
    const names = ctx.reservedNamespaces.filter((ns) => ns.endsWith(`-${environment}`)).map((ns) => ns.slice(0, -environment.length - 1));
    if (names.length > 0) forms.push({ if: usesDefaultNamespace(environment), then: nameIs({ not: { enum: names } }) });
    return forms;
  });
}

/** Order in which LimitRange values must rise, with the words the messages use. */
const LIMIT_ORDER = [
  ['min', 'min'],
  ['defaultRequest', 'default request'],
  ['default', 'default limit'],
  ['max', 'max'],
] as const;

function checkLimitRange(lr: LimitRangeInput, at: readonly PropertyKey[], report: Report): void {
  const c = lr.container ?? {};
  for (const resource of RESOURCES) {
    for (let i = 0; i < LIMIT_ORDER.length; i++) {
      for (let j = i + 1; j < LIMIT_ORDER.length; j++) {
        const [lowKey, lowWord] = LIMIT_ORDER[i];
        const [highKey, highWord] = LIMIT_ORDER[j];
        const low = c[lowKey]?.[resource];
        const high = c[highKey]?.[resource];
        if (low !== undefined && high !== undefined && parseQuantity(low) > parseQuantity(high)) {
          report([...at, 'container', lowKey, resource],
            `${lowWord} ${low} is above the ${highWord} ${high}; ${lowWord} must not exceed ${highWord}`, low);
        }
      }
    }
  }
  const pvc = lr.persistentVolumeClaim;
  if (pvc?.min && pvc.max && parseQuantity(pvc.min) > parseQuantity(pvc.max)) {
    report([...at, 'persistentVolumeClaim', 'min'], `is above max (${pvc.max})`, pvc.min);
  }
}

/**
 * Checks across tenants: one name per tenant, one owner per namespace, and
 * that every `allowFrom` tenant exists and runs the same environment on each
 * cluster the allowance applies to (its `clusters`, default the
 * environment's): an allowance for a tenant that is not there admits nothing
 * today and would admit that tenant silently the day it arrives.
 */
export function checkTenantSet(tenants: readonly LocatedTenant[]): Problem[] {
  const out: Problem[] = [];
  const byName = new Map<string, LocatedTenant[]>();
  for (const t of tenants) {
    const list = byName.get(t.name) ?? [];
    list.push(t);
    byName.set(t.name, list);
  }
  for (const [name, list] of byName) {
    if (list.length < 2) continue;
    for (const t of list) {
      const others = list.filter((o) => o !== t).map((o) => o.file).join(', ');
      reporter(t, out)(['metadata', 'name'], `duplicate tenant: ${name} is also declared in ${others}`, name);
    }
  }

  const claims = new Map<string, { t: LocatedTenant; environment: string; explicit: boolean }[]>();
  for (const t of tenants) {
    for (const [environment, env] of Object.entries(t.environments)) {
      if (!env) continue;
      const ns = namespaceOf(t.name, environment, env);
      const list = claims.get(ns) ?? [];
      list.push({ t, environment, explicit: env.namespace !== undefined });
      claims.set(ns, list);
    }
  }
  for (const [ns, list] of claims) {
    const owners = new Set(list.map((c) => c.t.name));
    if (owners.size < 2) continue;
    for (const c of list) {
      const others = list.filter((o) => o.t.name !== c.t.name)
        .map((o) => `${o.t.name} (${o.t.file})`).join(', ');
      const path = c.explicit ? ['spec', 'environments', c.environment, 'namespace'] : ['metadata', 'name'];
      reporter(c.t, out)(path, `namespace ${ns} is also claimed by ${others}; a namespace belongs to one tenant`, ns);
    }
  }

  const known = [...byName.keys()].sort();
  for (const t of tenants) {
    for (const [environment, env] of Object.entries(t.environments)) {
      env?.network.allowFrom.forEach((peer, i) => {
        if (!('tenant' in peer) || peer.tenant === t.name) return;
        const path = ['spec', 'environments', environment, 'network', 'allowFrom', i, 'tenant'];
        const peers = byName.get(peer.tenant);
        if (!peers) {
          reporter(t, out)(path, `unknown tenant; known tenants: ${known.join(', ')}`, peer.tenant);
          return;
        }
        if (peers.length !== 1 || peers[0].partial) return; // its own problems are reported; it may lack environments here
        const placed = peers[0].environments[environment]?.clusters ?? [];
        const dangling = (peer.clusters ?? env.clusters).filter((c) => !placed.includes(c));
        if (dangling.length === 0) return;
        const scope = env.clusters.filter((c) => placed.includes(c));
        const fix = scope.length > 0
          ? `limit the allowance to clusters: [${scope.join(', ')}], or place ${peer.tenant}'s ${environment} on ${dangling.join(', ')}`
          : `remove it, or place ${peer.tenant}'s ${environment} on ${dangling.join(', ')}`;
        reporter(t, out)(path, `tenant ${peer.tenant} has no ${environment} environment on ${dangling.join(', ')}, so the allowance admits nothing there `
          + `and would silently admit ${peer.tenant} if it moved there later; ${fix}`, peer.tenant);
      });
    }
  }
  return out;
}

/** Checks the clusters as a set: one name per cluster. */
export function checkClusterSet(clusters: readonly ClusterSpec[], file: string): Problem[] {
  const out: Problem[] = [];
  clusters.forEach((c, i) => {
    if (clusters.findIndex((o) => o.name === c.name) !== i) {
      out.push({ file, path: `clusters[${i}].name`, value: c.name, message: 'duplicate cluster name; each cluster needs its own name' });
    }
  });
  return out;
}

/**
 * Checks one cluster's cross-field rules: its add-on choices against its
 * profile (see `addonProblems`), exactly one default StorageClass, StorageClass
 * names unique, and a VolumeSnapshotClass driver that provisions one of the
 * classes.
 *
 * @param index the cluster's position in the clusters list, for paths
 */
export function checkCluster(cluster: ClusterSpec, index: number, file: string): Problem[] {
  const out: Problem[] = [];
  const at = (path: readonly PropertyKey[]) => formatPath(['clusters', index, ...path]);
  for (const p of addonProblems(cluster)) out.push({ file, path: at(p.path), value: p.value, message: p.message });
  const storage = cluster.storage;
  if (storage) {
    const defaults = storage.classes.filter((c) => c.default).map((c) => c.name);
    if (defaults.length !== 1) {
      out.push({
        file, path: at(['storage', 'classes']), value: defaults,
        message: `must mark exactly one StorageClass default: true (marked: ${defaults.join(', ') || 'none'}); allowed: one of ${storage.classes.map((c) => c.name).join(', ')}`,
      });
    }
    storage.classes.forEach((c, i) => {
      if (storage.classes.findIndex((o) => o.name === c.name) !== i) {
        out.push({ file, path: at(['storage', 'classes', i, 'name']), value: c.name, message: 'duplicate StorageClass name' });
      }
    });
    const provisioners = [...new Set(storage.classes.map((c) => c.provisioner))];
    if (!provisioners.includes(storage.snapshotClass.driver)) {
      out.push({
        file, path: at(['storage', 'snapshotClass', 'driver']), value: storage.snapshotClass.driver,
        message: `must be the provisioner of one of the StorageClasses; allowed: ${provisioners.join(', ')}`,
      });
    }
  }
  return out;
}
