/**
 * Flux's multi-tenancy lock-down, as fluxcd/flux2-multi-tenancy applies it
 * (README "Enforce tenant isolation"; `clusters/production/flux-system/kustomization.yaml`)
 * and the Flux docs describe it ("Multi-tenancy lockdown"):
 *
 * - `--no-cross-namespace-refs=true` on kustomize-, helm-, notification-,
 *   image-reflector- and image-automation-controller: an object may only
 *   refer to sources (and dependencies) in its own namespace, so a tenant
 *   cannot use another tenant's or the platform's GitRepository;
 * - `--no-remote-bases=true` on kustomize-controller: a kustomization may
 *   only use files of its own source, never a remote base that bypasses the
 *   sources the platform approved;
 * - `--default-service-account=<sa>` on kustomize- and helm-controller: a
 *   Kustomization or HelmRelease that names no ServiceAccount impersonates
 *   `<sa>` of its own namespace — `default`, which holds no rights — instead
 *   of running as the controller (cluster-admin).
 *
 * Controller behaviour at kustomize-controller v1.9.4
 * (`internal/controller/kustomization_controller.go`: impersonation with
 * `WithServiceAccount(DefaultServiceAccount, spec.serviceAccountName,
 * namespace)`, "cross-namespace references have been blocked",
 * `generator.SecureBuild(..., !NoRemoteBases)`).
 *
 * Rendered as a Kustomize Component for Flux's own install (see
 * {@link FluxLockdown}), never applied by the platform's sync.
 */
import { Construct } from 'constructs';
import { ConfigFile } from '../../render/config-file';

/** API groups of Flux's CRDs (source-, kustomize-, helm-, notification- and image-controllers). */
export const FLUX_GROUPS: readonly string[] = [
  'source.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io',
  'notification.toolkit.fluxcd.io', 'image.toolkit.fluxcd.io',
];

/** kustomize-controller's own ServiceAccount (cluster-admin in Flux's install): the platform's Kustomizations apply as it. */
export const KUSTOMIZE_CONTROLLER_SA = 'kustomize-controller';
/** helm-controller's own ServiceAccount: the platform's HelmReleases install as it. */
export const HELM_CONTROLLER_SA = 'helm-controller';
/** The ServiceAccount impersonated when an object names none: `default`, which holds no rights. */
export const DEFAULT_IMPERSONATED_SA = 'default';

/** The controller flags of the lock-down, by controller Deployment. */
export const LOCKDOWN_FLAGS: Readonly<Record<string, readonly string[]>> = {
  'kustomize-controller': ['--no-cross-namespace-refs=true', '--no-remote-bases=true', `--default-service-account=${DEFAULT_IMPERSONATED_SA}`],
  'helm-controller': ['--no-cross-namespace-refs=true', `--default-service-account=${DEFAULT_IMPERSONATED_SA}`],
  'notification-controller': ['--no-cross-namespace-refs=true'],
  'image-reflector-controller': ['--no-cross-namespace-refs=true'],
  'image-automation-controller': ['--no-cross-namespace-refs=true'],
};

/** Name of Flux's own root Kustomization, as `flux bootstrap` creates it. */
export const FLUX_SYSTEM_KUSTOMIZATION = 'flux-system';

/** The Kustomize Component (`kustomization.yaml`) that applies the lock-down to Flux's install. */
export function fluxLockdownComponent(): Record<string, unknown> {
  const addArg = (value: string) => `- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: ${value}\n`;
  return {
    apiVersion: 'kustomize.config.k8s.io/v1alpha1',
    kind: 'Component',
    patches: [
      ...Object.entries(LOCKDOWN_FLAGS).map(([deployment, flags]) => ({
        target: { kind: 'Deployment', name: deployment },
        patch: flags.map(addArg).join(''),
      })),
      // The root Kustomization applies as kustomize-controller, not as `default`.
      {
        target: { kind: 'Kustomization', name: FLUX_SYSTEM_KUSTOMIZATION },
        patch: `- op: add\n  path: /spec/serviceAccountName\n  value: ${KUSTOMIZE_CONTROLLER_SA}\n`,
      },
    ],
  };
}

/**
 * `gitops-engine/kustomization.yaml`: the lock-down as a Kustomize Component.
 * Add it to the `kustomization.yaml` that `flux bootstrap` writes into
 * `flux-system/` (`components: [<relative path to this folder>]`).
 */
export class FluxLockdown extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ConfigFile(this, 'Component', { fileName: 'kustomization.yaml', content: fluxLockdownComponent() });
  }
}
