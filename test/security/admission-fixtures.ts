/**
 * Small objects for the admission policy tests, in the tenant namespace
 * `shop-prod` of the security test platform (`support/security-platform.ts`).
 */
type Json = any;

export const LABELS = { 'app.kubernetes.io/name': 'api', 'platform.cdk8s.io/tenant': 'shop' };
export const DIGEST = 'a'.repeat(64);

export function container(over: Json = {}): Json {
  return {
    name: 'app',
    image: 'registry.example.com/shop/api:1.4.2',
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
    ...over,
  };
}
/** A pod spec with one container and the tolerations DefaultTolerationSeconds adds to every pod. */
export function podSpec(over: Json = {}): Json {
  return {
    containers: [container()],
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    ...over,
  };
}
export function deployment(spec: Json = podSpec(), labels: Json = LABELS, templateLabels: Json = LABELS): Json {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop-prod', labels },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, template: { metadata: { labels: templateLabels }, spec } },
  };
}
export function statefulSet(spec: Json = podSpec(), extra: Json = {}): Json {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop-prod', labels: LABELS },
    spec: { selector: { matchLabels: LABELS }, serviceName: 'db', template: { metadata: { labels: LABELS }, spec }, ...extra },
  };
}
export function pod(spec: Json = podSpec(), labels: Json = LABELS): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop-prod', labels }, spec };
}
export function cronJob(jobLabels: Json = LABELS, spec: Json = podSpec()): Json {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'shop-prod', labels: LABELS },
    spec: { schedule: '0 * * * *', jobTemplate: { metadata: { labels: jobLabels }, spec: { template: { metadata: { labels: LABELS }, spec } } } },
  };
}
export function service(spec: Json = {}, annotations?: Json, labels: Json = LABELS): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop-prod', labels, ...(annotations ? { annotations } : {}) }, spec: { ports: [{ port: 80 }], ...spec } };
}
export function ingress(spec: Json, annotations?: Json): Json {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop-prod', ...(annotations ? { annotations } : {}) }, spec };
}
export const backend = { service: { name: 'api', port: { number: 80 } } };
export const rule = (host?: string) => ({ ...(host ? { host } : {}), http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } });
export function pvc(spec: Json = {}): Json {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop-prod' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  };
}
export function roleBinding(kind: string, name: string, subjects: Json[] = [{ kind: 'Group', name: 'oidc:shop-developers', apiGroup: 'rbac.authorization.k8s.io' }]): Json {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'shop-prod' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name }, subjects,
  };
}
export function externalSecret(spec: Json): Json {
  return {
    apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'shop-prod' },
    spec: { secretStoreRef: { kind: 'SecretStore', name: 'tenant-secrets' }, ...spec },
  };
}
export function certificate(spec: Json): Json {
  return {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'shop-prod' },
    spec: { secretName: 'web-tls', issuerRef: { kind: 'ClusterIssuer', name: 'acme-http01', group: 'cert-manager.io' }, dnsNames: ['www.shop.example.com'], ...spec },
  };
}
export function pdb(spec: Json): Json {
  return {
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace: 'shop-prod' },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, ...spec },
  };
}
