/**
 * Istio: service mesh with mutual TLS between workloads. Two releases: `base`
 * (the CRDs) then `istiod` (the control plane). The mesh-wide
 * PeerAuthentication `default` in STRICT mode is rendered by the `mesh`
 * component after it.
 *
 * Charts: istio/base and istio/istiod (values: `global.hub`, `global.tag`,
 * `pilot.*`, `meshConfig`).
 */
import { BaseChartValues, IstiodChartValues } from '../../imports/charts';
import { PsaPod } from '../security/pod-security-standards';
import { AddonDefinition } from './addon';
import { composedImage, ImageComposition, valueString } from './image-composition';
import { getPath } from './knobs';
import { webhookRule } from './rules';
import { VERSIONS } from './versions';

const pins = VERSIONS['istio'];

const DEPLOYMENT = 'istiod 1.27.1 templates/deployment.yaml';

/**
 * An image as istiod 1.27.1 builds it: `<hub or global.hub>/<image>:<tag or
 * global.tag>[-<variant>]` (templates/deployment.yaml for pilot; the sidecar
 * injection template files/injection-template.yaml for the proxy, from
 * `global.proxy.image`).
 */
function istioImage(image: (v: unknown) => string, source: string, own: boolean): ImageComposition {
  return composedImage(source, (v) => {
    const name = image(v);
    if (name.includes('/')) return name;
    // The root hub, tag and variant are istiod's own (the pilot values); the proxy takes the global ones.
    const pick = (key: string) => (own ? valueString(v, key) : '') || valueString(v, `global.${key}`);
    const variant = pick('variant');
    return `${pick('hub')}/${name}:${pick('tag')}${variant ? `-${variant}` : ''}`;
  });
}

/**
 * The istiod pod: the discovery container's security context is fixed by the
 * template (allowPrivilegeEscalation false, readOnlyRootFilesystem,
 * runAsNonRoot, drop ALL) plus `seccompProfile` when set; the pod has none.
 */
function istiodPod(v: unknown): PsaPod {
  const seccomp = getPath(v, 'seccompProfile') as Record<string, unknown> | undefined;
  return {
    spec: {
      containers: [{
        name: 'discovery',
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, ...(seccomp && Object.keys(seccomp).length ? { seccompProfile: seccomp } : {}) },
      }],
      volumes: [{ name: 'local-certs', emptyDir: {} }, { name: 'istio-token', projected: {} }, { name: 'cacerts', secret: {} }, { name: 'istio-kubeconfig', secret: {} }, { name: 'istio-csr-dns-cert', secret: {} }, { name: 'istio-csr-ca-configmap', configMap: {} }],
    },
  };
}

export const istio: AddonDefinition = {
  name: 'istio',
  description: 'Service mesh: mutual TLS (STRICT) between workloads, traffic policy.',
  namespace: 'istio-system',
  podSecurity: { level: 'restricted' },
  crds: ['peerauthentications.security.istio.io', 'authorizationpolicies.security.istio.io', 'requestauthentications.security.istio.io', 'destinationrules.networking.istio.io', 'virtualservices.networking.istio.io', 'gateways.networking.istio.io', 'serviceentries.networking.istio.io', 'sidecars.networking.istio.io', 'telemetries.telemetry.istio.io'],
  dependsOn: ['kube-prometheus-stack'],
  images: {
    pilot: { ref: pins.images.pilot, release: 'istiod', knobs: [{ hub: 'global.hub', tag: 'global.tag' }], pulled: istioImage((v) => valueString(v, 'image') || 'pilot', `${DEPLOYMENT}: discovery container image`, true) },
    proxy: { ref: pins.images.proxy, release: 'istiod', knobs: [{ hub: 'global.hub', tag: 'global.tag' }], pulled: istioImage((v) => valueString(v, 'global.proxy.image'), 'istiod 1.27.1 files/injection-template.yaml: sidecar image from global.proxy.image', false) },
  },
  workloads: [{
    name: 'istiod', kind: 'Deployment', replication: { mode: 'replicated' }, size: 'medium', release: 'istiod',
    podLabels: { app: 'istiod', istio: 'pilot' },
    // The container security context is fixed by the template (see istiodPod); seccompProfile is its only knob, set in the values.
    knobs: { replicas: 'replicaCount', pdb: { path: 'pdb', shape: 'plain', enabled: 'global.defaultPodDisruptionBudget.enabled' }, topologySpread: 'topologySpreadConstraints', resources: 'resources', priorityClassName: 'global.priorityClassName' },
    probes: { builtIn: 'istiod deployment.yaml defines a readiness probe on /ready (port 8080)' },
    pod: istiodPod,
  }],
  releases: [
    { name: 'istio-base', chart: pins.base, values: (): BaseChartValues => ({ defaultRevision: 'default' }) },
    {
      name: 'istiod',
      chart: pins.istiod,
      values: (ctx): IstiodChartValues => ({
        global: { istioNamespace: ctx.namespace },
        autoscaleEnabled: false,
        // Read by the discovery container (templates/deployment.yaml); the rest of its security context is fixed there.
        seccompProfile: { type: 'RuntimeDefault' },
        meshConfig: { enablePrometheusMerge: true, outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
      }),
    },
  ],
  network: [
    webhookRule([15017]),
    { name: 'xds', description: 'Allow sidecars in every namespace to fetch configuration and certificates from istiod (TCP 15010, 15012).', direction: 'ingress', peer: { allNamespaces: true }, ports: [15010, 15012, 15014] },
  ],
};
