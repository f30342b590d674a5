/**
 * Helm values against the pinned charts (`../shared/charts/`, read in place,
 * and the generated `imports/charts/`): every value path the platform sets is
 * declared by the chart version or listed as read by a template, the values
 * pass the chart's own JSON Schema, PodDisruptionBudget values survive Helm's
 * merge with the chart's defaults, and `imports/charts/` is what the import
 * generates from the chart data.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { CertManagerChartValues, CHARTS, IstiodChartValues } from '../../imports/charts';
import { generateChartImports } from '../../scripts/import-charts';
import { CATALOG } from '../../src/addons/catalog';
import { TEMPLATE_VALUES } from '../../src/addons/chart-template-values';
import { coalesceValues, describeUndeclared, schemaProblems, undeclaredValues } from '../../src/addons/chart-values';
import { getPath } from '../../src/addons/knobs';
import { releaseCases } from '../support/addon-releases';
import { ROOT } from '../support/platform';

const SHARED = path.resolve(ROOT, '../shared/charts');
const cases = releaseCases();

describe('chart data', () => {
  test('imports/charts is what npm run import:charts generates from ../shared/charts', () => {
    const generated = generateChartImports(SHARED);
    const committed = new Map(fs.readdirSync(path.join(ROOT, 'imports/charts')).map((f) => [f, fs.readFileSync(path.join(ROOT, 'imports/charts', f), 'utf8')]));
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) expect({ file, same: committed.get(file) === text }).toEqual({ file, same: true });
  });

  test('a value the chart does not declare fails to compile (tsc checks the @ts-expect-error lines in npm test)', () => {
    // @ts-expect-error replicaCont is not a value of cert-manager v1.21.1
    const typo: CertManagerChartValues = { replicaCont: 5 };
    // @ts-expect-error istiod 1.27.1 reads no pilot.securityContext (its container security context is fixed)
    const dead: IstiodChartValues = { pilot: { securityContext: { runAsNonRoot: true } } };
    const declared: IstiodChartValues = { pilot: { seccompProfile: { type: 'RuntimeDefault' } }, pdb: { minAvailable: 2 } };
    expect([typo, dead, declared]).toHaveLength(3);
  });

  test('every pinned chart version has its data in ../shared/charts and imports/charts', () => {
    for (const addon of Object.values(CATALOG)) {
      for (const r of addon.releases) {
        expect(fs.existsSync(path.join(SHARED, `${r.chart.chart}-${r.chart.version}`, 'values.yaml'))).toBe(true);
        expect(CHARTS[r.chart.chart]?.version).toBe(r.chart.version);
      }
    }
  });

  test('every template-read value is one values.yaml does not declare (or declares null or {}), with its template', () => {
    const needless: string[] = [];
    for (const [chart, entries] of Object.entries(TEMPLATE_VALUES)) {
      const dir = fs.readdirSync(SHARED).find((d) => d.startsWith(`${chart}-`) && /-v?\d/.test(d.slice(chart.length)))!;
      const values = parse(fs.readFileSync(path.join(SHARED, dir, 'values.yaml'), 'utf8'));
      for (const e of entries) {
        expect(e.reason).toMatch(/templates\//);
        const v = getPath(values, e.path);
        const retyped = v === null || (e.type === 'map' && typeof v === 'object');
        if (v !== undefined && !retyped) needless.push(`${chart} ${e.path}`);
      }
    }
    expect(needless).toEqual([]);
  });
});

describe('the values the platform sets for every chart', () => {
  test('cover every cluster of the fixture organisation and of the default platform', () => {
    expect(new Set(cases.map((c) => c.where)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(cases.map((c) => c.release.chart.chart)).size).toBe(Object.keys(CHARTS).length);
  });

  test('declare only value paths the chart version declares or a template reads', () => {
    const found = new Set<string>();
    for (const c of cases) {
      const chart = CHARTS[c.release.chart.chart];
      for (const u of undeclaredValues(chart.tree, c.values)) found.add(`${c.addon.name}: ${describeUndeclared(u, chart)}`);
    }
    expect([...found].sort()).toEqual([]);
  });

  test('pass the chart\'s own values.schema.json (coalesced over its defaults, as helm install validates)', () => {
    const found = new Set<string>();
    for (const c of cases) {
      const chart = CHARTS[c.release.chart.chart];
      for (const p of schemaProblems(chart, c.values)) found.add(`${c.where} ${c.addon.name}: ${p}`);
    }
    expect([...found].sort()).toEqual([]);
    expect(Object.values(CHARTS).filter((c) => c.schema).map((c) => c.chart).sort()).toEqual(['cert-manager', 'external-dns', 'external-secrets', 'opentelemetry-collector', 'velero']);
  });

  test('the check names a dead key with the chart\'s closest key, and a schema violation', () => {
    const istiod = CHARTS.istiod;
    expect(undeclaredValues(istiod.tree, { pilot: { securityContext: { runAsNonRoot: true }, podDisruptionBudget: { minAvailable: 1 } } }).map((u) => describeUndeclared(u, istiod)))
      .toEqual(['pilot.securityContext is not a value chart istiod 1.27.1 declares', 'pilot.podDisruptionBudget is not a value chart istiod 1.27.1 declares']);
    const certManager = CHARTS['cert-manager'];
    expect(undeclaredValues(certManager.tree, { replicaCont: 5 }).map((u) => describeUndeclared(u, certManager)))
      .toEqual(['replicaCont is not a value chart cert-manager v1.21.1 declares (did you mean "replicaCount"?)']);
    expect(undeclaredValues(CHARTS.falco.tree, { priorityClassName: 'x' })[0].suggestion).toBe('podPriorityClassName');
    expect(schemaProblems(CHARTS.velero, { upgradeCRDs: 'yes' })).toEqual(['/upgradeCRDs: must be boolean']);
  });

  test('PodDisruptionBudgets merge with the chart defaults into one of minAvailable or maxUnavailable', () => {
    const found: string[] = [];
    for (const c of cases) {
      for (const w of c.addon.workloads) {
        if (!w.knobs.pdb || (w.release ?? c.addon.releases[0].name) !== c.release.name) continue;
        const pdb = getPath(c.effective, w.knobs.pdb.path) as Record<string, unknown> | undefined;
        if (pdb && pdb.minAvailable !== undefined && pdb.maxUnavailable !== undefined) found.push(`${c.where} ${c.addon.name}/${w.name}: ${JSON.stringify(pdb)}`);
      }
    }
    expect(found).toEqual([]);
    // Helm's coalescing: null deletes the chart's default.
    expect(coalesceValues({ podDisruptionBudget: { maxUnavailable: 1 } }, { podDisruptionBudget: { minAvailable: 2, maxUnavailable: null } })).toEqual({ podDisruptionBudget: { minAvailable: 2 } });
  });
});
