/**
 * A render pass that refuses any Secret carrying `data` or `stringData`:
 * credentials come from an external store (ExternalSecrets), never from Git.
 */
import { Manifest } from '../render/manifests';
import { ManifestPass } from '../render/render';

/**
 * Reports every Secret object with non-empty `data` or `stringData`, naming
 * the construct that made it.
 */
export const refuseSecretData: ManifestPass = (m: Manifest) => {
  const o = m.object;
  if (!o || o.kind !== 'Secret' || (o.apiVersion !== 'v1')) return;
  const fields = ['data', 'stringData'].filter((f) => {
    const v = o[f];
    return v !== undefined && v !== null && (typeof v !== 'object' || Object.keys(v as object).length > 0);
  });
  if (fields.length === 0) return;
  const ns = o.metadata.namespace ? `${o.metadata.namespace}/` : '';
  return [`${m.source}: Secret ${ns}${o.metadata.name} has ${fields.join(' and ')}; secrets must not be committed to Git — declare an ExternalSecret that reads it from the secret store instead`];
};
