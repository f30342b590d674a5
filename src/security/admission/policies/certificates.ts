/**
 * Policies on tenant certificates (cert-manager `Certificate`, written by the
 * tenant or by ingress-shim from an Ingress in the tenant's namespace): DNS
 * names under the tenant's domains, from a tenant issuer only, and nothing
 * that makes it more than a TLS server certificate for those names — no
 * common name, e-mail, URI, IP or other-name identities, no subject, never a
 * CA, server-auth usages only, a bounded lifetime.
 *
 * cert-manager's approver-policy would check the CertificateRequests it
 * signs; without it this is the platform's equivalent: tenants may create
 * Certificates but not CertificateRequests (RBAC), so every request
 * cert-manager signs in a tenant namespace comes from a Certificate this
 * policy admitted. The CSR inside a CertificateRequest cannot be parsed in
 * CEL (residual, docs/threat-model.md).
 *
 * Sources: cert-manager docs "Certificate resource" (`dnsNames`,
 * `commonName`, `emailAddresses`, `uris`, `ipAddresses`, `otherNames`,
 * `subject`, `literalSubject`, `isCA`, `usages`, `duration`), "Approver
 * Policy"; CA/Browser Forum Baseline Requirements (server certificates at
 * most 398 days; ACME CAs such as Let's Encrypt issue 90 days).
 */
import { celStringList } from '../../cel';
import { AdmissionPolicyDefinition } from '../policy-types';

/** Key usages a tenant certificate may carry. */
export const TENANT_CERTIFICATE_USAGES = ['digital signature', 'key encipherment', 'server auth'] as const;

/** The longest lifetime of a tenant certificate (`spec.duration`), 90 days. */
export const TENANT_CERTIFICATE_MAX_DURATION = '2160h';

const IDENTITY_FIELDS = ['commonName', 'emailAddresses', 'uris', 'ipAddresses', 'otherNames', 'subject', 'literalSubject'] as const;

const certificates: AdmissionPolicyDefinition = {
  name: 'tenant-certificates',
  description: 'Tenant certificates are TLS server certificates for the tenant\'s own DNS names from a tenant issuer: no other identities, never a CA, server-auth usages only, at most 90 days.',
  scope: 'tenants',
  match: [{ group: 'cert-manager.io', version: 'v1', resources: ['certificates'], kinds: ['Certificate'] }],
  parameters: ['ingressDomains', 'tenantIssuers'],
  variables: [
    {
      name: 'issuer',
      expression: "(has(object.spec.issuerRef.kind) ? object.spec.issuerRef.kind : 'Issuer') + ' ' + object.spec.issuerRef.name",
    },
    {
      name: 'issuerOk',
      expression: "has(object.spec.issuerRef.kind) && object.spec.issuerRef.kind == 'ClusterIssuer'"
        + " && (!has(object.spec.issuerRef.group) || object.spec.issuerRef.group == 'cert-manager.io')"
        + ' && object.spec.issuerRef.name in variables.tenantIssuers',
    },
    { name: 'dnsNames', expression: 'has(object.spec.dnsNames) ? object.spec.dnsNames : []' },
    { name: 'foreignNames', expression: "variables.dnsNames.filter(h, !variables.ingressDomains.exists(d, h == d || h.endsWith('.' + d)))" },
    {
      name: 'extras',
      expression: [
        ...IDENTITY_FIELDS.map((f) => `(has(object.spec.${f}) ? ['${f}'] : [])`),
        "(has(object.spec.isCA) && object.spec.isCA ? ['isCA'] : [])",
        `(has(object.spec.usages) ? object.spec.usages.filter(u, !(u in ${celStringList(TENANT_CERTIFICATE_USAGES)})).map(u, 'usage ' + u) : [])`,
        `(has(object.spec.duration) && duration(object.spec.duration) > duration('${TENANT_CERTIFICATE_MAX_DURATION}') ? ['duration ' + object.spec.duration + ' (at most ${TENANT_CERTIFICATE_MAX_DURATION})'] : [])`,
      ].join(' + '),
    },
  ],
  validations: [
    {
      expression: 'variables.issuerOk',
      messageExpression: "'tenant certificates come from the ClusterIssuers ' + variables.tenantIssuers.join(', ') + '; not from ' + variables.issuer",
      message: 'tenant certificates come from the platform\'s tenant issuers only',
    },
    {
      expression: 'size(variables.dnsNames) > 0 && size(variables.foreignNames) == 0',
      messageExpression: "'dnsNames must be under ' + variables.ingressDomains.join(', ') + (size(variables.dnsNames) == 0 ? ' and at least one is needed' : '; not allowed: ' + variables.foreignNames.join(', '))",
      message: 'certificate DNS names must be under the tenant\'s domains',
    },
    {
      expression: 'size(variables.extras) == 0',
      messageExpression: "'tenant certificates are TLS server certificates for DNS names only; not allowed: ' + variables.extras.join(', ')",
      message: 'tenant certificates are TLS server certificates for DNS names only',
    },
  ],
};

/** The certificate policies of the library. */
export const CERTIFICATE_POLICIES: readonly AdmissionPolicyDefinition[] = [certificates];
