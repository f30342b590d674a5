/**
 * Network allowances several add-ons share.
 */
import { NetworkRule } from './addon';

/** Prometheus (in the monitoring namespace) scrapes the add-on's metrics ports, when kube-prometheus-stack runs. */
export function metricsRule(ports: readonly number[]): NetworkRule {
  return {
    name: 'monitoring',
    description: `Allow Prometheus to scrape metrics (TCP ${ports.join(', ')}).`,
    direction: 'ingress',
    peer: { monitoring: true },
    ports,
    usedOn: (ctx) => ctx.enabled.has('kube-prometheus-stack'),
  };
}

/**
 * The API server calls the add-on's admission webhook. The API server's
 * source address is not selectable, so the port is open to any source.
 */
export function webhookRule(ports: readonly number[]): NetworkRule {
  return {
    name: 'webhook',
    description: `Allow the API server to call the admission webhook (TCP ${ports.join(', ')}).`,
    direction: 'ingress',
    peer: { anywhere: true },
    ports,
  };
}

/** HTTPS to services outside the cluster (cloud provider APIs, ACME, object storage). */
export function httpsEgressRule(what: string): NetworkRule {
  return {
    name: 'https',
    description: `Allow HTTPS to ${what}.`,
    direction: 'egress',
    peer: { anywhere: true },
    ports: [443],
  };
}
