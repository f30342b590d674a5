/**
 * What a tenant environment may use beyond the defaults, enforced by the
 * platform's admission policies (`spec.environments.<env>.ingressDomains`,
 * `storageClasses`, `priorityClasses`).
 */
import { z } from 'zod';
import { dnsSubdomain } from './fields';
import { documented } from './json-forms';

/**
 * What a tenant environment may use beyond the defaults. Its Ingress hosts
 * may always be `<tenant>.<cluster ingressDomain>` or under it; Services of
 * type LoadBalancer are allowed when its quota allows any (`quota.loadBalancers`).
 */
export const tenantAllowancesShape = {
  /** Further domains the environment's Ingress hosts may use (the domain itself and names under it). */
  ingressDomains: documented(z.array(documented(dnsSubdomain, 'A domain the environment\'s Ingress hosts may use (the domain itself and names under it).', 'loyalty.example.com')).default([]),
    'Further domains the environment\'s Ingress hosts may use, beyond `<tenant>.<cluster ingress domain>`; no other tenant may use an overlapping one.', ['loyalty.example.com']),
  /** StorageClasses its PersistentVolumeClaims may name; leaving `storageClassName` out (the cluster default) is always allowed. */
  storageClasses: documented(z.array(documented(dnsSubdomain, 'A StorageClass name.', 'gp3')).default([]),
    'StorageClasses its PersistentVolumeClaims may name; leaving storageClassName out (the cluster default) is always allowed.', ['gp3']),
  /** PriorityClasses its pods may name; leaving `priorityClassName` out is always allowed. */
  priorityClasses: documented(z.array(documented(dnsSubdomain, 'A PriorityClass name.', 'business-critical')).default([]),
    'PriorityClasses its pods may name; leaving priorityClassName out is always allowed.', ['business-critical']),
};
