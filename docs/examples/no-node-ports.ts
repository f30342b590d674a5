// docs/examples/no-node-ports.ts — a render pass: checks every rendered object.
import { Manifest, ManifestPass } from 'cdk8s-platform';

/**
 * Refuses to render a NodePort Service anywhere: the organisation exposes
 * services only through the ingress controller. A pass returns problems
 * (the render then fails, listing them, and nothing is written) or nothing.
 */
export const noNodePorts: ManifestPass = (m: Manifest) => {
  const spec = m.object?.spec as { type?: string } | undefined;
  if (m.object?.kind === 'Service' && spec?.type === 'NodePort') {
    return [`${m.path}: Service ${m.object.metadata.name} is a NodePort; expose it through the ingress controller`];
  }
  return undefined;
};
