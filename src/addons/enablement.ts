/**
 * Which add-ons run on a cluster: the profile's stance, what the cluster
 * switches on or off, and what the add-on needs from the cluster definition.
 * Plain data and functions over the validated cluster (no cdk8s types), used
 * by the definition checks and by the renderer.
 */
import { ADDON_NAMES, AddonName } from '../spec/addon-names';
import { ClusterSpec } from '../spec/cluster';
import { usesDex } from '../spec/cluster';
import { AddonStance, PROFILES } from './profiles';

/**
 * What an add-on needs of the cluster definition:
 * - `requires`: a field it cannot run without — a problem when the add-on is
 *   on (mandatory or switched on) and the field is missing;
 * - `onlyWhen`: a choice of the cluster — the add-on simply does not apply
 *   otherwise (Gatekeeper only as the chosen admission engine, the
 *   cluster-autoscaler only with a node-group API).
 */
export interface AddonPrecondition {
  readonly kind: 'requires' | 'onlyWhen';
  /** The cluster field, for messages, e.g. `backup`. */
  readonly field: string;
  /** What must be declared, for messages. */
  readonly needs: string;
  holds(cluster: ClusterSpec): boolean;
}

export const PRECONDITIONS: Partial<Readonly<Record<AddonName, AddonPrecondition>>> = {
  'gatekeeper': {
    kind: 'onlyWhen', field: 'admission.engine', needs: 'admission: { engine: "gatekeeper" }',
    holds: (c) => c.admission.engine === 'gatekeeper',
  },
  'cluster-autoscaler': {
    kind: 'onlyWhen', field: 'nodeGroups', needs: 'a node-group API (nodeGroups: { api })',
    holds: (c) => c.nodeGroups !== undefined,
  },
  'velero': {
    kind: 'requires', field: 'backup', needs: 'backup locations (backup: { storage, snapshots })',
    holds: (c) => c.backup !== undefined,
  },
  'external-dns': {
    kind: 'requires', field: 'dns', needs: 'a DNS provider (dns: { provider })',
    holds: (c) => c.dns !== undefined,
  },
  'dex': {
    kind: 'onlyWhen', field: 'oidc.issuerURL', needs: 'its own Dex as OIDC issuer (no oidc.issuerURL)',
    holds: usesDex,
  },
};

/** An add-on's state on one cluster and why. */
export interface AddonDecision {
  readonly addon: AddonName;
  readonly enabled: boolean;
  readonly stance: AddonStance;
  /** Why it is off when the profile would have it on, or on when the profile would not. */
  readonly reason?: string;
}

/**
 * The state of every add-on on `cluster`, in catalog order.
 *
 * An add-on runs when its `onlyWhen` precondition holds and either the
 * cluster's override says so or, without override, the profile has it
 * `mandatory` or `default` — and then only when its `requires` precondition
 * holds (a missing required field is reported by {@link addonProblems}).
 */
export function addonDecisions(cluster: ClusterSpec): AddonDecision[] {
  const profile = PROFILES[cluster.addons.profile];
  return ADDON_NAMES.map((addon) => {
    const stance = profile.addons[addon];
    const pre = PRECONDITIONS[addon];
    const override = cluster.addons.overrides[addon];
    if (pre && !pre.holds(cluster) && pre.kind === 'onlyWhen') {
      return { addon, stance, enabled: false, reason: `needs ${pre.needs}` };
    }
    const wanted = override?.enabled ?? stance !== 'available';
    const enabled = wanted && (!pre || pre.holds(cluster));
    return { addon, stance, enabled, reason: override?.reason };
  });
}

/** The add-ons that run on `cluster`, in catalog order. */
export function enabledAddons(cluster: ClusterSpec): Set<AddonName> {
  return new Set(addonDecisions(cluster).filter((d) => d.enabled).map((d) => d.addon));
}

/** A problem with a cluster's add-on choices, relative to the cluster (`addons.overrides.falco.reason`). */
export interface AddonProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly value?: unknown;
}

/**
 * Checks a cluster's add-on choices against its profile:
 * - an add-on the profile calls mandatory is switched off without a reason;
 * - an add-on is on (mandatory, default or switched on) but a field it
 *   requires is missing;
 * - an add-on is switched on although it does not apply to the cluster.
 */
export function addonProblems(cluster: ClusterSpec): AddonProblem[] {
  const out: AddonProblem[] = [];
  const profile = PROFILES[cluster.addons.profile];
  for (const addon of ADDON_NAMES) {
    const stance = profile.addons[addon];
    const override = cluster.addons.overrides[addon];
    const pre = PRECONDITIONS[addon];
    if (override?.enabled === false && stance === 'mandatory' && !override.reason) {
      out.push({
        path: ['addons', 'overrides', addon, 'reason'],
        message: `is required: profile ${profile.name} calls ${addon} mandatory, so switching it off needs a written reason (at least 20 characters)`,
      });
    }
    if (addon === 'dex' && usesDex(cluster) && override?.enabled === false) {
      out.push({
        path: ['addons', 'overrides', addon, 'enabled'],
        message: 'cannot be false: the cluster\'s OIDC issuer is its own Dex (oidc.issuerURL is not set); set oidc.issuerURL to an external issuer, or keep dex on',
        value: false,
      });
    }
    if (!pre || pre.holds(cluster)) continue;
    const wanted = override?.enabled ?? stance !== 'available';
    if (pre.kind === 'onlyWhen' && override?.enabled) {
      out.push({
        path: ['addons', 'overrides', addon, 'enabled'],
        message: `${addon} only runs on a cluster with ${pre.needs}; declare it or remove the override`,
        value: true,
      });
    } else if (pre.kind === 'requires' && wanted) {
      const why = override?.enabled ? 'is switched on' : `is ${stance} in profile ${profile.name}`;
      out.push({
        path: [pre.field],
        message: `is required: ${addon} ${why} and needs ${pre.needs}; declare it, or switch ${addon} off in addons.overrides`
          + (stance === 'mandatory' ? ' with a reason' : ''),
      });
    }
  }
  return out;
}
