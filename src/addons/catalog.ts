/**
 * The add-on catalog: every add-on definition, and the platform components
 * that render them, each synced in the wave its dependencies give it.
 */
import { PlatformComponent, WAVES } from '../contracts/component';
import { ADDON_NAMES, AddonName } from '../spec/addon-names';
import { AddonDefinition } from './addon';
import { addonComponent } from './addon-component';
import { certManager } from './cert-manager';
import { clusterAutoscaler } from './cluster-autoscaler';
import { dex } from './dex';
import { externalDns } from './external-dns';
import { externalSecrets } from './external-secrets';
import { falco } from './falco';
import { gatekeeper } from './gatekeeper';
import { ingressNginx } from './ingress-nginx';
import { istio } from './istio';
import { kubePrometheusStack } from './kube-prometheus-stack';
import { kubeStateMetrics } from './kube-state-metrics';
import { metricsServer } from './metrics-server';
import { openTelemetryCollector } from './opentelemetry-collector';
import { trivyOperator } from './trivy-operator';
import { velero } from './velero';

/** Every add-on definition, by name. */
export const CATALOG: Readonly<Record<AddonName, AddonDefinition>> = {
  'kube-prometheus-stack': kubePrometheusStack,
  'cert-manager': certManager,
  'ingress-nginx': ingressNginx,
  'external-dns': externalDns,
  'metrics-server': metricsServer,
  'kube-state-metrics': kubeStateMetrics,
  'external-secrets': externalSecrets,
  'velero': velero,
  'gatekeeper': gatekeeper,
  'falco': falco,
  'dex': dex,
  'cluster-autoscaler': clusterAutoscaler,
  'opentelemetry-collector': openTelemetryCollector,
  'trivy-operator': trivyOperator,
  'istio': istio,
};

/**
 * The length of the longest `dependsOn` chain below `name` (0 for an add-on
 * that depends on none).
 *
 * @throws Error on a dependency cycle, naming it
 */
export function dependencyDepth(name: AddonName, seen: readonly AddonName[] = []): number {
  if (seen.includes(name)) throw new Error(`add-on dependency cycle: ${[...seen, name].join(' -> ')}`);
  const deps = CATALOG[name].dependsOn;
  return deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => dependencyDepth(d, [...seen, name])));
}

/** The sync wave of an add-on: `WAVES.crds` plus its dependency depth; always below `WAVES.platform`. */
export function addonWave(name: AddonName): number {
  const wave = WAVES.crds + dependencyDepth(name);
  if (wave >= WAVES.platform) throw new Error(`add-on ${name} would sync in wave ${wave}; its dependency chain must be shorter than ${WAVES.platform - WAVES.crds}`);
  return wave;
}

/** One platform component per add-on, in catalog order. */
export function addonComponents(): PlatformComponent[] {
  const view = { byName: (n: AddonName) => CATALOG[n], all: () => ADDON_NAMES.map((n) => CATALOG[n]) };
  return ADDON_NAMES.map((name) => addonComponent(CATALOG[name], addonWave(name), view));
}
