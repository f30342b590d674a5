/**
 * The API server's EncryptionConfiguration: Secrets (and whatever else the
 * cluster lists) encrypted at rest by a KMS v2 plugin. The data encryption
 * keys live in the external KMS; this file holds no key material.
 */
import { ClusterSpec } from '../../spec/cluster';

/** File name in `control-plane/`. */
export const ENCRYPTION_CONFIGURATION_FILE = 'encryption-configuration.yaml';

/**
 * The `apiserver.config.k8s.io/v1` EncryptionConfiguration of `cluster`: for
 * `encryptionAtRest.resources`, the KMS v2 provider first (new writes are
 * encrypted with it), then `identity` so objects written before encryption
 * was turned on stay readable until they are rewritten
 * (`kubectl get secrets -A -o json | kubectl replace -f -`).
 *
 * Source: Kubernetes docs, "Encrypting Confidential Data at Rest" and "Using a
 * KMS provider for data encryption" (KMS v2: `apiVersion: v2`, no `cachesize`).
 */
export function encryptionConfiguration(cluster: ClusterSpec): Record<string, unknown> {
  const { resources, kms } = cluster.encryptionAtRest;
  return {
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'EncryptionConfiguration',
    resources: [{
      resources: [...resources],
      providers: [
        { kms: { apiVersion: 'v2', name: kms.name, endpoint: kms.endpoint, timeout: kms.timeout } },
        { identity: {} },
      ],
    }],
  };
}
