/**
 * A small platform for the security tests: one tenant environment placed on
 * three clusters that differ only in how admission is enforced —
 * ValidatingAdmissionPolicy v1beta1 (Kubernetes 1.29), v1 (1.30) and
 * Gatekeeper (1.30) — so every policy is checked on each engine with the
 * same allowances.
 */
import { parse } from 'yaml';
import { renderPlatform } from '../../src/assembly/render-platform';
import { standardRenderOptions } from '../../src/app/standard';
import { settings } from '../fixtures/example-org/platform/settings';
import { KubeObject } from '../../src/render/manifests';
import { ClusterInput } from '../../src/spec/cluster';
import { TEST_CLUSTER_ADDONS } from './definitions';
import { loadPlatform, PlatformSources } from '../../src/definition/load';
import { PlatformSpec } from '../../src/spec/model';

const repo = 'https://git.example.com/platform/p.git';

/** Registry paths of the images the test clusters' add-ons pull (small profile, see TEST_CLUSTER_ADDONS). */
const ADDON_IMAGE_PATHS = ['quay.io/prometheus', 'quay.io/prometheus-operator', 'quay.io/kiwigrid', 'quay.io/jetstack', 'ghcr.io/jkroepke', 'ghcr.io/external-secrets', 'ghcr.io/dexidp', 'docker.io/grafana', 'docker.io/openpolicyagent', 'docker.io/curlimages'];

function cluster(name: string, kubernetesVersion: string, engine: 'validating-admission-policy' | 'gatekeeper'): ClusterInput {
  return {
    name, environment: 'prod', region: 'eu-west-1', zones: ['eu-west-1a'], kubernetesVersion,
    ingressDomain: `${name}.apps.example.com`,
    oidc: { groupPrefix: 'oidc:' },
    gitops: { engine: 'argocd', repoURL: repo },
    admission: {
      engine,
      // The tenants' registry and registry.k8s.io, plus the paths of the add-ons' own images (validation refuses
      // a cluster whose allow-list refuses the images its add-ons pull).
      allowedRegistries: ['registry.example.com', 'registry.k8s.io', ...ADDON_IMAGE_PATHS],
      exemptions: [
        { namespace: 'kube-system', policies: ['allowed-registries', 'image-tag', 'privileged', 'host-namespaces', 'host-path'], justification: 'node-level system components of Kubernetes itself' },
        { namespace: 'monitoring', policies: ['host-namespaces', 'host-path'], justification: 'node-exporter reads host metrics from /proc and /sys' },
      ],
    },
    secretStore: { vault: { server: 'https://vault.example.com:8200' } },
    certificates: { acme: { email: 'platform@example.com', dns01: { route53: { region: 'eu-west-1' } } } },
    addons: TEST_CLUSTER_ADDONS,
  };
}

/** Cluster names by engine. */
export const ENGINE_CLUSTERS = { vapBeta: 'vap-beta', vapGa: 'vap-ga', gatekeeper: 'gk' } as const;

const shop = `apiVersion: platform.cdk8s.io/v1alpha1
kind: Tenant
metadata: { name: shop }
spec:
  owners: [{ name: Sam Lee, email: sam.lee@example.com }]
  costCenter: cc-1
  access:
    admin: { groups: [shop-admins] }
    developer: { groups: [shop-developers] }
    viewer: { groups: [shop-support] }
  environments:
    prod:
      clusters: [vap-beta, vap-ga, gk]
      quota: { cpu: { requests: "4", limits: "8" }, memory: { requests: 8Gi, limits: 16Gi } }
      ingressDomains: [shop.example.com]
      storageClasses: [fast-ssd]
      priorityClasses: [high]
      audit:
        - level: Request
          resources: [{ group: apps, resources: [deployments] }]
          verbs: [get, list]
      externalSecrets:
        - name: db
          data: [{ secretKey: password, remoteRef: { key: shop/prod/db, property: password } }]
      isolation:
        tolerations:
          - { key: example.com/gpu, justification: the recommender trains on the GPU node pool }
        ingressAnnotations:
          - { annotation: nginx.ingress.kubernetes.io/auth-url, justification: the shop's own SSO proxy authenticates the back office }
`;

const batch = `apiVersion: platform.cdk8s.io/v1alpha1
kind: Tenant
metadata: { name: batch }
spec:
  owners: [{ name: Kim Park, email: kim.park@example.com }]
  costCenter: cc-2
  access:
    admin: { groups: [batch-admins] }
  environments:
    prod:
      clusters: [vap-beta, vap-ga, gk]
      quota: { cpu: { requests: "4", limits: "8" }, memory: { requests: 8Gi, limits: 16Gi }, loadBalancers: 1 }
      podSecurity:
        level: baseline
        justification: the vendor image runs as root until SEC-1 is fixed
      isolation:
        exceptions:
          - { control: external-name-services, justification: the vendor job reaches its licence server by a DNS alias }
`;

/** The sources of the security test platform. */
export function securitySources(): PlatformSources {
  return {
    settings,
    settingsFile: 'settings.ts',
    clusters: [cluster('vap-beta', '1.29', 'validating-admission-policy'), cluster('vap-ga', '1.30', 'validating-admission-policy'), cluster('gk', '1.30', 'gatekeeper')],
    clustersFile: 'clusters.ts',
    tenantFiles: [{ file: 'tenants/batch.yaml', text: batch }, { file: 'tenants/shop.yaml', text: shop }],
  };
}

let cached: { platform: PlatformSpec; files: Map<string, string> } | undefined;

/** The security test platform, validated and rendered (once per test file). */
export function securityPlatform(): { platform: PlatformSpec; files: Map<string, string> } {
  if (!cached) {
    const platform = loadPlatform(securitySources());
    cached = { platform, files: renderPlatform(platform, standardRenderOptions()).files };
  }
  return cached;
}

/** The rendered object at `dist/<path>`. @throws Error when there is none */
export function renderedObject(path: string): KubeObject {
  const text = securityPlatform().files.get(path);
  if (!text) throw new Error(`nothing rendered at ${path}`);
  return parse(text) as KubeObject;
}

/** Every rendered object under `dist/<prefix>`. */
export function renderedObjects(prefix: string): KubeObject[] {
  return [...securityPlatform().files].filter(([p]) => p.startsWith(prefix) && p.endsWith('.yaml'))
    .sort(([a], [b]) => a.localeCompare(b)).map(([, t]) => parse(t) as KubeObject);
}
