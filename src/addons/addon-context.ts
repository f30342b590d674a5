/**
 * Builds what an add-on sees when it renders for one cluster.
 */
import { AddonName } from '../spec/addon-names';
import { ClusterSpec } from '../spec/cluster';
import { PlatformSpec } from '../spec/model';
import { addonNamespaceOf } from '../spec/settings';
import { AddonContext, AddonDefinition } from './addon';
import { enabledAddons } from './enablement';
import { ImageRef, mirrorImage, parseImage } from './image-ref';
import { PROFILES } from './profiles';
import { registryMirrorOf } from './registries';

/**
 * The upstream reference of an image on `cluster`: `<minor>` in a pinned
 * reference stands for the cluster's Kubernetes minor version (e.g. the
 * cluster-autoscaler, whose minor must match the cluster's).
 */
export function upstreamImageRef(ref: string, cluster: ClusterSpec): string {
  return ref.replace(/<minor>/g, cluster.kubernetesVersion);
}

/** The namespace of `addon` on the platform (`addonNamespaceOf`: the settings' ingress / monitoring / identity / external-secrets namespace where the add-on is that). */
export function addonNamespace(addon: AddonDefinition, platform: PlatformSpec): string {
  return addonNamespaceOf(addon.name, platform.settings);
}

/**
 * The context of `addon` on `cluster`. With `upstream`, images are the
 * upstream references even on an air-gapped cluster (for `dist/images.txt`,
 * which lists both).
 *
 * @throws Error from `image(key)` when the add-on declares no such image
 */
export function addonContext(addon: AddonDefinition, platform: PlatformSpec, cluster: ClusterSpec, enabled?: ReadonlySet<AddonName>, upstream = false): AddonContext {
  const mirror = upstream ? undefined : registryMirrorOf(cluster);
  return {
    platform,
    cluster,
    profile: PROFILES[cluster.addons.profile],
    enabled: enabled ?? enabledAddons(cluster),
    namespace: addonNamespace(addon, platform),
    image(key: string): ImageRef {
      const image = addon.images[key];
      if (!image) throw new Error(`add-on ${addon.name} declares no image "${key}"; declared: ${Object.keys(addon.images).join(', ')}`);
      const upstream = parseImage(upstreamImageRef(image.ref, cluster));
      return mirror ? mirrorImage(upstream, mirror) : upstream;
    },
  };
}
