/**
 * The Pod Security Standards as the PodSecurity admission plugin enforces
 * them: a port of the checks of `k8s.io/pod-security-admission/policy`
 * (kubernetes/kubernetes `staging/src/k8s.io/pod-security-admission/policy`,
 * the `check_*.go` files and `registry.go`, at commit 8f84a87 of the
 * published repository, which covers Kubernetes 1.0 to 1.37). Every check of
 * the `baseline` and `restricted` levels is here, with every version of it
 * (`MinimumVersion`), and the registry's rules for choosing them: a level
 * runs, for a Kubernetes minor version, the newest version of each of its
 * checks that is not newer than it; `restricted` runs its own checks plus the
 * baseline checks that none of its checks at that version overrides
 * (`OverrideCheckIDs`); `privileged` runs none.
 *
 * Input is a plain pod template (`metadata` with annotations, and `spec`) as
 * rendered YAML has it; output is one result per failed check, with the
 * upstream check ID, reason and detail.
 */

/** A Pod Security level. */
export type PodSecurityStandard = 'privileged' | 'baseline' | 'restricted';

/** A container as the checks read it (plain rendered YAML). */
export interface PsaContainer {
  readonly name: string;
  readonly securityContext?: Record<string, any>;
  readonly ports?: readonly { readonly hostPort?: number }[];
  readonly livenessProbe?: Record<string, any>;
  readonly readinessProbe?: Record<string, any>;
  readonly startupProbe?: Record<string, any>;
  readonly lifecycle?: Record<string, any>;
  readonly [key: string]: unknown;
}

/** A pod spec as the checks read it. */
export interface PsaPodSpec {
  readonly containers: readonly PsaContainer[];
  readonly initContainers?: readonly PsaContainer[];
  readonly ephemeralContainers?: readonly PsaContainer[];
  readonly securityContext?: Record<string, any>;
  readonly volumes?: readonly Record<string, any>[];
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly hostUsers?: boolean;
  readonly os?: { readonly name: string };
  readonly [key: string]: unknown;
}

/** A pod template: metadata (annotations matter) and spec. */
export interface PsaPod {
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
  readonly spec: PsaPodSpec;
}

/** A failed check. */
export interface PsaViolation {
  /** Upstream check ID, e.g. `seccompProfile_restricted`. */
  readonly check: string;
  readonly reason: string;
  readonly detail: string;
}

export type Result = { allowed: true } | { allowed: false; reason: string; detail: string };
export type CheckPod = (meta: PsaPod['metadata'], spec: PsaPodSpec) => Result;
export interface VersionedCheck { readonly minimumVersion: number; readonly checkPod: CheckPod; readonly overrideCheckIDs?: readonly string[] }
export interface Check { readonly id: string; readonly level: 'baseline' | 'restricted'; readonly versions: readonly VersionedCheck[] }

const OK: Result = { allowed: true };
const fail = (reason: string, detail: string): Result => ({ allowed: false, reason, detail });

/** `visitContainers` (policy/visitor.go): init containers, containers, ephemeral containers. */
function visitContainers(spec: PsaPodSpec, visit: (c: PsaContainer) => void): void {
  for (const c of spec.initContainers ?? []) visit(c);
  for (const c of spec.containers ?? []) visit(c);
  for (const c of spec.ephemeralContainers ?? []) visit(c);
}

const pluralize = (one: string, many: string, n: number) => (n === 1 ? one : many);
const joinQuote = (items: readonly string[]) => items.map((i) => JSON.stringify(i)).join(', ');
const containers = (names: readonly string[]) => `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
const sorted = (s: Set<string>) => [...s].sort();
/** `relaxPolicyForUserNamespacePod` (policy/helpers.go): `hostUsers: false`. */
const userNamespace = (spec: PsaPodSpec) => spec.hostUsers === false;
const windows = (spec: PsaPodSpec) => spec.os?.name === 'windows';
/** Minor version number for `1.<minor>`. */
const v = (minor: number) => minor;

// check_allowPrivilegeEscalation.go
const allowPrivilegeEscalation18: CheckPod = (_m, spec) => {
  const bad: string[] = [];
  visitContainers(spec, (c) => { if (c.securityContext?.allowPrivilegeEscalation !== false) bad.push(c.name); });
  return bad.length ? fail('allowPrivilegeEscalation != false', `${containers(bad)} must set securityContext.allowPrivilegeEscalation=false`) : OK;
};

// check_appArmorProfile.go
const appArmorProfile10: CheckPod = (meta, spec) => {
  const okType = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
  const okAnnotation = (val: string) => val === '' || val === 'runtime/default' || val.startsWith('localhost/');
  const setters: string[] = [];
  const values = new Set<string>();
  const podProfile = spec.securityContext?.appArmorProfile;
  if (podProfile && !okType(podProfile.type)) { setters.push('pod'); values.add(String(podProfile.type)); }
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    const p = c.securityContext?.appArmorProfile;
    if (p && !okType(p.type)) { bad.push(c.name); values.add(String(p.type)); }
  });
  if (bad.length) setters.push(containers(bad));
  const annotations = Object.entries(meta?.annotations ?? {})
    .filter(([k, val]) => k.startsWith('container.apparmor.security.beta.kubernetes.io/') && !okAnnotation(val))
    .map(([k, val]) => `${k}=${JSON.stringify(val)}`).sort();
  const list = sorted(values);
  if (annotations.length) { list.push(...annotations); setters.push(pluralize('annotation', 'annotations', annotations.length)); }
  return setters.length ? fail(pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', list.length), `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(list)}`) : OK;
};

// check_capabilities_baseline.go
const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const capabilitiesBaseline10: CheckPod = (_m, spec) => {
  const bad: string[] = [];
  const caps = new Set<string>();
  visitContainers(spec, (c) => {
    const add: string[] = c.securityContext?.capabilities?.add ?? [];
    const forbidden = add.filter((x) => !BASELINE_CAPABILITIES.has(x));
    forbidden.forEach((x) => caps.add(x));
    if (forbidden.length) bad.push(c.name);
  });
  return bad.length ? fail('non-default capabilities', `${containers(bad)} must not include ${joinQuote(sorted(caps))} in securityContext.capabilities.add`) : OK;
};

// check_capabilities_restricted.go
const capabilitiesRestricted122: CheckPod = (_m, spec) => {
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const caps = new Set<string>();
  visitContainers(spec, (c) => {
    const capabilities = c.securityContext?.capabilities;
    if (!capabilities) { missingDrop.push(c.name); return; }
    if (!(capabilities.drop ?? []).includes('ALL')) missingDrop.push(c.name);
    const forbidden = (capabilities.add ?? []).filter((x: string) => x !== 'NET_BIND_SERVICE');
    forbidden.forEach((x: string) => caps.add(x));
    if (forbidden.length) adding.push(c.name);
  });
  const details: string[] = [];
  if (missingDrop.length) details.push(`${containers(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length) details.push(`${containers(adding)} must not include ${joinQuote(sorted(caps))} in securityContext.capabilities.add`);
  return details.length ? fail('unrestricted capabilities', details.join('; ')) : OK;
};

// check_hostNamespaces.go
const hostNamespaces10: CheckPod = (_m, spec) => {
  const found = [spec.hostNetwork && 'hostNetwork=true', spec.hostPID && 'hostPID=true', spec.hostIPC && 'hostIPC=true'].filter((x): x is string => !!x);
  return found.length ? fail('host namespaces', found.join(', ')) : OK;
};

// check_hostPathVolumes.go
const hostPathVolumes10: CheckPod = (_m, spec) => {
  const bad = (spec.volumes ?? []).filter((vol) => vol.hostPath != null).map((vol) => String(vol.name));
  return bad.length ? fail('hostPath volumes', `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`) : OK;
};

// check_hostPorts.go
const hostPorts10: CheckPod = (_m, spec) => {
  const bad: string[] = [];
  const ports = new Set<string>();
  visitContainers(spec, (c) => {
    const forbidden = (c.ports ?? []).filter((p) => (p.hostPort ?? 0) !== 0);
    forbidden.forEach((p) => ports.add(String(p.hostPort)));
    if (forbidden.length) bad.push(c.name);
  });
  return bad.length ? fail('hostPort', `${containers(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', ports.size)} ${sorted(ports).join(', ')}`) : OK;
};

// check_hostProbesAndhostLifecycle.go
const hostProbesAndHostLifecycle134: CheckPod = (_m, spec) => {
  const bad = new Set<string>();
  const hosts = new Set<string>();
  const inspect = (name: string, handler: Record<string, any> | undefined) => {
    for (const h of [handler?.httpGet?.host, handler?.tcpSocket?.host]) {
      if (typeof h === 'string' && h !== '') { bad.add(name); hosts.add(h); }
    }
  };
  visitContainers(spec, (c) => {
    inspect(c.name, c.livenessProbe); inspect(c.name, c.readinessProbe); inspect(c.name, c.startupProbe);
    inspect(c.name, c.lifecycle?.postStart); inspect(c.name, c.lifecycle?.preStop);
  });
  return bad.size ? fail('probe or lifecycle host', `${containers(sorted(bad))} ${pluralize('uses', 'use', bad.size)} ${pluralize('host', 'hosts', hosts.size)} ${sorted(hosts).join(', ')}`) : OK;
};

// check_privileged.go
const privileged10: CheckPod = (_m, spec) => {
  const bad: string[] = [];
  visitContainers(spec, (c) => { if (c.securityContext?.privileged === true) bad.push(c.name); });
  return bad.length ? fail('privileged', `${containers(bad)} must not set securityContext.privileged=true`) : OK;
};

// check_procMount_baseline.go / check_procMount_restricted.go
const procMount10: CheckPod = (_m, spec) => {
  const bad: string[] = [];
  const types = new Set<string>();
  visitContainers(spec, (c) => {
    const pm = c.securityContext?.procMount;
    if (pm != null && pm !== 'Default') { bad.push(c.name); types.add(String(pm)); }
  });
  return bad.length ? fail('procMount', `${containers(bad)} must not set securityContext.procMount to ${joinQuote(sorted(types))}`) : OK;
};
const procMount135Baseline: CheckPod = (m, spec) => (userNamespace(spec) ? OK : procMount10(m, spec));

// check_restrictedVolumes.go
const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
const KNOWN_VOLUME_SOURCES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos'];
const restrictedVolumes10: CheckPod = (_m, spec) => {
  const bad: string[] = [];
  const types = new Set<string>();
  for (const vol of spec.volumes ?? []) {
    if (ALLOWED_VOLUME_SOURCES.some((s) => vol[s] != null)) continue;
    // A volume without a source is defaulted to emptyDir by the API server before admission
    // (kubernetes pkg/apis/core/v1/defaults.go SetDefaults_Volume).
    if (Object.keys(vol).every((k) => k === 'name')) continue;
    bad.push(String(vol.name));
    types.add(KNOWN_VOLUME_SOURCES.find((s) => vol[s] != null) ?? 'unknown');
  }
  return bad.length ? fail('restricted volume types', `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} restricted ${pluralize('volume type', 'volume types', types.size)} ${joinQuote(sorted(types))}`) : OK;
};

// check_runAsNonRoot.go
const runAsNonRoot10: CheckPod = (_m, spec) => {
  const setters: string[] = [];
  let podNonRoot = false;
  const podValue = spec.securityContext?.runAsNonRoot;
  if (podValue != null) { if (!podValue) setters.push('pod'); else podNonRoot = true; }
  const explicit: string[] = [];
  const implicit: string[] = [];
  visitContainers(spec, (c) => {
    const value = c.securityContext?.runAsNonRoot;
    if (value != null) { if (!value) explicit.push(c.name); } else if (!podNonRoot) implicit.push(c.name);
  });
  if (explicit.length) setters.push(containers(explicit));
  if (setters.length) return fail('runAsNonRoot != true', `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`);
  if (implicit.length) return fail('runAsNonRoot != true', `pod or ${containers(implicit)} must set securityContext.runAsNonRoot=true`);
  return OK;
};
const runAsNonRoot135: CheckPod = (m, spec) => (userNamespace(spec) ? OK : runAsNonRoot10(m, spec));

// check_runAsUser.go
const runAsUser123: CheckPod = (_m, spec) => {
  const setters: string[] = [];
  if (spec.securityContext?.runAsUser === 0) setters.push('pod');
  const explicit: string[] = [];
  visitContainers(spec, (c) => { if (c.securityContext?.runAsUser === 0) explicit.push(c.name); });
  if (explicit.length) setters.push(containers(explicit));
  return setters.length ? fail('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`) : OK;
};
const runAsUser135: CheckPod = (m, spec) => (userNamespace(spec) ? OK : runAsUser123(m, spec));

// check_seLinuxOptions.go
const SELINUX_TYPES_10 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_131 = new Set([...SELINUX_TYPES_10, 'container_engine_t']);
const seLinuxOptions = (allowed: Set<string>): CheckPod => (_m, spec) => {
  const setters: string[] = [];
  const types = new Set<string>();
  let setUser = false;
  let setRole = false;
  const valid = (o: Record<string, any>) => {
    let ok = true;
    if (!allowed.has(o.type ?? '')) { ok = false; types.add(o.type ?? ''); }
    if (o.user) { ok = false; setUser = true; }
    if (o.role) { ok = false; setRole = true; }
    return ok;
  };
  if (spec.securityContext?.seLinuxOptions && !valid(spec.securityContext.seLinuxOptions)) setters.push('pod');
  const bad: string[] = [];
  visitContainers(spec, (c) => { if (c.securityContext?.seLinuxOptions && !valid(c.securityContext.seLinuxOptions)) bad.push(c.name); });
  if (bad.length) setters.push(containers(bad));
  if (!setters.length) return OK;
  const data: string[] = [];
  if (types.size) data.push(`${pluralize('type', 'types', types.size)} ${joinQuote(sorted(types))}`);
  if (setUser) data.push('user may not be set');
  if (setRole) data.push('role may not be set');
  return fail('seLinuxOptions', `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`);
};

// check_seccompProfile_baseline.go
const okSeccomp = (t: unknown) => t === 'Localhost' || t === 'RuntimeDefault';
const okSeccompAnnotation = (val: string) => val === 'runtime/default' || val === 'docker/default' || val.startsWith('localhost/');
const seccompBaseline10: CheckPod = (meta, spec) => {
  const forbidden = new Set<string>();
  const ann = meta?.annotations ?? {};
  const pod = ann['seccomp.security.alpha.kubernetes.io/pod'];
  if (pod !== undefined && !okSeccompAnnotation(pod)) forbidden.add(`seccomp.security.alpha.kubernetes.io/pod=${JSON.stringify(pod)}`);
  visitContainers(spec, (c) => {
    const key = `container.seccomp.security.alpha.kubernetes.io/${c.name}`;
    if (ann[key] !== undefined && !okSeccompAnnotation(ann[key])) forbidden.add(`${key}=${JSON.stringify(ann[key])}`);
  });
  return forbidden.size ? fail('seccompProfile', `forbidden ${pluralize('annotation', 'annotations', forbidden.size)} ${sorted(forbidden).join(', ')}`) : OK;
};
const seccompBaseline119: CheckPod = (_m, spec) => {
  const setters: string[] = [];
  const values = new Set<string>();
  const pod = spec.securityContext?.seccompProfile;
  if (pod && !okSeccomp(pod.type)) { setters.push('pod'); values.add(String(pod.type)); }
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    const p = c.securityContext?.seccompProfile;
    if (p && !okSeccomp(p.type)) { bad.push(c.name); values.add(String(p.type)); }
  });
  if (bad.length) setters.push(containers(bad));
  return setters.length ? fail('seccompProfile', `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sorted(values))}`) : OK;
};

// check_seccompProfile_restricted.go
const seccompRestricted119: CheckPod = (_m, spec) => {
  const setters: string[] = [];
  const values = new Set<string>();
  let podSet = false;
  const pod = spec.securityContext?.seccompProfile;
  if (pod) { if (!okSeccomp(pod.type)) { setters.push('pod'); values.add(String(pod.type)); } else podSet = true; }
  const explicit: string[] = [];
  const implicit: string[] = [];
  visitContainers(spec, (c) => {
    const p = c.securityContext?.seccompProfile;
    if (p) { if (!okSeccomp(p.type)) { explicit.push(c.name); values.add(String(p.type)); } } else if (!podSet) implicit.push(c.name);
  });
  if (explicit.length) setters.push(containers(explicit));
  if (setters.length) return fail('seccompProfile', `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sorted(values))}`);
  if (implicit.length) return fail('seccompProfile', `pod or ${containers(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`);
  return OK;
};

// check_sysctls.go
const SYSCTLS_10 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SYSCTLS_127 = [...SYSCTLS_10, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_129 = [...SYSCTLS_127, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SYSCTLS_132 = [...SYSCTLS_129, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SYSCTLS_137 = [...SYSCTLS_132, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];
const sysctls = (allowed: readonly string[]): CheckPod => (_m, spec) => {
  const bad = ((spec.securityContext?.sysctls ?? []) as { name: string }[]).map((s) => s.name).filter((n) => !allowed.includes(n));
  return bad.length ? fail('forbidden sysctls', bad.join(', ')) : OK;
};

// check_windowsHostProcess.go
const windowsHostProcess10: CheckPod = (_m, spec) => {
  const bad: string[] = [];
  visitContainers(spec, (c) => { if (c.securityContext?.windowsOptions?.hostProcess === true) bad.push(c.name); });
  const setters: string[] = [];
  if (spec.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod');
  if (bad.length) setters.push(containers(bad));
  return setters.length ? fail('hostProcess', `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`) : OK;
};

const notOnWindows = (check: CheckPod): CheckPod => (m, spec) => (windows(spec) ? OK : check(m, spec));

/** Every check, as `policy/check_*.go` registers it (`addCheck`). */
export const POD_SECURITY_CHECKS: readonly Check[] = [
  { id: 'allowPrivilegeEscalation', level: 'restricted', versions: [{ minimumVersion: v(8), checkPod: allowPrivilegeEscalation18 }, { minimumVersion: v(25), checkPod: notOnWindows(allowPrivilegeEscalation18) }] },
  { id: 'appArmorProfile', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: appArmorProfile10 }] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: capabilitiesBaseline10 }] },
  { id: 'capabilities_restricted', level: 'restricted', versions: [
    { minimumVersion: v(22), checkPod: capabilitiesRestricted122, overrideCheckIDs: ['capabilities_baseline'] },
    { minimumVersion: v(25), checkPod: notOnWindows(capabilitiesRestricted122), overrideCheckIDs: ['capabilities_baseline'] },
  ] },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: hostNamespaces10 }] },
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: hostPathVolumes10 }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: hostPorts10 }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [{ minimumVersion: v(34), checkPod: hostProbesAndHostLifecycle134 }] },
  { id: 'privileged', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: privileged10 }] },
  { id: 'procMount', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: procMount10 }, { minimumVersion: v(35), checkPod: procMount135Baseline }] },
  { id: 'procMount_restricted', level: 'restricted', versions: [{ minimumVersion: v(35), checkPod: procMount10, overrideCheckIDs: ['procMount'] }] },
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ minimumVersion: v(0), checkPod: restrictedVolumes10, overrideCheckIDs: ['hostPathVolumes'] }] },
  { id: 'runAsNonRoot', level: 'restricted', versions: [{ minimumVersion: v(0), checkPod: runAsNonRoot10 }, { minimumVersion: v(35), checkPod: runAsNonRoot135 }] },
  { id: 'runAsUser', level: 'restricted', versions: [{ minimumVersion: v(23), checkPod: runAsUser123 }, { minimumVersion: v(35), checkPod: runAsUser135 }] },
  { id: 'seLinuxOptions', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: seLinuxOptions(SELINUX_TYPES_10) }, { minimumVersion: v(31), checkPod: seLinuxOptions(SELINUX_TYPES_131) }] },
  { id: 'seccompProfile_baseline', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: seccompBaseline10 }, { minimumVersion: v(19), checkPod: seccompBaseline119 }] },
  { id: 'seccompProfile_restricted', level: 'restricted', versions: [
    { minimumVersion: v(19), checkPod: seccompRestricted119, overrideCheckIDs: ['seccompProfile_baseline'] },
    { minimumVersion: v(25), checkPod: notOnWindows(seccompRestricted119), overrideCheckIDs: ['seccompProfile_baseline'] },
  ] },
  { id: 'sysctls', level: 'baseline', versions: [
    { minimumVersion: v(0), checkPod: sysctls(SYSCTLS_10) }, { minimumVersion: v(27), checkPod: sysctls(SYSCTLS_127) },
    { minimumVersion: v(29), checkPod: sysctls(SYSCTLS_129) }, { minimumVersion: v(32), checkPod: sysctls(SYSCTLS_132) },
    { minimumVersion: v(37), checkPod: sysctls(SYSCTLS_137) },
  ] },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ minimumVersion: v(0), checkPod: windowsHostProcess10 }] },
];

/** The newest Kubernetes minor any check knows; newer versions evaluate as this one (`registry.go`: `maxVersion`). */
export const POD_SECURITY_MAX_MINOR = Math.max(...POD_SECURITY_CHECKS.flatMap((c) => c.versions.map((x) => x.minimumVersion)));

/** The version of `check` in force at minor `minor`, if any (`inflateVersions`). */
function versionAt(check: Check, minor: number): VersionedCheck | undefined {
  return [...check.versions].reverse().find((x) => x.minimumVersion <= minor);
}

/**
 * The checks a level runs at a Kubernetes version, in the registry's order
 * (baseline IDs sorted, then restricted IDs sorted).
 *
 * @param version `1.<minor>` or `latest`
 * @throws Error on a version that is not `1.<minor>` or `latest`
 */
export function podSecurityChecks(level: PodSecurityStandard, version: string): { id: string; checkPod: CheckPod }[] {
  if (level === 'privileged') return [];
  const match = /^v?1\.(\d+)$/.exec(version);
  if (!match && version !== 'latest') throw new Error(`Pod Security version "${version}": must be 1.<minor> or latest`);
  const minor = Math.min(match ? Number(match[1]) : POD_SECURITY_MAX_MINOR, POD_SECURITY_MAX_MINOR);
  const at = (l: 'baseline' | 'restricted') => POD_SECURITY_CHECKS
    .filter((c) => c.level === l)
    .map((c) => ({ id: c.id, vc: versionAt(c, minor) }))
    .filter((x): x is { id: string; vc: VersionedCheck } => x.vc !== undefined)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const baseline = at('baseline');
  if (level === 'baseline') return baseline.map((x) => ({ id: x.id, checkPod: x.vc.checkPod }));
  const restricted = at('restricted');
  const overridden = new Set(restricted.flatMap((x) => x.vc.overrideCheckIDs ?? []));
  return [...baseline.filter((x) => !overridden.has(x.id)), ...restricted].map((x) => ({ id: x.id, checkPod: x.vc.checkPod }));
}

/**
 * Evaluates a pod template against a level at a version, as the PodSecurity
 * admission plugin does for `enforce` (`EvaluatePod`).
 *
 * @param version the namespace's `pod-security.kubernetes.io/enforce-version` (`1.<minor>` or `latest`)
 * @returns the failed checks; empty when the pod is admitted
 */
export function evaluatePodSecurity(pod: PsaPod, level: PodSecurityStandard, version: string): PsaViolation[] {
  const out: PsaViolation[] = [];
  for (const { id, checkPod } of podSecurityChecks(level, version)) {
    const r = checkPod(pod.metadata, pod.spec);
    if (!r.allowed) out.push({ check: id, reason: r.reason, detail: r.detail });
  }
  return out;
}
