/**
 * Runs every risk detector over a diff.
 */
import { DistDiff } from '../dist-diff';
import { admissionRisks } from './admission';
import { appProjectRisks } from './app-project';
import { auditPolicyRisks } from './audit-policy';
import { riskContext, RiskDetector } from './detector';
import { isolationRisks } from './isolation';
import { networkPolicyRisks } from './network-policy';
import { podSecurityRisks } from './pod-security';
import { prometheusEnforcementRisks } from './prometheus-enforcement';
import { quotaRisks } from './quota';
import { rbacRisks } from './rbac';
import { RISK_LEVELS, RiskFlag } from './rules';
import { sourceRisks } from './sources';

/** Every detector, in the order flags are listed for one object. */
export const RISK_DETECTORS: readonly RiskDetector[] = [
  rbacRisks, networkPolicyRisks, podSecurityRisks, admissionRisks, auditPolicyRisks,
  appProjectRisks, sourceRisks, quotaRisks,
  prometheusEnforcementRisks,
  isolationRisks,
];

/**
 * The risk flags of `diff`, most serious first, then in the diff's order
 * (cluster, folder, object).
 */
export function detectRisks(diff: DistDiff, detectors: readonly RiskDetector[] = RISK_DETECTORS): RiskFlag[] {
  const ctx = riskContext(diff);
  const flags = diff.changes.flatMap((change) => detectors.flatMap((d) => d(change, ctx)));
  return flags
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RISK_LEVELS.indexOf(a.f.level) - RISK_LEVELS.indexOf(b.f.level) || a.i - b.i)
    .map(({ f }) => f);
}
