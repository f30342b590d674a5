/**
 * Pod Security risks, from the Pod Security Admission labels of Namespaces:
 * the `enforce` level lowered, the `audit` or `warn` level lowered, and a new
 * namespace that enforces less than `restricted`.
 *
 * A namespace without a level label gets the cluster's default, which is
 * `privileged` unless the API server's AdmissionConfiguration says otherwise;
 * the review counts a missing label as `privileged`.
 * Source: Kubernetes docs, "Pod Security Admission" and "Enforce Pod Security
 * Standards with Namespace Labels".
 */
import { podSecurityLabelKeys } from '../../tenancy/labels';
import { DistChange } from '../dist-diff';
import { flag, RiskContext, sides } from './detector';
import { RiskFlag } from './rules';

/** Pod Security Standards levels, from most to least restrictive. */
const LEVELS = ['restricted', 'baseline', 'privileged'];

/** The level of `mode` on a namespace: its label, or `privileged` when missing or unknown. */
function levelOf(ns: Record<string, any> | undefined, mode: 'enforce' | 'audit' | 'warn'): string {
  const value = ns?.metadata?.labels?.[podSecurityLabelKeys(mode).level];
  return LEVELS.includes(value) ? value : 'privileged';
}

function lower(before: string, after: string): boolean {
  return LEVELS.indexOf(after) > LEVELS.indexOf(before);
}

/** Risk flags for Namespaces. */
export function podSecurityRisks(change: DistChange, _ctx: RiskContext): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  if (group !== '' || kind !== 'Namespace' || !after) return [];
  if (!before) {
    const level = levelOf(after, 'enforce');
    return level === 'restricted' ? [] : [flag('pod-security-exception', change, `new namespace enforces Pod Security ${level}, not restricted`)];
  }
  const out: RiskFlag[] = [];
  const enforce = [levelOf(before, 'enforce'), levelOf(after, 'enforce')];
  if (lower(enforce[0], enforce[1])) out.push(flag('pod-security-lowered', change, `Pod Security enforce ${enforce[0]} → ${enforce[1]}`));
  for (const mode of ['audit', 'warn'] as const) {
    const [b, a] = [levelOf(before, mode), levelOf(after, mode)];
    if (lower(b, a)) out.push(flag('pod-security-audit-lowered', change, `Pod Security ${mode} ${b} → ${a}`));
  }
  return out;
}
