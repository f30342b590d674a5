/**
 * The NetworkPolicies of an add-on namespace: deny everything, then allow
 * DNS, traffic inside the namespace, the Kubernetes API, and the add-on's
 * declared allowances (webhooks called by the API server, metrics scraped by
 * Prometheus, egress to provider APIs…).
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { baselinePolicies, ClusterDns, NamespacePolicies } from '../tenancy/baseline-network-policies';
import { LABELS } from '../tenancy/labels';
import { NetworkPeer, NetworkRule } from './addon';

export interface AddonNetworkPoliciesProps {
  readonly namespace: string;
  /** Where the cluster DNS pods run and how they are labelled. */
  readonly clusterDns: ClusterDns;
  /** The platform's monitoring namespace (Prometheus). */
  readonly monitoringNamespace: string;
  /** The add-on's own allowances. */
  readonly rules: readonly NetworkRule[];
  /**
   * Render the namespace's baseline (default-deny, DNS, same-namespace, API
   * server). Only the add-on that owns a shared namespace renders it.
   * @default true
   */
  readonly baseline?: boolean;
  /**
   * Prefix for the names of the add-on's own policies, so that add-ons
   * sharing a namespace do not collide (e.g. `kube-state-metrics-`).
   * @default ''
   */
  readonly namePrefix?: string;
}

/**
 * The Kubernetes API server is reached on 443 (the `kubernetes` Service) or
 * 6443 (the endpoints behind it). Its address is not selectable by pod or
 * namespace selectors, so the rule allows those ports to any address.
 * Source: Kubernetes docs, "Network Policies" (what you can't do).
 */
export const API_SERVER_PORTS = [443, 6443] as const;

function peerOf(peer: NetworkPeer, monitoring: string): k8s.NetworkPolicyPeer[] | undefined {
  if ('anywhere' in peer) return undefined;
  if ('allNamespaces' in peer) return [{ namespaceSelector: {} }];
  if ('namespaceSelector' in peer) {
    return [{ namespaceSelector: { matchLabels: peer.namespaceSelector.matchLabels ? { ...peer.namespaceSelector.matchLabels } : undefined, matchExpressions: peer.namespaceSelector.matchExpressions?.map((e) => ({ key: e.key, operator: e.operator })) } }];
  }
  const ns = 'monitoring' in peer ? monitoring : peer.namespace;
  return [{ namespaceSelector: { matchLabels: { [LABELS.namespaceName]: ns } } }];
}

function portsOf(ports: readonly number[]): k8s.NetworkPolicyPort[] | undefined {
  return ports.length > 0 ? ports.map((p) => ({ port: k8s.IntOrString.fromNumber(p), protocol: 'TCP' })) : undefined;
}

/** Default-deny NetworkPolicies of one add-on namespace plus its allowances, one small named policy each. */
export class AddonNetworkPolicies extends NamespacePolicies {

  constructor(scope: Construct, id: string, props: AddonNetworkPoliciesProps) {
    super(scope, id, props.namespace);
    const baseline = props.baseline ?? true;
    if (baseline) {
      for (const p of baselinePolicies(props.clusterDns)) this.add(p.name, p.description, p.spec);
      this.add('allow-egress-api-server', 'Allow calls to the Kubernetes API server (443 and 6443; its address is not selectable).', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: portsOf(API_SERVER_PORTS) }],
      });
    }
    for (const rule of props.rules) {
      const name = `${props.namePrefix ?? ''}allow-${rule.direction}-${rule.name}`;
      if (rule.direction === 'ingress') {
        this.add(name, rule.description, { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: peerOf(rule.peer, props.monitoringNamespace), ports: portsOf(rule.ports) }] });
      } else {
        this.add(name, rule.description, { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: peerOf(rule.peer, props.monitoringNamespace), ports: portsOf(rule.ports) }] });
      }
    }
  }
}
