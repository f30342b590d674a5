/**
 * Policies on tenant Services: LoadBalancers only where the quota allows
 * them, no ExternalName (without a written exception), no `externalIPs`, and
 * external-dns annotations only for the tenant's own names.
 *
 * Sources: CVE-2020-8554 (a Service with `externalIPs` intercepts traffic to
 * any address; Kubernetes docs "Admission Controllers": DenyServiceExternalIPs);
 * Kubernetes docs "Service" (type ExternalName: a DNS CNAME to any name;
 * proxies that follow it, such as ingress-nginx, reach whatever it names);
 * external-dns docs "Annotations" (hostname, target, ttl on Services).
 */
import { TenantException } from '../../../spec/isolation';
import { celStringList } from '../../cel';
import { AdmissionPolicyDefinition, core } from '../policy-types';
import { DNS_HOSTNAME_VARIABLES } from './ingress';

const EXTERNAL_NAME: TenantException = 'external-name-services';

const SERVICES = [core(['services'], ['Service'])];
const DNS_PREFIX = 'external-dns.alpha.kubernetes.io/';
const DNS_ALLOWED = ['external-dns.alpha.kubernetes.io/hostname', 'external-dns.alpha.kubernetes.io/ttl'];

const loadBalancers: AdmissionPolicyDefinition = {
  name: 'load-balancer-services',
  description: 'Services of type LoadBalancer only for tenants whose quota allows them.',
  scope: 'tenants',
  match: SERVICES,
  parameters: ['loadBalancers'],
  variables: [],
  validations: [{
    expression: "variables.loadBalancers || !has(object.spec.type) || object.spec.type != 'LoadBalancer'",
    messageExpression: "'Services of type LoadBalancer are not allowed in this namespace; ask the platform team to raise quota.loadBalancers'",
    message: 'Services of type LoadBalancer are not allowed in this namespace',
  }],
};

const externalName: AdmissionPolicyDefinition = {
  name: 'external-name-services',
  description: 'No Services of type ExternalName in tenant namespaces, unless the environment has a written exception.',
  scope: 'tenants',
  match: SERVICES,
  parameters: ['exceptions'],
  variables: [],
  validations: [{
    expression: `!has(object.spec.type) || object.spec.type != 'ExternalName' || '${EXTERNAL_NAME}' in variables.exceptions`,
    messageExpression: "'Services of type ExternalName are not allowed in tenant namespaces (' + (has(object.spec.externalName) ? object.spec.externalName : '') + '); reach outside services through network.egress, or ask for an exception'",
    message: 'Services of type ExternalName are not allowed in tenant namespaces',
  }],
};

const externalIps: AdmissionPolicyDefinition = {
  name: 'external-ips',
  description: 'No Service externalIPs in tenant namespaces (CVE-2020-8554), also where the API server cannot run DenyServiceExternalIPs.',
  scope: 'tenants',
  match: SERVICES,
  parameters: [],
  variables: [],
  validations: [{
    expression: '!has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0',
    messageExpression: "'spec.externalIPs is not allowed (CVE-2020-8554): ' + object.spec.externalIPs.join(', ')",
    message: 'spec.externalIPs is not allowed',
  }],
};

const serviceAnnotations: AdmissionPolicyDefinition = {
  name: 'service-dns-annotations',
  description: 'Services ask external-dns only for names under the tenant\'s domains, and set no other external-dns annotation than hostname and ttl.',
  scope: 'tenants',
  match: SERVICES,
  parameters: ['ingressDomains'],
  variables: [
    {
      name: 'notAllowed',
      expression: `has(object.metadata.annotations) ? object.metadata.annotations.filter(k, k.startsWith('${DNS_PREFIX}') && !(k in ${celStringList(DNS_ALLOWED)})) : []`,
    },
    ...DNS_HOSTNAME_VARIABLES,
  ],
  validations: [
    {
      expression: 'size(variables.notAllowed) == 0',
      messageExpression: "'these external-dns annotations are not allowed on tenant Services: ' + variables.notAllowed.join(', ')",
      message: 'the Service sets external-dns annotations the platform does not allow for tenants',
    },
    {
      expression: 'size(variables.foreignDnsHostnames) == 0',
      messageExpression: "'DNS names must be under ' + variables.ingressDomains.join(', ') + '; not allowed: ' + variables.foreignDnsHostnames.map(h, h == '' ? '(empty)' : h).join(', ')",
      message: 'DNS names must be under the tenant\'s domains',
    },
  ],
};

/** The Service policies of the library. */
export const SERVICE_POLICIES: readonly AdmissionPolicyDefinition[] = [loadBalancers, externalName, externalIps, serviceAnnotations];
