/**
 * The platform's standard parts: the components every cluster gets, the
 * control-plane contributions, the tenant parts and the render passes. An
 * organisation's `main.ts` renders with these unless it composes its own
 * lists (usually the standard ones plus its own); the library's tests and the
 * benchmark render with them.
 */
import { addonComponents } from '../addons/catalog';
import { certificatesComponent } from '../addons/cluster-issuers';
import { mirrorImagesPass } from '../addons/image-mirror-pass';
import { foundationComponent } from '../addons/platform-priority-class';
import { backupComponent } from '../backup/velero-backup';
import { meshComponent } from '../mesh/mesh-component';
import { tenantLogAccessPart } from '../observability/backend/tenant-log-access';
import { loggingComponent } from '../observability/logging-component';
import { monitoringRulesComponent } from '../observability/monitoring-component';
import { tenantObservabilityPart } from '../observability/tenant-observability';
import { tenantMonitoringComponent } from '../observability/tenant-monitoring-component';
import { MONITORING_TENANT_RULES } from '../observability/tenant-roles';
import { admissionComponent, admissionConstraintsComponent } from '../security/admission/admission-component';
import { CERT_MANAGER_TENANT_RULES } from '../security/certificates/tenant-certificate-rules';
import { securityControlPlane } from '../security/control-plane/security-control-plane';
import { identityComponent } from '../security/identity/identity-component';
import { rbacComponent } from '../security/rbac/rbac-component';
import { refuseSecretData } from '../security/secret-data-pass';
import { secretsComponent } from '../security/secrets/secrets-component';
import { secretBackendPart } from '../security/secrets/secret-backend-files';
import { EXTERNAL_SECRETS_TENANT_RULES } from '../security/secrets/tenant-secret-rules';
import { PlatformSpec } from '../spec/model';
import { storageComponent } from '../storage/cluster-storage';
import { createTenancyComponent } from '../tenancy/tenancy-component';
import { combineRoleRules } from '../tenancy/tenant-roles';
import { RenderOptions } from '../assembly/render-platform';
import { registerRecipe, RenderRecipe } from '../assembly/render-recipe';
import { ControlPlanePart, ExternalPart, PlatformComponent, TenantPart } from '../contracts/component';
import { ManifestPass } from '../render/render';

/**
 * The standard platform components, in rendering order: foundation
 * (PriorityClass), storage, tenancy, platform RBAC, admission, secrets,
 * admission constraints, identity, every add-on of the catalog (each enabled
 * per cluster by its profile and overrides), certificates, backup, mesh,
 * logging, monitoring rules and the tenants' Prometheus.
 *
 * @returns a new array each call, to extend or filter
 */
export function standardComponents(): PlatformComponent[] {
  return [
    foundationComponent,
    storageComponent,
    createTenancyComponent({ extraRules: combineRoleRules(EXTERNAL_SECRETS_TENANT_RULES, MONITORING_TENANT_RULES, CERT_MANAGER_TENANT_RULES) }),
    rbacComponent,
    admissionComponent,
    admissionConstraintsComponent,
    secretsComponent,
    identityComponent,
    ...addonComponents(),
    certificatesComponent,
    backupComponent,
    meshComponent,
    loggingComponent,
    monitoringRulesComponent,
    tenantMonitoringComponent,
  ];
}

/** The standard contributions to every tenant environment: its SLO rules and alert routing. */
export function standardTenantParts(): TenantPart[] {
  return [tenantObservabilityPart];
}

/**
 * The standard folders of files a team outside GitOps applies: the per-tenant
 * roles of the log backend (`logging-backend/`) and the per-tenant policies
 * and roles of the secret backend (`secret-backend/`).
 */
export function standardExternalParts(): ExternalPart[] {
  return [tenantLogAccessPart, secretBackendPart];
}

/** The standard contributions to each cluster's `control-plane/` folder: the API-server security files. */
export function standardControlPlane(): ControlPlanePart[] {
  return [securityControlPlane];
}

/**
 * The standard render passes: refuse any Secret with data, and (with
 * `platform`) rewrite the images of air-gapped clusters to their registry mirror.
 *
 * @param platform the platform, for the mirror rewrite; without it that pass is left out
 */
export function standardPasses(platform?: PlatformSpec): ManifestPass[] {
  return [refuseSecretData, ...(platform ? [mirrorImagesPass(platform)] : [])];
}

/**
 * Options that render the full platform (all clusters, fleet included).
 *
 * @param platform the platform, for passes that depend on it (the registry
 *   mirror rewrite of air-gapped clusters); without it those passes are left out
 */
export function standardRenderOptions(platform?: PlatformSpec): RenderOptions {
  return {
    components: standardComponents(),
    controlPlane: standardControlPlane(),
    external: standardExternalParts(),
    tenantParts: standardTenantParts(),
    passes: standardPasses(platform),
  };
}

/** Registry key of {@link standardRecipe}. */
export const STANDARD_RECIPE_KEY = 'cdk8s-platform/standard';

/** The standard render, as a recipe render threads can rebuild (this module registers it). */
export const standardRecipe: RenderRecipe = {
  renderOptions: (platform) => standardRenderOptions(platform),
  worker: { entry: __filename, key: STANDARD_RECIPE_KEY },
};

registerRecipe(STANDARD_RECIPE_KEY, standardRecipe);
