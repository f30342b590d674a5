/**
 * The platform's standard parts: the components every cluster gets, the
 * control-plane contributions and the render passes. `npm run synth`, the
 * tests and the benchmark all render with these.
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
import { securityControlPlane } from '../security/control-plane/security-control-plane';
import { identityComponent } from '../security/identity/identity-component';
import { rbacComponent } from '../security/rbac/rbac-component';
import { refuseSecretData } from '../security/secret-data-pass';
import { secretsComponent } from '../security/secrets/secrets-component';
import { EXTERNAL_SECRETS_TENANT_RULES } from '../security/secrets/tenant-secret-rules';
import { PlatformSpec } from '../spec/model';
import { storageComponent } from '../storage/cluster-storage';
import { createTenancyComponent } from '../tenancy/tenancy-component';
import { combineRoleRules } from '../tenancy/tenant-roles';
import { RenderOptions } from './render-platform';

/**
 * Options that render the full platform (all clusters, fleet included).
 *
 * @param platform the platform, for passes that depend on it (the registry
 *   mirror rewrite of air-gapped clusters); without it those passes are left out
 */
export function standardRenderOptions(platform?: PlatformSpec): RenderOptions {
  return {
    components: [
      foundationComponent,
      storageComponent,
      createTenancyComponent({ extraRules: combineRoleRules(EXTERNAL_SECRETS_TENANT_RULES, MONITORING_TENANT_RULES) }),
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
    ],
    controlPlane: [securityControlPlane],
    external: [tenantLogAccessPart],
    tenantParts: [tenantObservabilityPart],
    passes: [refuseSecretData, ...(platform ? [mirrorImagesPass(platform)] : [])],
  };
}
