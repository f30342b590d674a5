/**
 * Every policy of the admission library, evaluated with a real CEL evaluator
 * on objects that must pass and objects that must be rejected — as rendered
 * for ValidatingAdmissionPolicy v1beta1 (1.29), v1 (1.30) and Gatekeeper —
 * including which namespaces each binding or Constraint selects.
 */
import { ADMISSION_POLICIES, AdmissionPolicyDefinition } from '../../src/security/admission/library';
import { AdmissionCase, evaluateGatekeeper, evaluateVap, selectorMatches, Verdict } from '../support/cel';
import { ENGINE_CLUSTERS, renderedObject, renderedObjects } from '../support/security-platform';
import { constraintKind } from '../../src/security/admission/gatekeeper';

type Json = any;
const LABELS = { 'app.kubernetes.io/name': 'api', 'platform.cdk8s.io/tenant': 'shop' };
const DIGEST = 'a'.repeat(64);

function container(over: Json = {}): Json {
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
function podSpec(over: Json = {}): Json {
  return { containers: [container()], ...over };
}
function deployment(spec: Json = podSpec(), labels: Json = LABELS, templateLabels: Json = LABELS): Json {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop-prod', labels },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, template: { metadata: { labels: templateLabels }, spec } },
  };
}
function statefulSet(spec: Json = podSpec(), extra: Json = {}): Json {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop-prod', labels: LABELS },
    spec: { selector: { matchLabels: LABELS }, serviceName: 'db', template: { metadata: { labels: LABELS }, spec }, ...extra },
  };
}
function pod(spec: Json = podSpec(), labels: Json = LABELS): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop-prod', labels }, spec };
}
function cronJob(jobLabels: Json = LABELS, spec: Json = podSpec()): Json {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'shop-prod', labels: LABELS },
    spec: { schedule: '0 * * * *', jobTemplate: { metadata: { labels: jobLabels }, spec: { template: { metadata: { labels: LABELS }, spec } } } },
  };
}
function service(type?: string): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop-prod', labels: LABELS }, spec: { ...(type ? { type } : {}), ports: [{ port: 80 }] } };
}
function ingress(spec: Json): Json {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop-prod' }, spec };
}
const backend = { service: { name: 'api', port: { number: 80 } } };
const rule = (host?: string) => ({ ...(host ? { host } : {}), http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } });
function pvc(storageClassName?: string): Json {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop-prod' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(storageClassName ? { storageClassName } : {}) },
  };
}
function roleBinding(kind: string, name: string): Json {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'shop-prod' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name }, subjects: [{ kind: 'Group', name: 'oidc:shop-developers' }],
  };
}
function externalSecret(spec: Json): Json {
  return {
    apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'shop-prod' },
    spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'platform-secrets' }, ...spec },
  };
}

interface Case {
  readonly name: string;
  readonly object: Json;
  /** Tenant namespace of the case. @default 'shop-prod' */
  readonly namespace?: string;
  readonly operation?: 'CREATE' | 'UPDATE';
  /** For rejections: the message must match. */
  readonly message?: RegExp;
}

/** Objects that must pass and objects that must be rejected, per policy. */
const CASES: Record<string, { pass: Case[]; reject: Case[] }> = {
  'allowed-registries': {
    pass: [
      { name: 'Deployment from the registry', object: deployment() },
      { name: 'Pod with an init container from registry.k8s.io', object: pod(podSpec({ initContainers: [container({ name: 'init', image: 'registry.k8s.io/pause:3.9' })] })) },
    ],
    reject: [
      { name: 'Docker Hub image', object: deployment(podSpec({ containers: [container({ image: 'docker.io/library/nginx:1.27' })] })), message: /not allowed: docker.io\/library\/nginx:1.27/ },
      { name: 'image without registry', object: pod(podSpec({ containers: [container({ image: 'nginx:1.27' })] })), message: /must come from registry.example.com, registry.k8s.io/ },
      { name: 'look-alike registry host', object: pod(podSpec({ containers: [container({ image: 'registry.example.com.evil.io/x:1' })] })) },
      { name: 'CronJob init container from quay.io', object: cronJob(LABELS, podSpec({ initContainers: [container({ name: 'init', image: 'quay.io/x/y:1' })] })) },
      { name: 'ephemeral debug container from Docker Hub', operation: 'UPDATE', object: pod(podSpec({ ephemeralContainers: [{ name: 'debug', image: 'docker.io/library/busybox:1.36' }] })) },
    ],
  },
  'image-tag': {
    pass: [
      { name: 'tagged image', object: deployment() },
      { name: 'digest', object: pod(podSpec({ containers: [container({ image: `registry.example.com/shop/api@sha256:${DIGEST}` })] })) },
      { name: 'registry with port and tag', object: pod(podSpec({ containers: [container({ image: 'registry.example.com:5000/shop/api:2.0' })] })) },
    ],
    reject: [
      { name: ':latest', object: deployment(podSpec({ containers: [container({ image: 'registry.example.com/shop/api:latest' })] })), message: /other than latest.*api:latest/ },
      { name: 'untagged', object: pod(podSpec({ containers: [container({ image: 'registry.example.com/shop/api' })] })) },
      { name: 'registry port but no tag', object: pod(podSpec({ containers: [container({ image: 'registry.example.com:5000/shop/api' })] })) },
    ],
  },
  'privileged': {
    pass: [{ name: 'unprivileged', object: deployment() }],
    reject: [
      { name: 'privileged container', object: deployment(podSpec({ containers: [container({ securityContext: { privileged: true, runAsNonRoot: true } })] })), message: /privileged containers are not allowed: app/ },
      { name: 'privileged init container', object: pod(podSpec({ initContainers: [container({ name: 'init', securityContext: { privileged: true } })] })) },
    ],
  },
  'host-namespaces': {
    pass: [{ name: 'hostNetwork false', object: deployment(podSpec({ hostNetwork: false })) }],
    reject: [
      { name: 'hostNetwork', object: deployment(podSpec({ hostNetwork: true })), message: /host namespaces are not allowed: hostNetwork/ },
      { name: 'hostPID and hostIPC', object: pod(podSpec({ hostPID: true, hostIPC: true })), message: /hostPID, hostIPC/ },
    ],
  },
  'host-path': {
    pass: [{ name: 'emptyDir', object: deployment(podSpec({ volumes: [{ name: 'tmp', emptyDir: {} }] })) }],
    reject: [{ name: 'hostPath', object: pod(podSpec({ volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'logs', hostPath: { path: '/var/log' } }] })), message: /hostPath volumes are not allowed: logs/ }],
  },
  'run-as-non-root': {
    pass: [
      { name: 'every container non-root', object: deployment() },
      { name: 'pod-level non-root', object: pod({ securityContext: { runAsNonRoot: true }, containers: [container({ securityContext: {} })] }) },
    ],
    reject: [
      { name: 'nothing set', object: deployment(podSpec({ containers: [container({ securityContext: undefined })] })), message: /not set for: app/ },
      { name: 'pod non-root, container overrides', object: pod({ securityContext: { runAsNonRoot: true }, containers: [container({ securityContext: { runAsNonRoot: false } })] }) },
    ],
  },
  'required-labels': {
    pass: [
      { name: 'labelled Deployment', object: deployment() },
      { name: 'labelled Service', object: service() },
      { name: 'labelled CronJob', object: cronJob() },
    ],
    reject: [
      { name: 'no name label', object: deployment(podSpec(), { 'platform.cdk8s.io/tenant': 'shop' }), message: /platform.cdk8s.io\/tenant=shop/ },
      { name: 'another tenant\'s label', object: service(), namespace: 'batch-prod', message: /tenant=batch/ },
      { name: 'template without labels', object: deployment(podSpec(), LABELS, {}) },
      { name: 'CronJob job template without labels', object: cronJob({}) },
      { name: 'Pod without labels', object: pod(podSpec(), {}) },
    ],
  },
  'container-resources': {
    pass: [{ name: 'requests and memory limit', object: deployment() }],
    reject: [
      { name: 'no memory limit', object: deployment(podSpec({ containers: [container({ resources: { requests: { cpu: '1', memory: '1Gi' } } })] })), message: /resources.limits.memory: app/ },
      { name: 'init container without requests', object: pod(podSpec({ initContainers: [container({ name: 'init', resources: undefined })] })), message: /: init$/ },
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
      { name: 'rule without host', object: ingress({ rules: [rule()] }), message: /rule without host/ },
      { name: 'foreign TLS host', object: ingress({ rules: [rule('api.shop.example.com')], tls: [{ hosts: ['api.shop.example.com', 'www.other.com'] }] }), message: /TLS hosts .* www.other.com/ },
      { name: 'default backend', object: ingress({ defaultBackend: backend }), message: /defaultBackend/ },
    ],
  },
  'load-balancer-services': {
    pass: [
      { name: 'ClusterIP', object: service() },
      { name: 'LoadBalancer where the quota allows one', object: { ...service('LoadBalancer'), metadata: { name: 'lb', namespace: 'batch-prod' } }, namespace: 'batch-prod' },
    ],
    reject: [{ name: 'LoadBalancer without allowance', object: service('LoadBalancer'), message: /LoadBalancer are not allowed/ }],
  },
  'storage-classes': {
    pass: [
      { name: 'cluster default class', object: pvc() },
      { name: 'allowed class', object: pvc('fast-ssd') },
      { name: 'StatefulSet claim template with allowed class', object: statefulSet(podSpec(), { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'fast-ssd' } }] }) },
    ],
    reject: [
      { name: 'other class', object: pvc('premium'), message: /not allowed: premium; allowed: fast-ssd/ },
      { name: 'StatefulSet claim template with other class', object: statefulSet(podSpec(), { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'premium' } }] }) },
    ],
  },
  'priority-classes': {
    pass: [{ name: 'no priority class', object: deployment() }, { name: 'allowed class', object: pod(podSpec({ priorityClassName: 'high' })) }],
    reject: [{ name: 'system class', object: deployment(podSpec({ priorityClassName: 'system-cluster-critical' })), message: /not allowed: system-cluster-critical; allowed: high/ }],
  },
  'tenant-role-bindings': {
    pass: [{ name: 'tenant-developer', object: roleBinding('ClusterRole', 'tenant-developer') }, { name: 'tenant-viewer', object: roleBinding('ClusterRole', 'tenant-viewer') }],
    reject: [
      { name: 'built-in admin', object: roleBinding('ClusterRole', 'admin'), message: /got ClusterRole admin/ },
      { name: 'cluster-admin', object: roleBinding('ClusterRole', 'cluster-admin') },
      { name: 'a Role named like a tenant role', object: roleBinding('Role', 'tenant-admin'), message: /got Role tenant-admin/ },
    ],
  },
  'external-secret-keys': {
    pass: [
      { name: 'own key', object: externalSecret({ data: [{ secretKey: 'password', remoteRef: { key: 'shop/prod/db', property: 'password' } }] }) },
      { name: 'own extract and find path, and a generator', object: externalSecret({ dataFrom: [{ extract: { key: 'shop/prod/api' } }, { find: { path: 'shop/prod/', name: { regexp: '.*' } } }, { sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'pw' } } }] }) },
    ],
    reject: [
      { name: 'another tenant\'s key', object: externalSecret({ data: [{ secretKey: 'password', remoteRef: { key: 'payments/prod/db' } }] }), message: /under shop\/; not allowed: payments\/prod\/db/ },
      { name: 'find over the whole store', object: externalSecret({ dataFrom: [{ find: { name: { regexp: '.*' } } }] }), message: /dataFrom without a key/ },
      { name: 'key that only starts like the tenant', object: externalSecret({ dataFrom: [{ extract: { key: 'shopping/prod/db' } }] }) },
    ],
  },
};

const ENGINES = [
  { name: 'ValidatingAdmissionPolicy v1beta1 (1.29)', cluster: ENGINE_CLUSTERS.vapBeta },
  { name: 'ValidatingAdmissionPolicy v1 (1.30)', cluster: ENGINE_CLUSTERS.vapGa },
  { name: 'Gatekeeper K8sNativeValidation', cluster: ENGINE_CLUSTERS.gatekeeper },
] as const;

function namespaceObject(cluster: string, ns: string): Json {
  const tenant = ns.replace(/-prod$/, '');
  return renderedObject(`clusters/${cluster}/tenants/${tenant}/namespace-${ns}.yaml`);
}

/** Platform namespaces as the platform renders them (no tenant label). */
function platformNamespace(name: string, enforce = 'restricted'): Json {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, 'pod-security.kubernetes.io/enforce': enforce } } };
}

function labelsOf(ns: Json): Record<string, string> {
  return { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
}

function matchesKind(policy: AdmissionPolicyDefinition, object: Json, operation: string): boolean {
  return policy.match.some((m) => m.kinds.includes(object.kind)
    && (object.kind !== 'Pod' || operation !== 'UPDATE' || !object.spec.ephemeralContainers || m.resources.includes('pods/ephemeralcontainers')));
}

/**
 * What the cluster's engine decides for `c`: `undefined` when no binding or
 * Constraint selects the namespace, else the verdict.
 */
function decide(cluster: string, policy: AdmissionPolicyDefinition, c: AdmissionCase): Verdict | undefined {
  const labels = labelsOf(c.namespace);
  const dir = `clusters/${cluster}/platform/admission`;
  if (cluster !== ENGINE_CLUSTERS.gatekeeper) {
    const vap = renderedObject(`${dir}/validatingadmissionpolicy-platform-${policy.name}.yaml`) as Json;
    const binding = renderedObject(`${dir}/validatingadmissionpolicybinding-platform-${policy.name}.yaml`) as Json;
    const resources = vap.spec.matchConstraints.resourceRules.flatMap((r: Json) => r.resources);
    expect(resources).toEqual(policy.match.flatMap((m) => m.resources));
    if (!selectorMatches(binding.spec.matchResources.namespaceSelector, labels)) return undefined;
    return evaluateVap(vap, c);
  }
  const kind = constraintKind(policy);
  const template = renderedObject(`${dir}/constrainttemplate-${kind.toLowerCase()}.yaml`);
  // Constraints sync from their own folder, after the templates (gitops/sync-plan.ts).
  const constraints = renderedObjects(`${dir}-constraints/${kind.toLowerCase()}-`) as Json[];
  const applicable = constraints.filter((k) => (k.spec.match.namespaces
    ? k.spec.match.namespaces.includes(c.namespace.metadata.name)
    : selectorMatches(k.spec.match.namespaceSelector, labels)));
  if (applicable.length === 0) return undefined;
  const verdicts = applicable.map((k) => evaluateGatekeeper(template, k, c));
  return {
    allowed: verdicts.every((v) => v.allowed),
    messages: verdicts.flatMap((v) => v.messages),
    errors: verdicts.flatMap((v) => v.errors),
    evaluated: verdicts.flatMap((v) => v.evaluated),
  };
}

const evaluated = new Map<string, Set<string>>(ENGINES.map((e) => [e.cluster, new Set<string>()]));

describe('admission policy library', () => {
  test('every policy has cases that must pass and cases that must be rejected', () => {
    expect(Object.keys(CASES).sort()).toEqual(ADMISSION_POLICIES.map((p) => p.name).sort());
    for (const [name, { pass, reject }] of Object.entries(CASES)) {
      expect([name, pass.length > 0, reject.length > 0]).toEqual([name, true, true]);
    }
  });

  for (const engine of ENGINES) {
    describe(engine.name, () => {
      for (const policy of ADMISSION_POLICIES) {
        describe(policy.name, () => {
          const run = (c: Case) => {
            const operation = c.operation ?? 'CREATE';
            expect(matchesKind(policy, c.object, operation)).toBe(true);
            const verdict = decide(engine.cluster, policy, {
              object: c.object, namespace: namespaceObject(engine.cluster, c.namespace ?? 'shop-prod'), operation,
              oldObject: operation === 'UPDATE' ? c.object : undefined,
            });
            expect(verdict).toBeDefined();
            verdict!.evaluated.forEach((e) => evaluated.get(engine.cluster)!.add(e));
            return verdict!;
          };
          test.each(CASES[policy.name].pass)('admits: $name', (c) => {
            const v = run(c);
            expect({ errors: v.errors, messages: v.messages }).toEqual({ errors: [], messages: [] });
            expect(v.allowed).toBe(true);
          });
          test.each(CASES[policy.name].reject)('rejects: $name', (c) => {
            const v = run(c);
            expect(v.errors).toEqual([]);
            expect(v.allowed).toBe(false);
            if (c.message) expect(v.messages.join('\n')).toMatch(c.message);
          });
        });
      }

      test('the cases evaluated every expression the engine renders (variables, validations, messages)', () => {
        const dir = `clusters/${engine.cluster}/platform/admission/`;
        const sources = renderedObjects(dir).flatMap((o: Json) => {
          if (o.kind === 'ValidatingAdmissionPolicy') return [o.spec];
          if (o.kind === 'ConstraintTemplate') return [o.spec.targets[0].code[0].source];
          return [];
        });
        expect(sources).toHaveLength(ADMISSION_POLICIES.length);
        const all = sources.flatMap((s: Json) => [
          ...(s.variables ?? []).map((v: Json) => v.expression),
          ...s.validations.flatMap((v: Json) => [v.expression, v.messageExpression]),
        ]);
        expect(all.filter((e: string) => !evaluated.get(engine.cluster)!.has(e))).toEqual([]);
      });
    });
  }
});

describe('which namespaces the policies apply to', () => {
  const privilegedPod = pod(podSpec({ hostNetwork: true, containers: [container({ securityContext: { privileged: true } })], volumes: [{ name: 'h', hostPath: { path: '/' } }] }));
  for (const engine of ENGINES) {
    describe(engine.name, () => {
      const ns = (name: string) => namespaceObject(engine.cluster, name);
      const applies = (policy: string, namespace: Json) => decide(engine.cluster, ADMISSION_POLICIES.find((p) => p.name === policy)!, { object: privilegedPod, namespace }) !== undefined;

      test('cluster-wide policies apply in platform namespaces too, except where exempt', () => {
        const monitoring = platformNamespace('monitoring');
        expect(applies('privileged', monitoring)).toBe(true);
        expect(applies('allowed-registries', monitoring)).toBe(true);
        expect(applies('host-namespaces', monitoring)).toBe(false);
        expect(applies('host-path', monitoring)).toBe(false);
        for (const p of ['allowed-registries', 'image-tag', 'privileged', 'host-namespaces', 'host-path']) {
          expect([p, applies(p, platformNamespace('kube-system', 'privileged'))]).toEqual([p, false]);
          expect([p, applies(p, platformNamespace('ingress-nginx'))]).toEqual([p, true]);
        }
      });

      test('tenant policies apply in tenant namespaces only', () => {
        for (const p of ['required-labels', 'container-resources', 'probes', 'priority-classes', 'run-as-non-root']) {
          expect([p, applies(p, platformNamespace('monitoring'))]).toEqual([p, false]);
          expect([p, applies(p, ns('shop-prod'))]).toEqual([p, true]);
        }
      });

      test('a tenant\'s written Pod Security exception (baseline) lifts runAsNonRoot, not the baseline rules', () => {
        expect(applies('run-as-non-root', ns('batch-prod'))).toBe(false);
        expect(applies('privileged', ns('batch-prod'))).toBe(true);
        expect(applies('host-path', ns('batch-prod'))).toBe(true);
      });
    });
  }
});
