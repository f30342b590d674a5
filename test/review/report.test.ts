/**
 * The text and Markdown reports: headline, risk table, summary, changes, and
 * the size limit of a pull request comment.
 */
import { KubeObject } from '../../src/render/manifests';
import { COMMENT_MARKER, formatFieldChange, markdownReport, textReport } from '../../src/review/report';
import { detectRisks } from '../../src/review/risk/detect';
import { changed, diffOf, namespace } from './support';

const ns = namespace('team-prod', { 'pod-security.kubernetes.io/enforce': 'restricted' });
const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'team-prod' }, spec: { hard: { 'requests.cpu': '4' } } } as KubeObject;

function report(before: KubeObject[], after: KubeObject[]) {
  const diff = diffOf(before, after);
  return { before: 'base', after: 'head', diff, flags: detectRisks(diff) };
}

describe('reports', () => {
  const r = report([ns, quota], [changed(ns, (n) => { n.metadata.labels!['pod-security.kubernetes.io/enforce'] = 'baseline'; }),
    changed(quota, (q) => { (q.spec as any).hard['requests.cpu'] = '8'; })]);

  test('text: headline, flags by level, summary and field changes', () => {
    expect(textReport(r)).toMatchSnapshot();
  });

  test('markdown: marker, risk table, summary table and one collapsible block per cluster', () => {
    const md = markdownReport(r);
    expect(md.startsWith(`${COMMENT_MARKER}\n### Platform diff: base → head\n`)).toBe(true);
    expect(md).toMatch(/\| \*\*high\*\* \| `pod-security-lowered` \| c1 · tenant team \| 1 \| Namespace team-prod: Pod Security enforce restricted → baseline \|/);
    expect(md).toMatch(/\| low \| `quota-raised` \|/);
    expect(md).toMatch(/<details><summary><b>c1<\/b> — 2 changed<\/summary>\n\n```diff\n! Namespace team-prod/);
    expect(md).toMatchSnapshot();
  });

  test('markdown stays under the size limit, saying what it left out', () => {
    const many = Array.from({ length: 300 }, (_, i) => namespace(`ns-${i}`, { 'pod-security.kubernetes.io/enforce': 'restricted', i: String(i) }));
    const big = report(many, many.map((n) => changed(n, (x) => { x.metadata.labels!.i = `${x.metadata.labels!.i}-changed`; })));
    const md = markdownReport(big, { maxLength: 5000 });
    expect(md.length).toBeLessThanOrEqual(5000);
    expect(md).toMatch(/\*\*\d+ of 300 changes are not shown here\*\* \(comment size limit\); run `npm run diff` for the complete report\.\n$/);
    const shown = (md.match(/^! Namespace ns-/gm) ?? []).length;
    expect(md).toContain(`**${300 - shown} of 300 changes`);
  });

  test('no changes', () => {
    const none = report([ns], [ns]);
    expect(textReport(none)).toBe('Platform diff: base → head\nno changes (1 files unchanged); risk flags: 0 high, 0 medium, 0 low\n');
    expect(markdownReport(none)).toMatch(/The rendered output does not change/);
  });

  test('a multi-line string changes as a unified diff, its signs in the first column of the Markdown block', () => {
    const conf = (buffer: string, extra = '') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fluentd-config', namespace: 'logging' },
      data: { 'fluent.conf': `<match kubernetes.**>\n  @type elasticsearch\n  host es.example.com\n${extra}  <buffer>\n    total_limit_size ${buffer}\n  </buffer>\n</match>\n` },
    } as KubeObject);
    const r2 = report([conf('512m')], [conf('1g', '  index_name payments\n')]);
    const text = textReport(r2);
    expect(text).toContain([
      '        data["fluent.conf"]: 2 lines added, 1 line removed',
      '        @@ -1,7 +1,8 @@',
      '         <match kubernetes.**>',
      '           @type elasticsearch',
      '           host es.example.com',
      '        +  index_name payments',
      '           <buffer>',
      '        -    total_limit_size 512m',
      '        +    total_limit_size 1g',
      '           </buffer>',
      '         </match>',
    ].join('\n'));
    const md = markdownReport(r2);
    expect(md).toContain('\n@@ -1,7 +1,8 @@\n        <match kubernetes.**>\n');
    expect(md).toContain('\n+         index_name payments\n');
    expect(md).toContain('\n-           total_limit_size 512m\n+           total_limit_size 1g\n');
  });

  test('repeated flags of one kind, cluster and tenant are one group with its count', () => {
    const binding = (name: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name, namespace: 'team-prod' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: `g-${name}` }] } as KubeObject);
    const r3 = report([ns], [ns, ...['a', 'b', 'c', 'd', 'e'].map(binding)]);
    const text = textReport(r3);
    expect(text).toContain('  LOW     role-binding-added ×5  c1 · tenant team\n            RoleBinding team-prod/a — grants ClusterRole view to Group g-a in team-prod\n');
    expect(text).toContain('            … 2 more like these (see Changes)\n');
    expect(markdownReport(r3)).toContain('| low | `role-binding-added` | c1 · tenant team | 5 | RoleBinding team-prod/a: grants ClusterRole view to Group g-a in team-prod — and 4 more: RoleBinding team-prod/b, RoleBinding team-prod/c, RoleBinding team-prod/d, … |');
  });

  test('field changes read as one line each', () => {
    expect(formatFieldChange({ path: ['spec', 'hard', 'requests.cpu'], kind: 'changed', before: '4', after: '8' })).toBe('spec.hard["requests.cpu"]: "4" → "8"');
    expect(formatFieldChange({ path: ['rules', 0, 'verbs'], kind: 'added', after: 'delete' })).toBe('rules[0].verbs: + "delete"');
    expect(formatFieldChange({ path: ['spec', 'x'], kind: 'removed', before: { a: 'x'.repeat(200) } }).length).toBeLessThan(140);
  });
});
