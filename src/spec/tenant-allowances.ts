/**
 * What a tenant environment may use beyond the defaults, enforced by the
 * platform's admission policies (`spec.environments.<env>.ingressDomains`,
 * `storageClasses`, `priorityClasses`).
 */
import { z } from 'zod';
import { dnsSubdomain } from './fields';

/**
 * What a tenant environment may use beyond the defaults. Its Ingress hosts
 * may always be `<tenant>.<cluster ingressDomain>` or under it; Services of
 * type LoadBalancer are allowed when its quota allows any (`quota.loadBalancers`).
 */
export const tenantAllowancesShape = {
  /** Further domains the environment's Ingress hosts may use (the domain itself and names under it). */
  ingressDomains: z.array(dnsSubdomain).default([]),
  /** StorageClasses its PersistentVolumeClaims may name; leaving `storageClassName` out (the cluster default) is always allowed. */
  storageClasses: z.array(dnsSubdomain).default([]),
  /** PriorityClasses its pods may name; leaving `priorityClassName` out is always allowed. */
  priorityClasses: z.array(dnsSubdomain).default([]),
};
