/**
 * One cluster with 1,000 tenants and the default settings renders, and what
 * grows per tenant stays linear and within its consumer's limits: no object
 * reaches 256 KiB (the client-side-apply annotation cap), the fluentd
 * configuration does not grow at all, and shared objects grow by a bounded
 * number of bytes per tenant. Speed is measured by `npm run bench`, not here.
 */
import { parseAllDocuments } from 'yaml';
import { renderUnit, renderUnits } from '../../src/assembly/render-platform';
import { ARGOCD_SYNC_OPTIONS } from '../../src/contracts/gitops-engine';
import { standardRenderOptions } from '../../src/app/standard';
import { PlatformSpec } from '../../src/spec/model';
import { loadTest, ONE_CLUSTER, settingsWith, tenantDoc } from '../support/observability';

/** Cluster c1 with Gatekeeper as its admission engine (one Constraint per policy, a value per tenant namespace). */
const GATEKEEPER_CLUSTER = [{ ...ONE_CLUSTER[0], admission: { engine: 'gatekeeper' as const } }];

function tenants(n: number, clusters = ONE_CLUSTER): PlatformSpec {
  return loadTest(settingsWith(), Array.from({ length: n }, (_, i) => tenantDoc(`team-${String(i).padStart(4, '0')}`, {
    alerting: { critical: { pagerduty: { routingKey: { key: 'alerting/pagerduty' } } } },
  })), clusters);
}

/** Every rendered file of cluster c1, by path. */
function render(platform: PlatformSpec): Map<string, string> {
  const out = new Map<string, string>();
  const options = standardRenderOptions(platform);
  for (const unit of renderUnits(platform, { fleet: false })) {
    for (const [path, text] of renderUnit(platform, options, unit).files) out.set(path, text);
  }
  return out;
}

/** Bytes of every rendered file, by path. */
function sizes(files: Map<string, string>): Map<string, number> {
  return new Map([...files].map(([path, text]) => [path, Buffer.byteLength(text)]));
}

/**
 * Synced shared objects (outside tenant folders) that grow from 100 to 1,000
 * tenants but are not applied server-side by Argo CD.
 */
function growingWithoutServerSideApply(small: Map<string, string>, large: Map<string, string>): string[] {
  const synced = /^clusters\/c1\/(platform|bootstrap)\//;
  return [...large].filter(([path, text]) => synced.test(path) && small.has(path) && text.length > small.get(path)!.length)
    .filter(([, text]) => parseAllDocuments(text).some((d) => {
      const options = String((d.toJS() as any)?.metadata?.annotations?.[ARGOCD_SYNC_OPTIONS] ?? '').split(',').map((o) => o.trim());
      return !options.includes('ServerSideApply=true');
    }))
    .map(([path]) => path);
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
  const smallFiles = render(tenants(100));
  const largeFiles = render(tenants(1000));
  const small = sizes(smallFiles);
  const large = sizes(largeFiles);

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

  test('every synced shared object that grows with the tenants is applied server-side (Argo CD sync option)', () => {
    expect(growingWithoutServerSideApply(smallFiles, largeFiles)).toEqual([]);
  });
});

describe('1,000 tenants on one Gatekeeper cluster', () => {
  const small = render(tenants(100, GATEKEEPER_CLUSTER));
  const large = render(tenants(1000, GATEKEEPER_CLUSTER));

  test('every object under 256 KiB; the growing ones, the Constraints included, are applied server-side', () => {
    const constraints = [...large.keys()].filter((p) => p.includes('/platform/admission-constraints/'));
    expect(constraints.length).toBeGreaterThan(10);
    const [path, text] = [...large].reduce((a, b) => (b[1].length > a[1].length ? b : a));
    expect([path, Buffer.byteLength(text) < 256 * 1024]).toEqual([path, true]);
    expect(growingWithoutServerSideApply(small, large)).toEqual([]);
  });
});
