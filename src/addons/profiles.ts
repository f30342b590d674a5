/**
 * The platform profiles — small, medium, enterprise — after the usual
 * organisation sizes. A profile decides which add-ons run by default
 * (mandatory, on by default, or available), how many replicas a replicated
 * platform workload runs, retention, storage and resource sizes.
 *
 * | | small | medium | enterprise |
 * | --- | --- | --- | --- |
 * | replicas (replicated / quorum) | 1 / 1 | 2 / 3 | 3 / 3 |
 * | PodDisruptionBudgets, topology spread | no | yes | yes |
 * | metrics retention | 7d | 15d | 30d |
 * | tenant backup retention | 7d | 14d | 30d |
 *
 * Plain data: no cdk8s types (the definition checks read it).
 */
import { AddonName, ProfileName } from '../spec/addon-names';

/**
 * How a profile treats an add-on:
 * - `mandatory`: on; switching it off needs a written reason in the cluster definition;
 * - `default`: on; may be switched off freely;
 * - `available`: off; may be switched on.
 */
export type AddonStance = 'mandatory' | 'default' | 'available';

/** Requests and limits of one container (cpu in cores/millicores, memory in bytes as Kubernetes quantities). */
export interface ContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** Resource classes a platform workload declares; the profile gives each its size. */
export const RESOURCE_CLASSES = ['tiny', 'small', 'medium', 'large'] as const;
export type ResourceClass = (typeof RESOURCE_CLASSES)[number];

export interface Profile {
  readonly name: ProfileName;
  readonly description: string;
  /** Stance of every add-on. */
  readonly addons: Readonly<Record<AddonName, AddonStance>>;
  /** Replicas of a replicated workload and of a quorum-based one (odd, for a majority). */
  readonly replicas: { readonly replicated: number; readonly quorum: number };
  /** Whether replicated workloads get a PodDisruptionBudget and topology spread constraints. */
  readonly highAvailability: boolean;
  /** Prometheus retention (time, as Prometheus spells it) and volume size. */
  readonly metrics: { readonly retention: string; readonly storage: string };
  /** Alertmanager volume size. */
  readonly alertmanagerStorage: string;
  /** Default retention of tenant and platform backups (`<n>d`). */
  readonly backupRetention: { readonly tenant: string; readonly platform: string };
  /** Container resources per resource class. */
  readonly resources: Readonly<Record<ResourceClass, ContainerResources>>;
}

const r = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string): ContainerResources =>
  ({ requests: { cpu, memory }, limits: { cpu: cpuLimit, memory: memoryLimit } });

/** The three profiles, by name. */
export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  small: {
    name: 'small',
    description: 'A few teams, one or two clusters: the essentials, single replicas.',
    addons: {
      'kube-prometheus-stack': 'mandatory',
      'cert-manager': 'mandatory',
      'ingress-nginx': 'mandatory',
      'external-dns': 'default',
      'metrics-server': 'mandatory',
      'kube-state-metrics': 'mandatory',
      'external-secrets': 'default',
      'velero': 'default',
      'gatekeeper': 'mandatory',
      'falco': 'available',
      'dex': 'default',
      'cluster-autoscaler': 'default',
      'opentelemetry-collector': 'available',
      'trivy-operator': 'available',
      'istio': 'available',
    },
    replicas: { replicated: 1, quorum: 1 },
    highAvailability: false,
    metrics: { retention: '7d', storage: '20Gi' },
    alertmanagerStorage: '1Gi',
    backupRetention: { tenant: '7d', platform: '7d' },
    resources: {
      tiny: r('10m', '32Mi', '100m', '64Mi'),
      small: r('50m', '64Mi', '200m', '128Mi'),
      medium: r('100m', '256Mi', '500m', '512Mi'),
      large: r('250m', '1Gi', '1', '2Gi'),
    },
  },
  medium: {
    name: 'medium',
    description: 'Tens of teams, several clusters: highly available, secrets and backups mandatory.',
    addons: {
      'kube-prometheus-stack': 'mandatory',
      'cert-manager': 'mandatory',
      'ingress-nginx': 'mandatory',
      'external-dns': 'default',
      'metrics-server': 'mandatory',
      'kube-state-metrics': 'mandatory',
      'external-secrets': 'mandatory',
      'velero': 'mandatory',
      'gatekeeper': 'mandatory',
      'falco': 'default',
      'dex': 'default',
      'cluster-autoscaler': 'mandatory',
      'opentelemetry-collector': 'available',
      'trivy-operator': 'default',
      'istio': 'available',
    },
    replicas: { replicated: 2, quorum: 3 },
    highAvailability: true,
    metrics: { retention: '15d', storage: '100Gi' },
    alertmanagerStorage: '2Gi',
    backupRetention: { tenant: '14d', platform: '14d' },
    resources: {
      tiny: r('20m', '64Mi', '200m', '128Mi'),
      small: r('100m', '128Mi', '500m', '256Mi'),
      medium: r('250m', '512Mi', '1', '1Gi'),
      large: r('500m', '2Gi', '2', '4Gi'),
    },
  },
  enterprise: {
    name: 'enterprise',
    description: 'Many teams, regulated workloads: every add-on, three replicas across zones, long retention.',
    addons: {
      'kube-prometheus-stack': 'mandatory',
      'cert-manager': 'mandatory',
      'ingress-nginx': 'mandatory',
      'external-dns': 'mandatory',
      'metrics-server': 'mandatory',
      'kube-state-metrics': 'mandatory',
      'external-secrets': 'mandatory',
      'velero': 'mandatory',
      'gatekeeper': 'mandatory',
      'falco': 'mandatory',
      'dex': 'mandatory',
      'cluster-autoscaler': 'mandatory',
      'opentelemetry-collector': 'default',
      'trivy-operator': 'mandatory',
      'istio': 'default',
    },
    replicas: { replicated: 3, quorum: 3 },
    highAvailability: true,
    metrics: { retention: '30d', storage: '250Gi' },
    alertmanagerStorage: '5Gi',
    backupRetention: { tenant: '30d', platform: '90d' },
    resources: {
      tiny: r('50m', '64Mi', '250m', '256Mi'),
      small: r('100m', '256Mi', '1', '512Mi'),
      medium: r('500m', '1Gi', '2', '2Gi'),
      large: r('1', '4Gi', '4', '8Gi'),
    },
  },
};
