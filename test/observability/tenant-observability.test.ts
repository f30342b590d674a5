/**
 * The observability parts render only when the platform declares
 * `settings.observability`, and tenant parts land in the tenant's folder.
 */
import { renderPlatform } from '../../src/assembly/render-platform';
import { standardRenderOptions } from '../../src/app/standard';
import { loadTest, settingsWith, tenantDoc } from '../support/observability';

const tenant = tenantDoc('a', {
  slos: [{ name: 'api', availability: { objective: 99.5, metric: 'http_requests_total', selector: { job: 'a' } } }],
  alerting: { info: { email: { to: ['a@example.com'] } } },
});

describe('observability in the rendered platform', () => {
  test('tenant SLO rules and alert routing go into the tenant folder, in its namespace', () => {
    const files = [...renderPlatform(loadTest(settingsWith(), [tenant]), standardRenderOptions()).files.keys()];
    expect(files.filter((f) => f.startsWith('clusters/c1/tenants/a/') && /prometheusrule|alertmanagerconfig|externalsecret/.test(f))).toEqual([
      'clusters/c1/tenants/a/prometheusrule-a-slos.yaml',
      'clusters/c1/tenants/a/alertmanagerconfig-a-alerts.yaml',
    ]);
    expect(files.some((f) => f.startsWith('clusters/c1/platform/logging/'))).toBe(true);
    expect(files.some((f) => f.startsWith('clusters/c1/platform/monitoring-rules/'))).toBe(true);
  });

  test('without settings.observability nothing of it is rendered', () => {
    const files = [...renderPlatform(loadTest(settingsWith(null), [tenantDoc('a')]), standardRenderOptions()).files.keys()];
    expect(files.filter((f) => /platform\/(logging|monitoring-rules)\/|prometheusrule|alertmanagerconfig/.test(f))).toEqual([]);
  });
});
