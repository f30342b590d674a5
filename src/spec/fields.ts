/**
 * Reusable zod field schemas for the platform definition: names, labels,
 * quantities, CIDRs, URLs. Each one's message says what is allowed.
 */
import * as ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, isLabelValue, isQualifiedName } from './names';
import { isQuantity, QUANTITY, QUANTITY_HINT } from './quantity';

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
  z.string().refine(isQualifiedName, { message: 'label keys must be [prefix/]name with name ≤ 63 characters of [A-Za-z0-9-_.]' }),
  z.string().refine(isLabelValue, { message: 'label values must be ≤ 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric' }),
);

/** A single label value (e.g. a cost centre). */
export const labelValue = z.string().min(1, { message: 'must not be empty' })
  .refine(isLabelValue, { message: 'must be a valid label value: ≤ 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric' });

/**
 * A Kubernetes quantity. YAML numbers (`cpu: 4`) are accepted and kept as
 * their decimal string; the output is always a string such as `"4"` or `"512Mi"`.
 */
export const quantity = z.union([
  z.string().regex(QUANTITY, { message: `must be ${QUANTITY_HINT}` }),
  z.number().min(0, { message: 'must not be negative' }),
], { message: `must be ${QUANTITY_HINT}` })
  .transform((v) => String(v))
  .refine(isQuantity, { message: `must be ${QUANTITY_HINT}` })
  .refine((v) => !v.startsWith('-'), { message: 'must not be negative' });

/** A non-negative whole number of objects. */
export const count = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must be 0 or more' });

/**
 * An IPv4 or IPv6 CIDR in canonical form (host bits zero), e.g. `10.20.0.0/16`.
 * Uses ipaddr.js for parsing.
 */
export const cidr = z.string().superRefine((value, ctx) => {
  if (!ipaddr.isValidCIDR(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be an IPv4 or IPv6 CIDR such as 10.20.0.0/16 or 2001:db8::/32' });
    return;
  }
  const [address, prefix] = ipaddr.parseCIDR(value);
  const network = address.kind() === 'ipv4'
    ? ipaddr.IPv4.networkAddressFromCIDR(value)
    : ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toString() !== address.toString()) {
    ctx.addIssue({ code: 'custom', message: `has host bits set; the network address is ${network.toString()}/${prefix}` });
  }
});

/** An https or ssh Git URL. */
export const gitUrl = z.string().regex(/^(https:\/\/|ssh:\/\/|git@)[^\s]+$/, {
  message: 'must be a Git URL starting with https://, ssh:// or git@',
});

/** A Git branch name. */
export const gitBranch = z.string().regex(/^[A-Za-z0-9._/-]+$/, { message: 'must be a Git branch name' });

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
  return z.string().trim().min(min, { message: `must be a written ${what} of at least ${min} characters` });
}

/** An https URL, e.g. `https://vault.example.com:8200`. */
export const httpsUrl = z.string().regex(/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/, {
  message: 'must be an https URL such as https://vault.example.com:8200',
});

/** An absolute file path on a node, e.g. `/etc/kubernetes/pki/ca.crt`. */
export const absolutePath = z.string().regex(/^\/[A-Za-z0-9._/-]*$/, { message: 'must be an absolute path such as /etc/kubernetes/pki/ca.crt' });

/** A Go duration as Kubernetes and its controllers read it, e.g. `3s`, `1h`, `1h30m`. */
export const duration = z.string().regex(/^(\d+(ns|us|ms|s|m|h))+$/, { message: 'must be a duration such as 30s, 5m or 1h' });
