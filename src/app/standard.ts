/**
 * The platform's standard parts: the components every cluster gets, the
 * control-plane contributions and the render passes. `npm run synth`, the
 * tests and the benchmark all render with these.
 */
import { refuseSecretData } from '../security/secret-data-pass';
import { tenancyComponent } from '../tenancy/tenancy-component';
import { RenderOptions } from './render-platform';

/** Options that render the full platform (all clusters, fleet included). */
export function standardRenderOptions(): RenderOptions {
  return {
    components: [tenancyComponent],
    controlPlane: [],
    passes: [refuseSecretData],
  };
}
