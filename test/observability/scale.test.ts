/**
 * One cluster with 1,000 tenants and the default settings renders, and what
 * grows per tenant stays linear and within its consumer's limits: no object
 * reaches 256 KiB (the client-side-apply annotation cap), the fluentd
 * configuration does not grow at all, and shared objects grow by a bounded
 * number of bytes per tenant. Speed is measured by `npm run bench`, not here.
 */
import { renderUnit, renderUnits } from '../../src/assembly/render-platform';
import { standardRenderOptions } from '../../src/app/standard';
import { PlatformSpec } from '../../src/spec/model';
import { loadTest, settingsWith, tenantDoc } from '../support/observability';

function tenants(n: number): PlatformSpec {
  return loadTest(settingsWith(), Array.from({ length: n }, (_, i) => tenantDoc(`team-${String(i).padStart(4, '0')}`, {
    alerting: { critical: { pagerduty: { routingKey: { key: 'alerting/pagerduty' } } } },
  })));
}

/** Bytes of every rendered file of cluster c1, by path. */
function sizes(platform: PlatformSpec): Map<string, number> {
  const out = new Map<string, number>();
  const options = standardRenderOptions(platform);
  for (const unit of renderUnits(platform, { fleet: false })) {
    for (const [path, text] of renderUnit(platform, options, unit).files) out.set(path, Buffer.byteLength(text));
  }
  return out;
}

/** The largest file of each kind (file name prefix) among shared files (not in a tenant's folder). */
function sharedByKind(s: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [path, bytes] of s) {
    if (path.includes('/tenants/')) continue;
    const kind = path.split('/').pop()!.split('-')[0];
    out.set(kind, Math.max(out.get(kind) ?? 0, bytes));
  }
  return out;
}

describe('1,000 tenants on one cluster with the default settings', () => {
  const small = sizes(tenants(100));
  const large = sizes(tenants(1000));

  test('renders, every object under 256 KiB', () => {
    const namespaces = [...large.keys()].filter((p) => /\/tenants\/[^/]+\/namespace-/.test(p));
    expect(namespaces).toHaveLength(1000);
    const [path, bytes] = [...large].reduce((a, b) => (b[1] > a[1] ? b : a));
    expect([path, bytes < 256 * 1024]).toEqual([path, true]);
  });

  test('the fluentd configuration is the same at 100 and 1,000 tenants; shared objects grow by at most 200 bytes a tenant', () => {
    const conf = (s: Map<string, number>) => s.get('clusters/c1/platform/logging/configmap-fluentd-config.yaml');
    expect(conf(large)).toBe(conf(small));
    const before = sharedByKind(small);
    const growth = [...sharedByKind(large)].map(([kind, bytes]) => [kind, (bytes - (before.get(kind) ?? 0)) / 900] as const)
      .filter(([, perTenant]) => perTenant > 200);
    expect(growth).toEqual([]);
  });
});
