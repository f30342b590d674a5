/**
 * Which namespaces may open connections to which, evaluated from rendered
 * NetworkPolicies at namespace granularity — what the cluster will enforce,
 * not what the definition meant.
 *
 * Semantics (Kubernetes docs, "Network Policies"):
 * - A namespace is isolated for ingress (egress) when a policy in it lists
 *   `Ingress` (`Egress`) in `policyTypes` (default: `Ingress`, plus `Egress`
 *   when the policy has egress rules). A namespace not isolated allows all.
 * - Allowances are additive: the union of every rule of every policy.
 * - A rule without `from` (`to`) allows every peer; a peer with only a
 *   `podSelector` means the policy's own namespace; a `namespaceSelector`
 *   selects namespaces by their labels (the API server sets
 *   `kubernetes.io/metadata.name` on every Namespace). `ipBlock` peers are
 *   treated as outside the cluster, as the docs advise.
 * - A connection from A to B needs both A's egress and B's ingress to allow it.
 *
 * Without pods the evaluation cannot be exact per pod, so each allowance has
 * a scope: `all` when it covers every pod and port (empty policy and peer
 * pod selectors, no port list), `partial` otherwise.
 */
import { KubeObject } from '../render/manifests';
import { LABELS } from '../tenancy/labels';
import { describeSelector, LabelIndex, LabelSelector, selectsEverything } from './label-selector';

/** How much of a namespace pair an allowance covers. */
export type Scope = 'all' | 'partial';

/** A namespace and its labels (as rendered; the name label is added). */
export interface NamespaceLabels {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** What one direction (ingress or egress) of a namespace allows. */
export interface Allowance {
  /** Set when the namespace is not isolated in this direction, or a rule allows every peer. */
  readonly everyone?: Scope;
  /** Namespaces allowed as peers (the namespace itself included), with their scope. */
  readonly namespaces: ReadonlyMap<string, Scope>;
  /** Namespace selectors that match no known namespace, as text (e.g. `team=web`). */
  readonly unmatched: readonly string[];
  /** `ipBlock` peers (outside the cluster), e.g. `10.40.0.0/16 port 5432/TCP`. */
  readonly external: readonly string[];
}

/** Ingress and egress allowances of one namespace. */
export interface NamespaceAllowances {
  readonly ingress: Allowance;
  readonly egress: Allowance;
}

interface MutableAllowance {
  everyone?: Scope;
  namespaces: Map<string, Scope>;
  unmatched: string[];
  external: string[];
}

interface Peer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

interface Rule {
  readonly from?: readonly Peer[];
  readonly to?: readonly Peer[];
  readonly ports?: readonly { readonly port?: number | string; readonly endPort?: number; readonly protocol?: string }[];
}

const widest = (a: Scope | undefined, b: Scope): Scope => (a === 'all' || b === 'all' ? 'all' : 'partial');

/**
 * Evaluates `policies` (NetworkPolicy objects of one cluster) for `namespaces`.
 * Namespaces named by a `kubernetes.io/metadata.name` selector are known too,
 * even when not rendered (e.g. `ingress-nginx`).
 *
 * @returns namespace name → its allowances, for every namespace in `namespaces`
 */
export function evaluateNetworkPolicies(
  namespaces: readonly NamespaceLabels[], policies: readonly KubeObject[],
): Map<string, NamespaceAllowances> {
  const index = new LabelIndex<string>();
  for (const ns of namespaces) index.add(ns.name, { ...ns.labels, [LABELS.namespaceName]: ns.name });
  const byNamespace = new Map<string, KubeObject[]>();
  for (const p of policies) {
    if (p.kind !== 'NetworkPolicy') continue;
    const ns = p.metadata.namespace ?? 'default';
    const list = byNamespace.get(ns) ?? [];
    list.push(p);
    byNamespace.set(ns, list);
    for (const rule of [...rulesOf(p, 'ingress'), ...rulesOf(p, 'egress')]) {
      for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
        const named = peer.namespaceSelector?.matchLabels?.[LABELS.namespaceName];
        if (named) index.add(named, { [LABELS.namespaceName]: named });
      }
    }
  }
  const out = new Map<string, NamespaceAllowances>();
  for (const ns of namespaces) {
    const own = byNamespace.get(ns.name) ?? [];
    out.set(ns.name, {
      ingress: evaluateDirection(ns.name, own, 'ingress', index),
      egress: evaluateDirection(ns.name, own, 'egress', index),
    });
  }
  return out;
}

/** The scope an allowance gives a peer namespace, or undefined when it allows none of it. */
export function scopeFor(allowance: Allowance, namespace: string): Scope | undefined {
  const named = allowance.namespaces.get(namespace);
  if (allowance.everyone === 'all' || named === 'all') return 'all';
  return allowance.everyone ?? named;
}

/**
 * Whether pods of `from` may open connections to pods of `to`: both `from`'s
 * egress and `to`'s ingress must allow it.
 *
 * @returns `all`, `partial`, or undefined when no connection is allowed
 */
export function reach(allowances: ReadonlyMap<string, NamespaceAllowances>, from: string, to: string): Scope | undefined {
  const a = allowances.get(from);
  const b = allowances.get(to);
  if (!a || !b) return undefined;
  const out = scopeFor(a.egress, to);
  const into = scopeFor(b.ingress, from);
  if (!out || !into) return undefined;
  return out === 'all' && into === 'all' ? 'all' : 'partial';
}

function rulesOf(policy: KubeObject, direction: 'ingress' | 'egress'): Rule[] {
  const spec = (policy.spec ?? {}) as { ingress?: Rule[]; egress?: Rule[] };
  return spec[direction] ?? [];
}

/** The policy types a NetworkPolicy isolates for (its `policyTypes`, or the API server's default). */
export function policyTypesOf(policy: KubeObject): string[] {
  const spec = (policy.spec ?? {}) as { policyTypes?: string[]; egress?: unknown[] };
  if (spec.policyTypes && spec.policyTypes.length > 0) return spec.policyTypes;
  return spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function evaluateDirection(
  namespace: string, policies: readonly KubeObject[], direction: 'ingress' | 'egress', index: LabelIndex<string>,
): Allowance {
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  const isolating = policies.filter((p) => policyTypesOf(p).includes(type));
  const result: MutableAllowance = { namespaces: new Map(), unmatched: [], external: [] };
  if (isolating.length === 0) {
    result.everyone = 'all';
    return result;
  }
  for (const policy of isolating) {
    const wholeNamespace = selectsEverything((policy.spec as { podSelector?: LabelSelector } | undefined)?.podSelector);
    for (const rule of rulesOf(policy, direction)) {
      const ruleScope: Scope = wholeNamespace && (rule.ports ?? []).length === 0 ? 'all' : 'partial';
      const peers = (direction === 'ingress' ? rule.from : rule.to) ?? [];
      if (peers.length === 0) {
        result.everyone = widest(result.everyone, ruleScope);
        continue;
      }
      for (const peer of peers) addPeer(result, namespace, peer, rule, ruleScope, index);
    }
  }
  return result;
}

function addPeer(
  result: MutableAllowance, namespace: string, peer: Peer, rule: Rule, ruleScope: Scope, index: LabelIndex<string>,
): void {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except && peer.ipBlock.except.length > 0 ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    result.external.push(`${peer.ipBlock.cidr}${except}${describePorts(rule)}`);
    return;
  }
  const scope: Scope = ruleScope === 'all' && selectsEverything(peer.podSelector) ? 'all' : 'partial';
  if (!peer.namespaceSelector) {
    result.namespaces.set(namespace, widest(result.namespaces.get(namespace), scope));
    return;
  }
  const selected = index.select(peer.namespaceSelector);
  if (selected.length === 0) result.unmatched.push(describeSelector(peer.namespaceSelector));
  if (selectsEverything(peer.namespaceSelector)) result.everyone = widest(result.everyone, scope);
  for (const ns of selected) result.namespaces.set(ns, widest(result.namespaces.get(ns), scope));
}

function describePorts(rule: Rule): string {
  const ports = rule.ports ?? [];
  if (ports.length === 0) return '';
  const list = ports.map((p) => `${p.port ?? 'any'}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol ?? 'TCP'}`);
  return ` port${ports.length === 1 ? '' : 's'} ${list.join(', ')}`;
}
