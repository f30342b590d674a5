/**
 * Definition fields for identity: how a cluster's API server trusts OIDC
 * tokens (`clusters[].oidc`), the Dex connectors to upstream identity
 * providers (`settings.identity`), and the groups of the people who run the
 * platform (`settings.access`).
 */
import { z } from 'zod';
import { absolutePath, dnsLabel, httpsUrl } from './fields';

const prefix = z.string().regex(/^[A-Za-z0-9:_.-]*$/, { message: 'must be letters, digits and : _ . - only' });

/** JWS algorithms the API server accepts for OIDC ID tokens (`--oidc-signing-algs`). */
export const OIDC_SIGNING_ALGS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'] as const;

/**
 * `clusters[].oidc`: the kube-apiserver OIDC flags. Without `issuerURL` the
 * cluster's own Dex, at `https://dex.<ingressDomain>`, is the issuer.
 *
 * Source: Kubernetes docs, "Authenticating" (OpenID Connect tokens, `--oidc-*` flags).
 */
export const oidcSchema = z.strictObject({
  /** Issuer URL (`--oidc-issuer-url`). @default - `https://dex.<ingressDomain>`, the cluster's Dex */
  issuerURL: httpsUrl.optional(),
  /** Client ID tokens must be issued for (`--oidc-client-id`). */
  clientID: z.string().regex(/^[A-Za-z0-9._:-]+$/, { message: 'must be a client ID such as kubernetes' }).default('kubernetes'),
  /** Claim used as the user name (`--oidc-username-claim`). */
  usernameClaim: z.string().min(1).default('email'),
  /** Prefix put before every user name (`--oidc-username-prefix`), so OIDC users never collide with `system:` users. */
  usernamePrefix: prefix.default('oidc:'),
  /** Claim holding the user's groups (`--oidc-groups-claim`). */
  groupsClaim: z.string().min(1).default('groups'),
  /**
   * Prefix the API server puts before every OIDC group (`--oidc-groups-prefix`),
   * so no identity provider can assert `system:` groups or the break-glass
   * group; never empty (the definition checks refuse it). @default 'oidc:'
   */
  groupPrefix: prefix.default('oidc:'),
  signingAlgs: z.array(z.enum(OIDC_SIGNING_ALGS)).min(1).default(['RS256']),
  /** CA bundle on the control-plane node that signs the issuer's certificate (`--oidc-ca-file`). @default - the node's system roots */
  caFile: absolutePath.optional(),
});
export type OidcSpec = z.output<typeof oidcSchema>;

const connectorBase = {
  /** Connector ID (in Dex URLs and the user's identity); a DNS-1123 label. */
  id: dnsLabel(40),
  /** Name shown on Dex's login page. */
  name: z.string().min(1),
  /**
   * Upstream groups this connector may put into tokens; Dex drops every other
   * group it asserts. Required on every connector but `dex.directory`: Dex
   * merges all connectors' groups into one namespace, so without it a
   * partner's IdP could assert `platform-admins` or another tenant's group.
   */
  allowedGroups: z.array(z.string().regex(/^[^\s]+$/, { message: 'must not contain white space' })).min(1).optional(),
};

/** An LDAP directory; the bind password comes from the Dex environment (never the definition). */
const ldapConnector = z.strictObject({
  type: z.literal('ldap'),
  ...connectorBase,
  /** `host:port` of the LDAPS server. */
  host: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { message: 'must be host:port such as ldap.example.com:636' }),
  /** CA bundle in the Dex pod that signs the server certificate. @default - the system roots */
  rootCA: absolutePath.optional(),
  /** DN Dex binds as to search; the password is `$<ID>_BIND_PW` in the Dex environment. */
  bindDN: z.string().min(1),
  userSearch: z.strictObject({
    baseDN: z.string().min(1),
    filter: z.string().default('(objectClass=person)'),
    username: z.string().default('uid'),
    idAttr: z.string().default('uid'),
    emailAttr: z.string().default('mail'),
    nameAttr: z.string().default('cn'),
  }),
  groupSearch: z.strictObject({
    baseDN: z.string().min(1),
    filter: z.string().default('(objectClass=groupOfNames)'),
    userAttr: z.string().default('DN'),
    groupAttr: z.string().default('member'),
    nameAttr: z.string().default('cn'),
  }),
});

/** A SAML 2.0 identity provider. */
const samlConnector = z.strictObject({
  type: z.literal('saml'),
  ...connectorBase,
  /** The IdP's SSO URL. */
  ssoURL: httpsUrl,
  /** CA bundle in the Dex pod that signs the IdP's responses. */
  ca: absolutePath,
  /** Entity ID Dex presents to the IdP. @default - the Dex callback URL */
  entityIssuer: z.string().min(1).optional(),
  usernameAttr: z.string().default('name'),
  emailAttr: z.string().default('email'),
  groupsAttr: z.string().default('groups'),
});

/** An upstream OpenID Connect provider; the client secret comes from the Dex environment. */
const oidcConnector = z.strictObject({
  type: z.literal('oidc'),
  ...connectorBase,
  issuer: httpsUrl,
  /** Client ID registered at the upstream provider; the secret is `$<ID>_CLIENT_SECRET` in the Dex environment. */
  clientID: z.string().min(1),
  scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email', 'groups']),
  /** Claim holding the groups at the upstream provider. */
  groupsClaim: z.string().default('groups'),
});

/** One Dex connector: `ldap`, `saml` or `oidc`. */
export const dexConnectorSchema = z.discriminatedUnion('type', [ldapConnector, samlConnector, oidcConnector]);
export type DexConnectorSpec = z.output<typeof dexConnectorSchema>;

/** `settings.identity`: Dex, the OIDC issuer of clusters without an external `oidc.issuerURL`. */
export const identitySchema = z.strictObject({
  dex: z.strictObject({
    /**
     * The connector of the corporate directory: the only one whose groups are
     * taken as they are, and so the only source of platform groups.
     * @default - the only connector, when there is one
     */
    directory: dnsLabel(40).optional(),
    /** Upstream identity providers, in login-page order. */
    connectors: z.array(dexConnectorSchema).default([])
      .refine((v) => new Set(v.map((c) => c.id)).size === v.length, { message: 'must not use a connector id twice' }),
    /** Key in the secret store holding Dex's environment (one property per variable); the cluster name is appended. */
    secretKey: z.string().regex(/^[A-Za-z0-9._/-]+$/, { message: 'must be a secret store key such as platform/dex' }).default('platform/dex'),
    /** Redirect URIs of the `kubernetes` client (kubectl's OIDC login plugin listens on these). */
    kubectlRedirectURIs: z.array(z.string().regex(/^https?:\/\/[^\s]+$/)).default(['http://localhost:8000', 'http://localhost:18000']),
  }).prefault({}),
}).prefault({});
export type IdentitySpec = z.output<typeof identitySchema>;

/**
 * The id of the corporate directory's connector: `dex.directory`, else the
 * only connector; undefined when several connectors name none (the
 * definition checks refuse that).
 */
export function dexDirectoryId(dex: IdentitySpec['dex']): string | undefined {
  return dex.directory ?? (dex.connectors.length === 1 ? dex.connectors[0].id : undefined);
}

const groups = z.strictObject({
  /** OIDC groups, without the cluster's group prefix. */
  groups: z.array(z.string().regex(/^[^\s]+$/, { message: 'must not contain white space' })).min(1, { message: 'must list at least one group' }),
});

/** `settings.access`: the people who run the platform, outside any tenant. */
export const platformAccessSchema = z.strictObject({
  /** Operate the platform on every cluster (ClusterRole `platform-admin`). */
  platformAdmin: groups.default({ groups: ['platform-admins'] }),
  /** Read everything but Secret contents (ClusterRole `security-auditor`). */
  securityAuditor: groups.default({ groups: ['security-auditors'] }),
  /**
   * Emergency access: the only group bound to `cluster-admin`. These are
   * client-certificate groups (the `O` of a certificate the cluster CA signs,
   * kept offline), bound without the OIDC prefix, so no identity provider's
   * group claim can ever reach them; every request they make is audited in full.
   */
  breakGlass: groups.default({ groups: ['break-glass'] }),
}).prefault({});
export type PlatformAccessSpec = z.output<typeof platformAccessSchema>;

/** Roles of `settings.access`, for messages. */
export const PLATFORM_ROLES = ['platformAdmin', 'securityAuditor', 'breakGlass'] as const;

/** The platform's groups, each with its `settings.access` role (a group named by two roles keeps the last). */
export function platformGroupRoles(access: PlatformAccessSpec): Map<string, (typeof PLATFORM_ROLES)[number]> {
  const out = new Map<string, (typeof PLATFORM_ROLES)[number]>();
  for (const role of PLATFORM_ROLES) for (const g of access[role].groups) out.set(g, role);
  return out;
}
