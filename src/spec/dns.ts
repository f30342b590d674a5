/**
 * The `dns` field of a cluster: the DNS provider external-dns publishes
 * Ingress and Service host names to.
 *
 * Source: external-dns docs, "Providers" and the chart's `provider.name`.
 */
import { z } from 'zod';
import { dnsSubdomain } from './fields';

export const DNS_PROVIDERS = ['aws', 'google', 'azure', 'cloudflare', 'rfc2136'] as const;

export const dnsSchema = z.strictObject({
  provider: z.enum(DNS_PROVIDERS),
  /** Zones external-dns may change. @default - the cluster's ingress domain */
  domainFilters: z.array(dnsSubdomain).optional(),
  /** Extra provider arguments, e.g. `{ 'rfc2136-host': '10.0.0.53' }` (written as `--key=value`). */
  providerArgs: z.record(z.string().regex(/^[a-z0-9-]+$/, { message: 'must be a flag name without leading dashes' }), z.string()).default({}),
});

export type ClusterDns = z.output<typeof dnsSchema>;
