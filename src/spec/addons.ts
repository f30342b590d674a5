/**
 * The `addons` field of a cluster: the platform profile it follows and the
 * add-ons it switches on or off against that profile.
 *
 * ```ts
 * addons: {
 *   profile: 'enterprise',
 *   overrides: {
 *     istio: { enabled: true },
 *     falco: { enabled: false, reason: 'runtime detection by the hosting provider (contract 4711)' },
 *     istio: { releases: { istiod: { values: { pilot: { autoscaleMax: 10 } } } } },
 *   },
 * }
 * ```
 */
import { z } from 'zod';
import { ADDON_NAMES, PROFILE_NAMES } from './addon-names';
import { prose } from './fields';

/** One add-on switched on or off against the profile. */
export const addonOverrideSchema = z.strictObject({
  /** On or off against the profile. @default - as the profile says */
  enabled: z.boolean().optional(),
  /**
   * Why the add-on is off; required when the profile calls it mandatory
   * (at least 20 characters).
   */
  reason: prose(20, 'reason').optional(),
  /**
   * Extra Helm values, deep-merged over the platform's typed values (escape
   * hatch for chart options the catalog does not model).
   */
  values: z.record(z.string(), z.unknown()).optional(),
  /**
   * Extra Helm values for a release of an add-on with several (istio:
   * `istio-base`, `istiod`), by release name, deep-merged like `values`
   * (which goes to the add-on's first release).
   */
  releases: z.record(z.string(), z.strictObject({ values: z.record(z.string(), z.unknown()) })).optional(),
});

export const clusterAddonsSchema = z.strictObject({
  /** The profile deciding which add-ons run and how they are sized. */
  profile: z.enum(PROFILE_NAMES).default('small'),
  /** Add-ons switched on or off against the profile, by add-on name. */
  overrides: z.partialRecord(z.enum(ADDON_NAMES), addonOverrideSchema).default({}),
}).default({ profile: 'small', overrides: {} });

export type ClusterAddons = z.output<typeof clusterAddonsSchema>;
