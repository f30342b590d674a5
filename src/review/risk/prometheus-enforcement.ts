/**
 * Prometheus multi-tenancy risks: a Prometheus custom resource (the tenant
 * Prometheus, `observability/monitoring/tenant-prometheus.ts`) that enforces
 * less — file-system access from ServiceMonitors allowed again, namespace
 * selectors of monitors honoured, `honor_labels` or timestamps of scraped
 * data honoured, the enforced namespace label dropped or changed, objects
 * excluded from it, or an `enforced*` limit raised or removed.
 * Source: prometheus-operator v0.93.0 Prometheus CRD field docs.
 */
import { DistChange } from '../dist-diff';
import { deepEqual } from '../value-diff';
import { brief, flag, sides } from './detector';
import { RiskFlag } from './rules';

const SWITCHES: readonly [string, (spec: Record<string, any>) => boolean][] = [
  ['arbitraryFSAccessThroughSMs.deny', (s) => s.arbitraryFSAccessThroughSMs?.deny === true],
  ['ignoreNamespaceSelectors', (s) => s.ignoreNamespaceSelectors === true],
  ['overrideHonorLabels', (s) => s.overrideHonorLabels === true],
  ['overrideHonorTimestamps', (s) => s.overrideHonorTimestamps === true],
];

const LIMITS = [
  'enforcedSampleLimit', 'enforcedTargetLimit', 'enforcedLabelLimit', 'enforcedLabelNameLengthLimit',
  'enforcedLabelValueLengthLimit', 'enforcedKeepDroppedTargets', 'enforcedBodySizeLimit',
] as const;

/** Bytes of a Prometheus byte size (`16MiB`, `1GB`), for comparing body size limits. */
export function byteSize(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = /^([0-9.]+)(K|M|G|T|P|E)?(i)?B$/.exec(v);
  if (!m) return undefined;
  const power = m[2] ? 'KMGTPE'.indexOf(m[2]) + 1 : 0;
  return Number(m[1]) * (m[3] ? 1024 : 1000) ** power;
}

/** Risk flags for Prometheus resources. */
export function prometheusEnforcementRisks(change: DistChange): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  if (group !== 'monitoring.coreos.com' || kind !== 'Prometheus' || !before || !after) return [];
  const b = before.spec ?? {};
  const a = after.spec ?? {};
  const out: string[] = [];
  for (const [name, on] of SWITCHES) if (on(b) && !on(a)) out.push(`${name} no longer set`);
  if (b.enforcedNamespaceLabel && a.enforcedNamespaceLabel !== b.enforcedNamespaceLabel) {
    out.push(`enforcedNamespaceLabel: ${brief(b.enforcedNamespaceLabel)} → ${brief(a.enforcedNamespaceLabel)}`);
  }
  const excluded = ((a.excludedFromEnforcement ?? []) as unknown[]).filter((x) => !((b.excludedFromEnforcement ?? []) as unknown[]).some((y) => deepEqual(x, y)));
  if (excluded.length > 0) out.push(`excludedFromEnforcement adds ${excluded.map((x) => brief(x, 60)).join(', ')}`);
  for (const limit of LIMITS) {
    if (b[limit] === undefined) continue;
    const [x, y] = limit === 'enforcedBodySizeLimit' ? [byteSize(b[limit]), byteSize(a[limit])] : [b[limit], a[limit]];
    if (a[limit] === undefined || (typeof x === 'number' && typeof y === 'number' && y > x)) out.push(`${limit}: ${brief(b[limit])} → ${brief(a[limit])}`);
  }
  return out.map((m) => flag('prometheus-enforcement-loosened', change, m));
}
