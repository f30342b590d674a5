/**
 * NetworkPolicy risks, by real effect: the NetworkPolicies of each namespace
 * whose policies change are evaluated before and after as a whole
 * (`NamespacePolicyComparison`: the NetworkPolicy evaluator on probe
 * connections), and only connections the namespace now allows and did not
 * before are flagged — a removed policy that isolated pods, a new peer, a
 * wider CIDR, a lifted `except`, more ports, a narrower pod selector, a
 * dropped policy type. Removing an allowance, an egress rule or a peer's
 * `allow-egress-to-tenant-*` policy only tightens access and is not flagged;
 * nor are the policies of a namespace the change adds or removes.
 *
 * Each loosened connection is laid at the door of the changes that cause it:
 * the new or changed policies that now allow it, or — when its pod is no
 * longer isolated — the removed or changed policies that isolated it.
 * Source: Kubernetes docs, "Network Policies".
 */
import { KubeObject } from '../../render/manifests';
import { NetworkPolicyObject } from '../../tenancy/network-policy-evaluator';
import { DistChange, entryOf } from '../dist-diff';
import { groupOf } from '../dist-entries';
import { flag, RiskContext, shortList, sides } from './detector';
import { describeConnection, NamespacePolicyComparison, opensToAnyAddress, Probe } from './network-probes';
import { RiskFlag } from './rules';

const GROUP = 'networking.k8s.io';

/** Risk flags for NetworkPolicies (networking.k8s.io). */
export function networkPolicyRisks(change: DistChange, ctx: RiskContext): RiskFlag[] {
  const { group, kind } = sides(change);
  if (group !== GROUP || kind !== 'NetworkPolicy') return [];
  const e = entryOf(change);
  const namespace = e.object!.metadata.namespace;
  if (!namespace || ctx.namespaceRemoved(e.cluster, namespace) || ctx.namespaceAdded(e.cluster, namespace)) return [];
  const causes = ctx.memo(`network-policy|${e.cluster ?? ''}|${namespace}`, () => namespaceLoosening(e.cluster, namespace, ctx));
  const probes = causes.get(change.id) ?? [];
  if (probes.length === 0) return [];
  const message = describeProbes(probes);
  if (change.type === 'removed') return [flag('network-policy-removed', change, `removed while ${namespace} stays: ${message}`)];
  if (opensToAnyAddress(probes)) return [flag('network-open-to-any-address', change, message)];
  return [flag('network-policy-loosened', change, message)];
}

/** For one namespace: change id → the probes it loosens. */
function namespaceLoosening(cluster: string | undefined, namespace: string, ctx: RiskContext): Map<string, Probe[]> {
  const policies = (side: 'before' | 'after') => ctx[side].find(GROUP, 'NetworkPolicy', cluster, namespace) as unknown as NetworkPolicyObject[];
  const before = policies('before');
  const after = policies('after');
  const namespaces = ctx.after.find('', 'Namespace', cluster, '').map((n: KubeObject) => ({ name: n.metadata.name!, labels: n.metadata.labels ?? {} }));
  const comparison = new NamespacePolicyComparison(namespace, namespaces, before, after);
  const loosened = comparison.loosened();
  const out = new Map<string, Probe[]>();
  if (loosened.length === 0) return out;

  const changes = new Map<string, DistChange>();
  for (const c of ctx.diff.changes) {
    const x = entryOf(c);
    if (x.cluster === cluster && x.object?.kind === 'NetworkPolicy' && groupOf(x.object.apiVersion) === GROUP && x.object.metadata.namespace === namespace) {
      changes.set(x.object.metadata.name!, c);
    }
  }
  const changeOf = (p: NetworkPolicyObject) => changes.get(p.metadata.name!);
  for (const probe of loosened) {
    // The old policies refused it, so whatever allows it now is new or changed; or, when nothing isolates
    // the pod any more, the old policies that isolated it were removed or changed.
    const isolated = comparison.isolating(after, probe).length > 0;
    const culprits = isolated ? comparison.allowing(after, probe) : comparison.isolating(before, probe);
    const causes = [...new Set(culprits.map(changeOf).filter((c): c is DistChange => c !== undefined))];
    for (const c of causes.length > 0 ? causes : changes.values()) out.set(c.id, [...(out.get(c.id) ?? []), probe]);
  }
  return out;
}

/** `ingress from namespaces a, b on 8080/TCP; egress to 10.0.0.0/8 on 5432/TCP` (pods of the namespace named when not all). */
function describeProbes(probes: readonly Probe[]): string {
  const parts: string[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const list = probes.filter((p) => p.direction === direction);
    if (list.length === 0) continue;
    const everyNamespace = list.some((p) => p.peer.anyNamespace);
    // The addresses standing for "any address" are named only when the namespace is open to every address.
    const anyAddress = opensToAnyAddress(list);
    // Every namespace, any address, all pods of a namespace and any port stand for the narrower peers and ports they hold.
    const wholeNamespaces = new Set(list.filter((p) => p.peer.endpoint.pod && Object.keys(p.peer.endpoint.pod.labels ?? {}).length === 0).map((p) => p.peer.describe));
    const peers = unique(list
      .filter((p) => (p.peer.endpoint.pod ? !everyNamespace : anyAddress === !!p.peer.anyAddress))
      .map((p) => p.peer.describe)
      .filter((d) => ![...wholeNamespaces].some((w) => d.endsWith(` in ${w}`))));
    if (everyNamespace) peers.unshift('every namespace');
    const anyPort = new Set(list.filter((p) => describeConnection(p.connection).startsWith('any port/')).map((p) => p.connection.protocol ?? 'TCP'));
    const ports = unique(list.map((p) => describeConnection(p.connection)))
      .filter((d) => d.startsWith('any port/') || !anyPort.has(d.split('/')[1]));
    const pods = unique(list.map((p) => Object.entries(p.subject.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',')));
    const of = pods.includes('') ? '' : ` (pods ${shortList(pods, 2)})`;
    parts.push(`${direction} now allowed ${direction === 'ingress' ? 'from' : 'to'} ${shortList(peers, 3)} on ${shortList(ports, 4)}${of}`);
  }
  return parts.join('; ');
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
