/**
 * The platform's standard parts: the components every cluster gets, the
 * control-plane contributions and the render passes. `npm run synth`, the
 * tests and the benchmark all render with these.
 */
import { loggingComponent } from '../observability/logging-component';
import { monitoringRulesComponent } from '../observability/monitoring-component';
import { tenantObservabilityPart } from '../observability/tenant-observability';
import { MONITORING_TENANT_RULES } from '../observability/tenant-roles';
import { refuseSecretData } from '../security/secret-data-pass';
import { createTenancyComponent } from '../tenancy/tenancy-component';
import { RenderOptions } from './render-platform';

/** Options that render the full platform (all clusters, fleet included). */
export function standardRenderOptions(): RenderOptions {
  return {
    components: [createTenancyComponent({ extraRules: MONITORING_TENANT_RULES }), loggingComponent, monitoringRulesComponent],
    controlPlane: [],
    tenantParts: [tenantObservabilityPart],
    passes: [refuseSecretData],
  };
}
