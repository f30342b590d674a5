/**
 * The Argo CD settings the platform's AppProjects and Applications rely on,
 * for Argo CD's own install (never synced by the platform):
 *
 * `argocd-cm`:
 * - `application.sync.impersonation.enabled: "true"`: Applications sync as
 *   the ServiceAccount their AppProject's `destinationServiceAccounts` names
 *   — a tenant's as its `gitops-deploy` ServiceAccount, confined by RBAC to
 *   its namespace — instead of as the application controller (Argo CD docs,
 *   "Application Sync using impersonation", beta since v3.5.0). Enforced (the
 *   default, `application.sync.impersonation.enforced`): a project without a
 *   matching ServiceAccount cannot sync at all, so the platform's own
 *   projects name the controller's ServiceAccount;
 * - `application.resourceTrackingMethod: annotation`: Argo CD recognises its
 *   objects by the `argocd.argoproj.io/tracking-id` annotation, which names
 *   the Application and the object itself, not by a label any tenant can copy
 *   onto another object (Argo CD docs, "Resource Tracking");
 * - `resource.customizations.health.argoproj.io_Application`: the health of
 *   a child Application, so the root Application's sync waves wait for the
 *   folders a wave needs to be healthy (Argo CD docs, "Resource Health",
 *   "Argocd App": the check was removed in 1.8 and is restored this way);
 * - `resource.customizations.health.templates.gatekeeper.sh_ConstraintTemplate`:
 *   a template is healthy once Gatekeeper has created its Constraint CRD
 *   (`status.created`), so the Constraints' folder syncs after that.
 *
 * `argocd-rbac-cm`:
 * - `policy.default: ""`: no role for users a policy does not name (a
 *   default `role:readonly` would let every tenant read every other tenant's
 *   Applications and their manifests);
 * - `scopes: "[groups]"`: project roles match the OIDC `groups` claim, which
 *   the tenant AppProjects' roles use.
 */
import { Construct } from 'constructs';
import { ConfigFile } from '../../render/config-file';
import { toYaml } from '../../render/yaml';

/** The Application health check of the Argo CD docs ("Resource Health", "Argocd App"). */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;

/** ConstraintTemplate health: Healthy once Gatekeeper reports `status.created` (its CRD exists). */
export const CONSTRAINT_TEMPLATE_HEALTH_LUA = `hs = {}
if obj.status ~= nil and obj.status.created == true then
  hs.status = "Healthy"
  hs.message = "Constraint CRD created"
  return hs
end
hs.status = "Progressing"
hs.message = "Waiting for Gatekeeper to create the Constraint CRD"
return hs
`;

/** `argocd-cm` data the platform needs. */
export function argocdCmData(): Record<string, string> {
  return {
    'application.resourceTrackingMethod': 'annotation',
    'application.sync.impersonation.enabled': 'true',
    'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA,
    'resource.customizations.health.templates.gatekeeper.sh_ConstraintTemplate': CONSTRAINT_TEMPLATE_HEALTH_LUA,
  };
}

/** `argocd-rbac-cm` data the platform needs. */
export function argocdRbacCmData(): Record<string, string> {
  return { 'policy.default': '', 'scopes': '[groups]' };
}

/** The application controller's ServiceAccount (Argo CD install manifests), as `<namespace>:<name>`. */
export function controllerServiceAccount(argocdNamespace: string): string {
  return `${argocdNamespace}:argocd-application-controller`;
}

export interface ArgoCdSettingsProps {
  /** Namespace Argo CD runs in. */
  readonly namespace: string;
}

/**
 * `gitops-engine/kustomization.yaml` — a Kustomize Component that merges the
 * settings into `argocd-cm` and `argocd-rbac-cm` of Argo CD's install
 * manifests — and `gitops-engine/values-argo-cd.yaml`, the same as values of
 * the argo-cd Helm chart (`configs.cm`, `configs.rbac`).
 */
export class ArgoCdSettings extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdSettingsProps) {
    super(scope, id);
    const configMap = (name: string, data: Record<string, string>) => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: props.namespace }, data,
    });
    new ConfigFile(this, 'Component', {
      fileName: 'kustomization.yaml',
      content: {
        apiVersion: 'kustomize.config.k8s.io/v1alpha1',
        kind: 'Component',
        patches: [
          { patch: toYaml(configMap('argocd-cm', argocdCmData())) },
          { patch: toYaml(configMap('argocd-rbac-cm', argocdRbacCmData())) },
        ],
      },
    });
    new ConfigFile(this, 'HelmValues', {
      fileName: 'values-argo-cd.yaml',
      content: { configs: { cm: argocdCmData(), rbac: argocdRbacCmData() } },
    });
  }
}
