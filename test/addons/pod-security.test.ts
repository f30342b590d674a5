/**
 * Pod Security: every pod the add-ons' charts render — workloads with the
 * containers the platform adds (Velero's plugin init container), hook and
 * probe Jobs — satisfies the level its namespace enforces at the cluster's
 * Kubernetes version, evaluated with the port of k8s.io/pod-security-admission
 * (src/security/pod-security-standards.ts), whose version rules are checked
 * here too.
 */
import { addonPods } from '../../src/addons/addon-pods';
import { CATALOG } from '../../src/addons/catalog';
import { CHART_HARD_CODED } from '../../src/addons/versions';
import { evaluatePodSecurity, podSecurityChecks, PsaPod } from '../../src/security/pod-security-standards';
import { releaseCases } from '../support/addon-releases';

const restrictedPod = (over: Partial<PsaPod['spec']> = {}, container: Record<string, unknown> = {}): PsaPod => ({
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'c', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...container } }],
    ...over,
  },
});
const checks = (pod: PsaPod, level: 'baseline' | 'restricted', version: string) => evaluatePodSecurity(pod, level, version).map((v) => v.check);

describe('the Pod Security Standards port (k8s.io/pod-security-admission policy)', () => {
  test('a restricted pod passes; privileged runs no check', () => {
    expect(checks(restrictedPod(), 'restricted', '1.30')).toEqual([]);
    expect(evaluatePodSecurity({ spec: { hostNetwork: true, containers: [{ name: 'c', securityContext: { privileged: true } }] } }, 'privileged', '1.30')).toEqual([]);
  });

  test('an init container without a security context fails restricted (the Velero plugin container before the fix)', () => {
    const pod = restrictedPod({ initContainers: [{ name: 'velero-plugin-for-aws' }] });
    expect(checks(pod, 'restricted', '1.30')).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted']);
    expect(evaluatePodSecurity(pod, 'restricted', '1.30')[0].detail).toBe('container "velero-plugin-for-aws" must set securityContext.allowPrivilegeEscalation=false');
  });

  test('seccomp: the container or the pod must set RuntimeDefault or Localhost (istiod before the fix)', () => {
    const pod: PsaPod = { spec: { containers: [{ name: 'discovery', securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } } }] } };
    expect(checks(pod, 'restricted', '1.30')).toEqual(['seccompProfile_restricted']);
    expect(checks(pod, 'baseline', '1.30')).toEqual([]);
  });

  test('versions: each check applies from its MinimumVersion, restricted overrides its baseline counterpart', () => {
    const noDrop = restrictedPod({}, { capabilities: {} });
    expect(checks(noDrop, 'restricted', '1.21')).toEqual([]);
    expect(checks(noDrop, 'restricted', '1.22')).toEqual(['capabilities_restricted']);
    const root = restrictedPod({}, { runAsUser: 0 });
    expect(checks(root, 'restricted', '1.22')).toEqual([]);
    expect(checks(root, 'restricted', '1.23')).toEqual(['runAsUser']);
    const userns = { spec: { ...restrictedPod().spec, hostUsers: false, securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } };
    expect(checks(userns, 'restricted', '1.34')).toEqual(['runAsNonRoot']);
    expect(checks(userns, 'restricted', '1.35')).toEqual([]);
    const engine = restrictedPod({}, { seLinuxOptions: { type: 'container_engine_t' } });
    expect(checks(engine, 'baseline', '1.30')).toEqual(['seLinuxOptions']);
    expect(checks(engine, 'baseline', '1.31')).toEqual([]);
    const keepalive = restrictedPod({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.ipv4.tcp_keepalive_time' }] } });
    expect(checks(keepalive, 'baseline', '1.28')).toEqual(['sysctls']);
    expect(checks(keepalive, 'baseline', '1.29')).toEqual([]);
    const probeHost = restrictedPod({ containers: [{ ...restrictedPod().spec.containers[0], livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] });
    expect(checks(probeHost, 'baseline', '1.33')).toEqual([]);
    expect(checks(probeHost, 'baseline', '1.34')).toEqual(['hostProbesAndHostLifecycle']);
    const hostPath = restrictedPod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] });
    expect(checks(hostPath, 'baseline', '1.30')).toEqual(['hostPathVolumes']);
    expect(checks(hostPath, 'restricted', '1.30')).toEqual(['restrictedVolumes']);
    expect(checks(restrictedPod({}, { procMount: 'Unmasked' }), 'restricted', '1.35')).toEqual(['procMount_restricted']);
  });

  test('the restricted level at 1.30 runs every baseline and restricted check of k8s.io/pod-security-admission', () => {
    expect(podSecurityChecks('restricted', '1.30').map((c) => c.id)).toEqual([
      'appArmorProfile', 'hostNamespaces', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'sysctls', 'windowsHostProcess',
      'allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted',
    ]);
    expect(() => podSecurityChecks('restricted', 'v2')).toThrow(/must be 1.<minor> or latest/);
  });
});

describe('every pod the add-ons render', () => {
  const cases = releaseCases().filter((c) => c.release === c.addon.releases[0]);

  test('satisfies the Pod Security level of its namespace at the cluster\'s Kubernetes version', () => {
    const rejected: string[] = [];
    let pods = 0;
    for (const c of cases) {
      for (const p of addonPods(c.addon, c.ctx)) {
        pods++;
        for (const v of evaluatePodSecurity(p.pod, c.addon.podSecurity.level, c.cluster.kubernetesVersion)) {
          rejected.push(`${c.where} ${c.addon.name} ${p.name}: ${v.check}: ${v.detail}`);
        }
      }
    }
    expect(pods).toBeGreaterThan(100);
    expect([...new Set(rejected)]).toEqual([]);
  });

  test('include the hook Jobs and the containers the platform adds', () => {
    const velero = cases.find((c) => c.addon.name === 'velero')!;
    const pods = addonPods(velero.addon, velero.ctx);
    expect(pods.map((p) => p.name)).toEqual(['Deployment server', 'upgrade-crds Job (pre-install, pre-upgrade hook)']);
    expect(pods[0].pod.spec.initContainers!.map((c) => c.name)).toEqual(['velero-plugin-for-aws']);
    expect(pods[1].pod.spec.initContainers!.map((c) => c.name)).toEqual(['kubectl']);
    const gatekeeper = cases.find((c) => c.addon.name === 'gatekeeper')!;
    expect(addonPods(gatekeeper.addon, gatekeeper.ctx).map((p) => p.name)).toContain('webhook probe Job (post-install hook)');
    const certManager = cases.find((c) => c.addon.name === 'cert-manager')!;
    expect(addonPods(certManager.addon, certManager.ctx).map((p) => p.name)).toContain('startupapicheck Job (post-install hook)');
    const nginx = cases.find((c) => c.addon.name === 'ingress-nginx')!;
    const jobs = addonPods(nginx.addon, nginx.ctx).filter((p) => p.name.startsWith('admission webhook certificate Job'));
    expect(jobs.map((p) => p.pod.spec.containers.map((c) => c.name))).toEqual([['create'], ['patch']]);
    // Pod and container security contexts are the chart's (patch.securityContext, <job>.securityContext), not absent.
    for (const job of jobs) expect([job.pod.spec.securityContext, job.pod.spec.containers[0].securityContext]).toEqual([expect.any(Object), expect.any(Object)]);
  });
});

describe('security settings the charts hard-code', () => {
  test('a workload whose chart takes no container security context says so in versions.ts (CHART_HARD_CODED)', () => {
    const unexplained: string[] = [];
    for (const addon of Object.values(CATALOG)) {
      for (const w of addon.workloads) {
        const said = (CHART_HARD_CODED[addon.name] ?? []).some((line) => line.includes(w.name));
        if (!w.knobs.securityContext && !said) unexplained.push(`${addon.name}/${w.name}`);
      }
    }
    expect(unexplained).toEqual([]);
  });
});
