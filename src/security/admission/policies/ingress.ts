/**
 * Policies on what tenants publish through the shared ingress controller,
 * DNS and certificate issuer: Ingress hosts under the tenant's domains, and
 * only the controller annotations the platform allows.
 *
 * Sources: ingress-nginx docs "Annotations" and "Annotations Scope and Risk"
 * (controller v1.12+ risk levels), CVE-2021-25742 / CVE-2023-5043 /
 * CVE-2025-1974 (annotation and snippet injection); cert-manager docs
 * "Securing Ingress Resources" (ingress-shim annotations: the issuer, the
 * certificate's identity and usages are taken from the Ingress); external-dns
 * docs "Annotations" (`hostname`, `target`, `ttl`; a comma-separated list,
 * blanks removed).
 */
import { celStringList } from '../../cel';
import { AdmissionPolicyDefinition } from '../policy-types';

/** Annotation prefixes a shared platform component acts on when it reads an Ingress. */
export const CONTROLLER_ANNOTATION_PREFIXES = [
  'nginx.ingress.kubernetes.io/', 'cert-manager.io/', 'acme.cert-manager.io/', 'external-dns.alpha.kubernetes.io/',
] as const;

/**
 * ingress-nginx annotations a tenant may set: each acts only on the tenant's
 * own host and location and names nothing outside its namespace (risk Low or
 * Medium upstream). Left out on purpose: `server-alias` (claims other host
 * names), `upstream-vhost`, `auth-url`, `auth-signin`, `mirror-*` (send
 * requests or copies to any address), every `*-snippet` (raw nginx
 * configuration), `auth-tls-*`, `proxy-ssl-*`, `custom-headers`, `fastcgi-*`
 * (read Secrets or ConfigMaps of any namespace), `session-cookie-domain`,
 * `proxy-cookie-domain` (cookies for other tenants' names), `ssl-passthrough`
 * (bypasses TLS termination), `upstream-hash-by` (High), `default-backend`.
 */
export const TENANT_NGINX_ANNOTATIONS = [
  'affinity', 'affinity-canary-behavior', 'affinity-mode', 'allowlist-source-range', 'app-root',
  'auth-realm', 'auth-secret', 'auth-secret-type', 'auth-type', 'backend-protocol',
  'canary', 'canary-by-cookie', 'canary-by-header', 'canary-by-header-pattern', 'canary-by-header-value', 'canary-weight', 'canary-weight-total',
  'client-body-buffer-size', 'connection-proxy-header',
  'cors-allow-credentials', 'cors-allow-headers', 'cors-allow-methods', 'cors-allow-origin', 'cors-expose-headers', 'cors-max-age', 'enable-cors',
  'custom-http-errors', 'denylist-source-range', 'enable-access-log', 'force-ssl-redirect', 'from-to-www-redirect', 'http2-push-preload',
  'limit-burst-multiplier', 'limit-connections', 'limit-rate', 'limit-rate-after', 'limit-rpm', 'limit-rps', 'load-balance',
  'permanent-redirect', 'permanent-redirect-code', 'preserve-trailing-slash',
  'proxy-body-size', 'proxy-buffer-size', 'proxy-buffering', 'proxy-buffers-number', 'proxy-connect-timeout', 'proxy-http-version',
  'proxy-max-temp-file-size', 'proxy-next-upstream', 'proxy-next-upstream-timeout', 'proxy-next-upstream-tries', 'proxy-read-timeout',
  'proxy-redirect-from', 'proxy-redirect-to', 'proxy-request-buffering', 'proxy-send-timeout',
  'rewrite-target', 'satisfy', 'service-upstream',
  'session-cookie-change-on-failure', 'session-cookie-conditional-samesite-none', 'session-cookie-expires', 'session-cookie-max-age',
  'session-cookie-name', 'session-cookie-path', 'session-cookie-samesite', 'session-cookie-secure',
  'ssl-redirect', 'temporal-redirect', 'temporal-redirect-code', 'use-regex', 'whitelist-source-range', 'x-forwarded-prefix',
].map((a) => `nginx.ingress.kubernetes.io/${a}`);

/**
 * cert-manager ingress-shim annotations a tenant may set: the issuer (one of
 * the platform's tenant issuers) and key and renewal settings. Left out:
 * `issuer`, `issuer-kind`, `issuer-group` (other issuers), `common-name`,
 * `email-sans`, `uri-sans`, `ip-sans`, `subject-*`, `usages` (identities and
 * uses beyond a server certificate for the Ingress hosts).
 */
export const TENANT_CERT_MANAGER_ANNOTATIONS = [
  'cert-manager.io/cluster-issuer', 'cert-manager.io/duration', 'cert-manager.io/renew-before',
  'cert-manager.io/private-key-algorithm', 'cert-manager.io/private-key-encoding', 'cert-manager.io/private-key-rotation-policy',
  'cert-manager.io/private-key-size', 'cert-manager.io/revision-history-limit', 'acme.cert-manager.io/http01-edit-in-place',
];

/** external-dns annotations a tenant may set; `target`, `internal-hostname`, `access` and provider-specific ones are left out. */
export const TENANT_EXTERNAL_DNS_ANNOTATIONS = ['external-dns.alpha.kubernetes.io/hostname', 'external-dns.alpha.kubernetes.io/ttl'];

const HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';
const ISSUER = 'cert-manager.io/cluster-issuer';

/** CEL: host `h` equals or lies under one of `variables.ingressDomains`. */
const UNDER_DOMAINS = "variables.ingressDomains.exists(d, h == d || h.endsWith('.' + d))";

/**
 * CEL variables of the external-dns hostnames a Service or Ingress asks for
 * in its annotation (lower case, blanks removed, as external-dns reads them)
 * and those outside the tenant's domains.
 */
export const DNS_HOSTNAME_VARIABLES = [
  {
    name: 'dnsHostnames',
    expression: `has(object.metadata.annotations) && '${HOSTNAME}' in object.metadata.annotations`
      + ` ? object.metadata.annotations['${HOSTNAME}'].replace(' ', '').lowerAscii().split(',') : []`,
  },
  { name: 'foreignDnsHostnames', expression: `variables.dnsHostnames.filter(h, !${UNDER_DOMAINS})` },
];

const ingressHosts: AdmissionPolicyDefinition = {
  name: 'ingress-hosts',
  description: 'Ingress hosts (rules and TLS) lie under the tenant\'s allowed domains; no host-less rules or default backend.',
  scope: 'tenants',
  match: [{ group: 'networking.k8s.io', version: 'v1', resources: ['ingresses'], kinds: ['Ingress'] }],
  parameters: ['ingressDomains'],
  variables: [
    { name: 'ruleHosts', expression: "has(object.spec.rules) ? object.spec.rules.map(r, has(r.host) ? r.host : '') : []" },
    { name: 'foreignHosts', expression: `variables.ruleHosts.filter(h, !${UNDER_DOMAINS})` },
    {
      name: 'foreignTlsHosts',
      expression: `has(object.spec.tls) ? object.spec.tls.filter(t, has(t.hosts) && t.hosts.exists(h, !${UNDER_DOMAINS}))`
        + `.map(t, t.hosts.filter(h, !${UNDER_DOMAINS}).join(', ')) : []`,
    },
  ],
  validations: [
    {
      expression: 'size(variables.foreignHosts) == 0',
      messageExpression: "'Ingress hosts must be under ' + variables.ingressDomains.join(', ') + '; not allowed: ' + variables.foreignHosts.map(h, h == '' ? '(rule without host)' : h).join(', ')",
      message: 'Ingress hosts must be under the tenant\'s allowed domains',
    },
    {
      expression: 'size(variables.foreignTlsHosts) == 0',
      messageExpression: "'TLS hosts must be under ' + variables.ingressDomains.join(', ') + '; not allowed: ' + variables.foreignTlsHosts.join(', ')",
      message: 'TLS hosts must be under the tenant\'s allowed domains',
    },
    {
      expression: '!has(object.spec.defaultBackend)',
      messageExpression: "'spec.defaultBackend is not allowed: it would receive traffic for every host'",
      message: 'spec.defaultBackend is not allowed',
    },
  ],
};

const ingressAnnotations: AdmissionPolicyDefinition = {
  name: 'ingress-annotations',
  description: 'Ingresses set only the ingress-nginx, cert-manager and external-dns annotations the platform allows: a tenant issuer, DNS names under the tenant\'s domains, no Secret of another namespace.',
  scope: 'tenants',
  match: [{ group: 'networking.k8s.io', version: 'v1', resources: ['ingresses'], kinds: ['Ingress'] }],
  parameters: ['ingressDomains', 'tenantIssuers', 'ingressAnnotations'],
  variables: [
    {
      name: 'controlled',
      expression: `has(object.metadata.annotations) ? object.metadata.annotations.filter(k, ${CONTROLLER_ANNOTATION_PREFIXES.map((p) => `k.startsWith('${p}')`).join(' || ')}) : []`,
    },
    {
      name: 'notAllowed',
      expression: `variables.controlled.filter(k, !(k in ${celStringList([...TENANT_NGINX_ANNOTATIONS, ...TENANT_CERT_MANAGER_ANNOTATIONS, ...TENANT_EXTERNAL_DNS_ANNOTATIONS])} || k in variables.ingressAnnotations))`,
    },
    ...DNS_HOSTNAME_VARIABLES,
    {
      name: 'badValues',
      expression: `(has(object.metadata.annotations) && '${ISSUER}' in object.metadata.annotations && !(object.metadata.annotations['${ISSUER}'] in variables.tenantIssuers)`
        + ` ? ['${ISSUER}=' + object.metadata.annotations['${ISSUER}'] + ' (tenant issuers: ' + variables.tenantIssuers.join(', ') + ')'] : [])`
        + " + (has(object.metadata.annotations) && 'nginx.ingress.kubernetes.io/auth-secret' in object.metadata.annotations && object.metadata.annotations['nginx.ingress.kubernetes.io/auth-secret'].contains('/')"
        + " ? ['nginx.ingress.kubernetes.io/auth-secret names a Secret of another namespace'] : [])"
        + ` + variables.foreignDnsHostnames.map(h, '${HOSTNAME} ' + (h == '' ? '(empty)' : h) + ' is not under ' + variables.ingressDomains.join(', '))`,
    },
  ],
  validations: [
    {
      expression: 'size(variables.notAllowed) == 0',
      messageExpression: "'these annotations are not allowed on tenant Ingresses: ' + variables.notAllowed.join(', ')",
      message: 'the Ingress sets annotations the platform does not allow for tenants',
    },
    {
      expression: 'size(variables.badValues) == 0',
      messageExpression: "'annotation values not allowed: ' + variables.badValues.join('; ')",
      message: 'the Ingress sets annotation values the platform does not allow for tenants',
    },
  ],
};

/** The Ingress policies of the library. */
export const INGRESS_POLICIES: readonly AdmissionPolicyDefinition[] = [ingressHosts, ingressAnnotations];
