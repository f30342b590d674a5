/**
 * The platform's standard parts: the components every cluster gets, the
 * control-plane contributions and the render passes. `npm run synth`, the
 * tests and the benchmark all render with these.
 */
import { admissionComponent } from '../security/admission/admission-component';
import { securityControlPlane } from '../security/control-plane/security-control-plane';
import { identityComponent } from '../security/identity/identity-component';
import { rbacComponent } from '../security/rbac/rbac-component';
import { refuseSecretData } from '../security/secret-data-pass';
import { secretsComponent } from '../security/secrets/secrets-component';
import { tenancyComponent } from '../tenancy/tenancy-component';
import { RenderOptions } from './render-platform';

/** Options that render the full platform (all clusters, fleet included). */
export function standardRenderOptions(): RenderOptions {
  return {
    components: [tenancyComponent, rbacComponent, admissionComponent, secretsComponent, identityComponent],
    controlPlane: [securityControlPlane],
    passes: [refuseSecretData],
  };
}
