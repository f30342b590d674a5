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
import { VeleroChartValues } from '../../imports/charts';
import { PsaContainer, PsaPod } from '../security/pod-security-standards';
import { AddonContext, AddonDefinition } from './addon';
import { composedImage, joinedImage, valueString } from './image-composition';
import { formatImage } from './image-ref';
import { getPath, RESTRICTED_CONTAINER_SECURITY_CONTEXT } from './knobs';
import { httpsEgressRule, metricsRule } from './rules';
import { podLabels } from './values-types';
import { VERSIONS } from './versions';

const pins = VERSIONS['velero'];

/** The plugin image key per backup provider. */
const PLUGINS = { aws: 'pluginAws', gcp: 'pluginGcp', azure: 'pluginAzure' } as const;

function plugin(ctx: AddonContext) {
  return PLUGINS[ctx.cluster.backup!.storage.provider];
}

const DEPLOYMENT = 'velero 11.0.0 templates/deployment.yaml';
const UPGRADE_CRDS = 'velero 11.0.0 templates/upgrade-crds/upgrade-crds.yaml';

/** The pod security context of the chart's pods: `podSecurityContext` merged with the legacy `securityContext` (both templates). */
function podSecurityContext(values: unknown): Record<string, unknown> {
  return { ...(getPath(values, 'securityContext') as object ?? {}), ...(getPath(values, 'podSecurityContext') as object ?? {}) };
}

/** The server pod (templates/deployment.yaml): the values' init containers (the provider plugin) and the velero container. */
function serverPod(values: unknown): PsaPod {
  const credentials = getPath(values, 'credentials.useSecret') === true ? [{ name: 'cloud-credentials', secret: {} }] : [];
  return {
    spec: {
      securityContext: podSecurityContext(values),
      initContainers: (getPath(values, 'initContainers') as PsaContainer[] | null) ?? [],
      containers: [{ name: 'velero', securityContext: getPath(values, 'containerSecurityContext') as Record<string, unknown> }],
      volumes: [...credentials, { name: 'plugins', emptyDir: {} }, { name: 'scratch', emptyDir: {} }],
    },
  };
}

/** The pre-install CRD upgrade Job: a kubectl init container copying its binaries, then velero applying the CRDs. */
function upgradeCrdsPod(values: unknown): PsaPod | undefined {
  if (getPath(values, 'upgradeCRDs') !== true) return undefined;
  return {
    spec: {
      securityContext: podSecurityContext(values),
      initContainers: [{ name: 'kubectl', securityContext: getPath(values, 'kubectl.containerSecurityContext') as Record<string, unknown> }],
      containers: [{ name: 'velero', securityContext: getPath(values, 'containerSecurityContext') as Record<string, unknown> }],
      volumes: [{ name: 'crds', emptyDir: {} }],
    },
  };
}

/** The typed values of the velero chart the platform sets. */
function veleroValues(ctx: AddonContext): VeleroChartValues {
  const backup = ctx.cluster.backup!;
  return {
    // The provider plugin, copied into the plugins volume by an init container (the chart renders the list as given).
    initContainers: [{
      name: `velero-plugin-for-${backup.storage.provider}`,
      image: formatImage(ctx.image(plugin(ctx))),
      securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT },
      volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
    }],
    upgradeCRDs: true,
    // The CRD upgrade hook's kubectl init container (the velero container there takes containerSecurityContext).
    kubectl: { containerSecurityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT } },
    backupsEnabled: false,
    snapshotsEnabled: false,
    deployNodeAgent: false,
    credentials: backup.credentialsSecret ? { useSecret: true, existingSecret: backup.credentialsSecret.name } : { useSecret: false },
    configuration: { features: 'EnableCSI', defaultVolumesToFsBackup: false },
    metrics: { enabled: true, serviceMonitor: { enabled: ctx.enabled.has('kube-prometheus-stack') } },
  };
}

export const velero: AddonDefinition = {
  name: 'velero',
  description: 'Backs up Kubernetes objects and volume snapshots to object storage.',
  namespace: 'velero',
  podSecurity: { level: 'restricted' },
  crds: ['backups.velero.io', 'restores.velero.io', 'schedules.velero.io', 'backupstoragelocations.velero.io', 'volumesnapshotlocations.velero.io', 'deletebackuprequests.velero.io', 'downloadrequests.velero.io', 'podvolumebackups.velero.io', 'podvolumerestores.velero.io', 'serverstatusrequests.velero.io', 'datauploads.velero.io', 'datadownloads.velero.io'],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    server: {
      ref: pins.images.server, knobs: [{ repository: 'image.repository', tag: 'image.tag' }],
      pulled: joinedImage({ repository: 'image.repository', tag: 'image.tag', digest: 'image.digest' }, `${DEPLOYMENT}: "<image.repository>:<image.tag>", or "@<image.digest>" when set`),
    },
    kubectl: {
      ref: pins.images.kubectl, knobs: [{ repository: 'kubectl.image.repository', tag: 'kubectl.image.tag' }],
      pulled: composedImage(`${UPGRADE_CRDS} and templates/_helpers.tpl chart.KubernetesVersion: "<kubectl.image.repository>@<digest>", else ":<tag>", else ":<cluster major>.<minor>"`, (values, ctx) => {
        const repository = valueString(values, 'kubectl.image.repository');
        const digest = valueString(values, 'kubectl.image.digest');
        if (digest) return `${repository}@${digest}`;
        return `${repository}:${valueString(values, 'kubectl.image.tag') || ctx.cluster.kubernetesVersion}`;
      }),
      usedOn: (ctx) => getPath(veleroValues(ctx), 'upgradeCRDs') === true,
    },
    ...Object.fromEntries((['pluginAws', 'pluginGcp', 'pluginAzure'] as const).map((key) => [key, {
      ref: pins.images[key], knobs: [{ full: 'initContainers.0.image' }],
      pulled: composedImage(`${DEPLOYMENT}: toYaml .Values.initContainers (the platform's plugin entry)`, (values) => valueString(values, 'initContainers.0.image')),
      usedOn: (ctx: AddonContext) => plugin(ctx) === key,
    }])),
  },
  workloads: [{
    name: 'server', kind: 'Deployment', size: 'medium',
    replication: { mode: 'single', reason: 'Velero runs one server per cluster: backups and restores are processed by a single controller with no leader election (Velero docs, "Velero Install" — replicas: 1)' },
    podLabels: podLabels('velero', 'velero'),
    knobs: { resources: 'resources', podSecurityContext: 'podSecurityContext', securityContext: 'containerSecurityContext', priorityClassName: 'priorityClassName' },
    probes: { builtIn: 'deployment.yaml defines liveness and readiness probes on /metrics when metrics.enabled (velero chart)' },
    pod: serverPod,
  }],
  pods: [{ name: 'upgrade-crds Job (pre-install, pre-upgrade hook)', source: UPGRADE_CRDS, pod: upgradeCrdsPod }],
  releases: [{
    name: 'velero',
    chart: pins.chart,
    values: veleroValues,
  }],
  network: [metricsRule([8085]), httpsEgressRule('the object storage and snapshot APIs'), {
    name: 'object-storage', description: 'Allow S3-compatible object storage on its usual ports (TCP 80, 9000).', direction: 'egress', peer: { anywhere: true }, ports: [80, 9000],
    usedOn: (ctx) => ctx.cluster.backup?.storage.config.s3Url !== undefined,
  }],
};
