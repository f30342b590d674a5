/**
 * Field schemas shared by the logging, monitoring and alerting parts of the
 * platform definition: references to secrets in the external secret store,
 * fluentd sizes and durations, endpoints.
 */
import { z } from 'zod';
import { documented, inexpressible, refineWith } from './json-forms';
import { QUALIFIED_NAME } from './names';

/**
 * A key in the external secret store (the ExternalSecret `remoteRef.key`),
 * e.g. `logging/opensearch`. Slash-separated segments of letters, digits,
 * `.`, `_` and `-`; no `..` segment, no leading slash.
 */
export const remoteKey = z.string()
  .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, { message: 'must be a secret store key such as logging/opensearch: segments of letters, digits, ".", "_" and "-" separated by "/"' })
  .regex(/^(?!\.{1,2}(\/|$))(?!.*\/\.{1,2}(\/|$))/, { message: 'must not contain "." or ".." segments' });

/**
 * A secret held in the external secret store, read by an ExternalSecret and
 * never written into the definition: `{ key, property? }` (`property` picks
 * one field of a structured secret, e.g. a JSON or Vault KV entry).
 */
export const secretRef = documented(z.strictObject({
  key: documented(remoteKey, 'Key in the external secret store (for a tenant, relative to its own `<tenant>/` folder): segments of letters, digits, ".", "_" and "-" separated by "/".', 'logging/elasticsearch'),
  property: documented(z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'must be letters, digits, ".", "_" and "-"' }).optional(),
    'Field of a structured secret (a JSON or Vault KV entry); default: the whole value.', 'password'),
}), 'A secret in the external secret store, read by an ExternalSecret; never its value.', { key: 'logging/elasticsearch', property: 'password' });
export type SecretRef = z.output<typeof secretRef>;

/** A fluentd size: a whole number with an optional `k`, `m`, `g` or `t` suffix (binary multiples), e.g. `8m`. */
export const fluentdSize = z.string().regex(/^[1-9][0-9]*[kmgt]?$/, {
  message: 'must be a fluentd size such as 8m or 2g: a whole number with an optional k, m, g or t suffix',
});

/** A fluentd duration: a whole number with an optional `s`, `m`, `h` or `d` suffix, e.g. `5s`. */
export const fluentdDuration = z.string().regex(/^[1-9][0-9]*[smhd]?$/, {
  message: 'must be a fluentd duration such as 5s, 1m or 1h: a whole number with an optional s, m, h or d suffix',
});

/** A host name or IPv4 address (no scheme, no port). */
export const hostName = z.string().regex(/^(([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*|\d{1,3}(\.\d{1,3}){3})$/, {
  message: 'must be a host name such as logs.example.com or an IPv4 address, without scheme or port',
});

/**
 * An https URL (http only for endpoints inside the cluster, `*.svc` or
 * `*.svc.cluster.local`), without credentials, white space, quotes or
 * backslashes: `https://<host>[:<port>][/<path>]`.
 */
export const endpointUrl = z.string().regex(
  /^(https:\/\/[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?|http:\/\/[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?\.svc(\.cluster\.local)?)(:[0-9]{1,5})?(\/[^\s'"`\\]*)?$/,
  { message: 'must be an https URL such as https://loki.example.com[:port][/path] (http only for in-cluster *.svc endpoints; no credentials, white space, quotes or backslashes)' },
);

/** An e-mail address. */
export const email = z.email({ message: 'must be an e-mail address' });

/** A Prometheus metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`). Source: Prometheus docs, "Data model". */
export const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, {
  message: 'must be a Prometheus metric name: letters, digits, "_" and ":", not starting with a digit',
});

/** A Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__`). Source: Prometheus docs, "Data model". */
export const promLabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, {
  message: 'must be a Prometheus label name: letters, digits and "_", not starting with a digit',
}).regex(/^(?!__)/, { message: 'must not start with "__" (reserved for internal use)' });

/** Label matchers of a PromQL selector: label name → exact value. */
export const promSelector = z.record(promLabelName, documented(z.string().regex(/^[^\n\r]*$/, { message: 'must be one line' }), 'Exact value of the label.', 'rewards-api'));

/** A Kubernetes label key (for pod labels a route matches on). */
export const labelKey = z.string().regex(QUALIFIED_NAME, {
  message: 'must be a label key: [prefix/]name with name ≤ 63 characters of [A-Za-z0-9-_.]',
});

/**
 * A regular expression used in a fluentd filter (Ruby Onigmo syntax; checked
 * here as an ECMAScript regular expression, which agrees for the common
 * subset). One line; no `#{` (which fluentd would evaluate in double quotes).
 */
export const logPattern = refineWith(
  z.string().min(1, { message: 'must not be empty' })
    .regex(/^[^\n\r]*$/, { message: 'must be one line' })
    .regex(/^(?!.*#\{)/, { message: 'must not contain "#{"' }),
  (v, issue) => {
    try {
      new RegExp(v);
    } catch (e) {
      issue([], `must be a valid regular expression (${(e as Error).message})`);
    }
  },
  inexpressible('a valid regular expression: JSON Schema says it only with format "regex", which ajv-cli without ajv-formats and the YAML language server do not assert'),
);

/** A percentage objective strictly between 0 and 100, e.g. 99.9. */
export const objectivePercent = z.number()
  .gt(0, { message: 'must be above 0 (percent)' })
  .lt(100, { message: 'must be below 100 (percent); an objective of 100 leaves no error budget' });
