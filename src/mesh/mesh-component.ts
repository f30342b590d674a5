/**
 * The `mesh` component: mesh-wide Istio policy on clusters that run Istio —
 * the PeerAuthentication `default` in the Istio root namespace with mutual
 * TLS STRICT, so every workload in the mesh accepts only mTLS traffic.
 * Source: Istio docs, "Mutual TLS Migration" (mesh-wide STRICT policy).
 */
import { PlatformComponent, WAVES } from '../contracts/component';
import { addonNamespace } from '../addons/addon-context';
import { CATALOG } from '../addons/catalog';
import { enabledAddons } from '../addons/enablement';
import { PeerAuthentication } from './peer-authentication';

export const meshComponent: PlatformComponent = {
  name: 'mesh',
  wave: WAVES.platform,
  enabledOn: (ctx) => enabledAddons(ctx.cluster).has('istio'),
  build(scope, ctx) {
    new PeerAuthentication(scope, 'MeshMtls', {
      metadata: { name: 'default', namespace: addonNamespace(CATALOG.istio, ctx.platform) },
      spec: { mtls: { mode: 'STRICT' } },
    });
  },
};
