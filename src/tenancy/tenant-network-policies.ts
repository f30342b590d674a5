/**
 * The NetworkPolicies of one tenant namespace: deny everything, then allow
 * exactly DNS, same-namespace traffic, the ingress controller, Prometheus
 * scrapes, and what the tenant declared.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { baselinePolicies, ClusterDns, NamespacePolicies, namespaceNamed } from './baseline-network-policies';
import { LABELS } from './labels';

/** A destination outside the cluster that the namespace may reach. */
export interface EgressCidr {
  /** CIDR, e.g. `10.40.0.0/16`. */
  readonly cidr: string;
  /** Ports; empty means all ports. */
  readonly ports: readonly { readonly port: number; readonly protocol: 'TCP' | 'UDP' | 'SCTP' }[];
  readonly description?: string;
}

export interface TenantNetworkPoliciesProps {
  readonly namespace: string;
  /** The namespace's environment; peers from other tenants must be in the same one. */
  readonly environment: string;
  /** Where the cluster DNS pods run and how they are labelled. */
  readonly clusterDns: ClusterDns;
  /** Namespace of the ingress controller. */
  readonly ingressNamespace: string;
  /** Namespace of Prometheus. */
  readonly monitoringNamespace: string;
  /**
   * Tenants whose namespaces (same environment) may reach this one.
   * @default []
   */
  readonly allowFromTenants?: readonly string[];
  /**
   * Platform namespaces that may reach this one (beyond ingress and monitoring).
   * @default []
   */
  readonly allowFromNamespaces?: readonly string[];
  /**
   * Tenants this namespace may reach, because they allow it (same environment).
   * @default []
   */
  readonly egressToTenants?: readonly string[];
  /**
   * Destinations outside the cluster.
   * @default []
   */
  readonly egressCidrs?: readonly EgressCidr[];
}

/**
 * Default-deny NetworkPolicies plus the platform's standard allowances.
 * Policies are additive (a connection is allowed when any policy allows it),
 * so each allowance is its own small, named, reviewable policy.
 *
 * Source: Kubernetes docs, "Network Policies" (default deny, namespaceSelector
 * with `kubernetes.io/metadata.name`).
 */
export class TenantNetworkPolicies extends NamespacePolicies {

  constructor(scope: Construct, id: string, props: TenantNetworkPoliciesProps) {
    super(scope, id, props.namespace);
    const tenantSelector = (tenant: string): k8s.LabelSelector => ({
      matchLabels: { [LABELS.tenant]: tenant, [LABELS.environment]: props.environment },
    });

    for (const p of baselinePolicies(props.clusterDns)) this.add(p.name, p.description, p.spec);
    this.add('allow-from-ingress-controller', `Allow traffic from the ingress controller in ${props.ingressNamespace}.`, {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: namespaceNamed(props.ingressNamespace) }] }],
    });
    this.add('allow-from-monitoring', `Allow Prometheus in ${props.monitoringNamespace} to scrape metrics.`, {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: namespaceNamed(props.monitoringNamespace) }] }],
    });
    for (const tenant of [...new Set(props.allowFromTenants ?? [])].sort()) {
      this.add(`allow-from-tenant-${tenant}`, `Allow traffic from tenant ${tenant} (${props.environment}).`, {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: tenantSelector(tenant) }] }],
      });
    }
    for (const ns of [...new Set(props.allowFromNamespaces ?? [])].sort()) {
      this.add(`allow-from-namespace-${ns}`, `Allow traffic from platform namespace ${ns}.`, {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: namespaceNamed(ns) }] }],
      });
    }
    for (const tenant of [...new Set(props.egressToTenants ?? [])].sort()) {
      this.add(`allow-egress-to-tenant-${tenant}`, `Allow traffic to tenant ${tenant} (${props.environment}), which accepts it.`, {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: tenantSelector(tenant) }] }],
      });
    }
    const cidrs = props.egressCidrs ?? [];
    if (cidrs.length > 0) {
      const described = cidrs.map((c) => (c.description ? `${c.cidr} (${c.description})` : c.cidr)).join('; ');
      this.add('allow-egress-external', `Allow traffic to declared destinations outside the cluster: ${described}.`, {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: cidrs.map((c) => ({
          to: [{ ipBlock: { cidr: c.cidr } }],
          ports: c.ports.length > 0
            ? c.ports.map((p) => ({ port: k8s.IntOrString.fromNumber(p.port), protocol: p.protocol }))
            : undefined,
        })),
      });
    }
  }
}
