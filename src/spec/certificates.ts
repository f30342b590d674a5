/**
 * The `certificates` field of a cluster: how cert-manager issues
 * certificates — an ACME account (HTTP-01 through the ingress controller and
 * DNS-01 through the cluster's DNS provider) and a private CA whose key pair
 * sits in a Secret delivered by reference.
 *
 * Source: cert-manager docs, "ACME" (HTTP01, DNS01: Route53, Cloudflare,
 * RFC-2136) and "CA" issuer.
 */
import { z } from 'zod';
import { dnsLabel, dnsSubdomain } from './fields';

const secretKeyRef = z.strictObject({ name: dnsLabel(), key: z.string().min(1) });

export const dns01Schema = z.union([
  z.strictObject({ route53: z.strictObject({ region: z.string().min(1), hostedZoneID: z.string().min(1).optional() }) }),
  z.strictObject({ cloudflare: z.strictObject({ apiTokenSecretRef: secretKeyRef }) }),
  z.strictObject({
    rfc2136: z.strictObject({
      /** DNS server `host:port`. */
      nameserver: z.string().regex(/^[^\s:]+:[0-9]{1,5}$/, { message: 'must be host:port, e.g. 10.0.0.53:53' }),
      tsigKeyName: dnsSubdomain,
      tsigAlgorithm: z.enum(['HMACMD5', 'HMACSHA1', 'HMACSHA256', 'HMACSHA512']).default('HMACSHA512'),
      tsigSecretSecretRef: secretKeyRef,
    }),
  }),
], { message: 'must be one of { route53 }, { cloudflare } or { rfc2136 }' });

export const certificatesSchema = z.strictObject({
  acme: z.strictObject({
    /** ACME account e-mail (expiry notices). */
    email: z.email({ message: 'must be an e-mail address' }),
    /** ACME directory URL; an internal ACME server for air-gapped clusters. */
    server: z.url({ protocol: /^https$/, message: 'must be an https URL' }).default('https://acme-v02.api.letsencrypt.org/directory'),
    /** DNS-01 solver; without it only the HTTP-01 ClusterIssuer is rendered. */
    dns01: dns01Schema.optional(),
  }).optional(),
  privateCa: z.strictObject({
    /** Secret in the cert-manager namespace holding `tls.crt` and `tls.key` of the CA (delivered by reference). */
    secretName: dnsLabel(),
  }).default({ secretName: 'platform-ca' }),
}).default({ privateCa: { secretName: 'platform-ca' } });

export type ClusterCertificates = z.output<typeof certificatesSchema>;
