/**
 * The API server's structured authentication configuration
 * (`--authentication-config`), which replaces the `--oidc-*` flags on
 * clusters that support it: Kubernetes 1.30+ (`apiserver.config.k8s.io/v1beta1`,
 * on by default), `v1` from 1.34. Beyond what the flags can say, it filters
 * groups per Dex connector at the API server too — the corporate directory's
 * groups as they are, every other connector's only when on its
 * `allowedGroups` — so a partner identity provider cannot reach platform or
 * other tenants' groups even if Dex's own filter were misconfigured.
 *
 * The file holds the issuer's CA inline (`certificateAuthority`, PEM), not
 * a path: clusters with `oidc.caFile` keep the flags (their CA is a file on
 * the node) until they move the CA into the definition.
 *
 * Source: Kubernetes docs, "Authenticating" → "Using Authentication
 * Configuration" (jwt issuer, claimMappings with CEL `expression`,
 * claimValidationRules, userValidationRules; mutually exclusive with the
 * `--oidc-*` flags); Dex docs "Custom scopes" (`federated:id` adds the
 * `federated_claims.connector_id` claim).
 */
import { ClusterSpec, kubernetesMinor } from '../../spec/cluster';
import { dexDirectoryId } from '../../spec/identity';
import { PlatformSettings } from '../../spec/settings';
import { celString, celStringList } from '../cel';
import { oidcIssuerURL, usesDex } from './oidc';

/** File name in `control-plane/`. */
export const AUTHENTICATION_CONFIGURATION_FILE = 'authentication-configuration.yaml';

/** True when the cluster authenticates OIDC tokens through the structured configuration rather than flags. */
export function usesStructuredAuthentication(cluster: ClusterSpec): boolean {
  return kubernetesMinor(cluster.kubernetesVersion) >= 30 && cluster.oidc.caFile === undefined;
}

/**
 * The CEL expression of the groups claim mapping: the token's groups, those
 * of connectors other than the directory filtered to their `allowedGroups`,
 * each with the cluster's OIDC group prefix.
 */
export function groupsExpression(cluster: ClusterSpec, settings: PlatformSettings): string {
  const o = cluster.oidc;
  const claim = `claims.${o.groupsClaim}`;
  const groups = `(has(${claim}) ? ${claim} : [])`;
  const prefixed = (list: string) => `${list}.map(g, ${celString(o.groupPrefix)} + g)`;
  if (!usesDex(cluster)) return prefixed(groups);
  const { connectors } = settings.identity.dex;
  const directoryId = dexDirectoryId(settings.identity.dex);
  const connector = 'claims.federated_claims.connector_id';
  const allowed = connectors.map((c) => (c.id === directoryId
    ? `${connector} == ${celString(c.id)}`
    : `(${connector} == ${celString(c.id)} && g in ${celStringList(c.allowedGroups ?? [])})`));
  return prefixed(`${groups}.filter(g, ${allowed.join(' || ') || 'false'})`);
}

/** The AuthenticationConfiguration of `cluster`. */
export function authenticationConfiguration(cluster: ClusterSpec, settings: PlatformSettings): Record<string, unknown> {
  const o = cluster.oidc;
  const minor = kubernetesMinor(cluster.kubernetesVersion);
  return {
    apiVersion: minor >= 34 ? 'apiserver.config.k8s.io/v1' : 'apiserver.config.k8s.io/v1beta1',
    kind: 'AuthenticationConfiguration',
    jwt: [{
      issuer: { url: oidcIssuerURL(cluster), audiences: [o.clientID] },
      claimValidationRules: usesDex(cluster)
        ? [{ expression: 'has(claims.federated_claims) && has(claims.federated_claims.connector_id)', message: 'the token must name the Dex connector it comes from: log in with the federated:id scope' }]
        : [],
      claimMappings: {
        username: { claim: o.usernameClaim, prefix: o.usernamePrefix },
        groups: { expression: groupsExpression(cluster, settings) },
      },
      userValidationRules: [{ expression: "!user.username.startsWith('system:')", message: 'OIDC users may not have system: user names' }],
    }],
  };
}
