/**
 * The platform of this organisation: its settings and clusters
 * (`platform/`), its tenants (`tenants/*.yaml`, one file per tenant) and what
 * it renders with — here the library's standard components, tenant parts and
 * passes. `npm run synth` renders it into `dist/`; `npm test` checks its
 * invariants (`test/platform.test.ts`).
 *
 * To add a component of your own, a part of every tenant environment or a
 * render pass, list it here, e.g.
 * `components: [...standardComponents(), costReports]` (see the library's
 * README, "Extending the platform").
 */
import { Platform } from 'cdk8s-platform';
import { clusters } from './platform/clusters';
import { settings } from './platform/settings';

export default new Platform({
  root: __dirname,
  settings,
  clusters,
});
