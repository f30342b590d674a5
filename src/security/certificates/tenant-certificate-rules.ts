/**
 * What the tenant roles may do with cert-manager's resources: developers and
 * admins manage Certificates (for their own DNS names, from the platform's
 * tenant issuers — the admission policy `tenant-certificates`); everyone
 * reads Certificates and the CertificateRequests, Orders and Challenges
 * cert-manager makes from them. No tenant role creates CertificateRequests
 * or Issuers: every request cert-manager signs in a tenant namespace comes
 * from a Certificate the policy admitted.
 *
 * Source: cert-manager docs, "Certificate resource", "CertificateRequest
 * resource" (anyone who can create one can ask an issuer to sign anything it
 * accepts) and "Approver Policy".
 */
import { PolicyRule } from '../rbac-authorizer';
import { TenantRole } from '../../spec/tenant';
import { READ, WRITE } from '../../tenancy/tenant-roles';

const viewer: PolicyRule[] = [
  { apiGroups: ['cert-manager.io'], resources: ['certificaterequests', 'certificates'], verbs: [...READ] },
  { apiGroups: ['acme.cert-manager.io'], resources: ['challenges', 'orders'], verbs: [...READ] },
];
const developer: PolicyRule[] = [
  ...viewer,
  { apiGroups: ['cert-manager.io'], resources: ['certificates'], verbs: [...WRITE] },
];

/** Extra tenant role rules for cert-manager, for `TenantClusterRoles({ extraRules })`. */
export const CERT_MANAGER_TENANT_RULES: Readonly<Record<TenantRole, readonly PolicyRule[]>> = {
  viewer,
  developer,
  admin: developer,
};
