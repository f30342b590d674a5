/**
 * The typed shape of one add-on of the catalog. Each add-on is one file in
 * `src/addons/` exporting an {@link AddonDefinition}; the platform renders it
 * for the cluster's GitOps engine (see `addon-component.ts`).
 *
 * A definition carries, besides its chart and typed values, the facts the
 * platform enforces generically:
 * - `images`: every image the chart pulls, with the values knobs that set it
 *   (so an air-gapped cluster pulls each one from its mirror);
 * - `workloads`: every Deployment, StatefulSet and DaemonSet, whether it can
 *   run replicated, and the values knobs for replicas, PodDisruptionBudget,
 *   topology spread, resources, security contexts, PriorityClass and probes
 *   (so the medium and enterprise profiles make each one highly available);
 * - `podSecurity`, `network`, `crds`, `dependsOn`.
 */
import { Construct } from 'constructs';
import { AddonName } from '../spec/addon-names';
import { ClusterSpec } from '../spec/cluster';
import { PlatformSpec } from '../spec/model';
import { PodSecurityLevel } from '../spec/tenant';
import { PsaPod } from '../security/pod-security-standards';
import { ImageRef } from './image-ref';
import { Profile, ResourceClass } from './profiles';
import { ChartPin } from './versions';

/** A dotted path into a release's Helm values, e.g. `controller.image.repository`. */
export type ValuesPath = string;

/**
 * How a chart takes one image:
 * - `{ registry, repository, tag }`: three values (`image.registry`, …);
 * - `{ repository, tag }`: the repository includes the registry host;
 * - `{ full }`: one string `registry/repository:tag`;
 * - `{ hub, tag }`: the parent path of the image (`docker.io/istio`), shared by several images.
 * `tag` may be omitted when the chart derives it from its appVersion and the pin matches it.
 * `tagSuffix`: what the template appends to the tag value (node-exporter's
 * `-distroless`); the knob is written without it, so the pulled tag is the pin's.
 */
export type ImageKnob =
  | { readonly registry: ValuesPath; readonly repository: ValuesPath; readonly tag?: ValuesPath; readonly tagSuffix?: string }
  | { readonly repository: ValuesPath; readonly tag?: ValuesPath; readonly registry?: undefined }
  | { readonly full: ValuesPath }
  | { readonly hub: ValuesPath; readonly tag?: ValuesPath };

/** One image an add-on pulls. */
export interface AddonImage {
  /**
   * Upstream reference with tag (and the chart's digest, where it pins one),
   * e.g. `quay.io/jetstack/cert-manager-controller:v1.21.1`: what the cluster
   * pulls, as {@link pulled} builds it from the values.
   */
  readonly ref: string;
  /** Values knobs that set it; every knob is written. */
  readonly knobs: readonly ImageKnob[];
  /**
   * How the chart's template builds the reference from the release's values
   * (coalesced over the chart's defaults): `dist/images.txt` lists what this
   * gives, and a test proves it equals `ref` (or its mirror).
   */
  readonly pulled: ImageComposition;
  /** Release the knobs belong to. @default - the add-on's first release */
  readonly release?: string;
  /** Whether the cluster pulls it. @default - always */
  usedOn?(ctx: AddonContext): boolean;
}

/**
 * Whether a workload can run replicated:
 * - `replicated`: active/standby (leader election) or stateless; profile's `replicated` count;
 * - `quorum`: needs a majority (gossip/consensus); profile's odd `quorum` count;
 * - `single`: must run once, with the reason (the upstream fact);
 * - `daemon`: a DaemonSet, one pod per node.
 */
export type Replication =
  | { readonly mode: 'replicated' }
  | { readonly mode: 'quorum' }
  | { readonly mode: 'single'; readonly reason: string }
  | { readonly mode: 'daemon' };

/**
 * Where the chart takes a PodDisruptionBudget: `{ enabled, minAvailable }` or
 * `{ minAvailable }` at `path`; `enabled` names a separate switch where the
 * chart has one elsewhere (istiod: `global.defaultPodDisruptionBudget.enabled`).
 * Whatever the chart defaults beside `minAvailable` (a `maxUnavailable` that
 * its template refuses together with `minAvailable`) is cleared with `null`.
 */
export interface PdbKnob {
  readonly path: ValuesPath;
  readonly shape: 'enabled' | 'plain';
  readonly enabled?: ValuesPath;
}

/** Probes of a workload: values knobs, or the chart template that always defines them (with its source). */
export type ProbesFact =
  | { readonly knobs: { readonly liveness: ValuesPath; readonly readiness: ValuesPath } }
  | { readonly builtIn: string };

/** One Deployment, StatefulSet or DaemonSet of an add-on, with its values knobs. */
export interface AddonWorkload {
  /** Readable name, e.g. `controller`. */
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  readonly replication: Replication;
  /** Release the knobs belong to. @default - the add-on's first release */
  readonly release?: string;
  /** Labels the chart puts on the workload's pods (for topology spread and PDB selectors). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Resource class; the profile gives its requests and limits. */
  readonly size: ResourceClass;
  readonly knobs: {
    readonly replicas?: ValuesPath;
    readonly pdb?: PdbKnob;
    readonly topologySpread?: ValuesPath;
    readonly resources: ValuesPath;
    readonly podSecurityContext?: ValuesPath;
    readonly securityContext?: ValuesPath;
    readonly priorityClassName?: ValuesPath;
  };
  readonly probes: ProbesFact;
  /**
   * Container security context fields this workload needs over the restricted
   * baseline (e.g. `runAsUser: 101` and `NET_BIND_SERVICE` for ingress-nginx).
   * @default {}
   */
  readonly securityContextExtra?: Readonly<Record<string, unknown>>;
  /** Whether the workload runs on the cluster. @default - always */
  usedOn?(ctx: AddonContext): boolean;
  /**
   * The pod as the chart's template renders it (security-relevant fields),
   * from the release's values coalesced over the chart's defaults, where the
   * template does not simply take `knobs.podSecurityContext` and
   * `knobs.securityContext` (e.g. istiod hard-codes its container security
   * context). @default - built from those knobs
   */
  pod?(values: unknown): PsaPod;
}

/**
 * A pod the chart renders besides the workloads' (a hook Job, a probe Job), or
 * a workload pod with containers the platform adds (init containers), modelled
 * from the chart's template for the Pod Security check.
 */
export interface AddonPod {
  /** e.g. `upgrade-crds Job`. */
  readonly name: string;
  /** The template (chart, version, file) the model follows. */
  readonly source: string;
  /** Release it belongs to. @default - the add-on's first release */
  readonly release?: string;
  /** The pod, from the release's values coalesced over the chart's defaults; undefined when the chart does not render it. */
  pod(values: unknown, ctx: AddonContext): PsaPod | undefined;
}

/** A peer of a network rule. */
export type NetworkPeer =
  | { readonly anywhere: true }
  | { readonly namespace: string }
  /** The platform's monitoring namespace (settings.namespaces.monitoring). */
  | { readonly monitoring: true }
  | { readonly allNamespaces: true }
  /** Namespaces whose labels match (e.g. tenant namespaces: `platform.cdk8s.io/tenant` Exists). */
  | { readonly namespaceSelector: { readonly matchLabels?: Readonly<Record<string, string>>; readonly matchExpressions?: readonly { readonly key: string; readonly operator: 'Exists' | 'DoesNotExist' }[] } };

/** One allowance of an add-on's NetworkPolicies (on top of default-deny, DNS and same-namespace). */
export interface NetworkRule {
  /** Policy name suffix, e.g. `webhook` → `allow-ingress-webhook`. */
  readonly name: string;
  readonly description: string;
  readonly direction: 'ingress' | 'egress';
  readonly peer: NetworkPeer;
  /** TCP ports; empty means all ports. */
  readonly ports: readonly number[];
  /** Whether the rule applies on the cluster. @default - always */
  usedOn?(ctx: AddonContext): boolean;
}

/** One Helm release of an add-on. */
export interface AddonRelease<V extends object = object> {
  /** Release name, and the name of its Application / HelmRelease. */
  readonly name: string;
  readonly chart: ChartPin;
  /** The typed values for the cluster (image and HA knobs are written over them by the platform). */
  values(ctx: AddonContext): V;
}

/** What an add-on sees when it renders for one cluster. */
export interface AddonContext {
  readonly platform: PlatformSpec;
  readonly cluster: ClusterSpec;
  readonly profile: Profile;
  /** Add-ons that run on the cluster. */
  readonly enabled: ReadonlySet<AddonName>;
  /** The add-on's namespace. */
  readonly namespace: string;
  /** An image of this add-on as the cluster pulls it (in the mirror when air-gapped). */
  image(key: string): ImageRef;
}

/** One add-on of the catalog. */
export interface AddonDefinition {
  readonly name: AddonName;
  /** One line: what it does for the platform. */
  readonly description: string;
  readonly namespace: string;
  /** Pod Security level of its namespace, and why when below restricted. */
  readonly podSecurity: { readonly level: PodSecurityLevel; readonly justification?: string };
  /** CustomResourceDefinitions its chart installs (plural.group). */
  readonly crds: readonly string[];
  /** Add-ons whose CRDs or services it needs first (used when they run on the cluster). */
  readonly dependsOn: readonly AddonName[];
  readonly images: Readonly<Record<string, AddonImage>>;
  readonly workloads: readonly AddonWorkload[];
  /** Further pods its chart renders (hook and probe Jobs) with their template models. @default - none */
  readonly pods?: readonly AddonPod[];
  readonly releases: readonly AddonRelease[];
  readonly network: readonly NetworkRule[];
  /** Further objects in the add-on's folder (e.g. the IngressClass). @default - none */
  extraObjects?(scope: Construct, ctx: AddonContext): void;
  /**
   * References of the OCI artifacts the add-on's pods fetch at run time
   * besides their container images (rules files, plugins), as the chart's
   * templates put them into the pods' configuration, from the first
   * release's values coalesced over the chart's defaults. Each must be one of
   * the add-on's `images`, so that `dist/images.txt` lists it and an
   * air-gapped cluster fetches it from its mirror. @default - none
   */
  runtimeArtifacts?(values: unknown): string[];
}

/** How one image reference is built from the effective values (see `image-composition.ts` for the common idioms). */
export interface ImageComposition {
  /** The chart template that builds it (chart, version, file or helper). */
  readonly source: string;
  /** The reference the cluster pulls, from the values coalesced over the chart's defaults (and the cluster, for templates that read its version). */
  ref(values: unknown, ctx: AddonContext): string;
}
