/**
 * Backups with Velero: where a cluster's backups go (the `backup` field of a
 * cluster) and how long a tenant environment's backups are kept (the `backup`
 * field of a tenant environment).
 *
 * ```ts
 * backup: {
 *   storage: { provider: 'aws', bucket: 'platform-backups', config: { region: 'eu-west-1' } },
 *   snapshots: { provider: 'aws', config: { region: 'eu-west-1' } },
 *   credentialsSecret: { name: 'velero-credentials', key: 'cloud' },
 * }
 * ```
 * Source: Velero docs, "Backup Storage Locations and Volume Snapshot Locations", "Schedule".
 */
import { z } from 'zod';
import { dnsLabel, dnsSubdomain } from './fields';
import { documented } from './json-forms';

/** Object-storage / snapshot providers with a Velero plugin in the catalog. */
export const BACKUP_PROVIDERS = ['aws', 'gcp', 'azure'] as const;
export type BackupProvider = (typeof BACKUP_PROVIDERS)[number];

/**
 * A retention as Velero's `ttl`: whole days (`30d`) or hours (`72h`).
 * Converted with {@link retentionToTtl}.
 */
export const retention = z.string().regex(/^[1-9][0-9]{0,3}[dh]$/, {
  message: 'must be whole days or hours such as 30d or 72h',
});

/** A five-field cron schedule (minute hour day-of-month month day-of-week), as Velero Schedules read it. */
export const cron = z.string().regex(/^(\S+\s+){4}\S+$/, {
  message: 'must be a five-field cron expression such as "0 2 * * *"',
});

const stringMap = z.record(z.string().min(1), z.string());

export const clusterBackupSchema = z.strictObject({
  /** The BackupStorageLocation `default`: object storage for backup metadata and file-system backups. */
  storage: z.strictObject({
    provider: z.enum(BACKUP_PROVIDERS),
    bucket: dnsSubdomain,
    /** Folder in the bucket; defaults to the cluster name. */
    prefix: z.string().regex(/^[a-z0-9][a-z0-9/_-]*$/, { message: 'must be a relative path of lower-case letters, digits, "/", "_" and "-"' }).optional(),
    /** Provider configuration, e.g. `{ region: 'eu-west-1' }` or for S3-compatible stores `{ s3Url, s3ForcePathStyle: 'true' }`. */
    config: stringMap.default({}),
  }),
  /** The VolumeSnapshotLocation `default`: where volume snapshots are taken. */
  snapshots: z.strictObject({
    provider: z.enum(BACKUP_PROVIDERS),
    config: stringMap.default({}),
  }),
  /**
   * The Secret (in the Velero namespace) holding the provider credentials; a
   * reference only — it is delivered by External Secrets, never rendered.
   * @default - none: the provider's workload identity (IRSA, Workload Identity) is used
   */
  credentialsSecret: z.strictObject({ name: dnsLabel(), key: z.string().min(1) }).optional(),
  /** Schedule of the platform-wide backup (every namespace, cluster-scoped objects included). */
  platformSchedule: cron.default('0 1 * * *'),
  /** Default schedule of the per-tenant-environment backups. */
  tenantSchedule: cron.default('0 2 * * *'),
});

export type ClusterBackup = z.output<typeof clusterBackupSchema>;

/** The `backup` field of a tenant environment. */
export const tenantBackupSchema = documented(z.strictObject({
  enabled: documented(z.boolean().default(true), 'Whether the environment\'s namespace is backed up by Velero; default true.', true),
  schedule: documented(cron.optional(), 'Five-field cron schedule; default: the cluster\'s backup.tenantSchedule (daily).', '0 3 * * *'),
  retention: documented(retention.optional(), 'How long each backup is kept: whole days or hours such as 30d or 72h; default: the profile\'s tenant backup retention.', '30d'),
}).default({ enabled: true }), 'Velero backups of the environment\'s namespace: daily by default, retention from the profile.', { retention: '30d' });

export type TenantBackup = z.output<typeof tenantBackupSchema>;

/** Converts a retention (`30d`, `72h`) to a Velero ttl (`720h0m0s`). */
export function retentionToTtl(value: string): string {
  const n = Number(value.slice(0, -1));
  const hours = value.endsWith('d') ? n * 24 : n;
  return `${hours}h0m0s`;
}
