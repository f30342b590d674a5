/**
 * Evaluates Kubernetes NetworkPolicies as a conforming network plugin would,
 * to answer "may this pod open this connection?" from rendered objects.
 *
 * Semantics (Kubernetes docs, "Network Policies"):
 * - A pod is isolated for ingress (egress) when at least one policy in its
 *   namespace selects it and lists `Ingress` (`Egress`) in `policyTypes`.
 * - An isolated pod accepts a connection when any selecting policy has a rule
 *   whose peers and ports match; policies are additive.
 * - A peer with only `podSelector` means pods of the policy's own namespace;
 *   only `namespaceSelector`, all pods of matching namespaces; both, matching
 *   pods in matching namespaces; `ipBlock`, addresses in the CIDR minus `except`.
 * - A rule without `from`/`to` matches every peer; without `ports`, every port.
 * - A connection needs the source's egress and the destination's ingress.
 */
import * as ipaddr from 'ipaddr.js';

/** A label selector as rendered (`matchLabels`, `matchExpressions`). */
export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

interface PeerRule {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { cidr: string; except?: readonly string[] };
}
interface PortRule {
  readonly port?: number | string;
  readonly endPort?: number;
  readonly protocol?: string;
}

/** A NetworkPolicy as rendered (networking.k8s.io/v1). */
export interface NetworkPolicyObject {
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly spec: {
    readonly podSelector: LabelSelector;
    readonly policyTypes?: readonly string[];
    readonly ingress?: readonly { from?: readonly PeerRule[]; ports?: readonly PortRule[] }[];
    readonly egress?: readonly { to?: readonly PeerRule[]; ports?: readonly PortRule[] }[];
  };
}

/** A pod: its namespace and labels. */
export interface PodEndpoint {
  readonly namespace: string;
  readonly labels?: Record<string, string>;
}

/** An address outside the cluster. */
export interface ExternalEndpoint {
  readonly ip: string;
}

/** A connection: destination port and protocol. */
export interface Connection {
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: string;
  /**
   * Name of the destination container port, when the pod names it: a rule
   * with a named port (`port: http`) matches only connections to a port of
   * that name.
   * @default - an unnamed port
   */
  readonly portName?: string;
}

/** The other end of a connection: a pod, or an address outside the cluster. */
export interface Peer {
  readonly pod?: PodEndpoint;
  readonly ip?: string;
}

/** True when `labels` satisfy `selector` (an empty selector matches everything). */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In': if (!has || !values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: throw new Error(`unknown label selector operator ${e.operator}`);
    }
  }
  return true;
}

/** The cluster as the evaluator sees it: namespace labels and the policies in each namespace. */
export class NetworkPolicyModel {
  private readonly namespaceLabels: Map<string, Record<string, string>>;
  private readonly policies = new Map<string, NetworkPolicyObject[]>();

  /**
   * @param namespaces namespace name → labels (`kubernetes.io/metadata.name` is
   *   added as the API server does), or a model whose namespaces to share
   *   (not copied: many models of one cluster's namespaces stay cheap)
   * @param policies every NetworkPolicy (each with `metadata.namespace`)
   */
  constructor(namespaces: Record<string, Record<string, string>> | NetworkPolicyModel, policies: readonly NetworkPolicyObject[]) {
    if (namespaces instanceof NetworkPolicyModel) {
      this.namespaceLabels = namespaces.namespaceLabels;
    } else {
      this.namespaceLabels = new Map();
      for (const [name, labels] of Object.entries(namespaces)) {
        this.namespaceLabels.set(name, { ...labels, 'kubernetes.io/metadata.name': name });
      }
    }
    this.addPolicies(policies);
  }

  private addPolicies(policies: readonly NetworkPolicyObject[]): void {
    for (const p of policies) {
      const ns = p.metadata.namespace;
      if (!ns) throw new Error(`NetworkPolicy ${p.metadata.name} has no namespace`);
      this.policies.set(ns, [...(this.policies.get(ns) ?? []), p]);
    }
  }

  /** True when `from` may open `connection` to the pod `to` (both policies' sides). */
  public podToPod(from: PodEndpoint, to: PodEndpoint, connection: Connection): boolean {
    return this.egressAllowed(from, { pod: to }, connection) && this.ingressAllowed(to, { pod: from }, connection);
  }

  /** True when the pod `from` may open `connection` to an address outside the cluster. */
  public podToExternal(from: PodEndpoint, to: ExternalEndpoint, connection: Connection): boolean {
    return this.egressAllowed(from, { ip: to.ip }, connection);
  }

  /**
   * True when the policies of `to`'s namespace let `to` accept `connection`
   * from `from` (a pod, or an address outside the cluster) — the receiving
   * side alone, whatever the sender's egress policies say.
   */
  public ingressAllowed(to: PodEndpoint, from: Peer, c: Connection): boolean {
    const selecting = this.selecting(to, 'Ingress');
    if (selecting.length === 0) return true;
    return selecting.some((p) => (p.spec.ingress ?? []).some((rule) =>
      portsMatch(rule.ports, c) && peersMatch(rule.from, p.metadata.namespace!, from, this.namespaceLabels)));
  }

  /**
   * True when the policies of `from`'s namespace let `from` open
   * `connection` to `to` — the sending side alone.
   */
  public egressAllowed(from: PodEndpoint, to: Peer, c: Connection): boolean {
    const selecting = this.selecting(from, 'Egress');
    if (selecting.length === 0) return true;
    return selecting.some((p) => (p.spec.egress ?? []).some((rule) =>
      portsMatch(rule.ports, c) && peersMatch(rule.to, p.metadata.namespace!, to, this.namespaceLabels)));
  }

  private selecting(pod: PodEndpoint, type: 'Ingress' | 'Egress'): NetworkPolicyObject[] {
    return (this.policies.get(pod.namespace) ?? []).filter((p) =>
      selectorMatches(p.spec.podSelector, pod.labels) && policyTypes(p).includes(type));
  }

}

function policyTypes(p: NetworkPolicyObject): readonly string[] {
  if (p.spec.policyTypes && p.spec.policyTypes.length > 0) return p.spec.policyTypes;
  // Default per the API: Ingress always, Egress when egress rules exist.
  return p.spec.egress && p.spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function portsMatch(ports: readonly PortRule[] | undefined, c: Connection): boolean {
  if (!ports || ports.length === 0) return true;
  const protocol = c.protocol ?? 'TCP';
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return p.port === c.portName;
    return p.endPort !== undefined ? c.port >= p.port && c.port <= p.endPort : c.port === p.port;
  });
}

function peersMatch(
  peers: readonly PeerRule[] | undefined, policyNamespace: string,
  target: Peer, namespaceLabels: Map<string, Record<string, string>>,
): boolean {
  if (!peers || peers.length === 0) return true;
  return peers.some((peer) => {
    if (peer.ipBlock) {
      if (!target.ip) return false; // pod traffic is judged by selectors, not by pod IPs
      return inCidr(target.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((e) => inCidr(target.ip!, e));
    }
    const pod = target.pod;
    if (!pod) return false;
    if (peer.namespaceSelector) {
      if (!selectorMatches(peer.namespaceSelector, namespaceLabels.get(pod.namespace) ?? { 'kubernetes.io/metadata.name': pod.namespace })) return false;
    } else if (pod.namespace !== policyNamespace) {
      return false;
    }
    return selectorMatches(peer.podSelector, pod.labels);
  });
}

function inCidr(ip: string, cidr: string): boolean {
  const addr = ipaddr.parse(ip);
  const range = ipaddr.parseCIDR(cidr);
  return addr.kind() === range[0].kind() && addr.match(range);
}
