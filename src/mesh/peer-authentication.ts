/**
 * Istio PeerAuthentication (security.istio.io/v1), typed by hand: there is
 * no CRD file for Istio to generate a class from. Fields as documented in
 * Istio's reference, "PeerAuthentication" (spec.selector, spec.mtls.mode,
 * spec.portLevelMtls).
 */
import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/** mTLS modes. Source: Istio reference, "PeerAuthentication.MutualTLS.Mode". */
export type MutualTlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

export interface PeerAuthenticationSpec {
  /** Workloads the policy applies to; none means every workload of the namespace (or mesh, in the root namespace). */
  readonly selector?: { readonly matchLabels: Readonly<Record<string, string>> };
  readonly mtls?: { readonly mode: MutualTlsMode };
  /** mTLS per port number (needs a selector). */
  readonly portLevelMtls?: Readonly<Record<string, { readonly mode: MutualTlsMode }>>;
}

export interface PeerAuthenticationProps {
  readonly metadata: ApiObjectMetadata;
  readonly spec: PeerAuthenticationSpec;
}

/**
 * An Istio PeerAuthentication object.
 *
 * @throws Error when `portLevelMtls` is set without a `selector` (Istio rejects it)
 */
export class PeerAuthentication extends ApiObject {
  public static readonly GVK = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication' } as const;

  constructor(scope: Construct, id: string, props: PeerAuthenticationProps) {
    if (props.spec.portLevelMtls && !props.spec.selector) {
      throw new Error(`PeerAuthentication ${props.metadata.name}: portLevelMtls needs a selector`);
    }
    super(scope, id, { ...PeerAuthentication.GVK, metadata: props.metadata, spec: props.spec });
  }
}
