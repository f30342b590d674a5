/**
 * Snapshots of the rendered observability objects of the fixture organisation's
 * production cluster (rules, monitors, secrets, alert routing), so a review
 * sees every change to them.
 */
import { fixtureObjects } from '../support/platform';

const KINDS = ['PrometheusRule', 'PodMonitor', 'ExternalSecret', 'AlertmanagerConfig', 'DaemonSet', 'NetworkPolicy', 'PriorityClass', 'ClusterRole', 'Namespace'];

describe('observability objects of prod-eu1', () => {
  const objects = fixtureObjects('clusters/prod-eu1/')
    .filter(({ path, object }) => KINDS.includes(object.kind) && /\/(platform\/(logging|monitoring-rules)|tenants\/[^/]+)\//.test(path) && object.kind !== 'Namespace' || path.endsWith('/platform/logging/namespace-logging.yaml'))
    .filter(({ object }) => !(object.kind === 'NetworkPolicy' && !object.metadata.namespace?.startsWith('logging')));

  test.each(objects.map(({ path, object }) => [path, object]))('%s', (_path, object) => {
    expect(object).toMatchSnapshot();
  });
});
