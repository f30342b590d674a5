/**
 * Risk flags grouped the way a reviewer reads them: one group per flag kind,
 * cluster and tenant, with its count — so onboarding 60 tenants reads as 60
 * `role-binding-added` groups of 8, not 480 lines, and a flag raised once
 * stands alone.
 */
import { RISK_LEVELS, RiskFlag, RiskLevel, RiskRuleId } from './risk/rules';

/** The flags of one kind on one cluster for one tenant (or for the platform, without a tenant). */
export interface FlagGroup {
  readonly rule: RiskRuleId;
  readonly level: RiskLevel;
  readonly cluster?: string;
  /** The tenant the flagged objects belong to; undefined for platform objects. */
  readonly tenant?: string;
  /** The flags, in the order they were raised. */
  readonly flags: readonly RiskFlag[];
}

/**
 * Groups `flags` by kind, cluster and tenant.
 *
 * @returns groups ordered by level (high first), then by where their first flag was raised
 */
export function groupFlags(flags: readonly RiskFlag[]): FlagGroup[] {
  const groups = new Map<string, { group: FlagGroup; flags: RiskFlag[]; first: number }>();
  flags.forEach((f, i) => {
    const key = `${f.rule}\u0000${f.cluster ?? ''}\u0000${f.tenant ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      const list: RiskFlag[] = [];
      g = { group: { rule: f.rule, level: f.level, cluster: f.cluster, tenant: f.tenant, flags: list }, flags: list, first: i };
      groups.set(key, g);
    }
    g.flags.push(f);
  });
  return [...groups.values()]
    .sort((a, b) => RISK_LEVELS.indexOf(a.group.level) - RISK_LEVELS.indexOf(b.group.level) || a.first - b.first)
    .map((g) => g.group);
}

/** Where a group is: `prod-eu1 · tenant payments`, `prod-eu1 · platform`, or `fleet`. */
export function groupPlace(g: Pick<FlagGroup, 'cluster' | 'tenant'>): string {
  const who = g.tenant ? `tenant ${g.tenant}` : 'platform';
  return g.cluster ? `${g.cluster} · ${who}` : who;
}

/** Counts of flags per level. */
export function levelCounts(flags: readonly RiskFlag[]): Record<RiskLevel, number> {
  const out: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0 };
  for (const f of flags) out[f.level]++;
  return out;
}
