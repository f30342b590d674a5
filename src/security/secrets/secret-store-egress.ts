/**
 * The External Secrets Operator's way out to the secret backend. The
 * add-on's own NetworkPolicies allow HTTPS (443) and the API server; a Vault
 * server listens on its own port (8200 by default), which this policy adds
 * for the operator's namespace.
 *
 * Source: HashiCorp Vault docs, "TCP listener" (default address 127.0.0.1:8200;
 * the API port is what `server` names); Kubernetes docs, "Network Policies"
 * (policies are additive).
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { SecretStoreSpec } from '../../spec/secrets';
import { ANNOTATIONS } from '../../tenancy/labels';

/** The TCP port the store's API listens on: the port of the Vault server URL, else 443. */
export function secretStorePort(store: SecretStoreSpec): number {
  if (store.provider !== 'vault') return 443;
  const url = new URL(store.vault!.server);
  return url.port === '' ? 443 : Number(url.port);
}

export interface SecretStoreEgressProps {
  readonly store: SecretStoreSpec;
  /** Namespace the External Secrets Operator runs in. */
  readonly namespace: string;
}

/** NetworkPolicy `allow-egress-secret-store` in the operator's namespace, when the store listens elsewhere than 443. */
export class SecretStoreEgress extends Construct {
  constructor(scope: Construct, id: string, props: SecretStoreEgressProps) {
    super(scope, id);
    const port = secretStorePort(props.store);
    if (port === 443) return;
    new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: {
        name: 'allow-egress-secret-store',
        namespace: props.namespace,
        annotations: { [ANNOTATIONS.description]: `Allow the External Secrets Operator to reach the secret store (TCP ${port}).` },
      },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: k8s.IntOrString.fromNumber(port), protocol: 'TCP' }] }],
      },
    });
  }
}
