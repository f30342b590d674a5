/**
 * The review report as plain text (a terminal) and as Markdown (a pull
 * request comment): what was compared, the counts, the risk flags, the
 * summary per cluster and tenant, then every change with its field-level
 * differences.
 */
import { DistChange, DistDiff, entryOf } from './dist-diff';
import { RISK_LEVELS, RiskFlag, RiskLevel } from './risk/rules';
import { describeCounts, DiffSummary, scopeLabel, scopeOf, summarise } from './summary';
import { FieldChange, formatFieldPath } from './value-diff';

/** Everything a report shows. */
export interface ReviewReport {
  /** What the old side is, e.g. `committed dist/` or `origin/main (3f2a9c1), rendered`. */
  readonly before: string;
  /** What the new side is, e.g. `fresh render of the working tree`. */
  readonly after: string;
  readonly diff: DistDiff;
  readonly flags: readonly RiskFlag[];
}

/** Marker that lets CI find and update its own pull request comment. */
export const COMMENT_MARKER = '<!-- cdk8s-platform-diff -->';

/** Text file lines shown per changed file before `… N more`. */
const MAX_LINES_PER_FILE = 20;

/** A value for one line: strings quoted, objects and lists as compact JSON, long values cut. */
export function formatFieldValue(value: unknown, max = 120): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One field change as one line: `spec.hard["requests.cpu"]: "32" → "48"`. */
export function formatFieldChange(f: FieldChange): string {
  const path = formatFieldPath(f.path);
  if (f.kind === 'added') return `${path}: + ${formatFieldValue(f.after)}`;
  if (f.kind === 'removed') return `${path}: - ${formatFieldValue(f.before)}`;
  return `${path}: ${formatFieldValue(f.before)} → ${formatFieldValue(f.after)}`;
}

function flagCounts(flags: readonly RiskFlag[]): Record<RiskLevel, number> {
  const out: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0 };
  for (const f of flags) out[f.level]++;
  return out;
}

function headline(report: ReviewReport, summary: DiffSummary): string {
  const clusters = summary.scopes.filter((s) => s.scope !== '' && s.scope !== 'fleet').length;
  const c = flagCounts(report.flags);
  const where = clusters > 0 ? ` in ${clusters} cluster${clusters === 1 ? '' : 's'}` : '';
  return `${describeCounts(summary.total)}${where} (${summary.unchangedFiles} files unchanged); `
    + `risk flags: ${c.high} high, ${c.medium} medium, ${c.low} low`;
}

/** The lines describing one change, first the object, then its details (indented by the caller). */
function changeLines(change: DistChange): { head: string; details: string[] } {
  const e = entryOf(change);
  const sign = change.type === 'added' ? '+' : change.type === 'removed' ? '-' : '~';
  const moved = change.type === 'changed' && change.before!.path !== change.after!.path
    ? ` (moved from ${change.before!.path})` : '';
  const details: string[] = change.fields.map(formatFieldChange);
  if (change.lines) {
    const shown = (lines: readonly string[], s: string) => [
      ...lines.slice(0, MAX_LINES_PER_FILE).map((l) => `${s} ${l}`),
      ...(lines.length > MAX_LINES_PER_FILE ? [`${s} … ${lines.length - MAX_LINES_PER_FILE} more lines`] : []),
    ];
    details.push(...shown(change.lines.added, '+'), ...shown(change.lines.removed, '-'));
  }
  const file = e.object ? `  ${e.path}` : '';
  return { head: `${sign} ${e.label}${moved}${file}`, details };
}

function byScope(diff: DistDiff): Map<string, DistChange[]> {
  const out = new Map<string, DistChange[]>();
  for (const c of diff.changes) {
    const s = scopeOf(entryOf(c));
    out.set(s, [...(out.get(s) ?? []), c]);
  }
  return out;
}

/** The report for a terminal. */
export function textReport(report: ReviewReport): string {
  const summary = summarise(report.diff);
  const out = [`Platform diff: ${report.before} → ${report.after}`, headline(report, summary)];
  if (report.diff.changes.length === 0) return `${out.join('\n')}\n`;
  if (report.flags.length > 0) {
    out.push('', 'Risk flags');
    const ruleWidth = Math.max(...report.flags.map((f) => f.rule.length));
    for (const f of report.flags) {
      out.push(`  ${f.level.toUpperCase().padEnd(6)}  ${f.rule.padEnd(ruleWidth)}  ${f.cluster ? `${f.cluster}: ` : ''}${f.subject} — ${f.message}`);
    }
  }
  out.push('', 'By cluster and tenant');
  const rows: [string, string][] = [];
  for (const s of summary.scopes) {
    rows.push([`  ${scopeLabel(s.scope)}`, describeCounts(s.counts)]);
    if (s.groups.length > 1 || s.groups[0]?.tenant) {
      for (const g of s.groups) rows.push([`    ${g.tenant ? `tenant ${g.tenant}` : 'platform folders'}`, describeCounts(g.counts)]);
    }
  }
  const width = Math.max(...rows.map(([a]) => a.length));
  out.push(...rows.map(([a, b]) => `${a.padEnd(width)}  ${b}`));
  out.push('', 'Changes');
  for (const [scope, changes] of byScope(report.diff)) {
    out.push(`  ${scopeLabel(scope)}`);
    for (const c of changes) {
      const { head, details } = changeLines(c);
      out.push(`    ${head}`, ...details.map((d) => `        ${d}`));
    }
  }
  return `${out.join('\n')}\n`;
}

/** Options of {@link markdownReport}. */
export interface MarkdownOptions {
  /**
   * Longest report in characters; details are left out (with a note) to fit.
   * GitHub comments hold at most 65,536 characters.
   * @default 60000
   */
  readonly maxLength?: number;
  /**
   * Most risk flags listed; the rest are counted.
   * @default 100
   */
  readonly maxFlags?: number;
}

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report as Markdown for a pull request comment, starting with {@link COMMENT_MARKER}. */
export function markdownReport(report: ReviewReport, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? 60_000;
  const maxFlags = options.maxFlags ?? 100;
  const summary = summarise(report.diff);
  const head = [
    COMMENT_MARKER,
    `### Platform diff: ${report.before} → ${report.after}`,
    '',
    `**${headline(report, summary)}**`,
  ];
  if (report.diff.changes.length === 0) return `${head.join('\n')}\n\nThe rendered output does not change.\n`;
  if (report.flags.length > 0) {
    head.push('', '#### Risk flags', '', '| Level | Flag | Cluster | Object | What changed |', '| --- | --- | --- | --- | --- |');
    const sorted = [...report.flags].sort((a, b) => RISK_LEVELS.indexOf(a.level) - RISK_LEVELS.indexOf(b.level));
    for (const f of sorted.slice(0, maxFlags)) {
      head.push(`| ${f.level === 'high' ? '**high**' : f.level} | \`${f.rule}\` | ${esc(f.cluster ?? '')} | ${esc(f.subject)} | ${esc(f.message)} |`);
    }
    if (sorted.length > maxFlags) head.push('', `…and ${sorted.length - maxFlags} more flags; run \`npm run diff\` to see all.`);
  }
  head.push('', '#### Summary', '', '| Cluster / tenant | Added | Removed | Changed |', '| --- | ---: | ---: | ---: |');
  for (const s of summary.scopes) {
    head.push(`| **${esc(scopeLabel(s.scope))}** | ${s.counts.added} | ${s.counts.removed} | ${s.counts.changed} |`);
    if (s.groups.length > 1 || s.groups[0]?.tenant) {
      for (const g of s.groups) {
        head.push(`| &nbsp;&nbsp;${g.tenant ? `tenant ${esc(g.tenant)}` : 'platform folders'} | ${g.counts.added} | ${g.counts.removed} | ${g.counts.changed} |`);
      }
    }
  }
  head.push('', '#### Changes');
  let text = head.join('\n');
  const blocks = [...byScope(report.diff)].map(([scope, changes]) => {
    const lines = changes.flatMap((c) => {
      const { head: h, details } = changeLines(c);
      return [h.replace(/^~/, '!'), ...details.map((d) => `    ${d}`)];
    });
    const counts = { added: 0, removed: 0, changed: 0 };
    for (const c of changes) counts[c.type]++;
    return {
      count: changes.length,
      text: `\n\n<details><summary><b>${esc(scopeLabel(scope))}</b> — ${describeCounts(counts)}</summary>\n\n\`\`\`diff\n${lines.join('\n').replace(/```/g, "'''")}\n\`\`\`\n</details>`,
    };
  });
  let left = 0;
  for (const [i, b] of blocks.entries()) {
    if (text.length + b.text.length + 200 > maxLength) {
      left = blocks.slice(i).reduce((n, x) => n + x.count, 0);
      break;
    }
    text += b.text;
  }
  if (left > 0) text += `\n\n${left} more changes are not shown here (comment size limit); run \`npm run diff\` to see them all.`;
  return `${text}\n`;
}
