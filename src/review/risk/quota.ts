/**
 * Resource limit risks: ResourceQuota hard limits raised or removed,
 * LimitRange max / default / defaultRequest raised or max removed, and either
 * object removed from a namespace that stays. Quantities are compared in base
 * units (cores, bytes, counts) with `parseQuantity`.
 */
import { parseQuantity } from '../../spec/quantity';
import { DistChange } from '../dist-diff';
import { flag, RiskContext, shortList, sides } from './detector';
import { RiskFlag } from './rules';

/** Risk flags for ResourceQuotas and LimitRanges. */
export function quotaRisks(change: DistChange, ctx: RiskContext): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  if (group !== '' || (kind !== 'ResourceQuota' && kind !== 'LimitRange') || !before) return [];
  if (!after) {
    const entry = change.before!;
    if (ctx.namespaceRemoved(entry.cluster, before.metadata?.namespace)) return [];
    return [flag('quota-removed', change, `${kind} removed while ${before.metadata?.namespace ?? 'its namespace'} stays: its limits no longer apply`)];
  }
  return kind === 'ResourceQuota' ? resourceQuotaRisks(change, before, after) : limitRangeRisks(change, before, after);
}

function resourceQuotaRisks(change: DistChange, before: Record<string, any>, after: Record<string, any>): RiskFlag[] {
  const { raised, removed } = compareLists(before.spec?.hard, after.spec?.hard);
  const out: RiskFlag[] = [];
  if (raised.length > 0) out.push(flag('quota-raised', change, `raised ${shortList(raised)}`));
  if (removed.length > 0) out.push(flag('quota-removed', change, `no longer limits ${shortList(removed)}`));
  return out;
}

interface LimitItem { type?: string; max?: Record<string, string>; default?: Record<string, string>; defaultRequest?: Record<string, string> }

function limitRangeRisks(change: DistChange, before: Record<string, any>, after: Record<string, any>): RiskFlag[] {
  const old = new Map(((before.spec?.limits ?? []) as LimitItem[]).map((l) => [l.type ?? 'Container', l]));
  const raised: string[] = [];
  const removed: string[] = [];
  for (const item of (after.spec?.limits ?? []) as LimitItem[]) {
    const type = item.type ?? 'Container';
    const prior = old.get(type);
    old.delete(type);
    if (!prior) continue;
    for (const field of ['max', 'default', 'defaultRequest'] as const) {
      const r = compareLists(prior[field], item[field]);
      raised.push(...r.raised.map((x) => `${type} ${field} ${x}`));
      if (field === 'max') removed.push(...r.removed.map((x) => `${type} max ${x}`));
    }
  }
  for (const type of old.keys()) removed.push(`every ${type} limit`);
  const out: RiskFlag[] = [];
  if (raised.length > 0) out.push(flag('quota-raised', change, `raised ${shortList(raised)}`));
  if (removed.length > 0) out.push(flag('quota-removed', change, `no longer limits ${shortList(removed)}`));
  return out;
}

/** Resources whose quantity rose (`cpu 4 → 8`) and resources no longer listed. */
function compareLists(before?: Record<string, string | number>, after?: Record<string, string | number>): { raised: string[]; removed: string[] } {
  const raised: string[] = [];
  const removed: string[] = [];
  for (const [resource, old] of Object.entries(before ?? {})) {
    const now = after?.[resource];
    if (now === undefined) {
      removed.push(resource);
      continue;
    }
    const a = quantity(old);
    const b = quantity(now);
    if (a !== undefined && b !== undefined && b > a) raised.push(`${resource} ${old} → ${now}`);
  }
  return { raised, removed };
}

function quantity(v: string | number): number | undefined {
  try {
    return parseQuantity(String(v));
  } catch {
    return undefined;
  }
}
