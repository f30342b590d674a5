/**
 * Policies on tenant storage: only the tenant's StorageClasses, and no claim
 * that names a PersistentVolume of its own choosing.
 *
 * Sources: Kubernetes docs "Persistent Volumes" (a claim with `volumeName`
 * binds that PersistentVolume if it is Available, whatever created it; a
 * Released volume with reclaim policy Retain keeps the previous claimant's
 * data); `ValidatePersistentVolumeClaimUpdate` (`spec.volumeName` may be set
 * once on an unbound claim); the PersistentVolume binder of
 * kube-controller-manager sets `spec.volumeName` when it binds a claim
 * (user `system:serviceaccount:kube-system:persistent-volume-binder` with
 * `--use-service-account-credentials`, the kubeadm default, else
 * `system:kube-controller-manager`).
 */
import { celStringList } from '../../cel';
import { AdmissionPolicyDefinition, core } from '../policy-types';

const PVCS = [core(['persistentvolumeclaims'], ['PersistentVolumeClaim'])];
const STATEFULSETS = [{ group: 'apps', version: 'v1', resources: ['statefulsets'], kinds: ['StatefulSet'] }];

/** Users that bind claims to volumes (the PersistentVolume controller). */
export const VOLUME_BINDERS = ['system:serviceaccount:kube-system:persistent-volume-binder', 'system:kube-controller-manager'] as const;

const classes = (name: string, match: typeof PVCS, requested: string): AdmissionPolicyDefinition => ({
  name,
  family: 'storage-classes',
  description: 'PersistentVolumeClaims (and StatefulSet claim templates) name only the tenant\'s allowed StorageClasses.',
  scope: 'tenants',
  match,
  parameters: ['storageClasses'],
  variables: [
    { name: 'requestedClasses', expression: requested },
    { name: 'disallowedClasses', expression: 'variables.requestedClasses.filter(c, !(c in variables.storageClasses))' },
  ],
  validations: [{
    expression: 'size(variables.disallowedClasses) == 0',
    messageExpression: "'StorageClass not allowed: ' + variables.disallowedClasses.join(', ') + '; allowed: ' + (size(variables.storageClasses) == 0 ? '(only the cluster default)' : variables.storageClasses.join(', '))",
    message: 'StorageClass not allowed for this tenant',
  }],
});

const binding = (name: string, match: typeof PVCS, validation: string, what: string): AdmissionPolicyDefinition => ({
  name,
  family: 'volume-binding',
  description: 'Tenant claims never name a PersistentVolume: binding is the PersistentVolume controller\'s, so no tenant can claim another\'s released volume.',
  scope: 'tenants',
  match,
  parameters: [],
  variables: [],
  validations: [{
    expression: validation,
    messageExpression: `'${what} may not name a PersistentVolume (spec.volumeName); claims are bound by the cluster'`,
    message: 'claims may not name a PersistentVolume',
  }],
});

/** The storage policies of the library. */
export const STORAGE_POLICIES: readonly AdmissionPolicyDefinition[] = [
  classes('storage-classes', PVCS, 'has(object.spec.storageClassName) ? [object.spec.storageClassName] : []'),
  classes('storage-classes-statefulsets', STATEFULSETS,
    'has(object.spec.volumeClaimTemplates) ? object.spec.volumeClaimTemplates.filter(t, has(t.spec.storageClassName)).map(t, t.spec.storageClassName) : []'),
  binding('volume-binding', PVCS,
    "!has(object.spec.volumeName) || object.spec.volumeName == ''"
    + " || (request.operation == 'UPDATE' && has(oldObject.spec.volumeName) && oldObject.spec.volumeName == object.spec.volumeName)"
    + ` || request.userInfo.username in ${celStringList(VOLUME_BINDERS)}`,
    'PersistentVolumeClaims'),
  binding('volume-binding-statefulsets', STATEFULSETS,
    "!has(object.spec.volumeClaimTemplates) || object.spec.volumeClaimTemplates.all(t, !has(t.spec.volumeName) || t.spec.volumeName == '')",
    'StatefulSet volumeClaimTemplates'),
];
