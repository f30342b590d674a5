/**
 * What each audience finds in the overview: a table of contents; for tenants,
 * owners, OIDC groups, Ingress domains, log destination and alert routes; for
 * platform engineers, quota totals against capacity and every platform
 * component; the tenant connections as a Mermaid graph that Mermaid's own
 * parser accepts; and, on a large platform, one page per cluster.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ClusterDigest, digestCluster } from '../../src/overview/cluster-digest';
import {
  MATRIX_MAX_NAMESPACES, MERMAID_MAX_EDGES, mermaidGraph, overviewFiles, SINGLE_PAGE_MAX_NAMESPACES,
} from '../../src/overview/overview-markdown';
import { KubeObject } from '../../src/render/manifests';
import { fixtureFiles, fixturePlatform } from '../support/platform';

const overview = () => fixtureFiles().get('README.md')!;

/** The section of one cluster in the single-page overview. */
function section(md: string, cluster: string): string {
  const start = md.indexOf(`\n## ${cluster}\n`);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end < 0 ? undefined : end);
}

/** The row of `namespace` in the table following `heading`. */
function row(md: string, heading: string, namespace: string): string[] {
  const rest = md.slice(md.indexOf(heading));
  const line = rest.split('\n').find((l) => l.includes(`| ${namespace} |`))!;
  return line.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, ''));
}

/** Mermaid's own parser on every ```mermaid block of `markdown` (a child process: Mermaid is ESM only). */
function parseMermaid(markdown: string): { ok: boolean; type?: string; error?: string }[] {
  const run = spawnSync(process.execPath, [path.join(__dirname, '../support/mermaid-check.mjs')], { input: markdown, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe('the overview of the fixture organisation', () => {
  test('starts with a table of contents linking every cluster section', () => {
    const md = overview();
    const contents = md.slice(md.indexOf('## Contents'), md.indexOf('## Clusters'));
    for (const c of fixturePlatform().clusters) {
      expect(contents).toContain(`- [${c.name}](#${c.name})`);
      expect(md).toContain(`\n## ${c.name}\n`);
      // Each section links its parts by the anchors GitHub gives their headings.
      expect(section(md, c.name)).toContain(`[Tenants](#tenants-on-${c.name})`);
      expect(section(md, c.name)).toContain(`\n### Tenants on ${c.name}\n`);
    }
  });

  test('for tenants: owners, OIDC groups per role, Ingress domains, log destination and alert routes', () => {
    const [tenant, namespace, owners, groups, domains, logs, alerts] = row(section(overview(), 'prod-eu1'), '### Tenants on', 'checkout-prod');
    expect([tenant, namespace, owners]).toEqual(['checkout', 'checkout-prod', 'priya.shah@example.com']);
    expect(groups).toBe('admin: oidc:checkout-admins; developer: oidc:checkout-developers; viewer: oidc:checkout-support');
    expect(domains).toBe('checkout.prod-eu1.apps.example.com, shop.example.com');
    expect(logs).toMatch(/^\S+ \(elasticsearch [a-z0-9.-]+, index [a-z0-9_-]+-checkout_prod-\*\)$/);
    expect(alerts).toBe('severity=critical → opsgenie (team checkout-oncall); severity=warning → slack (#checkout-alerts); severity=info → slack (#checkout-alerts)');
    // A tenant with its own log output and routes says so.
    expect(row(section(overview(), 'dev-eu1'), '### Tenants on', 'payments-dev')[5]).toMatch(/^own output payments-logs \(elasticsearch /);
    expect(row(section(overview(), 'dev-eu1'), '### Tenants on', 'catalog-search-dev')[5]).toMatch(/; 1 route to search-indexer-logs$/);
  });

  test('for platform engineers: quota totals against the capacity, or "unknown" without one', () => {
    const prod = section(overview(), 'prod-eu1');
    const cpu = prod.split('\n').find((l) => l.startsWith('| CPU requests |'))!;
    expect(cpu).toMatch(/^\| CPU requests \| (\d+) cores \| 360 cores \| \d+% \|$/);
    const total = fixturePlatform().tenants.flatMap((t) => Object.values(t.spec.environments))
      .filter((e) => e!.clusters.includes('prod-eu1')).reduce((n, e) => n + Number(e!.quota.cpu.requests), 0);
    expect(cpu).toContain(`| ${total} cores |`);
    expect(section(overview(), 'dev-eu1')).toMatch(/\| Memory limits \| \d+ GiB \| unknown \| — \|/);
    expect(section(overview(), 'dev-eu1')).toContain('Capacity unknown: set `capacity`');
  });

  test('for platform engineers: every platform component, Helm-installed or not, with its objects', () => {
    const prod = section(overview(), 'prod-eu1');
    const components = prod.slice(prod.indexOf('### Platform components'), prod.indexOf('### Add-ons'));
    const folders = new Set([...fixtureFiles().keys()].flatMap((p) => /^clusters\/prod-eu1\/platform\/([^/]+)\//.exec(p)?.[1] ?? []));
    for (const f of folders) expect(components).toMatch(new RegExp(`\\| ${f} \\| \\d+ \\| `));
    expect(components).toMatch(/\| tenancy \| \d+ \| .*ClusterRole/);
  });

  test('draws the tenant connections as a Mermaid graph Mermaid parses, and keeps the matrix on small clusters', () => {
    const prod = section(overview(), 'prod-eu1');
    expect(prod).toMatch(/```mermaid\nflowchart LR\n {2}n0\["checkout-prod"\]\n/);
    expect(prod).toMatch(/\n {2}n\d --> n\d\n/);
    expect(prod).toContain('| from \\ to |');
    const parsed = parseMermaid(overview());
    // One graph per cluster with any connection (prod-onprem1 has a single tenant namespace).
    expect(parsed.length).toBe(overview().match(/^```mermaid$/gm)!.length);
    expect(parsed.length).toBe(fixturePlatform().clusters.length - 1);
    expect(parsed).toEqual(parsed.map(() => ({ ok: true, type: 'flowchart-v2' })));
  });
});

describe('the Mermaid graph', () => {
  test('a broken graph is refused by the parser (the check can fail)', () => {
    expect(parseMermaid('```mermaid\nflowchart LR\n  n0["a\n```\n')[0].ok).toBe(false);
  });

  test(`draws at most ${MERMAID_MAX_EDGES} edges and says how many it left to the list`, () => {
    const pairs = Array.from({ length: MERMAID_MAX_EDGES + 5 }, (_, i) => ({ from: `a-${i}`, to: `b-${i}`, scope: 'partial' as const }));
    const lines = mermaidGraph(pairs);
    expect(lines.filter((l) => l.includes('-.->')).length).toBe(MERMAID_MAX_EDGES);
    expect(lines[lines.length - 1]).toBe(`The graph shows the first ${MERMAID_MAX_EDGES} of ${MERMAID_MAX_EDGES + 5} connections; every pair is in the matrix or the list below.`);
  });
});

describe('a large platform: 300 tenants on one cluster', () => {
  const platform = fixturePlatform();
  const cluster = platform.clusters[2].name;
  // 300 tenant namespaces, each denying everything but accepting its left neighbour.
  const objects: KubeObject[] = [];
  for (let i = 0; i < 300; i++) {
    const name = `tenant-${String(i).padStart(3, '0')}-prod`;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'platform.cdk8s.io/tenant': `tenant-${i}` }, annotations: { 'platform.cdk8s.io/owners': `owner-${i}@example.com` } } } as KubeObject);
    objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: name }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } } as KubeObject);
    if (i > 0) {
      const left = `tenant-${String(i - 1).padStart(3, '0')}-prod`;
      const sel = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
      objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'from-left', namespace: name }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [sel(left)] }] } } as KubeObject);
      objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'to-right', namespace: left }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [sel(name)] }] } } as KubeObject);
    }
  }
  const digests: ClusterDigest[] = platform.clusters.map((c) => (c.name === cluster ? digestCluster(c.name, objects) : digestCluster(c.name, [])));
  const files = overviewFiles(platform, digests);

  test(`above ${SINGLE_PAGE_MAX_NAMESPACES} tenant namespaces, each cluster gets its own page, linked from the contents`, () => {
    expect([...files.keys()].sort()).toEqual(['README.md', ...platform.clusters.map((c) => `clusters/${c.name}/README.md`)].sort());
    const top = files.get('README.md')!;
    expect(top).toContain(`- [${cluster}](clusters/${cluster}/README.md) — 300 tenant namespaces`);
    expect(top.length).toBeLessThan(5_000);
    const page = files.get(`clusters/${cluster}/README.md`)!;
    expect(page).toMatch(new RegExp(`^<!-- Generated[^\\n]*\\n\\[Platform overview\\]\\(\\.\\./\\.\\./README\\.md\\) › ${cluster}\\n\\n# ${cluster}\\n`));
    expect(page).toContain(`\n## Tenants on ${cluster}\n`);
  });

  test(`the page lists the pairs instead of a ${300}×${300} matrix, and its graph parses`, () => {
    const page = files.get(`clusters/${cluster}/README.md`)!;
    expect(page).not.toContain('| from \\ to |');
    expect(page).toContain(`300 tenant namespaces; the 299 pairs that may connect`);
    expect(page).toContain('- tenant-000-prod → tenant-001-prod');
    expect(parseMermaid(page)).toEqual([{ ok: true, type: 'flowchart-v2' }]);
    expect(300).toBeGreaterThan(MATRIX_MAX_NAMESPACES);
  });
});
