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
import { documented, refineWith } from './json-forms';
import { metricName, objectivePercent, promLabelName, promSelector } from './observability-fields';

const selector = (example: string) => documented(promSelector.default({}), 'Label matchers selecting the service\'s series, label name → exact value.', { job: example });

/** Builds the schema of one SLO with the platform's environment names. */
export function sloSchema(environment: z.ZodType<string>) {
  return documented(refineWith(z.strictObject({
    name: documented(dnsLabel(40), 'SLO name, unique within the tenant; becomes the slo label (DNS-1123 label, at most 40 characters).', 'rewards-api'),
    description: documented(z.string().optional(), 'What the SLO covers.', 'Rewards API'),
    environments: documented(z.array(environment).min(1).optional(), 'Environments (the tenant\'s own) where the SLO is evaluated; default all.', ['prod']),
    availability: documented(z.strictObject({
      objective: documented(objectivePercent, 'Percent of requests that must succeed over 30 days, above 0 and below 100.', 99.9),
      metric: documented(metricName, 'A counter of requests with a status-code label.', 'http_requests_total'),
      selector: selector('rewards-api'),
      codeLabel: documented(promLabelName.default('code'), 'Label holding the status code; default code.', 'code'),
      errorCodes: documented(z.string().regex(/^[0-9.|]+$/, { message: 'must be digits, "." and "|", such as 5.. or 5..|429' }).default('5..'),
        'Regular expression of failing codes (digits, "." and "|"); default 5.. .', '5..|429'),
    }).optional(), 'Availability: the share of requests that do not fail.', { objective: 99.9, metric: 'http_requests_total' }),
    latency: documented(z.strictObject({
      objective: documented(objectivePercent, 'Percent of requests that must be faster than thresholdSeconds, above 0 and below 100.', 99),
      metric: documented(metricName, 'Base name of a request-duration histogram (`<metric>_bucket` and `<metric>_count` are used).', 'http_request_duration_seconds'),
      thresholdSeconds: documented(z.number().positive({ message: 'must be above 0 (seconds)' }), 'Threshold in seconds; one of the histogram\'s bucket boundaries (le).', 0.3),
      selector: selector('rewards-api'),
    }).optional(), 'Latency: the share of requests faster than a threshold.', { objective: 99, metric: 'http_request_duration_seconds', thresholdSeconds: 0.3 }),
  }), (s, issue) => {
    if (s.availability === undefined && s.latency === undefined) issue([], 'must declare availability, latency or both');
  }, { anyOf: [{ required: ['availability'] }, { required: ['latency'] }] }),
  'One service level objective.', { name: 'rewards-api', availability: { objective: 99.9, metric: 'http_requests_total' } });
}
export type SloSpec = z.output<ReturnType<typeof sloSchema>>;
