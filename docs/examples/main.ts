// docs/examples/main.ts — an organisation's main.ts composing the standard platform with its own parts.
import { Platform, standardComponents, standardExternalParts, standardTenantParts } from 'cdk8s-platform';
import { accessReview } from './access-review';
import { costReport } from './cost-report';
import { noNodePorts } from './no-node-ports';
import { clusters } from './platform/clusters';
import { settings } from './platform/settings';
import { teamDashboard } from './team-dashboard';

export default new Platform({
  root: __dirname,
  settings,
  clusters,
  components: [...standardComponents(), costReport],
  tenantParts: [...standardTenantParts(), teamDashboard],
  external: [...standardExternalParts(), accessReview],
  passes: [noNodePorts],
});
