/**
 * Velero's backup configuration for one cluster, and the `backup` component
 * that renders it after Velero (whose CRDs it needs): the
 * BackupStorageLocation and VolumeSnapshotLocation `default`, a daily
 * platform-wide Schedule, and one Schedule per tenant environment.
 * Source: Velero docs, "Backup Storage Locations and Volume Snapshot
 * Locations", "Schedule API Type", "Backup API Type".
 */
import { Construct } from 'constructs';
import { BackupStorageLocation, Schedule, VolumeSnapshotLocation } from '../../imports/velero.io';
import { addonNamespace } from '../addons/addon-context';
import { CATALOG } from '../addons/catalog';
import { enabledAddons } from '../addons/enablement';
import { PROFILES } from '../addons/profiles';
import { PlatformComponent, WAVES } from '../contracts/component';
import { ClusterBackup, retentionToTtl } from '../spec/backup';
import { ClusterSpec } from '../spec/cluster';
import { Placement } from '../spec/model';
import { LABELS } from '../tenancy/labels';

/** Name of the backup and snapshot locations. */
export const BACKUP_LOCATION = 'default';
/** Name of the platform-wide Schedule. */
export const PLATFORM_SCHEDULE = 'platform-daily';

/** Name of the Schedule of a tenant environment's namespace. */
export function tenantScheduleName(namespace: string): string {
  return `tenant-${namespace}`;
}

/** A tenant namespace to back up. */
export interface TenantBackupTarget {
  readonly namespace: string;
  readonly tenant: string;
  readonly environment: string;
  /** Five-field cron. */
  readonly schedule: string;
  /** Retention as `<n>d` / `<n>h`. */
  readonly retention: string;
}

export interface VeleroBackupProps {
  readonly cluster: string;
  readonly backup: ClusterBackup;
  /** Namespace Velero runs in. */
  readonly namespace: string;
  /** Retention of the platform-wide backup (`<n>d` / `<n>h`). */
  readonly platformRetention: string;
  readonly tenants: readonly TenantBackupTarget[];
}

/** The locations and Schedules of one cluster. */
export class VeleroBackup extends Construct {
  constructor(scope: Construct, id: string, props: VeleroBackupProps) {
    super(scope, id);
    const b = props.backup;
    const ns = props.namespace;
    new BackupStorageLocation(this, 'StorageLocation', {
      metadata: { name: BACKUP_LOCATION, namespace: ns },
      spec: {
        default: true,
        provider: b.storage.provider,
        objectStorage: { bucket: b.storage.bucket, prefix: b.storage.prefix ?? props.cluster },
        config: Object.keys(b.storage.config).length > 0 ? { ...b.storage.config } : undefined,
        credential: b.credentialsSecret ? { ...b.credentialsSecret } : undefined,
      },
    });
    new VolumeSnapshotLocation(this, 'SnapshotLocation', {
      metadata: { name: BACKUP_LOCATION, namespace: ns },
      spec: {
        provider: b.snapshots.provider,
        config: Object.keys(b.snapshots.config).length > 0 ? { ...b.snapshots.config } : undefined,
        credential: b.credentialsSecret ? { ...b.credentialsSecret } : undefined,
      },
    });
    new Schedule(this, 'Platform', {
      metadata: { name: PLATFORM_SCHEDULE, namespace: ns },
      spec: {
        schedule: b.platformSchedule,
        useOwnerReferencesInBackup: false,
        template: {
          includedNamespaces: ['*'],
          includeClusterResources: true,
          snapshotVolumes: true,
          storageLocation: BACKUP_LOCATION,
          volumeSnapshotLocations: [BACKUP_LOCATION],
          ttl: retentionToTtl(props.platformRetention),
        },
      },
    });
    for (const t of props.tenants) {
      new Schedule(this, `Tenant-${t.namespace}`, {
        metadata: { name: tenantScheduleName(t.namespace), namespace: ns, labels: { [LABELS.tenant]: t.tenant, [LABELS.environment]: t.environment } },
        spec: {
          schedule: t.schedule,
          useOwnerReferencesInBackup: false,
          template: {
            includedNamespaces: [t.namespace],
            includeClusterResources: false,
            snapshotVolumes: true,
            storageLocation: BACKUP_LOCATION,
            volumeSnapshotLocations: [BACKUP_LOCATION],
            ttl: retentionToTtl(t.retention),
          },
        },
      });
    }
  }
}

/** The backup targets of the tenant environments placed on `cluster`: daily by default, retention from the tenant file or the profile. */
export function tenantBackupTargets(cluster: ClusterSpec, placements: readonly Placement[]): TenantBackupTarget[] {
  const profile = PROFILES[cluster.addons.profile];
  return placements.filter((p) => p.spec.backup.enabled).map((p) => ({
    namespace: p.namespace,
    tenant: p.tenant.metadata.name,
    environment: p.environment,
    schedule: p.spec.backup.schedule ?? cluster.backup!.tenantSchedule,
    retention: p.spec.backup.retention ?? profile.backupRetention.tenant,
  }));
}

/** Renders `platform/backup/` on clusters that run Velero, after it. */
export const backupComponent: PlatformComponent = {
  name: 'backup',
  wave: WAVES.platform,
  enabledOn: (ctx) => enabledAddons(ctx.cluster).has('velero'),
  build(scope, ctx) {
    new VeleroBackup(scope, 'Velero', {
      cluster: ctx.cluster.name,
      backup: ctx.cluster.backup!,
      namespace: addonNamespace(CATALOG.velero, ctx.platform),
      platformRetention: PROFILES[ctx.cluster.addons.profile].backupRetention.platform,
      tenants: tenantBackupTargets(ctx.cluster, ctx.placements),
    });
  },
};
