/**
 * Reusable zod field schemas for the platform definition: names, labels,
 * quantities, CIDRs, URLs. Each one's message says what is allowed.
 */
import * as ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { CIDR_PATTERN } from './cidr';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, LABEL_VALUE, QUALIFIED_NAME } from './names';
import { isQuantity, NON_NEGATIVE_QUANTITY, QUANTITY_HINT } from './quantity';

/** An RFC 1123 label of at most `max` characters (default 63). */
export function dnsLabel(max = 63) {
  return z.string()
    .regex(DNS1123_LABEL, { message: 'must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit' })
    .max(max, { message: `must be at most ${max} characters` });
}

/** An RFC 1123 subdomain (e.g. an ingress base domain). */
export const dnsSubdomain = z.string()
  .regex(DNS1123_SUBDOMAIN, { message: 'must be a DNS-1123 subdomain such as apps.example.com' })
  .max(253, { message: 'must be at most 253 characters' });

/** A map of label keys to label values, both checked against the Kubernetes label syntax. */
export const labelMap = z.record(
  z.string().regex(QUALIFIED_NAME, { message: 'label keys must be [prefix/]name with name ≤ 63 characters of [A-Za-z0-9-_.]' }),
  z.string().regex(LABEL_VALUE, { message: 'label values must be ≤ 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric' }),
);

/** A single label value (e.g. a cost centre). */
export const labelValue = z.string().min(1, { message: 'must not be empty' })
  .regex(LABEL_VALUE, { message: 'must be a valid label value: ≤ 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric' });

/**
 * A non-negative Kubernetes quantity. YAML numbers (`cpu: 4`) are accepted
 * and kept as their decimal string; the output is always a string such as
 * `"4"` or `"512Mi"`.
 */
export const quantity = z.union([
  z.string().regex(NON_NEGATIVE_QUANTITY, {
    error: (iss) => (typeof iss.input === 'string' && iss.input.startsWith('-') && isQuantity(iss.input) ? 'must not be negative' : `must be ${QUANTITY_HINT}`),
  }),
  z.number().min(0, { message: 'must not be negative' }),
], { message: `must be ${QUANTITY_HINT}` })
  .transform((v) => String(v));

/** A non-negative whole number of objects. */
export const count = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must be 0 or more' });

/**
 * An IPv4 or IPv6 CIDR as NetworkPolicy takes it, host bits zero, e.g.
 * `10.20.0.0/16` (see {@link CIDR_PATTERN}). The message says what is wrong,
 * using ipaddr.js to name the network address when only host bits are set.
 */
export const cidr = z.string().regex(CIDR_PATTERN, { error: (iss) => cidrMessage(String(iss.input)) });

function cidrMessage(value: string): string {
  const [address = '', prefix = ''] = value.split('/');
  const plain = (/^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}$/.test(address) || /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/.test(address))
    && /^(0|[1-9][0-9]*)$/.test(prefix);
  if (plain && ipaddr.isValidCIDR(value)) {
    const [parsed, bits] = ipaddr.parseCIDR(value);
    const network = parsed.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(value) : ipaddr.IPv6.networkAddressFromCIDR(value);
    if (network.toString() !== parsed.toString()) return `has host bits set; the network address is ${network.toString()}/${bits}`;
  }
  return 'must be an IPv4 or IPv6 CIDR such as 10.20.0.0/16 or 2001:db8::/32 (dotted decimal without leading zeros, no zone, prefix length without leading zeros)';
}

/**
 * An https or ssh Git URL, as both Argo CD and Flux take it (Flux's
 * GitRepository `spec.url` must match `^(http|https|ssh)://`, so the scp-like
 * `git@host:path` is refused; write `ssh://git@host/path`). Source: Flux
 * source-controller v1.9 GitRepository CRD.
 */
export const gitUrl = z.string().regex(/^(https|ssh):\/\/[^\s/]+\/[^\s]*$/, {
  message: 'must be a Git URL starting with https:// or ssh:// (write git@host:path as ssh://git@host/path)',
});

/**
 * A Git branch name as `git check-ref-format --branch` takes it: slash-separated
 * components that do not start with "." or end with ".lock", no "..", "@{",
 * white space or any of ~^:?*[\\, not starting with "-" or ending with "/" or ".".
 */
export const gitBranch = z.string().regex(/^(?!-)(?!.*\.\.)(?!.*@\{)(?!.*\/\/)(?!.*(^|\/)\.)(?!.*\.lock(\/|$))[^\s~^:?*[\\\x00-\x1f\x7f]+(?<![/.])$/, {
  message: 'must be a Git branch name such as main or release/1.4 (no "..", white space, ~^:?*[\\, no component starting with "." or ending with ".lock")',
});

/**
 * A relative folder inside a repository: slash-separated names of letters,
 * digits, ".", "_" and "-", no "." or ".." component, no leading or trailing
 * "/" (Argo CD refuses paths outside the repository).
 */
export const repoPath = z.string().regex(/^(?!\.{1,2}(\/|$))(?!.*\/\.{1,2}(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, {
  message: 'must be a relative folder such as deploy or apps/web: names of letters, digits, ".", "_" and "-" separated by "/", no "." or ".." components',
});

/** A Kubernetes minor version this platform supports, e.g. `"1.28"`. */
export const kubernetesVersion = z.string().regex(/^1\.(2[89]|3[0-4])$/, {
  message: 'must be a supported Kubernetes minor version, "1.28" to "1.34"',
});

/** A TCP/UDP/SCTP port (1–65535). */
export const port = z.number().int().min(1, { message: 'must be 1–65535' }).max(65535, { message: 'must be 1–65535' });

/** A network protocol as NetworkPolicy spells it. */
export const protocol = z.enum(['TCP', 'UDP', 'SCTP']);

/** A non-empty, trimmed piece of free text of at least `min` characters. */
export function prose(min: number, what: string) {
  // The length is of the trimmed text, written as a pattern so the JSON Schema says the same.
  return z.string()
    .regex(new RegExp(`^\\s*\\S[\\s\\S]{${min - 2},}\\S\\s*$`), { message: `must be a written ${what} of at least ${min} characters` })
    .trim();
}

/** An https URL, e.g. `https://vault.example.com:8200`. */
export const httpsUrl = z.string().regex(/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/, {
  message: 'must be an https URL such as https://vault.example.com:8200',
});

/** An absolute file path on a node, e.g. `/etc/kubernetes/pki/ca.crt`. */
export const absolutePath = z.string().regex(/^\/[A-Za-z0-9._/-]*$/, { message: 'must be an absolute path such as /etc/kubernetes/pki/ca.crt' });

/** A Go duration as Kubernetes and its controllers read it, e.g. `3s`, `1h`, `1h30m`. */
export const duration = z.string().regex(/^(\d+(ns|us|ms|s|m|h))+$/, { message: 'must be a duration such as 30s, 5m or 1h' });
