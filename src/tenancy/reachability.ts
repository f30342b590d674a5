/**
 * Who may open connections to whom, between tenant namespaces on one
 * cluster, from the tenants' `network.allowFrom` declarations.
 */
import { allowedTenantsOn, Placement } from '../spec/model';

/**
 * For each placement's namespace, the tenants whose namespaces (same cluster,
 * same environment) accept traffic from it — so the sender gets a matching
 * egress policy and one declaration on the receiving side is enough.
 *
 * @param placements the placements of one cluster
 * @returns namespace → sorted tenant names it may send to
 */
export function egressToTenants(placements: readonly Placement[]): Map<string, string[]> {
  // (sender tenant, environment) → receivers that accept it; one pass over the declarations.
  const accepting = new Map<string, Set<string>>();
  for (const receiver of placements) {
    for (const peer of allowedTenantsOn(receiver.spec, receiver.cluster.name)) {
      if (peer === receiver.tenant.metadata.name) continue;
      const key = `${peer}/${receiver.environment}`;
      const set = accepting.get(key) ?? new Set<string>();
      set.add(receiver.tenant.metadata.name);
      accepting.set(key, set);
    }
  }
  const out = new Map<string, string[]>();
  for (const sender of placements) {
    const targets = accepting.get(`${sender.tenant.metadata.name}/${sender.environment}`);
    out.set(sender.namespace, targets ? [...targets].sort() : []);
  }
  return out;
}
