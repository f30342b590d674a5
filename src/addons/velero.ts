/**
 * Velero: backs up Kubernetes objects and volume snapshots to object
 * storage. Brings the velero.io CRDs; the BackupStorageLocation,
 * VolumeSnapshotLocation and Schedules are rendered by the `backup`
 * component after it.
 *
 * Chart: vmware-tanzu/velero (values: `image.repository`, `initContainers`
 * for the provider plugin, `kubectl.image` for the CRD upgrade job,
 * `backupsEnabled`/`snapshotsEnabled` off because the locations are rendered
 * by the platform, `credentials.existingSecret`).
 */
import { AddonContext, AddonDefinition } from './addon';
import { formatImage } from './image-ref';
import { httpsEgressRule, metricsRule } from './rules';
import { HelmWorkloadValues, podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['velero'];

/** The plugin image key per backup provider. */
const PLUGINS = { aws: 'pluginAws', gcp: 'pluginGcp', azure: 'pluginAzure' } as const;

/** The typed values of the velero chart the platform sets. */
export interface VeleroValues extends HelmWorkloadValues {
  readonly initContainers: readonly { readonly name: string; readonly image: string; readonly volumeMounts: readonly { readonly mountPath: string; readonly name: string }[] }[];
  readonly upgradeCRDs: boolean;
  readonly backupsEnabled: boolean;
  readonly snapshotsEnabled: boolean;
  readonly deployNodeAgent: boolean;
  readonly credentials: { readonly useSecret: boolean; readonly existingSecret?: string };
  readonly configuration: { readonly features: string; readonly defaultVolumesToFsBackup: boolean };
  readonly metrics: { readonly enabled: boolean; readonly serviceMonitor: { readonly enabled: boolean } };
}

function plugin(ctx: AddonContext) {
  return PLUGINS[ctx.cluster.backup!.storage.provider];
}

export const velero: AddonDefinition = {
  name: 'velero',
  description: 'Backs up Kubernetes objects and volume snapshots to object storage.',
  namespace: 'velero',
  podSecurity: { level: 'restricted' },
  crds: ['backups.velero.io', 'restores.velero.io', 'schedules.velero.io', 'backupstoragelocations.velero.io', 'volumesnapshotlocations.velero.io', 'deletebackuprequests.velero.io', 'downloadrequests.velero.io', 'podvolumebackups.velero.io', 'podvolumerestores.velero.io', 'serverstatusrequests.velero.io', 'datauploads.velero.io', 'datadownloads.velero.io'],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    server: { ref: pins.images.server, knobs: [{ repository: 'image.repository', tag: 'image.tag' }] },
    kubectl: { ref: pins.images.kubectl, knobs: [{ repository: 'kubectl.image.repository', tag: 'kubectl.image.tag' }] },
    pluginAws: { ref: pins.images.pluginAws, knobs: [{ full: 'initContainers.0.image' }], usedOn: (ctx) => plugin(ctx) === 'pluginAws' },
    pluginGcp: { ref: pins.images.pluginGcp, knobs: [{ full: 'initContainers.0.image' }], usedOn: (ctx) => plugin(ctx) === 'pluginGcp' },
    pluginAzure: { ref: pins.images.pluginAzure, knobs: [{ full: 'initContainers.0.image' }], usedOn: (ctx) => plugin(ctx) === 'pluginAzure' },
  },
  workloads: [{
    name: 'server', kind: 'Deployment', size: 'medium',
    replication: { mode: 'single', reason: 'Velero runs one server per cluster: backups and restores are processed by a single controller with no leader election (Velero docs, "Velero Install" — replicas: 1)' },
    podLabels: podLabels('velero', 'velero'),
    knobs: { resources: 'resources', podSecurityContext: 'podSecurityContext', securityContext: 'containerSecurityContext', priorityClassName: 'priorityClassName' },
    probes: { builtIn: 'deployment.yaml defines liveness and readiness probes on /metrics when metrics.enabled (velero chart)' },
  }],
  releases: [{
    name: 'velero',
    chart: pins.chart,
    values: (ctx): VeleroValues => {
      const backup = ctx.cluster.backup!;
      return {
        initContainers: [{ name: `velero-plugin-for-${backup.storage.provider}`, image: formatImage(ctx.image(plugin(ctx))), volumeMounts: [{ mountPath: '/target', name: 'plugins' }] }],
        upgradeCRDs: true,
        backupsEnabled: false,
        snapshotsEnabled: false,
        deployNodeAgent: false,
        credentials: backup.credentialsSecret ? { useSecret: true, existingSecret: backup.credentialsSecret.name } : { useSecret: false },
        configuration: { features: 'EnableCSI', defaultVolumesToFsBackup: false },
        metrics: { enabled: true, serviceMonitor: { enabled: ctx.enabled.has('kube-prometheus-stack') } },
      };
    },
  }],
  network: [metricsRule([8085]), httpsEgressRule('the object storage and snapshot APIs'), {
    name: 'object-storage', description: 'Allow S3-compatible object storage on its usual ports (TCP 80, 9000).', direction: 'egress', peer: { anywhere: true }, ports: [80, 9000],
    usedOn: (ctx) => ctx.cluster.backup?.storage.config.s3Url !== undefined,
  }],
};
