/**
 * Service level objectives a tenant declares for its services
 * (`spec.slos`): an availability objective over a request counter and/or a
 * latency objective over a request-duration histogram. They are rendered as
 * recording and multi-window, multi-burn-rate alerting rules in each of the
 * tenant's namespaces.
 *
 * Source: Google SRE Workbook, "Alerting on SLOs" (burn rates and windows).
 */
import { z } from 'zod';
import { dnsLabel } from './fields';
import { metricName, objectivePercent, promLabelName, promSelector } from './observability-fields';

/** Builds the schema of one SLO with the platform's environment names. */
export function sloSchema(environment: z.ZodType<string>) {
  return z.strictObject({
    /** SLO name, unique within the tenant; becomes the `slo` label. */
    name: dnsLabel(40),
    description: z.string().optional(),
    /** Environments where the SLO is evaluated; default all. */
    environments: z.array(environment).min(1).optional(),
    /** Availability: the share of requests that do not fail. */
    availability: z.strictObject({
      /** Percent of requests that must succeed over 30 days, e.g. 99.9. */
      objective: objectivePercent,
      /** A counter of requests with a status-code label, e.g. `http_requests_total`. */
      metric: metricName,
      /** Label matchers selecting the service's series (exact values). */
      selector: promSelector.default({}),
      /** Label holding the status code. */
      codeLabel: promLabelName.default('code'),
      /** Regular expression of failing codes (digits, `.` and `|`), e.g. `5..`. */
      errorCodes: z.string().regex(/^[0-9.|]+$/, { message: 'must be digits, "." and "|", such as 5.. or 5..|429' }).default('5..'),
    }).optional(),
    /** Latency: the share of requests faster than a threshold. */
    latency: z.strictObject({
      /** Percent of requests that must be faster than `thresholdSeconds`, e.g. 99. */
      objective: objectivePercent,
      /** Base name of a request-duration histogram (`<metric>_bucket` and `<metric>_count` are used). */
      metric: metricName,
      /** Threshold in seconds; must be one of the histogram's bucket boundaries (`le`). */
      thresholdSeconds: z.number().positive({ message: 'must be above 0 (seconds)' }),
      selector: promSelector.default({}),
    }).optional(),
  }).refine((s) => s.availability !== undefined || s.latency !== undefined, {
    message: 'must declare availability, latency or both',
  });
}
export type SloSpec = z.output<ReturnType<typeof sloSchema>>;
