/**
 * A cluster's StorageClasses and VolumeSnapshotClass, and the `storage`
 * component that renders them from the cluster's `storage` field.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { VolumeSnapshotClass, VolumeSnapshotClassDeletionPolicy } from '../../imports/snapshot.storage.k8s.io';
import { PlatformComponent, WAVES } from '../contracts/component';
import { ClusterStorage } from '../spec/storage';

/** Annotation that marks the default StorageClass. Source: Kubernetes docs, "Change the default StorageClass". */
export const DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
/** Annotation that marks the default VolumeSnapshotClass. Source: Kubernetes docs, "Volume Snapshot Classes". */
export const DEFAULT_SNAPSHOT_CLASS_ANNOTATION = 'snapshot.storage.kubernetes.io/is-default-class';
/** Label Velero's CSI support uses to pick the VolumeSnapshotClass of a driver. Source: Velero docs, "Container Storage Interface Snapshot Support". */
export const VELERO_SNAPSHOT_CLASS_LABEL = 'velero.io/csi-volumesnapshot-class';

export interface ClusterStorageClassesProps {
  readonly storage: ClusterStorage;
}

/**
 * One StorageClass per declared class (the default one annotated) and the
 * VolumeSnapshotClass, annotated default and labelled for Velero.
 *
 * @throws Error when not exactly one class is the default (the definition
 *   checks report this first, with its path)
 */
export class ClusterStorageClasses extends Construct {
  constructor(scope: Construct, id: string, props: ClusterStorageClassesProps) {
    super(scope, id);
    const defaults = props.storage.classes.filter((c) => c.default);
    if (defaults.length !== 1) {
      throw new Error(`ClusterStorageClasses: storage.classes must mark exactly one class default (marked: ${defaults.map((c) => c.name).join(', ') || 'none'})`);
    }
    for (const c of props.storage.classes) {
      new k8s.KubeStorageClass(this, `Class-${c.name}`, {
        metadata: { name: c.name, annotations: c.default ? { [DEFAULT_STORAGE_CLASS_ANNOTATION]: 'true' } : undefined },
        provisioner: c.provisioner,
        parameters: Object.keys(c.parameters).length > 0 ? { ...c.parameters } : undefined,
        reclaimPolicy: c.reclaimPolicy,
        volumeBindingMode: c.volumeBindingMode,
        allowVolumeExpansion: c.allowVolumeExpansion,
      });
    }
    const s = props.storage.snapshotClass;
    new VolumeSnapshotClass(this, 'SnapshotClass', {
      metadata: {
        name: s.name,
        annotations: { [DEFAULT_SNAPSHOT_CLASS_ANNOTATION]: 'true' },
        labels: { [VELERO_SNAPSHOT_CLASS_LABEL]: 'true' },
      },
      driver: s.driver,
      deletionPolicy: s.deletionPolicy === 'Retain' ? VolumeSnapshotClassDeletionPolicy.RETAIN : VolumeSnapshotClassDeletionPolicy.DELETE,
      parameters: Object.keys(s.parameters).length > 0 ? { ...s.parameters } : undefined,
    });
  }
}

/** Renders `platform/storage/` on clusters that declare `storage`, before every add-on (their volumes use the default class). */
export const storageComponent: PlatformComponent = {
  name: 'storage',
  wave: WAVES.foundation,
  enabledOn: (ctx) => ctx.cluster.storage !== undefined,
  build(scope, ctx) {
    new ClusterStorageClasses(scope, 'Storage', { storage: ctx.cluster.storage! });
  },
};
