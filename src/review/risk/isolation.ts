/**
 * Risks to tenant isolation (docs/threat-model.md): what the platform's
 * isolation controls allow, read from the rendered objects and files.
 *
 * - `tenant-isolation-loosened`: the allowance annotations of a tenant
 *   Namespace (`security/admission/tenant-admission.ts`) allow more, or a new
 *   tenant Namespace starts with exceptions or grants;
 * - `secret-store-loosened`: ClusterSecretStore `conditions`, tenant
 *   SecretStore logins, and the backend files of `secret-backend/`;
 * - `shared-component-loosened`: ingress-nginx values (risk level,
 *   ExternalName, snippets, annotation validation, value block list), Dex
 *   connector group filters, the API server's admission plugins and
 *   authentication configuration, and the tenant priority level of API
 *   Priority and Fairness (removed, or allowed to borrow more).
 */
import { ALLOWANCE_ANNOTATIONS, annotationSeparator } from '../../security/admission/tenant-admission';
import { PLATFORM_FLOW_SCHEMAS, TENANT_PRIORITY_LEVEL } from '../../tenancy/api-priority-and-fairness';
import { DistChange } from '../dist-diff';
import { deepEqual } from '../value-diff';
import { flag, RiskContext, shortList, sides } from './detector';
import { RiskFlag } from './rules';

type Obj = Record<string, any>;

/** Allowances that grant an exception or a grant; a new Namespace carrying any of them is flagged too. */
const GRANTS = ['exceptions', 'tolerations', 'ingressAnnotations'] as const;

function annotationList(ns: Obj | undefined, key: keyof typeof ALLOWANCE_ANNOTATIONS): string[] {
  const v = ns?.metadata?.annotations?.[ALLOWANCE_ANNOTATIONS[key]];
  return typeof v === 'string' ? v.split(annotationSeparator(key)).filter((x) => x !== '') : [];
}

function tenantNamespaceRisks(change: DistChange, before: Obj | undefined, after: Obj): RiskFlag[] {
  const out: string[] = [];
  const lists = ['exceptions', 'tolerations', 'ingressAnnotations', 'tenantGroups', 'ingressDomains', 'storageClasses', 'priorityClasses'] as const;
  for (const key of lists) {
    if (!before && !(GRANTS as readonly string[]).includes(key)) continue;
    const added = annotationList(after, key).filter((x) => !annotationList(before, key).includes(x));
    if (added.length > 0) out.push(`${ALLOWANCE_ANNOTATIONS[key]} adds ${shortList(added)}`);
  }
  if (before) {
    const prefix = (o: Obj) => o.metadata?.annotations?.[ALLOWANCE_ANNOTATIONS.secretKeyPrefix];
    if (prefix(before) !== undefined && prefix(before) !== prefix(after)) out.push(`secret-key-prefix ${prefix(before)} → ${prefix(after) ?? '(none)'}`);
    const lb = (o: Obj) => o.metadata?.annotations?.[ALLOWANCE_ANNOTATIONS.loadBalancers];
    if (lb(before) !== 'allowed' && lb(after) === 'allowed') out.push('LoadBalancer Services now allowed');
  }
  return out.map((m) => flag('tenant-isolation-loosened', change, m));
}

function secretStoreRisks(change: DistChange, before: Obj, after: Obj, kind: string): RiskFlag[] {
  if (kind === 'ClusterSecretStore') {
    return deepEqual(before.spec?.conditions, after.spec?.conditions) ? []
      : [flag('secret-store-loosened', change, `conditions ${JSON.stringify(before.spec?.conditions ?? [])} → ${JSON.stringify(after.spec?.conditions ?? [])}${after.spec?.conditions ? '' : ' (every namespace may use it)'}`)];
  }
  const auth = (o: Obj) => JSON.stringify(o.spec?.provider);
  return auth(before) === auth(after) ? [] : [flag('secret-store-loosened', change, 'the tenant SecretStore logs in differently (provider, role or ServiceAccount changed)')];
}

/** Values of a Helm release: Argo CD Application `valuesObject`, Flux HelmRelease `values`, with the chart name. */
function release(o: Obj | undefined, kind: string): { chart?: string; values?: Obj } {
  if (!o) return {};
  if (kind === 'Application') return { chart: o.spec?.source?.chart, values: o.spec?.source?.helm?.valuesObject };
  if (kind === 'HelmRelease') return { chart: o.spec?.chart?.spec?.chart, values: o.spec?.values };
  return {};
}

/** ingress-nginx `annotations-risk-level` values, least permissive first. */
const ANNOTATION_RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'];

function ingressNginxRisks(b: Obj, a: Obj): string[] {
  const out: string[] = [];
  const level = (v: Obj) => ANNOTATION_RISK_LEVELS.indexOf(v.controller?.config?.['annotations-risk-level'] ?? 'Critical');
  if (level(a) > level(b)) out.push(`annotations-risk-level ${ANNOTATION_RISK_LEVELS[level(b)]} → ${ANNOTATION_RISK_LEVELS[level(a)]}`);
  if (b.controller?.extraArgs?.['disable-svc-external-name'] === 'true' && a.controller?.extraArgs?.['disable-svc-external-name'] !== 'true') out.push('ExternalName upstreams no longer refused');
  if (b.controller?.allowSnippetAnnotations === false && a.controller?.allowSnippetAnnotations !== false) out.push('snippet annotations allowed');
  if (b.controller?.enableAnnotationValidations === true && a.controller?.enableAnnotationValidations !== true) out.push('annotation validation switched off');
  const words = (v: Obj) => String(v.controller?.config?.['annotation-value-word-blocklist'] ?? '').split(',').filter((w) => w !== '');
  const dropped = words(b).filter((w) => !words(a).includes(w));
  if (dropped.length > 0) out.push(`annotation-value-word-blocklist drops ${shortList(dropped)}`);
  return out;
}

function dexRisks(b: Obj, a: Obj): string[] {
  const out: string[] = [];
  const connectors = (v: Obj) => (v.config?.connectors ?? []) as Obj[];
  for (const c of connectors(a)) {
    const old = connectors(b).find((x) => x.id === c.id);
    if (!old) continue;
    const allowed = (x: Obj) => x.config?.allowedGroups as string[] | undefined;
    if (allowed(old) && !allowed(c)) out.push(`connector ${c.id} no longer filters its groups`);
    else if (allowed(old) && allowed(c)) {
      const added = allowed(c)!.filter((g) => !allowed(old)!.includes(g));
      if (added.length > 0) out.push(`connector ${c.id} keeps more groups: ${shortList(added)}`);
    }
    if (old.config?.filterGroups === true && c.config?.filterGroups !== true) out.push(`connector ${c.id} no longer drops unlisted groups (filterGroups)`);
    if (old.type === 'ldap' && old.config?.groupSearch?.filter !== c.config?.groupSearch?.filter) out.push(`connector ${c.id} searches groups with another filter`);
  }
  return out;
}

function flagsFile(change: DistChange): RiskFlag[] {
  const plugins = (text?: string) => (/--enable-admission-plugins=([^\n]*)/.exec(text ?? '')?.[1] ?? '').split(',').filter((p) => p !== '');
  const before = plugins(change.before?.text);
  const dropped = before.filter((p) => !plugins(change.after?.text).includes(p));
  const out: string[] = dropped.length > 0 ? [`admission plugins dropped: ${dropped.join(', ')}`] : [];
  if (/--authentication-config=/.test(change.before?.text ?? '') && !/--authentication-config=/.test(change.after?.text ?? '')) out.push('the structured authentication configuration is no longer used');
  return out.map((m) => flag('shared-component-loosened', change, m));
}

function authenticationRisks(change: DistChange, before: Obj, after: Obj): RiskFlag[] {
  const jwt = (o: Obj) => (o.jwt ?? []) as Obj[];
  const out: string[] = [];
  for (const j of jwt(before)) {
    const now = jwt(after).find((x) => x.issuer?.url === j.issuer?.url);
    if (!now) continue;
    for (const field of ['claimValidationRules', 'userValidationRules'] as const) {
      const lost = ((j[field] ?? []) as Obj[]).filter((r) => !((now[field] ?? []) as Obj[]).some((x) => x.expression === r.expression));
      if (lost.length > 0) out.push(`${field} drops ${shortList(lost.map((r) => r.expression), 1)}`);
    }
    if (!deepEqual(j.claimMappings?.groups, now.claimMappings?.groups)) out.push('the groups claim mapping changes (which groups each connector may assert)');
  }
  return out.map((m) => flag('shared-component-loosened', change, m));
}

/**
 * The tenant priority level or one of the platform's FlowSchemas removed
 * (tenant ServiceAccounts fall back to the built-in `service-accounts`, in
 * `workload-low` with the platform's), or the level allowed to borrow more.
 */
function apiFairnessRisks(change: DistChange, before: Obj | undefined, after: Obj | undefined, kind: string): RiskFlag[] {
  const name: string | undefined = (before ?? after)?.metadata?.name;
  const ours = (kind === 'PriorityLevelConfiguration' && name === TENANT_PRIORITY_LEVEL) || (kind === 'FlowSchema' && name !== undefined && name in PLATFORM_FLOW_SCHEMAS);
  if (!ours || !before) return [];
  if (!after) return [flag('shared-component-loosened', change, `${kind} ${name} removed: tenant ServiceAccounts share workload-low with the platform again`)];
  const limit = (o: Obj) => o.spec?.limited?.borrowingLimitPercent as number | undefined;
  if (kind === 'PriorityLevelConfiguration' && limit(before) !== undefined && (limit(after) === undefined || limit(after)! > limit(before)!)) {
    return [flag('shared-component-loosened', change, `tenant-workloads borrowingLimitPercent ${limit(before)} → ${limit(after) ?? 'unlimited'}`)];
  }
  return [];
}

/** Risk flags for the tenant isolation controls. */
export function isolationRisks(change: DistChange, _ctx: RiskContext): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  const path = change.after?.path ?? change.before?.path ?? '';
  if (!change.after?.object && !change.before?.object) {
    if (path.endsWith('/control-plane/kube-apiserver.flags') && change.type === 'changed') return flagsFile(change);
    if (path.includes('/secret-backend/') && change.type === 'changed' && !path.endsWith('.sh')) {
      return [flag('secret-store-loosened', change, `backend grant changes: +${change.lines?.added.length ?? 0} −${change.lines?.removed.length ?? 0} lines`)];
    }
    return [];
  }
  if (group === '' && kind === 'Namespace' && after && after.metadata?.annotations?.[ALLOWANCE_ANNOTATIONS.tenantGroups] !== undefined) {
    return tenantNamespaceRisks(change, before, after);
  }
  if (group === 'flowcontrol.apiserver.k8s.io') return apiFairnessRisks(change, before, after, kind);
  if (!before || !after) return [];
  if (group === 'external-secrets.io' && (kind === 'ClusterSecretStore' || kind === 'SecretStore')) return secretStoreRisks(change, before, after, kind);
  if (group === 'apiserver.config.k8s.io' && kind === 'AuthenticationConfiguration') return authenticationRisks(change, before, after);
  const [b, a] = [release(before, kind), release(after, kind)];
  if (!b.values || !a.values) return [];
  const messages = a.chart === 'ingress-nginx' ? ingressNginxRisks(b.values, a.values) : a.chart === 'dex' ? dexRisks(b.values, a.values) : [];
  return messages.map((m) => flag('shared-component-loosened', change, m));
}
