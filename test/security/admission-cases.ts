/**
 * What must pass and what an attacker would write that must be rejected, per
 * admission policy family — several variants per class, with encodings and
 * combinations, next to the legitimate requests of the same kind.
 *
 * Namespaces of the security test platform: `shop-prod` (tenant shop:
 * domains shop.example.com and shop.<cluster>.apps.example.com, StorageClass
 * fast-ssd, PriorityClass high, groups oidc:shop-*, granted the taint key
 * example.com/gpu and the annotation nginx.ingress.kubernetes.io/auth-url,
 * secrets under shop/prod/) and `batch-prod` (tenant batch: Pod Security
 * baseline, one LoadBalancer, excepted from external-name-services).
 */
import {
  backend, certificate, container, cronJob, deployment, DIGEST, externalSecret, ingress, LABELS, pdb, pod, podSpec, pvc, roleBinding, rule, service, statefulSet,
} from './admission-fixtures';

type Json = any;

/** One request against a tenant namespace. */
export interface TenantCase {
  readonly name: string;
  readonly object?: Json;
  /** Tenant namespace. @default 'shop-prod' */
  readonly namespace?: string;
  readonly operation?: 'CREATE' | 'UPDATE';
  /** For UPDATE: the object before. @default - the same object */
  readonly oldObject?: Json;
  /** @default 'oidc:dev@example.com' */
  readonly username?: string;
  /** For rejections: the message must match. */
  readonly message?: RegExp;
}

/** A pod spec tried as a Pod, a Deployment and a CronJob. */
export interface PodSpecCase {
  readonly name: string;
  readonly spec: Json;
  readonly namespace?: string;
  readonly message?: RegExp;
}

const c = container;
const ps = podSpec;
const gpu = { key: 'example.com/gpu', operator: 'Exists', effect: 'NoSchedule' };

export const POD_SPEC_CASES: Record<string, { pass: PodSpecCase[]; reject: PodSpecCase[] }> = {
  'allowed-registries': {
    pass: [
      { name: 'image from the registry', spec: ps() },
      { name: 'init container from registry.k8s.io', spec: ps({ initContainers: [c({ name: 'init', image: 'registry.k8s.io/pause:3.9' })] }) },
    ],
    reject: [
      { name: 'Docker Hub image', spec: ps({ containers: [c({ image: 'docker.io/library/nginx:1.27' })] }), message: /not allowed: docker.io\/library\/nginx:1.27/ },
      { name: 'image without registry (Docker Hub by default)', spec: ps({ containers: [c({ image: 'nginx:1.27' })] }), message: /must come from registry.example.com, registry.k8s.io/ },
      { name: 'look-alike registry host', spec: ps({ containers: [c({ image: 'registry.example.com.evil.io/x:1' })] }) },
      { name: 'registry with a port the allow-list does not name', spec: ps({ containers: [c({ image: 'registry.example.com:443/x:1' })] }) },
      { name: 'init container from quay.io', spec: ps({ initContainers: [c({ name: 'init', image: 'quay.io/x/y:1' })] }) },
    ],
  },
  'image-tag': {
    pass: [
      { name: 'tagged image', spec: ps() },
      { name: 'digest', spec: ps({ containers: [c({ image: `registry.example.com/shop/api@sha256:${DIGEST}` })] }) },
      { name: 'registry with port and tag', spec: ps({ containers: [c({ image: 'registry.example.com:5000/shop/api:2.0' })] }) },
    ],
    reject: [
      { name: ':latest', spec: ps({ containers: [c({ image: 'registry.example.com/shop/api:latest' })] }), message: /other than latest.*api:latest/ },
      { name: 'untagged', spec: ps({ containers: [c({ image: 'registry.example.com/shop/api' })] }) },
      { name: 'registry port but no tag', spec: ps({ containers: [c({ image: 'registry.example.com:5000/shop/api' })] }) },
    ],
  },
  'privileged': {
    pass: [{ name: 'unprivileged', spec: ps() }],
    reject: [
      { name: 'privileged container', spec: ps({ containers: [c({ securityContext: { privileged: true, runAsNonRoot: true } })] }), message: /privileged containers are not allowed: app/ },
      { name: 'privileged init container', spec: ps({ initContainers: [c({ name: 'init', securityContext: { privileged: true } })] }) },
    ],
  },
  'host-namespaces': {
    pass: [{ name: 'hostNetwork false', spec: ps({ hostNetwork: false }) }],
    reject: [
      { name: 'hostNetwork', spec: ps({ hostNetwork: true }), message: /host namespaces are not allowed: hostNetwork/ },
      { name: 'hostPID and hostIPC', spec: ps({ hostPID: true, hostIPC: true }), message: /hostPID, hostIPC/ },
    ],
  },
  'host-path': {
    pass: [{ name: 'emptyDir', spec: ps({ volumes: [{ name: 'tmp', emptyDir: {} }] }) }],
    reject: [{ name: 'hostPath', spec: ps({ volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'logs', hostPath: { path: '/var/log' } }] }), message: /hostPath volumes are not allowed: logs/ }],
  },
  'run-as-non-root': {
    pass: [
      { name: 'every container non-root', spec: ps() },
      { name: 'pod-level non-root', spec: ps({ securityContext: { runAsNonRoot: true }, containers: [c({ securityContext: {} })] }) },
    ],
    reject: [
      { name: 'nothing set', spec: ps({ containers: [c({ securityContext: undefined })] }), message: /not set for: app/ },
      { name: 'pod non-root, container overrides', spec: ps({ securityContext: { runAsNonRoot: true }, containers: [c({ securityContext: { runAsNonRoot: false } })] }) },
    ],
  },
  'container-resources': {
    pass: [{ name: 'requests and memory limit', spec: ps() }],
    reject: [
      { name: 'no memory limit', spec: ps({ containers: [c({ resources: { requests: { cpu: '1', memory: '1Gi' } } })] }), message: /resources.limits.memory: app/ },
      { name: 'init container without requests', spec: ps({ initContainers: [c({ name: 'init', resources: undefined })] }), message: /: init$/ },
    ],
  },
  'priority-classes': {
    pass: [{ name: 'no priority class', spec: ps() }, { name: 'allowed class', spec: ps({ priorityClassName: 'high' }) }],
    reject: [{ name: 'system class', spec: ps({ priorityClassName: 'system-cluster-critical' }), message: /not allowed: system-cluster-critical; allowed: high/ }],
  },
  'node-placement': {
    pass: [
      { name: 'the default tolerations only', spec: ps() },
      { name: 'a granted taint key, affinity to a zone, avoiding control-plane nodes', spec: ps({
        tolerations: [...ps().tolerations, gpu],
        nodeSelector: { 'topology.kubernetes.io/zone': 'eu-west-1a' },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' }] }] } } },
      }) },
      { name: 'no tolerations at all', spec: ps({ tolerations: undefined }) },
    ],
    reject: [
      { name: 'spec.nodeName', spec: ps({ nodeName: 'cp-1' }), message: /spec.nodeName cp-1/ },
      { name: 'nodeSelector on control-plane nodes', spec: ps({ nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } }), message: /nodeSelector node-role.kubernetes.io\/control-plane/ },
      { name: 'nodeSelector on the legacy master label', spec: ps({ nodeSelector: { 'node-role.kubernetes.io/master': 'true' } }) },
      { name: 'required affinity to control-plane nodes', spec: ps({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] }] } } } }), message: /control-plane nodes/ },
      { name: 'preferred affinity to control-plane nodes', spec: ps({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'node-role.kubernetes.io/master', operator: 'In', values: ['true'] }] } }] } } }) },
      { name: 'affinity to a named node (matchFields)', spec: ps({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['cp-1'] }] }] } } } }), message: /matchFields/ },
      { name: 'tolerating every taint (empty key, Exists)', spec: ps({ tolerations: [{ operator: 'Exists' }] }), message: /toleration of every taint/ },
      { name: 'tolerating the control-plane taint', spec: ps({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }), message: /toleration of node-role.kubernetes.io\/control-plane/ },
      { name: 'tolerating cordoned nodes', spec: ps({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] }) },
      { name: 'a taint key granted to another tenant', spec: ps({ tolerations: [gpu] }), namespace: 'batch-prod', message: /example.com\/gpu/ },
      { name: 'a look-alike of a granted key', spec: ps({ tolerations: [{ key: 'example.com/gpu-dedicated', operator: 'Exists' }] }) },
    ],
  },
};

export const TENANT_CASES: Record<string, { pass: TenantCase[]; reject: TenantCase[] }> = {
  'allowed-registries': {
    pass: [],
    reject: [{ name: 'ephemeral debug container from Docker Hub', operation: 'UPDATE', object: pod(podSpec({ ephemeralContainers: [{ name: 'debug', image: 'docker.io/library/busybox:1.36' }] })) }],
  },
  'required-labels': {
    pass: [
      { name: 'labelled Deployment', object: deployment() },
      { name: 'labelled Service', object: service() },
      { name: 'labelled CronJob', object: cronJob() },
      { name: 'cert-manager\'s HTTP-01 solver Service', object: service({}, undefined, { 'acme.cert-manager.io/http01-solver': 'true' }) },
      { name: 'labelled Pod', object: pod() },
    ],
    reject: [
      { name: 'no name label', object: deployment(podSpec(), { 'platform.cdk8s.io/tenant': 'shop' }), message: /platform.cdk8s.io\/tenant=shop/ },
      { name: 'another tenant\'s label', object: service(), namespace: 'batch-prod', message: /tenant=batch/ },
      { name: 'template without labels', object: deployment(podSpec(), LABELS, {}) },
      { name: 'CronJob job template without labels', object: cronJob({}) },
      { name: 'Pod without labels', object: pod(podSpec(), {}) },
      { name: 'CronJob pod template without labels', object: (() => { const j = cronJob(); j.spec.jobTemplate.spec.template.metadata = {}; return j; })(), message: /jobTemplate.spec.template.metadata.labels/ },
    ],
  },
  'probes': {
    pass: [{ name: 'both probes', object: deployment() }, { name: 'StatefulSet with probes', object: statefulSet() }],
    reject: [
      { name: 'no readiness probe', object: deployment(podSpec({ containers: [container({ readinessProbe: undefined })] })), message: /readinessProbe: app/ },
      { name: 'StatefulSet without liveness probe', object: statefulSet(podSpec({ containers: [container({ livenessProbe: undefined })] })) },
    ],
  },
  'ingress-hosts': {
    pass: [
      { name: 'host and TLS under the declared domain', object: ingress({ rules: [rule('api.shop.example.com')], tls: [{ hosts: ['api.shop.example.com'], secretName: 'tls' }] }) },
      { name: 'the domain itself and a wildcard under it', object: ingress({ rules: [rule('shop.example.com'), rule('*.shop.example.com')] }) },
    ],
    reject: [
      { name: 'foreign host', object: ingress({ rules: [rule('evil.example.com')] }), message: /not allowed: evil.example.com/ },
      { name: 'look-alike host', object: ingress({ rules: [rule('shop.example.com.evil.io')] }) },
      { name: 'suffix without the dot', object: ingress({ rules: [rule('evilshop.example.com')] }) },
      { name: 'rule without host', object: ingress({ rules: [rule()] }), message: /rule without host/ },
      { name: 'foreign TLS host', object: ingress({ rules: [rule('api.shop.example.com')], tls: [{ hosts: ['api.shop.example.com', 'www.other.com'] }] }), message: /TLS hosts .* www.other.com/ },
      { name: 'default backend', object: ingress({ defaultBackend: backend }), message: /defaultBackend/ },
    ],
  },
  'ingress-annotations': {
    pass: [
      { name: 'common low-risk annotations and a tenant issuer', object: ingress({ rules: [rule('api.shop.example.com')] }, {
        'nginx.ingress.kubernetes.io/proxy-body-size': '8m', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2',
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true', 'cert-manager.io/cluster-issuer': 'acme-http01',
        'kubectl.kubernetes.io/last-applied-configuration': '{}', 'argocd.argoproj.io/tracking-id': 'shop:networking.k8s.io/Ingress:shop-prod/web',
      }) },
      { name: 'cert-manager\'s HTTP-01 solver Ingress', object: ingress({ rules: [rule('www.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/whitelist-source-range': '0.0.0.0/0,::/0' }) },
      { name: 'external-dns hostnames under the domains, with blanks and upper case', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'external-dns.alpha.kubernetes.io/hostname': 'api.shop.example.com, WWW.Shop.Example.com', 'external-dns.alpha.kubernetes.io/ttl': '60' }) },
      { name: 'basic auth with a Secret of the namespace', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/auth-type': 'basic', 'nginx.ingress.kubernetes.io/auth-secret': 'basic-auth' }) },
      { name: 'an annotation granted with a written justification (auth-url)', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/auth-url': 'https://sso.shop.example.com/auth' }) },
    ],
    reject: [
      { name: 'server-snippet', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/server-snippet': 'location /x { proxy_pass http://kubernetes.default.svc; }' }), message: /server-snippet/ },
      { name: 'configuration-snippet', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X: y";' }) },
      { name: 'upstream-vhost to another tenant\'s Service', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/upstream-vhost': 'payments-api.payments-prod.svc.cluster.local' }), message: /upstream-vhost/ },
      { name: 'mirror-target to an internal address', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/mirror-target': 'http://10.0.0.1/steal' }) },
      { name: 'server-alias claiming a foreign host', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/server-alias': 'pay.example.com' }) },
      { name: 'auth-url, granted to another tenant only', namespace: 'batch-prod', object: { ...ingress({ rules: [rule('api.batch.example.com')] }), metadata: { name: 'w', namespace: 'batch-prod', annotations: { 'nginx.ingress.kubernetes.io/auth-url': 'http://10.0.0.1/' } } }, message: /auth-url/ },
      { name: 'proxy-ssl-secret of another namespace', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/proxy-ssl-secret': 'payments-prod/tls' }) },
      { name: 'auth-secret of another namespace', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/auth-type': 'basic', 'nginx.ingress.kubernetes.io/auth-secret': 'kube-system/admin' }), message: /another namespace/ },
      { name: 'a case variant of a denied annotation', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'nginx.ingress.kubernetes.io/Server-Snippet': 'x' }) },
      { name: 'the corporate CA issuer', object: ingress({ rules: [rule('api.shop.example.com')], tls: [{ hosts: ['api.shop.example.com'], secretName: 't' }] }, { 'cert-manager.io/cluster-issuer': 'private-ca' }), message: /cluster-issuer=private-ca/ },
      { name: 'a namespaced issuer', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'cert-manager.io/issuer': 'my-ca' }) },
      { name: 'a client certificate identity through ingress-shim', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'cert-manager.io/cluster-issuer': 'acme-http01', 'cert-manager.io/common-name': 'platform-break-glass', 'cert-manager.io/usages': 'client auth' }), message: /common-name.*usages|usages.*common-name/ },
      { name: 'e-mail and URI SANs through ingress-shim', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'cert-manager.io/email-sans': 'ceo@example.com', 'cert-manager.io/uri-sans': 'spiffe://cluster.local/ns/kube-system/sa/admin' }) },
      { name: 'external-dns hostname outside the domains', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'external-dns.alpha.kubernetes.io/hostname': 'api.shop.example.com,pay.example.com' }), message: /pay.example.com is not under/ },
      { name: 'external-dns hostname look-alike with blanks', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'external-dns.alpha.kubernetes.io/hostname': ' evil-shop.example.com ' }) },
      { name: 'external-dns target', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'external-dns.alpha.kubernetes.io/target': 'evil.example.net' }), message: /external-dns.alpha.kubernetes.io\/target/ },
      { name: 'an empty hostname entry', object: ingress({ rules: [rule('api.shop.example.com')] }, { 'external-dns.alpha.kubernetes.io/hostname': 'api.shop.example.com,' }), message: /\(empty\)/ },
    ],
  },
  'load-balancer-services': {
    pass: [
      { name: 'ClusterIP', object: service() },
      { name: 'LoadBalancer where the quota allows one', object: { ...service({ type: 'LoadBalancer' }), metadata: { name: 'lb', namespace: 'batch-prod' } }, namespace: 'batch-prod' },
    ],
    reject: [{ name: 'LoadBalancer without allowance', object: service({ type: 'LoadBalancer' }), message: /LoadBalancer are not allowed/ }],
  },
  'external-name-services': {
    pass: [
      { name: 'ClusterIP', object: service() },
      { name: 'ExternalName with a written exception', object: { ...service({ type: 'ExternalName', externalName: 'licence.vendor.example.net' }), metadata: { name: 'lic', namespace: 'batch-prod' } }, namespace: 'batch-prod' },
    ],
    reject: [
      { name: 'ExternalName to another tenant\'s Service', object: service({ type: 'ExternalName', externalName: 'payments-api.payments-prod.svc.cluster.local' }), message: /ExternalName are not allowed/ },
      { name: 'ExternalName to the API server', object: service({ type: 'ExternalName', externalName: 'kubernetes.default.svc' }) },
      { name: 'ExternalName to the cloud metadata address', object: service({ type: 'ExternalName', externalName: '169.254.169.254.nip.io' }) },
    ],
  },
  'external-ips': {
    pass: [{ name: 'no externalIPs', object: service() }, { name: 'an empty list', object: service({ externalIPs: [] }) }],
    reject: [
      { name: 'externalIPs intercepting an outside address (CVE-2020-8554)', object: service({ externalIPs: ['8.8.8.8'] }), message: /CVE-2020-8554.*8.8.8.8/ },
      { name: 'externalIPs of a node', object: service({ externalIPs: ['10.0.0.10'] }) },
    ],
  },
  'service-dns-annotations': {
    pass: [
      { name: 'no annotations', object: service() },
      { name: 'hostname under the domain with a ttl', object: service({ type: 'ClusterIP' }, { 'external-dns.alpha.kubernetes.io/hostname': 'db.shop.example.com', 'external-dns.alpha.kubernetes.io/ttl': '300' }) },
    ],
    reject: [
      { name: 'hostname of another tenant', object: service({}, { 'external-dns.alpha.kubernetes.io/hostname': 'pay.example.com' }), message: /not allowed: pay.example.com/ },
      { name: 'hostname of the platform', object: service({}, { 'external-dns.alpha.kubernetes.io/hostname': 'dex.vap-ga.apps.example.com' }) },
      { name: 'target pointing elsewhere', object: service({}, { 'external-dns.alpha.kubernetes.io/target': '203.0.113.10' }), message: /target/ },
      { name: 'internal-hostname', object: service({}, { 'external-dns.alpha.kubernetes.io/internal-hostname': 'db.shop.example.com' }) },
    ],
  },
  'storage-classes': {
    pass: [
      { name: 'cluster default class', object: pvc() },
      { name: 'allowed class', object: pvc({ storageClassName: 'fast-ssd' }) },
      { name: 'StatefulSet claim template with allowed class', object: statefulSet(podSpec(), { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'fast-ssd' } }] }) },
    ],
    reject: [
      { name: 'other class', object: pvc({ storageClassName: 'premium' }), message: /not allowed: premium; allowed: fast-ssd/ },
      { name: 'StatefulSet claim template with other class', object: statefulSet(podSpec(), { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'premium' } }] }) },
    ],
  },
  'volume-binding': {
    pass: [
      { name: 'a claim without volumeName', object: pvc() },
      { name: 'the PersistentVolume binder binding the claim', operation: 'UPDATE', oldObject: pvc(), object: pvc({ volumeName: 'pvc-1234' }), username: 'system:serviceaccount:kube-system:persistent-volume-binder' },
      { name: 'a bound claim resized by its owner', operation: 'UPDATE', oldObject: pvc({ volumeName: 'pvc-1234' }), object: pvc({ volumeName: 'pvc-1234', resources: { requests: { storage: '2Gi' } } }) },
      { name: 'StatefulSet claim templates without volumeName', object: statefulSet(podSpec(), { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] }) },
    ],
    reject: [
      { name: 'a claim naming another tenant\'s released volume', object: pvc({ volumeName: 'pvc-payments-db' }), message: /may not name a PersistentVolume/ },
      { name: 'setting volumeName on a pending claim (allowed once by the API)', operation: 'UPDATE', oldObject: pvc(), object: pvc({ volumeName: 'pvc-payments-db' }) },
      { name: 'a claim template naming a volume', object: statefulSet(podSpec(), { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { volumeName: 'pvc-payments-db' } }] }) },
    ],
  },
  'tenant-role-bindings': {
    pass: [
      { name: 'tenant-developer to the tenant\'s group', object: roleBinding('ClusterRole', 'tenant-developer') },
      { name: 'tenant-viewer to a ServiceAccount of the namespace', object: roleBinding('ClusterRole', 'tenant-viewer', [{ kind: 'ServiceAccount', name: 'ci', namespace: 'shop-prod' }]) },
      { name: 'every ServiceAccount of the namespace', object: roleBinding('ClusterRole', 'tenant-viewer', [{ kind: 'Group', name: 'system:serviceaccounts:shop-prod', apiGroup: 'rbac.authorization.k8s.io' }]) },
    ],
    reject: [
      { name: 'built-in admin', object: roleBinding('ClusterRole', 'admin'), message: /got ClusterRole admin/ },
      { name: 'cluster-admin', object: roleBinding('ClusterRole', 'cluster-admin') },
      { name: 'a Role named like a tenant role', object: roleBinding('Role', 'tenant-admin'), message: /got Role tenant-admin/ },
      { name: 'every authenticated user', object: roleBinding('ClusterRole', 'tenant-viewer', [{ kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' }]), message: /Group system:authenticated/ },
      { name: 'unauthenticated users', object: roleBinding('ClusterRole', 'tenant-viewer', [{ kind: 'Group', name: 'system:unauthenticated', apiGroup: 'rbac.authorization.k8s.io' }]) },
      { name: 'every ServiceAccount of the cluster', object: roleBinding('ClusterRole', 'tenant-viewer', [{ kind: 'Group', name: 'system:serviceaccounts', apiGroup: 'rbac.authorization.k8s.io' }]) },
      { name: 'another tenant\'s group', object: roleBinding('ClusterRole', 'tenant-admin', [{ kind: 'Group', name: 'oidc:batch-admins', apiGroup: 'rbac.authorization.k8s.io' }]), message: /oidc:batch-admins/ },
      { name: 'the tenant\'s group without the OIDC prefix (a partner IdP could assert it)', object: roleBinding('ClusterRole', 'tenant-admin', [{ kind: 'Group', name: 'shop-admins', apiGroup: 'rbac.authorization.k8s.io' }]) },
      { name: 'a ServiceAccount of another namespace', object: roleBinding('ClusterRole', 'tenant-developer', [{ kind: 'ServiceAccount', name: 'default', namespace: 'payments-prod' }]), message: /ServiceAccount default in payments-prod/ },
      { name: 'the ServiceAccounts of another namespace', object: roleBinding('ClusterRole', 'tenant-developer', [{ kind: 'Group', name: 'system:serviceaccounts:payments-prod', apiGroup: 'rbac.authorization.k8s.io' }]) },
      { name: 'a user', object: roleBinding('ClusterRole', 'tenant-viewer', [{ kind: 'User', name: 'oidc:mallory@example.com', apiGroup: 'rbac.authorization.k8s.io' }]) },
      { name: 'an own group next to a foreign one', object: roleBinding('ClusterRole', 'tenant-viewer', [{ kind: 'Group', name: 'oidc:shop-support', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' }]) },
    ],
  },
  'tenant-certificates': {
    pass: [
      { name: 'a server certificate from the HTTP-01 issuer', object: certificate({}) },
      { name: 'from the DNS-01 issuer with server-auth usages and 90 days', object: certificate({ issuerRef: { kind: 'ClusterIssuer', name: 'acme-dns01' }, dnsNames: ['*.shop.example.com', 'shop.example.com'], usages: ['digital signature', 'key encipherment', 'server auth'], duration: '2160h' }) },
    ],
    reject: [
      { name: 'the corporate CA', object: certificate({ issuerRef: { kind: 'ClusterIssuer', name: 'private-ca' } }), message: /not from ClusterIssuer private-ca/ },
      { name: 'a namespaced Issuer', object: certificate({ issuerRef: { name: 'acme-http01' } }), message: /not from Issuer acme-http01/ },
      { name: 'an external issuer group', object: certificate({ issuerRef: { kind: 'ClusterIssuer', name: 'acme-http01', group: 'awspca.cert-manager.io' } }) },
      { name: 'another tenant\'s name', object: certificate({ dnsNames: ['www.shop.example.com', 'pay.example.com'] }), message: /not allowed: pay.example.com/ },
      { name: 'no DNS names (CN only)', object: certificate({ dnsNames: undefined, commonName: 'shop.example.com' }), message: /at least one is needed/ },
      { name: 'a common name identity', object: certificate({ commonName: 'platform-break-glass' }), message: /commonName/ },
      { name: 'e-mail, URI and IP identities', object: certificate({ emailAddresses: ['ceo@example.com'], uris: ['spiffe://cluster.local/ns/kube-system/sa/admin'], ipAddresses: ['10.0.0.1'] }), message: /emailAddresses, uris, ipAddresses/ },
      { name: 'a subject with an organisation (a Kubernetes group in client certificates)', object: certificate({ subject: { organizations: ['system:masters'] } }), message: /subject/ },
      { name: 'a literal subject', object: certificate({ literalSubject: 'CN=admin,O=system:masters' }) },
      { name: 'a CA certificate', object: certificate({ isCA: true }), message: /isCA/ },
      { name: 'client auth usage', object: certificate({ usages: ['digital signature', 'client auth'] }), message: /usage client auth/ },
      { name: 'code signing and any usage', object: certificate({ usages: ['code signing', 'any'] }) },
      { name: 'ten years', object: certificate({ duration: '87600h' }), message: /duration 87600h/ },
    ],
  },
  'disruption-budgets': {
    pass: [
      { name: 'maxUnavailable 1', object: pdb({ maxUnavailable: 1 }) },
      { name: 'minAvailable 50%', object: pdb({ minAvailable: '50%' }) },
      { name: 'maxUnavailable 10%', object: pdb({ maxUnavailable: '10%' }) },
    ],
    reject: [
      { name: 'maxUnavailable 0', object: pdb({ maxUnavailable: 0 }), message: /never allows an eviction.*maxUnavailable 0/ },
      { name: 'maxUnavailable 0%', object: pdb({ maxUnavailable: '0%' }) },
      { name: 'maxUnavailable 00', object: pdb({ maxUnavailable: '00' }) },
      { name: 'minAvailable 100%', object: pdb({ minAvailable: '100%' }), message: /minAvailable 100%/ },
    ],
  },
};

/** ExternalSecret cases (the secret backend is the isolation; these are its defence in depth). */
export const KEY_CASES: Record<string, { pass: TenantCase[]; reject: TenantCase[] }> = {
  'external-secret-keys': {
    pass: [
      { name: 'own key', object: externalSecret({ data: [{ secretKey: 'password', remoteRef: { key: 'shop/prod/db', property: 'password' } }] }) },
      { name: 'own extract, find under a path, and a generator, each in its own entry', object: externalSecret({ dataFrom: [
        { extract: { key: 'shop/prod/api' } },
        { find: { path: 'shop/prod/', name: { regexp: '.*' } } },
        { find: { path: 'shop/prod/payments.v2', name: { regexp: '.*' } } },
        { sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'pw' } } },
      ] }) },
      { name: 'the store kind left to its default, dots inside segments, read once', object: { ...externalSecret({ refreshInterval: '0s', data: [{ secretKey: 'cfg', remoteRef: { key: 'shop/prod/app.config/v1.2' } }] }), spec: { secretStoreRef: { name: 'tenant-secrets' }, refreshInterval: '0s', data: [{ secretKey: 'cfg', remoteRef: { key: 'shop/prod/app.config/v1.2' } }] } } },
      { name: 'refresh every 15 minutes', object: externalSecret({ refreshInterval: '15m0s', data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod/db' } }] }) },
    ],
    reject: [
      { name: 'another tenant\'s key', object: externalSecret({ data: [{ secretKey: 'password', remoteRef: { key: 'payments/prod/db' } }] }), message: /under shop\/prod\/.*not allowed: payments\/prod\/db/ },
      { name: 'the same tenant\'s other environment', object: externalSecret({ data: [{ secretKey: 'p', remoteRef: { key: 'shop/dev/db' } }] }) },
      { name: 'dot-dot traversal', object: externalSecret({ data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod/../../payments/prod/db' } }] }), message: /shop\/prod\/\.\.\/\.\.\/payments/ },
      { name: 'a dot segment', object: externalSecret({ data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod/./db' } }] }) },
      { name: 'a double slash', object: externalSecret({ data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod//db' } }] }) },
      { name: 'a leading slash', object: externalSecret({ data: [{ secretKey: 'p', remoteRef: { key: '/shop/prod/db' } }] }) },
      { name: 'percent-encoded dots', object: externalSecret({ data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod/%2e%2e/%2e%2e/payments/prod/db' } }] }) },
      { name: 'percent-encoded slash', object: externalSecret({ dataFrom: [{ extract: { key: 'shop/prod%2f..%2f..%2fpayments' } }] }) },
      { name: 'a backslash', object: externalSecret({ data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod/..\\..\\payments' } }] }) },
      { name: 'a key that only starts like the tenant', object: externalSecret({ dataFrom: [{ extract: { key: 'shopping/prod/db' } }] }) },
      { name: 'the prefix alone', object: externalSecret({ dataFrom: [{ extract: { key: 'shop/prod/' } }] }) },
      { name: 'find with a traversing path', object: externalSecret({ dataFrom: [{ find: { path: 'shop/prod/../../', name: { regexp: '.*' } } }] }) },
      { name: 'find with the tenant but not the environment', object: externalSecret({ dataFrom: [{ find: { path: 'shop/', name: { regexp: '.*' } } }] }) },
      { name: 'find over the whole store', object: externalSecret({ dataFrom: [{ find: { name: { regexp: '.*' } } }] }), message: /find without a path/ },
      { name: 'find without a path next to an own extract in one entry', object: externalSecret({ dataFrom: [{ extract: { key: 'shop/prod/api' }, find: { name: { regexp: '.*' } } }] }), message: /extract and find \(exactly one of extract, find, generator\)/ },
      { name: 'find under another tenant', object: externalSecret({ dataFrom: [{ find: { path: 'payments/', name: { regexp: '.*' } } }] }) },
      { name: 'a dataFrom entry with nothing', object: externalSecret({ dataFrom: [{ rewrite: [] }] }) },
      { name: 'the platform ClusterSecretStore', object: externalSecret({ secretStoreRef: { kind: 'ClusterSecretStore', name: 'platform-secrets' }, data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod/db' } }] }), message: /ClusterSecretStore platform-secrets/ },
      { name: 'a ClusterSecretStore through a per-entry sourceRef', object: externalSecret({ data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod/db' }, sourceRef: { storeRef: { kind: 'ClusterSecretStore', name: 'platform-secrets' } } }] }) },
      { name: 'a ClusterGenerator', object: externalSecret({ dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'ClusterGenerator', name: 'ecr' } } }] }), message: /ClusterGenerator/ },
      { name: 'refresh every second', object: externalSecret({ refreshInterval: '1s', data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod/db' } }] }), message: /refreshInterval 1s is shorter than the cluster minimum 5m/ },
      { name: 'refresh every 4m59s', object: externalSecret({ refreshInterval: '4m59s', data: [{ secretKey: 'p', remoteRef: { key: 'shop/prod/db' } }] }) },
    ],
  },
};
