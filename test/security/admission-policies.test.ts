/**
 * Every policy of the admission library, evaluated with a real CEL evaluator
 * on objects that must pass and objects an attacker would write that must be
 * rejected — as rendered for ValidatingAdmissionPolicy v1beta1 (1.29), v1
 * (1.30) and Gatekeeper — including which namespaces each binding or
 * Constraint selects. Rules on the pod spec are tried on a Pod, a Deployment
 * and a CronJob each (their variants, `pod-shapes.ts`).
 */
import { ADMISSION_POLICIES, AdmissionPolicyDefinition, policyFamily } from '../../src/security/admission/library';
import { AdmissionCase, evaluateGatekeeper, evaluateVap, selectorMatches, Verdict } from '../support/cel';
import { ENGINE_CLUSTERS, renderedObject, renderedObjects } from '../support/security-platform';
import { constraintKind } from '../../src/security/admission/gatekeeper';
import { KEY_CASES, POD_SPEC_CASES, PodSpecCase, TenantCase, TENANT_CASES } from './admission-cases';
import { cronJob, deployment, pod } from './admission-fixtures';

type Json = any;

interface Case extends TenantCase {
  readonly object: Json;
}

/** Pod-spec cases tried on each shape. */
function expand(c: PodSpecCase): Case[] {
  return [
    { name: `${c.name} (Pod)`, object: pod(c.spec), message: c.message, namespace: c.namespace },
    { name: `${c.name} (Deployment)`, object: deployment(c.spec), message: c.message, namespace: c.namespace },
    { name: `${c.name} (CronJob)`, object: cronJob(undefined, c.spec), message: c.message, namespace: c.namespace },
  ];
}

/** Cases by policy family. */
const CASES: Record<string, { pass: Case[]; reject: Case[] }> = Object.fromEntries([
  ...Object.entries(POD_SPEC_CASES).map(([family, c]) => [family, {
    pass: [...c.pass.flatMap(expand), ...(TENANT_CASES[family]?.pass ?? [])],
    reject: [...c.reject.flatMap(expand), ...(TENANT_CASES[family]?.reject ?? [])],
  }]),
  ...Object.entries(TENANT_CASES).filter(([family]) => !(family in POD_SPEC_CASES)),
  ...Object.entries(KEY_CASES),
]);

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

/** The variant of `family` that matches `object` (its kind, and for an ephemeral container update, the subresource). */
function variantFor(family: string, object: Json, operation: string): AdmissionPolicyDefinition {
  const ephemeral = object.kind === 'Pod' && operation === 'UPDATE' && object.spec.ephemeralContainers;
  const found = ADMISSION_POLICIES.filter((p) => policyFamily(p) === family && p.match.some((m) => m.kinds.includes(object.kind)
    && (!ephemeral || m.resources.includes('pods/ephemeralcontainers'))));
  if (found.length !== 1) throw new Error(`${found.length} variants of ${family} match ${object.kind}`);
  return found[0];
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
  const constraints = (renderedObjects(`${dir}-constraints/${kind.toLowerCase()}-`) as Json[]).filter((k) => k.kind === kind);
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
  test('every policy family has cases that must pass and cases that must be rejected', () => {
    expect(Object.keys(CASES).sort()).toEqual([...new Set(ADMISSION_POLICIES.map(policyFamily))].sort());
    for (const [name, { pass, reject }] of Object.entries(CASES)) {
      expect([name, pass.length > 0, reject.length > 0]).toEqual([name, true, true]);
    }
  });

  for (const engine of ENGINES) {
    describe(engine.name, () => {
      for (const family of Object.keys(CASES).sort()) {
        describe(family, () => {
          const run = (c: Case) => {
            const operation = c.operation ?? 'CREATE';
            const policy = variantFor(family, c.object, operation);
            const verdict = decide(engine.cluster, policy, {
              object: c.object, namespace: namespaceObject(engine.cluster, c.namespace ?? 'shop-prod'), operation,
              oldObject: operation === 'UPDATE' ? (c.oldObject ?? c.object) : undefined,
              username: c.username,
            });
            expect(verdict).toBeDefined();
            verdict!.evaluated.forEach((e) => evaluated.get(engine.cluster)!.add(e));
            return verdict!;
          };
          test.each(CASES[family].pass)('admits: $name', (c) => {
            const v = run(c);
            expect({ errors: v.errors, messages: v.messages }).toEqual({ errors: [], messages: [] });
            expect(v.allowed).toBe(true);
          });
          test.each(CASES[family].reject)('rejects: $name', (c) => {
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
  const privilegedPod = pod({ hostNetwork: true, containers: [{ name: 'app', image: 'registry.example.com/x:1', securityContext: { privileged: true } }], volumes: [{ name: 'h', hostPath: { path: '/' } }] });
  for (const engine of ENGINES) {
    describe(engine.name, () => {
      const ns = (name: string) => namespaceObject(engine.cluster, name);
      const applies = (family: string, namespace: Json) => decide(engine.cluster, variantFor(family, privilegedPod, 'CREATE'), { object: privilegedPod, namespace }) !== undefined;

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
        for (const p of ['required-labels', 'container-resources', 'priority-classes', 'run-as-non-root', 'node-placement']) {
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
