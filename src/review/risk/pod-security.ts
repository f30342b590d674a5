/**
 * Pod Security risks, from the Pod Security Admission labels of Namespaces:
 * the `enforce` level lowered, the `audit` or `warn` level lowered, and a new
 * namespace that enforces less than `restricted`; and from the API server's
 * AdmissionConfiguration (`control-plane/`): the cluster-wide defaults
 * lowered, or exemptions (namespaces, users, runtime classes) added.
 *
 * A namespace without a level label gets the cluster's default, which is
 * `privileged` unless the API server's AdmissionConfiguration says otherwise;
 * the review counts a missing label as `privileged`.
 * Source: Kubernetes docs, "Pod Security Admission", "Enforce Pod Security
 * Standards with Namespace Labels" and "Enforce Pod Security Standards by
 * Configuring the Built-in Admission Controller".
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

/** Risk flags for Namespaces and the PodSecurity admission plugin's configuration. */
export function podSecurityRisks(change: DistChange, _ctx: RiskContext): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  if (group === 'apiserver.config.k8s.io' && kind === 'AdmissionConfiguration') return admissionConfigurationRisks(change, before, after);
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

type Obj = Record<string, any>;

/** The PodSecurityConfiguration of an AdmissionConfiguration, or undefined without a PodSecurity plugin. */
function podSecurityConfiguration(config: Obj | undefined): Obj | undefined {
  return ((config?.plugins ?? []) as Obj[]).find((p) => p.name === 'PodSecurity')?.configuration;
}

function admissionConfigurationRisks(change: DistChange, before: Obj | undefined, after: Obj | undefined): RiskFlag[] {
  const old = podSecurityConfiguration(before);
  if (!old) return [];
  const now = podSecurityConfiguration(after);
  const out: RiskFlag[] = [];
  const level = (c: Obj | undefined, mode: string) => (LEVELS.includes(c?.defaults?.[mode]) ? c!.defaults[mode] as string : 'privileged');
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    const [b, a] = [level(old, mode), level(now, mode)];
    if (!lower(b, a)) continue;
    out.push(flag(mode === 'enforce' ? 'pod-security-lowered' : 'pod-security-audit-lowered', change,
      `cluster default Pod Security ${mode} ${b} → ${a}${now ? '' : ' (PodSecurity configuration removed)'}, for namespaces without their own ${mode} label`));
  }
  for (const field of ['namespaces', 'usernames', 'runtimeClasses'] as const) {
    const added = ((now?.exemptions?.[field] ?? []) as string[]).filter((x) => !((old.exemptions?.[field] ?? []) as string[]).includes(x));
    if (added.length > 0) out.push(flag('admission-exemption-added', change, `Pod Security exempts ${field} ${added.join(', ')}`));
  }
  return out;
}
