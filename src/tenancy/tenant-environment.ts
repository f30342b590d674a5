/**
 * Everything one tenant environment gets on one cluster: its Namespace and
 * the guardrails and access inside it.
 */
import { Construct } from 'constructs';
import { allowanceAnnotations, tenantAdmission } from '../security/admission/tenant-admission';
import { TenantExternalSecrets } from '../security/secrets/tenant-external-secrets';
import { TenantSecretStore } from '../security/secrets/tenant-secret-store';
import { allowedTenantsOn, Placement } from '../spec/model';
import { TENANT_SECRET_STORE } from '../spec/secrets';
import { PlatformSettings } from '../spec/settings';
import { TenantLimitRange } from './tenant-limit-range';
import { TenantNamespace } from './tenant-namespace';
import { TenantNetworkPolicies } from './tenant-network-policies';
import { TenantResourceQuota } from './tenant-resource-quota';
import { TenantRoleBindings } from './tenant-role-bindings';

export interface TenantEnvironmentProps {
  readonly placement: Placement;
  readonly settings: PlatformSettings;
  /**
   * Tenants on the same cluster and environment that accept traffic from this one.
   * @default []
   */
  readonly egressToTenants?: readonly string[];
}

/**
 * A tenant namespace with Pod Security labels, a ResourceQuota, a LimitRange,
 * default-deny NetworkPolicies with the standard and declared allowances,
 * RoleBindings for the tenant's groups, the `gitops-deploy` ServiceAccount,
 * the environment's own SecretStore (on clusters with a secret store) and the
 * ExternalSecrets the environment declares. The Namespace carries
 * the environment's allowances (Ingress domains, StorageClasses,
 * PriorityClasses, LoadBalancers) for the admission policies.
 *
 * Renders 15–20 objects: 1 Namespace, 1 ResourceQuota, 1 LimitRange, 5+
 * NetworkPolicies, up to 3 group RoleBindings, 1 ServiceAccount, 1 deploy RoleBinding.
 */
export class TenantEnvironment extends Construct {
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: TenantEnvironmentProps) {
    super(scope, id);
    const { placement: p, settings } = props;
    const t = p.tenant.spec;
    this.namespace = p.namespace;

    new TenantNamespace(this, 'Namespace', {
      name: p.namespace,
      tenant: p.tenant.metadata.name,
      environment: p.environment,
      costCenter: t.costCenter,
      labels: t.labels,
      owners: t.owners.map((o) => o.email),
      annotations: allowanceAnnotations(tenantAdmission(p)),
      podSecurity: p.spec.podSecurity.level,
      podSecurityJustification: p.spec.podSecurity.justification,
      podSecurityVersion: `v${p.cluster.kubernetesVersion}`,
    });
    new TenantResourceQuota(this, 'ResourceQuota', { namespace: p.namespace, quota: p.spec.quota, defaultCounts: settings.tenantDefaults.quota.objectCounts });
    new TenantLimitRange(this, 'LimitRange', { namespace: p.namespace, limitRange: p.spec.limitRange });
    new TenantNetworkPolicies(this, 'NetworkPolicies', {
      namespace: p.namespace,
      environment: p.environment,
      clusterDns: settings.clusterDns,
      ingressNamespace: settings.namespaces.ingress,
      monitoringNamespace: settings.namespaces.monitoring,
      allowFromTenants: allowedTenantsOn(p.spec, p.cluster.name),
      allowFromNamespaces: p.spec.network.allowFrom.flatMap((a) => ('namespace' in a ? [a.namespace] : [])),
      egressToTenants: props.egressToTenants,
      egressCidrs: p.spec.network.egress,
    });
    new TenantRoleBindings(this, 'RoleBindings', {
      namespace: p.namespace,
      access: t.access,
      groupPrefix: p.cluster.oidc.groupPrefix,
    });
    if (p.cluster.secretStore) {
      new TenantSecretStore(this, 'SecretStore', {
        store: p.cluster.secretStore, region: p.cluster.region,
        tenant: p.tenant.metadata.name, environment: p.environment, namespace: p.namespace,
      });
    }
    if (p.spec.externalSecrets.length > 0) {
      if (!p.cluster.secretStore) throw new Error(`TenantEnvironment ${p.namespace}: externalSecrets need cluster ${p.cluster.name} to declare a secretStore`);
      new TenantExternalSecrets(this, 'ExternalSecrets', {
        namespace: p.namespace,
        secrets: p.spec.externalSecrets,
        storeName: TENANT_SECRET_STORE.store,
      });
    }
  }
}
