/**
 * The cluster's cert-manager ClusterIssuers, and the `certificates` component
 * that renders them after cert-manager (whose CRDs they need):
 * - `acme-http01`: ACME with the HTTP-01 solver through the `nginx`
 *   IngressClass (when ingress-nginx runs), its solver Service a ClusterIP
 *   (cert-manager's default is NodePort, which tenant quotas forbid);
 * - `acme-dns01`: ACME with the cluster's DNS-01 solver (Route53, Cloudflare
 *   or RFC 2136), for wildcard and internal names;
 * - `private-ca`: a CA issuer signing with the key pair in a Secret that is
 *   delivered by reference (External Secrets), never rendered.
 * Source: cert-manager docs, "ACME", "HTTP01", "DNS01", "CA".
 */
import { Construct } from 'constructs';
import { ClusterIssuer, ClusterIssuerSpecAcmeSolvers } from '../../imports/cert-manager.io';
import { PlatformComponent, WAVES } from '../contracts/component';
import { ClusterCertificates } from '../spec/certificates';
import { ClusterSpec } from '../spec/cluster';
import { enabledAddons } from './enablement';
import { INGRESS_CLASS } from './ingress-nginx';

/** Names of the ClusterIssuers. */
export const CLUSTER_ISSUERS = { http01: 'acme-http01', dns01: 'acme-dns01', privateCa: 'private-ca' } as const;

export interface ClusterIssuersProps {
  readonly certificates: ClusterCertificates;
  /** Render the HTTP-01 issuer (the ingress controller runs). */
  readonly http01: boolean;
}

function dns01Solver(dns01: NonNullable<NonNullable<ClusterCertificates['acme']>['dns01']>): ClusterIssuerSpecAcmeSolvers {
  if ('route53' in dns01) return { dns01: { route53: { region: dns01.route53.region, hostedZoneId: dns01.route53.hostedZoneID } } };
  if ('cloudflare' in dns01) return { dns01: { cloudflare: { apiTokenSecretRef: { ...dns01.cloudflare.apiTokenSecretRef } } } };
  const r = dns01.rfc2136;
  return { dns01: { rfc2136: { nameserver: r.nameserver, tsigKeyName: r.tsigKeyName, tsigAlgorithm: r.tsigAlgorithm, tsigSecretSecretRef: { ...r.tsigSecretSecretRef } } } };
}

/**
 * The ClusterIssuers tenant certificates may name on `cluster`: the ACME
 * issuers it renders (a public CA validates every name through the HTTP-01 or
 * DNS-01 challenge), never `private-ca` — the corporate issuing CA signs
 * whatever a request asks for, so it stays the platform's.
 */
export function tenantIssuers(cluster: ClusterSpec): string[] {
  const acme = cluster.certificates.acme;
  const enabled = enabledAddons(cluster);
  if (!acme || !enabled.has('cert-manager')) return [];
  return [
    ...(enabled.has('ingress-nginx') ? [CLUSTER_ISSUERS.http01] : []),
    ...(acme.dns01 ? [CLUSTER_ISSUERS.dns01] : []),
  ];
}

/** The ClusterIssuers of one cluster (ACME ones only when `certificates.acme` is declared). */
export class ClusterIssuers extends Construct {
  /** Names of the issuers created. */
  public readonly names: string[] = [];

  constructor(scope: Construct, id: string, props: ClusterIssuersProps) {
    super(scope, id);
    const acme = props.certificates.acme;
    if (acme && props.http01) {
      this.add(CLUSTER_ISSUERS.http01, {
        acme: { email: acme.email, server: acme.server, privateKeySecretRef: { name: `${CLUSTER_ISSUERS.http01}-account` }, solvers: [{ http01: { ingress: { ingressClassName: INGRESS_CLASS, serviceType: 'ClusterIP' } } }] },
      });
    }
    if (acme?.dns01) {
      this.add(CLUSTER_ISSUERS.dns01, {
        acme: { email: acme.email, server: acme.server, privateKeySecretRef: { name: `${CLUSTER_ISSUERS.dns01}-account` }, solvers: [dns01Solver(acme.dns01)] },
      });
    }
    this.add(CLUSTER_ISSUERS.privateCa, { ca: { secretName: props.certificates.privateCa.secretName } });
  }

  private add(name: string, spec: ConstructorParameters<typeof ClusterIssuer>[2]['spec']): void {
    new ClusterIssuer(this, name, { metadata: { name }, spec });
    this.names.push(name);
  }
}

/** Renders `platform/certificates/` on clusters that run cert-manager, after it. */
export const certificatesComponent: PlatformComponent = {
  name: 'certificates',
  wave: WAVES.platform,
  enabledOn: (ctx) => enabledAddons(ctx.cluster).has('cert-manager'),
  build(scope, ctx) {
    new ClusterIssuers(scope, 'Issuers', {
      certificates: ctx.cluster.certificates,
      http01: enabledAddons(ctx.cluster).has('ingress-nginx'),
    });
  },
};
