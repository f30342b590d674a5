/**
 * The NetworkPolicies every namespace the platform owns starts with, tenant
 * or platform: deny all traffic, then allow DNS lookups and traffic between
 * the namespace's own pods.
 *
 * Source: Kubernetes docs, "Network Policies" (default deny all ingress and
 * all egress traffic; namespaceSelector on `kubernetes.io/metadata.name`).
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ANNOTATIONS, LABELS } from './labels';

/** A named NetworkPolicy spec with the one-line description it is annotated with. */
export interface NamedPolicySpec {
  readonly name: string;
  readonly description: string;
  readonly spec: k8s.NetworkPolicySpec;
}

/** Where the cluster DNS runs: its namespace and the labels of its pods. */
export interface ClusterDns {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
}

/** A namespaceSelector matching exactly the namespace `name`. */
export function namespaceNamed(name: string): k8s.LabelSelector {
  return { matchLabels: { [LABELS.namespaceName]: name } };
}

/**
 * `default-deny` (ingress and egress, every pod), `allow-dns` (UDP and TCP
 * 53 to the cluster DNS pods) and `allow-same-namespace`.
 */
export function baselinePolicies(clusterDns: ClusterDns): NamedPolicySpec[] {
  const dns = k8s.IntOrString.fromNumber(53);
  return [
    {
      name: 'default-deny',
      description: 'Deny all traffic in and out unless another policy allows it.',
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      name: 'allow-dns',
      description: 'Allow DNS lookups to the cluster DNS.',
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{ namespaceSelector: namespaceNamed(clusterDns.namespace), podSelector: { matchLabels: { ...clusterDns.podLabels } } }],
          ports: [{ port: dns, protocol: 'UDP' }, { port: dns, protocol: 'TCP' }],
        }],
      },
    },
    {
      name: 'allow-same-namespace',
      description: 'Allow traffic between pods of this namespace.',
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      },
    },
  ];
}

/**
 * A set of small, named NetworkPolicies in one namespace, each annotated with
 * its one-line description — the base of tenant and add-on policies.
 */
export abstract class NamespacePolicies extends Construct {
  /** Names of the policies created, in creation order. */
  public readonly policyNames: string[] = [];

  protected constructor(scope: Construct, id: string, protected readonly namespace: string) {
    super(scope, id);
  }

  /**
   * Adds one policy.
   * @throws Error when a policy of that name was already added
   */
  protected add(name: string, description: string, spec: k8s.NetworkPolicySpec): void {
    if (this.policyNames.includes(name)) throw new Error(`NetworkPolicies of ${this.namespace}: two policies are named "${name}"; policy names must be unique`);
    new k8s.KubeNetworkPolicy(this, name, {
      metadata: { name, namespace: this.namespace, annotations: { [ANNOTATIONS.description]: description } },
      spec,
    });
    this.policyNames.push(name);
  }
}
