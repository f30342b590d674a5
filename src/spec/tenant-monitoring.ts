/**
 * `settings.observability.tenantMonitoring`: the limits the tenant
 * Prometheus enforces on every ServiceMonitor and PodMonitor a tenant
 * writes. The defaults are the restricted baseline; a definition may loosen
 * a limit (set it above its default) only with a written `justification`.
 *
 * The limits map one to one onto the Prometheus custom resource's
 * `enforced*` fields (prometheus-operator v0.93.0, `monitoring.coreos.com/v1`
 * Prometheus): each caps what any one scrape job may set for itself.
 */
import { z } from 'zod';
import { prose } from './fields';

/** The restricted defaults, per tenant scrape job (one ServiceMonitor or PodMonitor endpoint). */
export const TENANT_SCRAPE_LIMIT_DEFAULTS = {
  /** Samples one scrape may return (`enforcedSampleLimit`); more fails the whole scrape. */
  samplesPerScrape: 20_000,
  /** Targets one scrape job may have (`enforcedTargetLimit`); more fails every target of the job. */
  targetsPerScrapeJob: 100,
  /** Labels per sample, after relabelling (`enforcedLabelLimit`). */
  labelsPerSample: 50,
  /** Characters of a label name (`enforcedLabelNameLengthLimit`). */
  labelNameLength: 128,
  /** Characters of a label value (`enforcedLabelValueLengthLimit`). */
  labelValueLength: 1024,
  /** Uncompressed response body of one scrape, in MiB (`enforcedBodySizeLimit`). */
  bodySizeMiB: 16,
  /** Targets dropped by relabelling that Prometheus keeps in memory per job (`enforcedKeepDroppedTargets`). */
  keepDroppedTargets: 100,
} as const;

export type TenantScrapeLimitName = keyof typeof TENANT_SCRAPE_LIMIT_DEFAULTS;

const positive = (def: number) => z.number().int().positive().default(def);

/** `settings.observability.tenantMonitoring`. */
export const tenantMonitoringSchema = z.strictObject({
  limits: z.strictObject({
    samplesPerScrape: positive(TENANT_SCRAPE_LIMIT_DEFAULTS.samplesPerScrape),
    targetsPerScrapeJob: positive(TENANT_SCRAPE_LIMIT_DEFAULTS.targetsPerScrapeJob),
    labelsPerSample: positive(TENANT_SCRAPE_LIMIT_DEFAULTS.labelsPerSample),
    labelNameLength: positive(TENANT_SCRAPE_LIMIT_DEFAULTS.labelNameLength),
    labelValueLength: positive(TENANT_SCRAPE_LIMIT_DEFAULTS.labelValueLength),
    bodySizeMiB: positive(TENANT_SCRAPE_LIMIT_DEFAULTS.bodySizeMiB),
    keepDroppedTargets: positive(TENANT_SCRAPE_LIMIT_DEFAULTS.keepDroppedTargets),
  }).prefault({}),
  /** Why a limit is above its restricted default; required then. */
  justification: prose(20, 'justification').optional(),
});
export type TenantMonitoringSettings = z.output<typeof tenantMonitoringSchema>;

/** The limits above their restricted default, by name. */
function loosenedLimits(settings: TenantMonitoringSettings): TenantScrapeLimitName[] {
  return (Object.keys(TENANT_SCRAPE_LIMIT_DEFAULTS) as TenantScrapeLimitName[])
    .filter((k) => settings.limits[k] > TENANT_SCRAPE_LIMIT_DEFAULTS[k]);
}

/**
 * Reports a limit set above its restricted default without a justification,
 * one problem per such limit, at `at` (the path of `tenantMonitoring`).
 */
export function checkTenantMonitoring(
  settings: TenantMonitoringSettings,
  at: readonly PropertyKey[],
  report: (path: readonly PropertyKey[], message: string, value?: unknown) => void,
): void {
  if (settings.justification) return;
  for (const name of loosenedLimits(settings)) {
    report([...at, 'limits', name],
      `is above the restricted default ${TENANT_SCRAPE_LIMIT_DEFAULTS[name]}; set tenantMonitoring.justification to loosen a limit`, settings.limits[name]);
  }
}
