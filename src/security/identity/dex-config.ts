/**
 * The configuration of a cluster's Dex (the OIDC issuer kubectl users log in
 * through), as typed data. Every secret is a reference: Dex expands `$VAR`
 * in connector configs from its environment (`DEX_EXPAND_ENV`, on by
 * default) and reads static client secrets from `secretEnv`; the environment
 * comes from a Secret an ExternalSecret fills from the cluster's secret store.
 *
 * Groups are filtered per connector (`allowedGroups`): LDAP narrows its group
 * search to them, SAML keeps only them (`allowedGroups` with `filterGroups`),
 * the OpenID Connect connector admits only their members and keeps only them
 * (`allowedGroups`). The corporate directory (`dex.directory`) is the only
 * connector without a filter, so platform groups come from it alone.
 *
 * Source: Dex docs, "Configuration" (storage, web, staticClients,
 * environment expansion) and the connector pages "LDAP" (groupSearch
 * filter), "SAML 2.0" (allowedGroups, filterGroups), "OpenID Connect"
 * (allowedGroups).
 */
import { ClusterSpec } from '../../spec/cluster';
import { DexConnectorSpec } from '../../spec/identity';
import { PlatformSettings } from '../../spec/settings';
import { oidcIssuerURL } from './oidc';

/** A Dex connector as Dex's config file spells it. */
export interface DexConnector {
  readonly type: 'ldap' | 'saml' | 'oidc';
  readonly id: string;
  readonly name: string;
  readonly config: Record<string, unknown>;
}

/** A Dex static client. */
export interface DexStaticClient {
  readonly id: string;
  readonly name: string;
  /** Environment variable holding the client secret. */
  readonly secretEnv: string;
  readonly redirectURIs: readonly string[];
}

/** Dex's `config.yaml`. */
export interface DexConfig {
  readonly issuer: string;
  readonly storage: { readonly type: 'kubernetes'; readonly config: { readonly inCluster: true } };
  readonly web: { readonly http: string };
  readonly telemetry: { readonly http: string };
  readonly expiry: { readonly idTokens: string; readonly refreshTokens: { readonly validIfNotUsedFor: string; readonly absoluteLifetime: string } };
  readonly oauth2: { readonly skipApprovalScreen: boolean; readonly responseTypes: readonly string[] };
  readonly enablePasswordDB: false;
  readonly staticClients: readonly DexStaticClient[];
  readonly connectors: readonly DexConnector[];
}

/** A secret Dex reads from its environment: the variable and where the store keeps it. */
export interface DexSecretEnv {
  /** Environment variable, e.g. `CORP_LDAP_BIND_PW`. */
  readonly name: string;
  /** Key in the secret store. */
  readonly remoteKey: string;
  /** Property of that key (the variable name). */
  readonly property: string;
}

/** Name of the environment variable of a connector secret: `<ID>_<WHAT>`, upper case, `-` → `_`. */
export function dexEnvName(connectorId: string, what: string): string {
  return `${connectorId}_${what}`.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** Environment variable holding the `kubernetes` client's secret. */
export const KUBERNETES_CLIENT_SECRET_ENV = 'KUBERNETES_CLIENT_SECRET';

/** An LDAP filter value with the RFC 4515 special characters escaped. */
export function ldapEscape(value: string): string {
  return value.replace(/[\\*()\u0000]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * The LDAP group search filter: the connector's, narrowed to `allowedGroups`
 * by their name attribute when it declares them.
 */
export function ldapGroupFilter(filter: string, nameAttr: string, allowed?: readonly string[]): string {
  if (!allowed || allowed.length === 0) return filter;
  return `(&${filter}(|${allowed.map((g) => `(${nameAttr}=${ldapEscape(g)})`).join('')}))`;
}

function connector(c: DexConnectorSpec, issuer: string): DexConnector {
  const redirectURI = `${issuer}/callback`;
  switch (c.type) {
    case 'ldap':
      return {
        type: 'ldap', id: c.id, name: c.name,
        config: {
          host: c.host,
          ...(c.rootCA ? { rootCA: c.rootCA } : {}),
          bindDN: c.bindDN,
          bindPW: `$${dexEnvName(c.id, 'BIND_PW')}`,
          usernamePrompt: 'User name',
          userSearch: { ...c.userSearch },
          groupSearch: {
            baseDN: c.groupSearch.baseDN,
            filter: ldapGroupFilter(c.groupSearch.filter, c.groupSearch.nameAttr, c.allowedGroups),
            userMatchers: [{ userAttr: c.groupSearch.userAttr, groupAttr: c.groupSearch.groupAttr }],
            nameAttr: c.groupSearch.nameAttr,
          },
        },
      };
    case 'saml':
      return {
        type: 'saml', id: c.id, name: c.name,
        config: {
          ssoURL: c.ssoURL,
          ca: c.ca,
          redirectURI,
          entityIssuer: c.entityIssuer ?? redirectURI,
          usernameAttr: c.usernameAttr,
          emailAttr: c.emailAttr,
          groupsAttr: c.groupsAttr,
          ...(c.allowedGroups ? { allowedGroups: [...c.allowedGroups], filterGroups: true } : {}),
        },
      };
    case 'oidc':
      return {
        type: 'oidc', id: c.id, name: c.name,
        config: {
          issuer: c.issuer,
          clientID: c.clientID,
          clientSecret: `$${dexEnvName(c.id, 'CLIENT_SECRET')}`,
          redirectURI,
          scopes: [...c.scopes],
          insecureEnableGroups: true,
          claimMapping: { groups: c.groupsClaim },
          ...(c.allowedGroups ? { allowedGroups: [...c.allowedGroups] } : {}),
        },
      };
  }
}

/**
 * The Dex configuration of `cluster`: issuer `oidcIssuerURL(cluster)`,
 * Kubernetes CRD storage, a static client for the API server's client ID
 * (kubectl's OIDC login redirect URIs), and the platform's connectors.
 * ID tokens live one hour; refresh tokens expire unused after 24 hours.
 *
 * @returns the config and the environment variables it expects (every secret)
 */
export function dexConfig(cluster: ClusterSpec, settings: PlatformSettings): { config: DexConfig; env: DexSecretEnv[] } {
  const issuer = oidcIssuerURL(cluster);
  const { connectors, secretKey, kubectlRedirectURIs } = settings.identity.dex;
  const remoteKey = `${secretKey}/${cluster.name}`;
  const envNames = [
    KUBERNETES_CLIENT_SECRET_ENV,
    ...connectors.flatMap((c) => (c.type === 'ldap' ? [dexEnvName(c.id, 'BIND_PW')] : c.type === 'oidc' ? [dexEnvName(c.id, 'CLIENT_SECRET')] : [])),
  ];
  return {
    config: {
      issuer,
      storage: { type: 'kubernetes', config: { inCluster: true } },
      web: { http: '0.0.0.0:5556' },
      telemetry: { http: '0.0.0.0:5558' },
      expiry: { idTokens: '1h', refreshTokens: { validIfNotUsedFor: '24h', absoluteLifetime: '168h' } },
      oauth2: { skipApprovalScreen: true, responseTypes: ['code'] },
      enablePasswordDB: false,
      staticClients: [{
        id: cluster.oidc.clientID,
        name: `Kubernetes ${cluster.name}`,
        secretEnv: KUBERNETES_CLIENT_SECRET_ENV,
        redirectURIs: [...kubectlRedirectURIs],
      }],
      connectors: connectors.map((c) => connector(c, issuer)),
    },
    env: envNames.map((name) => ({ name, remoteKey, property: name })),
  };
}
