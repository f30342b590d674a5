/**
 * How a cluster's API server trusts OIDC ID tokens.
 */
import { ClusterSpec } from '../../spec/cluster';
import { usesDex } from '../../spec/cluster';

/** Host name of a cluster's Dex under its ingress domain. */
export function dexHost(cluster: ClusterSpec): string {
  return `dex.${cluster.ingressDomain}`;
}

/** The cluster's OIDC issuer URL: `oidc.issuerURL`, else its own Dex (`https://dex.<ingressDomain>`). */
export function oidcIssuerURL(cluster: ClusterSpec): string {
  return cluster.oidc.issuerURL ?? `https://${dexHost(cluster)}`;
}

/**
 * The kube-apiserver `--oidc-*` flags of `cluster` (flag name without `--` → value).
 * `--oidc-groups-prefix` is left out when the prefix is empty.
 *
 * Source: Kubernetes docs, "Authenticating" → "OpenID Connect Tokens" → "Configuring the API Server".
 */
export function oidcFlags(cluster: ClusterSpec): Record<string, string> {
  const o = cluster.oidc;
  const flags: Record<string, string> = {
    'oidc-issuer-url': oidcIssuerURL(cluster),
    'oidc-client-id': o.clientID,
    'oidc-username-claim': o.usernameClaim,
    'oidc-username-prefix': o.usernamePrefix === '' ? '-' : o.usernamePrefix,
    'oidc-groups-claim': o.groupsClaim,
    'oidc-signing-algs': o.signingAlgs.join(','),
  };
  if (o.groupPrefix) flags['oidc-groups-prefix'] = o.groupPrefix;
  if (o.caFile) flags['oidc-ca-file'] = o.caFile;
  return flags;
}

export { usesDex };
