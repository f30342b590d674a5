/**
 * The risk flags of the tenant isolation controls (docs/threat-model.md),
 * spread into the review's rule table (`rules.ts`).
 */

export const ISOLATION_RISK_RULES = {
  'tenant-isolation-loosened': {
    level: 'high',
    when: 'A tenant Namespace allows more across the tenant boundary: an isolation exception, a granted toleration or ingress annotation, another RoleBinding group, another secret-store prefix, or more Ingress domains, StorageClasses, PriorityClasses or LoadBalancers.',
  },
  'secret-store-loosened': {
    level: 'high',
    when: 'A secret store reads more: the platform ClusterSecretStore serves more namespaces, a tenant SecretStore logs in with another role or ServiceAccount, or a Vault policy, Vault role or IAM role in secret-backend/ changes.',
  },
  'shared-component-loosened': {
    level: 'high',
    when: 'A shared component acts on more tenant input: ingress-nginx accepts riskier annotations, ExternalName upstreams or snippets; a Dex connector keeps more groups; the API server drops an admission plugin (AlwaysPullImages, DenyServiceExternalIPs, NodeRestriction) or a rule of its authentication configuration; the tenant priority level of API Priority and Fairness or its FlowSchemas are removed, or the level may borrow more.',
  },
} as const;
