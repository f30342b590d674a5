/**
 * NetworkPolicy risks: a policy removed from a namespace that stays, a rule
 * that allows more than any rule before it did, a policy that isolates fewer
 * pods or directions, and a new allowing policy in an existing namespace.
 *
 * A new rule is covered when one old rule of the same direction allows at
 * least as much: each of its peers equal to an old peer (or, for `ipBlock`,
 * inside an old CIDR with no old `except` block lifted), and its ports within
 * the old ports (no port list means every port). CIDRs are compared with
 * ipaddr.js. Policies are additive, so any uncovered rule loosens.
 * Source: Kubernetes docs, "Network Policies".
 */
import * as ipaddr from 'ipaddr.js';
import { policyTypesOf } from '../../overview/network-reachability';
import { describeSelector } from '../../overview/label-selector';
import { KubeObject } from '../../render/manifests';
import { DistChange } from '../dist-diff';
import { deepEqual } from '../value-diff';
import { flag, RiskContext, shortList, sides } from './detector';
import { RiskFlag } from './rules';

interface IpBlock { cidr: string; except?: string[] }
interface Peer { podSelector?: object; namespaceSelector?: object; ipBlock?: IpBlock }
interface Port { port?: number | string; endPort?: number; protocol?: string }
interface Rule { from?: Peer[]; to?: Peer[]; ports?: Port[] }

const ANY_ADDRESS = ['0.0.0.0/0', '::/0'];

/** Risk flags for NetworkPolicies (networking.k8s.io). */
export function networkPolicyRisks(change: DistChange, ctx: RiskContext): RiskFlag[] {
  const { before, after, group, kind } = sides(change);
  if (group !== 'networking.k8s.io' || kind !== 'NetworkPolicy') return [];
  const entry = change.after ?? change.before!;
  const namespace = (after ?? before)!.metadata?.namespace as string | undefined;
  if (!after) {
    if (ctx.namespaceRemoved(entry.cluster, namespace)) return [];
    return [flag('network-policy-removed', change, `removed while ${namespace ?? 'its namespace'} stays: what it isolated or allowed no longer holds`)];
  }
  if (!before) {
    if (ctx.namespaceAdded(entry.cluster, namespace)) return [];
    const loosening: RiskFlag[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      for (const rule of rulesOf(after, direction)) loosening.push(...ruleRisks(change, direction, rule, []));
    }
    if (loosening.length === 0) return [];
    const anyAddress = loosening.filter((f) => f.rule === 'network-open-to-any-address');
    return [...anyAddress, flag('network-policy-loosened', change,
      `new policy in existing namespace ${namespace}: ${shortList(loosening.filter((f) => f.rule !== 'network-open-to-any-address').map((f) => f.message), 2) || 'allows every peer'}`)];
  }

  const out: RiskFlag[] = [];
  if (!deepEqual(before.spec?.podSelector ?? {}, after.spec?.podSelector ?? {})) {
    out.push(flag('network-policy-loosened', change, `applies to other pods: podSelector ${describeSelector(before.spec?.podSelector)} → ${describeSelector(after.spec?.podSelector)}`));
  }
  const droppedTypes = policyTypesOf(before as KubeObject).filter((t) => !policyTypesOf(after as KubeObject).includes(t));
  if (droppedTypes.length > 0) out.push(flag('network-policy-loosened', change, `no longer isolates ${droppedTypes.join(' and ')}`));
  for (const direction of ['ingress', 'egress'] as const) {
    const old = rulesOf(before, direction);
    for (const rule of rulesOf(after, direction)) out.push(...ruleRisks(change, direction, rule, old));
  }
  return out;
}

function rulesOf(policy: Record<string, any>, direction: 'ingress' | 'egress'): Rule[] {
  return (policy.spec?.[direction] ?? []) as Rule[];
}

/** Flags for one new rule against the old rules of its direction (none when covered). */
function ruleRisks(change: DistChange, direction: 'ingress' | 'egress', rule: Rule, old: Rule[]): RiskFlag[] {
  if (old.some((o) => covers(o, rule, direction))) return [];
  const peers = peersOf(rule, direction);
  const towards = direction === 'ingress' ? 'from' : 'to';
  const out: RiskFlag[] = [];
  if (peers.length === 0) {
    return [flag('network-open-to-any-address', change, `${direction} rule allows every peer (no \`${towards}\`)${describePorts(rule)}`)];
  }
  const newPeers: string[] = [];
  for (const peer of peers) {
    const covered = old.some((o) => peersOf(o, direction).some((p) => peerCovers(p, peer)));
    if (peer.ipBlock && ANY_ADDRESS.includes(canonicalCidr(peer.ipBlock.cidr)) && !covered) {
      out.push(flag('network-open-to-any-address', change, `${direction} ${towards} ${peer.ipBlock.cidr}${describePorts(rule)}`));
      continue;
    }
    if (!covered) newPeers.push(describePeer(peer, old, direction));
  }
  if (newPeers.length > 0) {
    out.push(flag('network-policy-loosened', change, `${direction} ${towards} ${shortList(newPeers, 2)}${describePorts(rule)}`));
  } else if (out.length === 0) {
    out.push(flag('network-policy-loosened', change, `${direction} rule allows more ports: ${describePorts(rule).trim() || 'every port'}`));
  }
  return out;
}

function peersOf(rule: Rule, direction: 'ingress' | 'egress'): Peer[] {
  return (direction === 'ingress' ? rule.from : rule.to) ?? [];
}

function covers(old: Rule, rule: Rule, direction: 'ingress' | 'egress'): boolean {
  const oldPeers = peersOf(old, direction);
  const newPeers = peersOf(rule, direction);
  const peersCovered = oldPeers.length === 0 || (newPeers.length > 0 && newPeers.every((p) => oldPeers.some((o) => peerCovers(o, p))));
  return peersCovered && portsCovered(old.ports ?? [], rule.ports ?? []);
}

function peerCovers(old: Peer, peer: Peer): boolean {
  if (old.ipBlock && peer.ipBlock) return cidrCovers(old.ipBlock, peer.ipBlock);
  return deepEqual(old, peer);
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** True when the range `inner` lies inside the range `outer`. */
function contains(outer: Cidr, inner: Cidr): boolean {
  return outer[0].kind() === inner[0].kind() && inner[1] >= outer[1] && inner[0].match(outer);
}

/** True when every address `inner` allows, `outer` allows too. */
function cidrCovers(outer: IpBlock, inner: IpBlock): boolean {
  const o = parseCidr(outer.cidr);
  const i = parseCidr(inner.cidr);
  if (!o || !i || !contains(o, i)) return false;
  const innerExcepts = (inner.except ?? []).map(parseCidr).filter((x): x is Cidr => !!x);
  for (const e of (outer.except ?? []).map(parseCidr)) {
    if (!e) continue;
    if (contains(e, i)) return false; // outer allows none of inner
    if (contains(i, e) && !innerExcepts.some((x) => contains(x, e))) return false; // an old exception lifted
  }
  return true;
}

function parseCidr(cidr: string): Cidr | undefined {
  try {
    return ipaddr.parseCIDR(cidr);
  } catch {
    return undefined;
  }
}

function canonicalCidr(cidr: string): string {
  const p = parseCidr(cidr);
  return p ? `${p[0].toString()}/${p[1]}` : cidr;
}

function portsCovered(old: Port[], ports: Port[]): boolean {
  if (old.length === 0) return true;
  if (ports.length === 0) return false;
  return ports.every((p) => old.some((o) => (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP') && portWithin(o, p)));
}

function portWithin(outer: Port, inner: Port): boolean {
  if (outer.port === undefined) return true;
  if (inner.port === undefined) return false;
  if (typeof outer.port === 'string' || typeof inner.port === 'string') return outer.port === inner.port && !inner.endPort;
  const lo = outer.port;
  const hi = outer.endPort ?? outer.port;
  return inner.port >= lo && (inner.endPort ?? inner.port) <= hi;
}

function describePeer(peer: Peer, old: Rule[], direction: 'ingress' | 'egress'): string {
  if (peer.ipBlock) {
    const wider = old.flatMap((o) => peersOf(o, direction)).find((o) => o.ipBlock && parseCidr(o.ipBlock.cidr)
      && parseCidr(peer.ipBlock!.cidr) && cidrCovers(peer.ipBlock!, o.ipBlock));
    const except = peer.ipBlock.except?.length ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return wider ? `${peer.ipBlock.cidr}${except} (wider than ${wider.ipBlock!.cidr})` : `${peer.ipBlock.cidr}${except}`;
  }
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaces ${describeSelector(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`pods ${describeSelector(peer.podSelector)}`);
  return parts.join(' / ') || 'every pod of the namespace';
}

function describePorts(rule: Rule): string {
  const ports = rule.ports ?? [];
  if (ports.length === 0) return '';
  return ` on ${ports.map((p) => `${p.port ?? 'any'}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol ?? 'TCP'}`).join(', ')}`;
}
