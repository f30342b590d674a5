/**
 * The review of whole-tenant changes on the fixture organisation: offboarding
 * a tenant raises no flag (its peers' allowances go too, which only tightens)
 * so `--fail-on high` lets it through; onboarding raises only low flags,
 * grouped per tenant and kind; a 1,000-tenant onboarding fits a pull request
 * comment, with what is left out counted, and the complete report keeps all.
 */
import { parse, stringify } from 'yaml';
import { renderDist } from '../../src/app/synth';
import { diffDist } from '../../src/review/dist-diff';
import { groupFlags } from '../../src/review/flag-groups';
import { GITHUB_COMMENT_LIMIT, markdownReport, textReport } from '../../src/review/report';
import { detectRisks } from '../../src/review/risk/detect';
import { loadPlatform } from '../../src/definition/load';
import { fixtureFiles, fixtureSources } from '../support/platform';
import { onboardedCopies, onboardedDiff, tenantFile } from './support';

/** The fixture organisation rendered with its tenant files changed by `edit`. */
function renderWith(edit: (files: { file: string; text: string }[]) => { file: string; text: string }[]): Map<string, string> {
  const sources = fixtureSources();
  return renderDist(loadPlatform({ ...sources, tenantFiles: edit([...sources.tenantFiles]) })).files;
}

describe('offboarding a tenant', () => {
  // checkout leaves; payments and catalog-search drop their allowFrom of it, as validation requires.
  const after = renderWith((files) => files.filter((f) => !f.file.endsWith('checkout.yaml')).map((f) => {
    const tenant = parse(f.text);
    for (const env of Object.values<any>(tenant.spec.environments)) {
      if (env.network?.allowFrom) env.network.allowFrom = env.network.allowFrom.filter((a: { tenant?: string }) => a.tenant !== 'checkout');
    }
    return { ...f, text: stringify(tenant) };
  }));
  const diff = diffDist(fixtureFiles(), after);

  test('removes its namespaces and its peers\' allowances of it', () => {
    const removed = diff.changes.filter((c) => c.type === 'removed').map((c) => c.before!.label);
    expect(removed).toContainEqual('Namespace checkout-prod');
    expect(removed).toContainEqual('NetworkPolicy payments-prod/allow-from-tenant-checkout');
    // Gatekeeper: one Constraint per policy, whose per-namespace values lose the tenant's entry.
    const constraint = diff.changes.find((c) => c.type === 'changed' && c.after!.label === 'PlatformIngressHosts ingress-hosts')!;
    expect(Object.keys((constraint.after!.object as any).spec.parameters.namespaces)).not.toContain('checkout-staging');
    expect(Object.keys((constraint.before!.object as any).spec.parameters.namespaces)).toContain('checkout-staging');
  });

  test('raises no flag: nothing is loosened, so a --fail-on high gate lets it through', () => {
    expect(detectRisks(diff)).toEqual([]);
  });
});

describe('onboarding tenants', () => {
  const before = fixtureFiles();
  const withBilling = renderWith((files) => [...files, tenantFile('billing')]);
  const names = (n: number) => ['billing', ...Array.from({ length: n - 1 }, (_, i) => `tenant-${String(i + 1).padStart(4, '0')}`)];

  test('one tenant: only low flags, and one medium for the peer whose egress now reaches it', () => {
    const flags = detectRisks(diffDist(before, withBilling));
    const above = flags.filter((f) => f.level !== 'low').map((f) => `${f.rule} ${f.cluster} ${f.subject}: ${f.message}`);
    // billing accepts traffic from checkout: checkout's pods may now open connections to billing's.
    expect(above).toEqual(['network-policy-loosened prod-eu1 NetworkPolicy checkout-prod/allow-egress-to-tenant-billing: egress now allowed to namespace billing-prod on any port/TCP, any port/UDP']);
    // The same diff through diffDist on the copied files: the shortcut the larger cases take finds the same changes.
    const viaCopies = diffDist(before, onboardedCopies(before, withBilling, 'billing', names(3)));
    expect(viaCopies.changes.map((c) => c.id)).toEqual(onboardedDiff(before, withBilling, 'billing', names(3)).changes.map((c) => c.id));
    expect(flags.filter((f) => f.level === 'high')).toEqual([]);
  });

  test('60 tenants: role-binding-added once per tenant and cluster with its count, not once per RoleBinding', () => {
    const diff = onboardedDiff(before, withBilling, 'billing', names(60));
    const flags = detectRisks(diff);
    const bindings = flags.filter((f) => f.rule === 'role-binding-added');
    const groups = groupFlags(bindings);
    expect(bindings.length).toBeGreaterThanOrEqual(8 * 60);
    expect(groups.length).toBe(60 * 2); // dev-eu1 and prod-eu1
    const text = textReport({ before: 'a', after: 'b', diff, flags });
    const lines = text.split('\n\nBy cluster and tenant')[0].split('\n').filter((l) => /^ {2}LOW +role-binding-added/.test(l));
    expect(lines.length).toBe(120);
    expect(lines[0]).toMatch(/^ {2}LOW +role-binding-added ×\d+ +dev-eu1 · tenant billing$/);
  });

  test('1,000 tenants: the Markdown report fits a comment, counts what it leaves out and names the complete report', () => {
    const diff = onboardedDiff(before, withBilling, 'billing', names(1000));
    const report = { before: 'main', after: 'head', diff, flags: detectRisks(diff) };
    const url = 'https://github.com/example/platform/actions/runs/1';
    const md = markdownReport(report, { detailsUrl: url });
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toMatch(new RegExp(`\\*\\*[\\d,]+ of ${diff.changes.length.toLocaleString('en-US')} changes are not shown here\\*\\* \\(comment size limit\\); the complete report: ${url}\\.\\n$`));
    // Flag groups beyond the table are summed per kind; tenant rows beyond the summary per cluster.
    expect(md).toMatch(/\| low \| `role-binding-added` \| \d+ more groups: [\d,]+ tenants on 2 clusters \| [\d,]+ \| not listed here; the complete report/);
    expect(md).toMatch(/\| &nbsp;&nbsp;[\d,]+ more tenants \| \d+ \| 0 \| 0 \|/);
    // Tenants added whole are one line each.
    expect(md).toMatch(/^\+ tenant billing added, namespace billing-dev: \d+ objects \(.*Namespace.*RoleBinding ×\d+/m);

    const complete = markdownReport(report, { maxLength: Infinity, maxFlagGroups: Infinity, maxTenantRows: Infinity, maxDiffLines: Infinity });
    expect(complete).not.toMatch(/not shown here/);
    expect(complete).toMatch(/tenant-0999 added/);
  });
});
