/**
 * The `storage` field of a cluster: its StorageClasses and its
 * VolumeSnapshotClass.
 *
 * ```ts
 * storage: {
 *   classes: [{ name: 'gp3', provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, default: true }],
 *   snapshotClass: { name: 'ebs-snapshots', driver: 'ebs.csi.aws.com' },
 * }
 * ```
 * Source: Kubernetes docs, "Storage Classes" and "Volume Snapshot Classes".
 */
import { z } from 'zod';
import { dnsSubdomain } from './fields';

/** A CSI driver / provisioner name, e.g. `ebs.csi.aws.com`. */
const driverName = z.string().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(\/[a-z0-9-]+)?$/, {
  message: 'must be a CSI driver name such as ebs.csi.aws.com or rbd.csi.ceph.com',
}).max(63, { message: 'must be at most 63 characters' });

const stringMap = z.record(z.string().min(1), z.string());

export const storageClassSchema = z.strictObject({
  name: dnsSubdomain,
  provisioner: driverName,
  /** Provisioner parameters (opaque strings). */
  parameters: stringMap.default({}),
  reclaimPolicy: z.enum(['Delete', 'Retain']).default('Delete'),
  /** `WaitForFirstConsumer` places the volume in the zone of the pod that uses it. */
  volumeBindingMode: z.enum(['WaitForFirstConsumer', 'Immediate']).default('WaitForFirstConsumer'),
  allowVolumeExpansion: z.boolean().default(true),
  /** The cluster's default StorageClass; exactly one class is the default. */
  default: z.boolean().default(false),
});

export const volumeSnapshotClassSchema = z.strictObject({
  name: dnsSubdomain,
  /** CSI driver that takes the snapshots; must be the provisioner of one of the classes. */
  driver: driverName,
  deletionPolicy: z.enum(['Delete', 'Retain']).default('Retain'),
  parameters: stringMap.default({}),
});

export const storageSchema = z.strictObject({
  classes: z.array(storageClassSchema).min(1, { message: 'must declare at least one StorageClass' }),
  snapshotClass: volumeSnapshotClassSchema,
});

export type ClusterStorage = z.output<typeof storageSchema>;
export type StorageClassSpec = z.output<typeof storageClassSchema>;
