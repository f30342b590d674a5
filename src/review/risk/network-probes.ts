/**
 * Whether one namespace's NetworkPolicies allow more after a change than
 * before, decided by the NetworkPolicy evaluator
 * (`src/tenancy/network-policy-evaluator.ts`) on probe connections, as the
 * audit review decides on probe requests.
 *
 * Probes are built from every selector, CIDR and port either version of the
 * policies names, so each rule is exercised at its edges:
 * - pods of the namespace: one satisfying each policy's `podSelector`, and
 *   one without labels;
 * - peers: pods (one satisfying each peer `podSelector`, one without labels)
 *   in one namespace of each class of namespaces the peer
 *   `namespaceSelector`s tell apart (the rendered Namespaces with their
 *   labels, one satisfying each selector, and one with no labels standing for
 *   every other namespace); addresses outside the cluster — the first address
 *   of every `ipBlock` CIDR and `except` block, and addresses standing for
 *   "any address" (public and private IPv4, IPv6);
 * - connections: every port and range end named (and the port after a
 *   range), named ports, and port 1 standing for "a port no rule names", in
 *   each protocol named, TCP and UDP.
 * A probe the new policies allow and the old ones refuse is a loosening;
 * the reverse is tightening and not reported. Each direction is judged on the
 * namespace's own side only (ingress: may its pods accept; egress: may they
 * send), since the other side's policies did not change with it.
 * Source: Kubernetes docs, "Network Policies".
 */
import * as ipaddr from 'ipaddr.js';
import { describeSelector } from '../../overview/label-selector';
import { NamespaceLabels, policyTypesOf } from '../../overview/network-reachability';
import { KubeObject } from '../../render/manifests';
import {
  Connection, LabelSelector, NetworkPolicyModel, NetworkPolicyObject, Peer, PodEndpoint, selectorMatches,
} from '../../tenancy/network-policy-evaluator';

/** The peer of a probe, with how messages name it. */
export interface ProbePeer {
  readonly endpoint: Peer;
  /** `pods app=web in namespaces checkout-prod, search-prod`, `10.40.0.0/16`, `any address`, `every namespace`. */
  readonly describe: string;
  /** True for the addresses standing for "any address" (public and private). */
  readonly anyAddress?: boolean;
  /** True for a pod of a namespace no selector singles out (any namespace at all). */
  readonly anyNamespace?: boolean;
  /** For a pod: indices of the peer namespace selectors its namespace matches (see {@link NamespacePolicyComparison}). */
  readonly selectors?: readonly number[];
}

/** One probe connection of the namespace's pods. */
export interface Probe {
  readonly direction: 'ingress' | 'egress';
  /** A pod of the namespace whose policies are compared. */
  readonly subject: PodEndpoint;
  readonly peer: ProbePeer;
  readonly connection: Connection;
}

/** Addresses standing for "any address": public and private ranges of both families. */
const ANY_IPV4 = ['8.8.8.8', '203.0.113.7', '10.255.255.254', '172.16.0.1', '192.168.0.1', '100.64.0.1'];
const ANY_IPV6 = ['2001:4860:4860::8888', 'fd00::1'];

/** Port standing for "a port no rule names". */
const OTHER_PORT = 1;

/** Name of the namespace standing for every namespace no selector singles out. */
const OTHER_NAMESPACE = '(any other namespace)';

type Rule = { readonly ports?: readonly { port?: number | string; endPort?: number; protocol?: string }[] };

/** Evaluates one namespace's policies, old and new, on shared probes. */
export class NamespacePolicyComparison {
  private readonly labels: Record<string, Record<string, string>>;
  private readonly probeList: Probe[];
  /** The distinct peer namespace selectors of both versions; probes name them by index. */
  private readonly selectorKeys: Map<string, number>;

  /**
   * @param namespace the namespace whose policies changed
   * @param namespaces the cluster's Namespaces with their labels (the new render's, so only this namespace's policies differ)
   * @param before the namespace's NetworkPolicies before the change
   * @param after the namespace's NetworkPolicies after the change
   */
  public constructor(
    public readonly namespace: string,
    namespaces: readonly NamespaceLabels[],
    private readonly before: readonly NetworkPolicyObject[],
    private readonly after: readonly NetworkPolicyObject[],
  ) {
    const policies = [...before, ...after];
    const nsSelectors = uniqueBy(peersOf(policies).flatMap((p) => (p.namespaceSelector ? [p.namespaceSelector] : [])), describeSelector);
    this.selectorKeys = new Map(nsSelectors.map((sel, i) => [describeSelector(sel), i]));
    this.labels = {};
    for (const ns of namespaces) this.labels[ns.name] = { ...(ns.labels ?? {}) };
    // Namespaces a selector wants but none rendered has: one satisfying each selector.
    for (const s of nsSelectors) {
      const labels = satisfying(s);
      const named = labels?.['kubernetes.io/metadata.name'];
      if (labels && !namespaces.some((n) => selectorMatches(s, { ...n.labels, 'kubernetes.io/metadata.name': n.name }))) {
        this.labels[named ?? `(namespaces with ${describeSelector(s)})`] = labels;
      }
    }
    this.labels[OTHER_NAMESPACE] = {};
    this.probeList = this.buildProbes(policies, nsSelectors);
  }

  /** The probes the new policies allow and the old ones refuse. */
  public loosened(): Probe[] {
    return this.probeList.filter((p) => !this.allowedBy(this.before, p) && this.allowedBy(this.after, p));
  }

  /**
   * True when `policies` let the probe's pod make (ingress: accept) the
   * probe's connection: no policy isolates the pod in that direction, or one
   * that does allows it — the evaluator's decision, asked only of the
   * policies whose rules could match the probe's peer.
   */
  private allowedBy(policies: readonly NetworkPolicyObject[], probe: Probe): boolean {
    const isolating = this.isolating(policies, probe);
    return isolating.length === 0 || this.candidates(policies, probe).some((p) => allows(this.single(p), probe));
  }

  /**
   * The policies of `policies` that decide `probe`: when one of them isolates
   * the probe's pod in the probe's direction, those whose rules allow it;
   * otherwise none (the pod is not isolated, so nothing there decides).
   */
  public allowing(policies: readonly NetworkPolicyObject[], probe: Probe): NetworkPolicyObject[] {
    return this.candidates(policies, probe).filter((p) => allows(this.single(p), probe));
  }

  /** The policies of `policies` that select the probe's pod and isolate it in the probe's direction. */
  public isolating(policies: readonly NetworkPolicyObject[], probe: Probe): readonly NetworkPolicyObject[] {
    return this.isolatingSet(policies, probe).list;
  }

  private isolatingSet(policies: readonly NetworkPolicyObject[], probe: Probe): { list: NetworkPolicyObject[]; set: Set<NetworkPolicyObject> } {
    let bySubject = this.isolatingCache.get(policies);
    if (!bySubject) {
      bySubject = new Map();
      this.isolatingCache.set(policies, bySubject);
    }
    const k = `${probe.direction}|${key(probe.subject.labels ?? {})}`;
    let found = bySubject.get(k);
    if (!found) {
      const type = probe.direction === 'ingress' ? 'Ingress' : 'Egress';
      const list = policies.filter((p) => selectorMatches(p.spec.podSelector, probe.subject.labels) && policyTypesOf(p as unknown as KubeObject).includes(type));
      found = { list, set: new Set(list) };
      bySubject.set(k, found);
    }
    return found;
  }

  /**
   * The isolating policies whose rules of the probe's direction could match
   * its peer: a rule without peers; for a pod, a peer without namespace
   * selector when the pod is in this namespace, or a selector its namespace
   * matches; for an address, an `ipBlock` peer. An index per policy set keeps
   * this proportional to the candidates, not to every policy.
   */
  private candidates(policies: readonly NetworkPolicyObject[], probe: Probe): NetworkPolicyObject[] {
    let index = this.peerIndex.get(policies);
    if (!index) {
      index = this.indexPeers(policies);
      this.peerIndex.set(policies, index);
    }
    const d = index[probe.direction];
    const found = new Set<NetworkPolicyObject>(d.open);
    const peer = probe.peer;
    if (peer.endpoint.ip !== undefined) d.ip.forEach((p) => found.add(p));
    else {
      if (peer.endpoint.pod?.namespace === this.namespace) d.own.forEach((p) => found.add(p));
      for (const i of peer.selectors ?? []) d.bySelector.get(i)?.forEach((p) => found.add(p));
    }
    const isolating = this.isolatingSet(policies, probe).set;
    return [...found].filter((p) => isolating.has(p));
  }

  private indexPeers(policies: readonly NetworkPolicyObject[]): Record<'ingress' | 'egress', PeerIndex> {
    const make = (): PeerIndex => ({ open: [], own: [], ip: [], bySelector: new Map() });
    const out = { ingress: make(), egress: make() };
    for (const policy of policies) {
      for (const direction of ['ingress', 'egress'] as const) {
        const d = out[direction];
        const rules: readonly { from?: readonly PeerRule[]; to?: readonly PeerRule[] }[] = (direction === 'ingress' ? policy.spec.ingress : policy.spec.egress) ?? [];
        for (const rule of rules) {
          const peers = (direction === 'ingress' ? rule.from : rule.to) ?? [];
          if (peers.length === 0) d.open.push(policy);
          for (const peer of peers) {
            if (peer.ipBlock) d.ip.push(policy);
            else if (!peer.namespaceSelector) d.own.push(policy);
            else {
              const i = this.selectorKeys.get(describeSelector(peer.namespaceSelector))!;
              const list = d.bySelector.get(i) ?? [];
              list.push(policy);
              d.bySelector.set(i, list);
            }
          }
        }
      }
    }
    return out;
  }

  private readonly peerIndex = new Map<readonly NetworkPolicyObject[], Record<'ingress' | 'egress', PeerIndex>>();

  private readonly isolatingCache = new Map<readonly NetworkPolicyObject[], Map<string, { list: NetworkPolicyObject[]; set: Set<NetworkPolicyObject> }>>();

  private readonly singles = new Map<NetworkPolicyObject, NetworkPolicyModel>();
  /** The cluster's namespaces, shared by every one-policy model. */
  private namespaces?: NetworkPolicyModel;

  private single(policy: NetworkPolicyObject): NetworkPolicyModel {
    let model = this.singles.get(policy);
    if (!model) {
      this.namespaces ??= new NetworkPolicyModel(this.labels, []);
      model = new NetworkPolicyModel(this.namespaces, [policy]);
      this.singles.set(policy, model);
    }
    return model;
  }

  private buildProbes(policies: readonly NetworkPolicyObject[], nsSelectors: readonly LabelSelector[]): Probe[] {
    const subjects = uniqueBy([{}, ...policies.flatMap((p) => optional(satisfying(p.spec.podSelector)))], key);
    const podLabels = uniqueBy([{}, ...peersOf(policies).flatMap((p) => optional(satisfying(p.podSelector)))], key);

    // Namespaces the selectors cannot tell apart behave alike: one probe namespace per class.
    const classes = new Map<string, string[]>();
    const hits = new Map<string, number[]>();
    for (const name of Object.keys(this.labels).sort()) {
      const labels = { ...this.labels[name], 'kubernetes.io/metadata.name': name };
      const matched = nsSelectors.flatMap((sel, i) => (selectorMatches(sel, labels) ? [i] : []));
      const signature = name === this.namespace ? 'self' : matched.join(',');
      const members = classes.get(signature) ?? [];
      members.push(name);
      classes.set(signature, members);
      hits.set(signature, matched);
    }
    const podPeers: ProbePeer[] = [];
    for (const [signature, members] of classes) {
      const representative = members.includes(OTHER_NAMESPACE) ? OTHER_NAMESPACE : members[0];
      const anyNamespace = representative === OTHER_NAMESPACE;
      const where = anyNamespace ? 'every namespace' : representative === this.namespace ? `namespace ${this.namespace}` : `namespace${members.length === 1 ? '' : 's'} ${listed(members)}`;
      for (const labels of podLabels) {
        podPeers.push({
          endpoint: { pod: { namespace: representative, labels } },
          describe: Object.keys(labels).length > 0 ? `pods ${describeSelector({ matchLabels: labels })} in ${where}` : where,
          anyNamespace: anyNamespace && Object.keys(labels).length === 0,
          selectors: hits.get(signature),
        });
      }
    }
    const ipPeers: ProbePeer[] = [
      ...uniqueBy(peersOf(policies).flatMap((p) => (p.ipBlock ? [p.ipBlock.cidr, ...(p.ipBlock.except ?? [])] : [])), (c) => c)
        .flatMap((cidr) => {
          const first = firstAddress(cidr);
          return first ? [{ endpoint: { ip: first }, describe: cidr }] : [];
        }),
      ...[...ANY_IPV4, ...ANY_IPV6].map((ip) => ({ endpoint: { ip }, describe: 'any address', anyAddress: true })),
    ];
    const connections = connectionsOf(policies);
    const out: Probe[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      for (const labels of subjects) {
        for (const peer of [...podPeers, ...ipPeers]) {
          for (const connection of connections) out.push({ direction, subject: { namespace: this.namespace, labels }, peer, connection });
        }
      }
    }
    return out;
  }
}

/** True when every "any address" probe of one family is among `probes` for one direction, pod and connection. */
export function opensToAnyAddress(probes: readonly Probe[]): boolean {
  const seen = new Map<string, Set<string>>();
  for (const p of probes) {
    if (!p.peer.anyAddress) continue;
    const k = `${p.direction}|${key(p.subject.labels ?? {})}|${p.connection.port}|${p.connection.protocol}|${p.connection.portName ?? ''}`;
    const ips = seen.get(k) ?? new Set<string>();
    ips.add(p.peer.endpoint.ip!);
    seen.set(k, ips);
  }
  return [...seen.values()].some((ips) => ANY_IPV4.every((ip) => ips.has(ip)) || ANY_IPV6.every((ip) => ips.has(ip)));
}

/** A connection as text: `5432/TCP`, `http/TCP` for a named port, `any port/UDP` for the port standing for every other. */
export function describeConnection(c: Connection): string {
  const port = c.portName ?? (c.port === OTHER_PORT ? 'any port' : String(c.port));
  return `${port}/${c.protocol ?? 'TCP'}`;
}

function allows(model: NetworkPolicyModel, p: Probe): boolean {
  return p.direction === 'ingress'
    ? model.ingressAllowed(p.subject, p.peer.endpoint, p.connection)
    : model.egressAllowed(p.subject, p.peer.endpoint, p.connection);
}

/** Which policies' rules of one direction could match which peers. */
interface PeerIndex {
  /** Policies with a rule without peers (every peer). */
  readonly open: NetworkPolicyObject[];
  /** Policies with a peer without namespace selector or ipBlock (pods of their own namespace). */
  readonly own: NetworkPolicyObject[];
  /** Policies with an `ipBlock` peer. */
  readonly ip: NetworkPolicyObject[];
  /** Policies by the index of a peer namespace selector of theirs. */
  readonly bySelector: Map<number, NetworkPolicyObject[]>;
}

type PeerRule = { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: { cidr: string; except?: readonly string[] } };

function peersOf(policies: readonly NetworkPolicyObject[]): PeerRule[] {
  return policies.flatMap((p) => [
    ...(p.spec.ingress ?? []).flatMap((r) => r.from ?? []),
    ...(p.spec.egress ?? []).flatMap((r) => r.to ?? []),
  ]);
}

function rulesOf(policies: readonly NetworkPolicyObject[]): Rule[] {
  return policies.flatMap((p) => [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]);
}

function connectionsOf(policies: readonly NetworkPolicyObject[]): Connection[] {
  const out: Connection[] = [{ port: OTHER_PORT, protocol: 'TCP' }, { port: OTHER_PORT, protocol: 'UDP' }];
  for (const rule of rulesOf(policies)) {
    for (const p of rule.ports ?? []) {
      const protocol = p.protocol ?? 'TCP';
      out.push({ port: OTHER_PORT, protocol });
      if (typeof p.port === 'string') out.push({ port: 65_000, protocol, portName: p.port });
      else if (typeof p.port === 'number') {
        out.push({ port: p.port, protocol });
        if (p.endPort !== undefined) out.push({ port: p.endPort, protocol }, { port: p.endPort + 1, protocol });
      }
    }
  }
  return uniqueBy(out, (c) => `${c.port}/${c.protocol}/${c.portName ?? ''}`);
}

/** Labels that `selector` matches (an empty set for an empty selector), or undefined when none can. */
export function satisfying(selector: LabelSelector | undefined): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...(selector?.matchLabels ?? {}) };
  for (const e of selector?.matchExpressions ?? []) {
    if (e.operator === 'In' && labels[e.key] === undefined && (e.values ?? []).length > 0) labels[e.key] = e.values![0];
    if (e.operator === 'Exists' && labels[e.key] === undefined) labels[e.key] = 'probe';
  }
  return selectorMatches(selector, labels) ? labels : undefined;
}

function firstAddress(cidr: string): string | undefined {
  try {
    const [addr, bits] = ipaddr.parseCIDR(cidr);
    return addr.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${bits}`).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${bits}`).toString();
  } catch {
    return undefined;
  }
}

function optional<T>(v: T | undefined): T[] {
  return v === undefined ? [] : [v];
}

function key(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
}

function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()];
}

function listed(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} (+${names.length - 3} more)`;
}
