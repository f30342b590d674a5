/**
 * Where the pod spec sits in each kind that runs pods, and the policy
 * variants that follow from it. The API server type-checks a policy's
 * expressions once per matched kind (Kubernetes docs, "Validating Admission
 * Policy" → "Type checking"; `typechecking.go`), so an expression that
 * reaches `object.spec.template` fails the check on Pods even when a branch
 * on `object.kind` never evaluates it. Each pod rule is therefore rendered
 * once per shape, each variant matching only kinds that share the path:
 *
 * | shape | kinds | pod spec | pod metadata |
 * | --- | --- | --- | --- |
 * | `pods` | Pod (and `pods/ephemeralcontainers`) | `object.spec` | `object.metadata` |
 * | `workloads` | ReplicationController, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job | `object.spec.template.spec` | `object.spec.template.metadata` |
 * | `cronjobs` | CronJob | `object.spec.jobTemplate.spec.template.spec` | `object.spec.jobTemplate.spec.template.metadata` |
 */
import { AdmissionPolicyDefinition, core, MatchedResources } from './policy-types';

/** The three shapes of kinds that run pods. */
export type PodShape = 'pods' | 'workloads' | 'cronjobs';
export const POD_SHAPES: readonly PodShape[] = ['workloads', 'pods', 'cronjobs'];

interface ShapeFacts {
  /** Kinds without `kubectl debug`'s ephemeral containers. */
  readonly match: readonly MatchedResources[];
  /** Kinds including the `pods/ephemeralcontainers` subresource, where the shape has it. */
  readonly matchWithEphemeral: readonly MatchedResources[];
  /** CEL path of the pod spec. */
  readonly podSpec: string;
  /** CEL path of the pod template's metadata, when the kind has a template. */
  readonly templateMetadata?: string;
}

const WORKLOADS: readonly MatchedResources[] = [
  core(['replicationcontrollers'], ['ReplicationController']),
  { group: 'apps', version: 'v1', resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] },
  { group: 'batch', version: 'v1', resources: ['jobs'], kinds: ['Job'] },
];
const CRONJOBS: readonly MatchedResources[] = [{ group: 'batch', version: 'v1', resources: ['cronjobs'], kinds: ['CronJob'] }];

export const POD_SHAPE_FACTS: Readonly<Record<PodShape, ShapeFacts>> = {
  pods: {
    match: [core(['pods'], ['Pod'])],
    matchWithEphemeral: [core(['pods', 'pods/ephemeralcontainers'], ['Pod'])],
    podSpec: 'object.spec',
  },
  workloads: { match: WORKLOADS, matchWithEphemeral: WORKLOADS, podSpec: 'object.spec.template.spec', templateMetadata: 'object.spec.template.metadata' },
  cronjobs: {
    match: CRONJOBS, matchWithEphemeral: CRONJOBS,
    podSpec: 'object.spec.jobTemplate.spec.template.spec', templateMetadata: 'object.spec.jobTemplate.spec.template.metadata',
  },
};

/**
 * The pod spec and its containers for one shape: `podSpec`, `containers`
 * (regular and init) and `ephemeralContainers` (`kubectl debug`). Ephemeral
 * containers have a type of their own (EphemeralContainer), so the two lists
 * are never concatenated: use {@link acrossContainers}.
 */
export function podSpecVariables(shape: PodShape): { name: string; expression: string }[] {
  return [
    { name: 'podSpec', expression: POD_SHAPE_FACTS[shape].podSpec },
    { name: 'containers', expression: 'variables.podSpec.containers + (has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : [])' },
    { name: 'ephemeralContainers', expression: 'has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : []' },
  ];
}

/**
 * CEL: `map` of every container (regular, init and ephemeral) for which
 * `filter` holds, `c` being the container: a list of `map`'s type.
 */
export function acrossContainers(filter: string, map: string): string {
  return `variables.containers.filter(c, ${filter}).map(c, ${map}) + variables.ephemeralContainers.filter(c, ${filter}).map(c, ${map})`;
}

/** What a pod rule says for one shape; `match` defaults to the shape's kinds. */
export type PodRuleVariant = Omit<AdmissionPolicyDefinition, 'name' | 'family' | 'match'> & { readonly match?: readonly MatchedResources[] };

/**
 * One pod rule as its variants: `<family>` for workload templates,
 * `<family>-pods` and `<family>-cronjobs`, all of family `family`.
 *
 * @param build the rule for one shape
 * @param ephemeral whether the Pod variant also matches `pods/ephemeralcontainers`
 */
export function podRule(family: string, build: (shape: PodShape) => PodRuleVariant, ephemeral = false): AdmissionPolicyDefinition[] {
  return POD_SHAPES.map((shape) => {
    const variant = build(shape);
    const facts = POD_SHAPE_FACTS[shape];
    return {
      ...variant,
      name: shape === 'workloads' ? family : `${family}-${shape}`,
      family,
      match: variant.match ?? (ephemeral ? facts.matchWithEphemeral : facts.match),
    };
  });
}
