/**
 * The monitoring fields of the definition: the tenant scrape limits can only
 * be loosened with a written justification, and the dead man's switch is
 * required (or refused with a justification).
 */
import { DefinitionError } from '../../src/spec/problems';
import { TENANT_SCRAPE_LIMIT_DEFAULTS } from '../../src/spec/tenant-monitoring';
import { loadTest, settingsWith } from '../support/observability';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DefinitionError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('expected a DefinitionError');
}

const alerting = settingsWith().observability!.alerting!;

describe('tenant monitoring limits', () => {
  test('default to the restricted values', () => {
    expect(loadTest(settingsWith(), []).settings.observability!.tenantMonitoring.limits).toEqual(TENANT_SCRAPE_LIMIT_DEFAULTS);
  });

  test('tightening needs no justification; loosening does, naming each loosened limit and its default', () => {
    expect(loadTest(settingsWith({ tenantMonitoring: { limits: { samplesPerScrape: 5000 } } }), []).settings.observability!.tenantMonitoring.limits.samplesPerScrape).toBe(5000);
    expect(problems(() => loadTest(settingsWith({ tenantMonitoring: { limits: { samplesPerScrape: 200_000, bodySizeMiB: 64 } } }), []))).toEqual([
      'observability.tenantMonitoring.limits.bodySizeMiB: is above the restricted default 16; set tenantMonitoring.justification to loosen a limit',
      'observability.tenantMonitoring.limits.samplesPerScrape: is above the restricted default 20000; set tenantMonitoring.justification to loosen a limit',
    ]);
    const justified = loadTest(settingsWith({ tenantMonitoring: { limits: { samplesPerScrape: 200_000 }, justification: 'the search team exports per-shard histograms; capacity planned in PLAT-123' } }), []);
    expect(justified.settings.observability!.tenantMonitoring.limits.samplesPerScrape).toBe(200_000);
  });
});

describe('dead man\'s switch', () => {
  test('is required', () => {
    const { deadMansSwitch: _drop, ...rest } = alerting as any;
    expect(problems(() => loadTest(settingsWith({ alerting: rest }), [])).join('\n')).toMatch(/observability\.alerting\.deadMansSwitch/);
  });

  test('none needs a written justification', () => {
    expect(problems(() => loadTest(settingsWith({ alerting: { ...alerting, deadMansSwitch: { none: { justification: 'no' } } } as any }), [])).join('\n'))
      .toMatch(/deadMansSwitch/);
    expect(loadTest(settingsWith({ alerting: { ...alerting, deadMansSwitch: { none: { justification: 'lab cluster, nobody is paged for it' } } } as any }), []).settings.observability!.alerting.deadMansSwitch)
      .toEqual({ none: { justification: 'lab cluster, nobody is paged for it' } });
  });
});
