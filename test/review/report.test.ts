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
    expect(md).toMatch(/\| \*\*high\*\* \| `pod-security-lowered` \| c1 \| Namespace team-prod \| Pod Security enforce restricted → baseline \|/);
    expect(md).toMatch(/\| low \| `quota-raised` \|/);
    expect(md).toMatch(/<details><summary><b>c1<\/b> — 2 changed<\/summary>\n\n```diff\n! Namespace team-prod/);
    expect(md).toMatchSnapshot();
  });

  test('markdown stays under the size limit, saying what it left out', () => {
    const many = Array.from({ length: 300 }, (_, i) => namespace(`ns-${i}`, { 'pod-security.kubernetes.io/enforce': 'restricted', i: String(i) }));
    const big = report(many, many.map((n) => changed(n, (x) => { x.metadata.labels!.i = `${x.metadata.labels!.i}-changed`; })));
    const md = markdownReport(big, { maxLength: 5000 });
    expect(md.length).toBeLessThanOrEqual(5000);
    expect(md).toMatch(/300 more changes are not shown here \(comment size limit\); run `npm run diff`/);
  });

  test('no changes', () => {
    const none = report([ns], [ns]);
    expect(textReport(none)).toBe('Platform diff: base → head\nno changes (1 files unchanged); risk flags: 0 high, 0 medium, 0 low\n');
    expect(markdownReport(none)).toMatch(/The rendered output does not change/);
  });

  test('field changes read as one line each', () => {
    expect(formatFieldChange({ path: ['spec', 'hard', 'requests.cpu'], kind: 'changed', before: '4', after: '8' })).toBe('spec.hard["requests.cpu"]: "4" → "8"');
    expect(formatFieldChange({ path: ['rules', 0, 'verbs'], kind: 'added', after: 'delete' })).toBe('rules[0].verbs: + "delete"');
    expect(formatFieldChange({ path: ['spec', 'x'], kind: 'removed', before: { a: 'x'.repeat(200) } }).length).toBeLessThan(140);
  });
});
