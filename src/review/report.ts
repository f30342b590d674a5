/**
 * The review report as plain text (a terminal, or the complete report kept
 * as a CI artifact) and as Markdown (a pull request comment): what was
 * compared, the counts, the risk flags grouped per kind, cluster and tenant,
 * the summary per cluster and tenant, then every change with its field-level
 * differences and, for multi-line strings and text files, unified-diff hunks.
 *
 * The Markdown report fits a GitHub comment (at most 65,536 characters):
 * flag groups, tenant rows, diff lines per change and changes are each
 * bounded, tenants added or removed whole are one line each, and whatever is
 * left out is counted and pointed to the complete report.
 */
import { DistChange, DistDiff, entryOf } from './dist-diff';
import { FlagGroup, groupFlags, groupPlace, levelCounts } from './flag-groups';
import { RiskFlag } from './risk/rules';
import { ChangeCounts, describeCounts, DiffSummary, scopeLabel, scopeOf, summarise } from './summary';
import { hunkHeader, TextDiff } from './text-diff';
import { FieldChange, formatFieldPath } from './value-diff';

/** Everything a report shows. */
export interface ReviewReport {
  /** What the old side is, e.g. `HEAD (3f2a9c1, committed dist/)` or `origin/main (3f2a9c1, rendered)`. */
  readonly before: string;
  /** What the new side is, e.g. `fresh render of the working tree`. */
  readonly after: string;
  readonly diff: DistDiff;
  readonly flags: readonly RiskFlag[];
}

/** Marker that lets CI find and update its own pull request comment. */
export const COMMENT_MARKER = '<!-- cdk8s-platform-diff -->';

/** The size limit of a GitHub issue or pull request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Flags shown per group in the text report before `… N more`. */
const TEXT_FLAGS_PER_GROUP = 3;

/** Longest line of embedded text shown; longer lines are cut with `…`. */
const MAX_DIFF_LINE = 300;

/** A value for one line: strings quoted, objects and lists as compact JSON, long values cut. */
export function formatFieldValue(value: unknown, max = 120): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One field change as one line: `spec.hard["requests.cpu"]: "4" → "8"`; a multi-line string as its line counts. */
export function formatFieldChange(f: FieldChange): string {
  const path = formatFieldPath(f.path);
  if (f.text) return `${path}: ${describeTextDiff(f.text)}`;
  if (f.kind === 'added') return `${path}: + ${formatFieldValue(f.after)}`;
  if (f.kind === 'removed') return `${path}: - ${formatFieldValue(f.before)}`;
  return `${path}: ${formatFieldValue(f.before)} → ${formatFieldValue(f.after)}`;
}

function describeTextDiff(t: TextDiff): string {
  const n = (k: number, what: string) => `${k} line${k === 1 ? '' : 's'} ${what}`;
  return `${n(t.added.length, 'added')}, ${n(t.removed.length, 'removed')}`;
}

/** A line under a change: a description, or a line of a unified diff (starting with `@`, ` `, `+` or `-`). */
interface DetailLine {
  readonly text: string;
  readonly diff?: boolean;
}

/**
 * The hunks of `t` as detail lines, at most `max` lines (then `… N more lines`).
 */
function hunkLines(t: TextDiff, max: number): DetailLine[] {
  const all: DetailLine[] = [];
  for (const h of t.hunks) {
    all.push({ text: hunkHeader(h), diff: true });
    for (const l of h.lines) all.push({ text: l.length > MAX_DIFF_LINE ? `${l.slice(0, MAX_DIFF_LINE - 1)}…` : l, diff: true });
  }
  if (all.length <= max) return all;
  return [...all.slice(0, max), { text: `… ${all.length - max} more lines of this diff` }];
}

/** The head line of a change and the lines describing it. */
function changeLines(change: DistChange, maxDiffLines: number): { head: string; details: DetailLine[] } {
  const e = entryOf(change);
  const sign = change.type === 'added' ? '+' : change.type === 'removed' ? '-' : '~';
  const moved = change.type === 'changed' && change.before!.path !== change.after!.path
    ? ` (moved from ${change.before!.path})` : '';
  const details: DetailLine[] = [];
  for (const f of change.fields) {
    details.push({ text: formatFieldChange(f) });
    if (f.text) details.push(...hunkLines(f.text, maxDiffLines));
  }
  if (change.text) details.push({ text: describeTextDiff(change.text) }, ...hunkLines(change.text, maxDiffLines));
  const file = e.object ? `  ${e.path}` : '';
  return { head: `${sign} ${e.label}${moved}${file}`, details };
}

function headline(report: ReviewReport, summary: DiffSummary): string {
  const clusters = summary.scopes.filter((s) => s.scope !== '' && s.scope !== 'fleet').length;
  const c = levelCounts(report.flags);
  const where = clusters > 0 ? ` in ${clusters} cluster${clusters === 1 ? '' : 's'}` : '';
  return `${describeCounts(summary.total)}${where} (${summary.unchangedFiles} files unchanged); `
    + `risk flags: ${c.high} high, ${c.medium} medium, ${c.low} low`;
}

function byScope(diff: DistDiff): Map<string, DistChange[]> {
  const out = new Map<string, DistChange[]>();
  for (const c of diff.changes) {
    const s = scopeOf(entryOf(c));
    const list = out.get(s) ?? [];
    list.push(c);
    out.set(s, list);
  }
  return out;
}

/** The complete report for a terminal or a file: every flag group, every change, every diff line. */
export function textReport(report: ReviewReport): string {
  const summary = summarise(report.diff);
  const out = [`Platform diff: ${report.before} → ${report.after}`, headline(report, summary)];
  if (report.diff.changes.length === 0) return `${out.join('\n')}\n`;
  if (report.flags.length > 0) {
    out.push('', 'Risk flags');
    const groups = groupFlags(report.flags);
    const label = (g: FlagGroup) => (g.flags.length > 1 ? `${g.rule} ×${g.flags.length}` : g.rule);
    const ruleWidth = Math.max(...groups.map((g) => label(g).length));
    for (const g of groups) {
      const lead = `  ${g.level.toUpperCase().padEnd(6)}  ${label(g).padEnd(ruleWidth)}  ${groupPlace(g)}`;
      if (g.flags.length === 1) {
        out.push(`${lead}: ${g.flags[0].subject} — ${g.flags[0].message}`);
        continue;
      }
      out.push(lead);
      for (const f of g.flags.slice(0, TEXT_FLAGS_PER_GROUP)) out.push(`            ${f.subject} — ${f.message}`);
      if (g.flags.length > TEXT_FLAGS_PER_GROUP) out.push(`            … ${g.flags.length - TEXT_FLAGS_PER_GROUP} more like these (see Changes)`);
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
      const { head, details } = changeLines(c, Number.POSITIVE_INFINITY);
      out.push(`    ${head}`, ...details.map((d) => `        ${d.text}`));
    }
  }
  return `${out.join('\n')}\n`;
}

/** Options of {@link markdownReport}. */
export interface MarkdownOptions {
  /**
   * Longest report in characters; what does not fit is left out and counted.
   * GitHub comments hold at most {@link GITHUB_COMMENT_LIMIT} characters.
   * @default 60000
   */
  readonly maxLength?: number;
  /**
   * Most flag groups listed one per row; the rest are summarised per flag kind.
   * @default 50
   */
  readonly maxFlagGroups?: number;
  /**
   * Most tenant rows in the summary table; the rest are summed per cluster.
   * @default 40
   */
  readonly maxTenantRows?: number;
  /**
   * Most unified-diff lines shown per change.
   * @default 60
   */
  readonly maxDiffLines?: number;
  /**
   * Where the complete report can be read (e.g. the CI run's artifacts),
   * named when something is left out.
   * @default - the note says to run `npm run diff`
   */
  readonly detailsUrl?: string;
}

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const thousands = (n: number) => n.toLocaleString('en-US');

/**
 * The report as Markdown for a pull request comment, starting with
 * {@link COMMENT_MARKER}, at most `maxLength` characters. With
 * `maxLength: Infinity` nothing is left out (the complete report as Markdown).
 */
export function markdownReport(report: ReviewReport, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? 60_000;
  const summary = summarise(report.diff);
  const out = [
    COMMENT_MARKER,
    `### Platform diff: ${report.before} → ${report.after}`,
    '',
    `**${headline(report, summary)}**`,
  ];
  if (report.diff.changes.length === 0) return `${out.join('\n')}\n\nThe rendered output does not change.\n`;
  const complete = options.detailsUrl ? `the complete report: ${options.detailsUrl}` : 'run `npm run diff` for the complete report';
  if (report.flags.length > 0) out.push('', '#### Risk flags', '', ...flagTable(groupFlags(report.flags), options.maxFlagGroups ?? 50, complete));
  out.push('', '#### Summary', '', ...summaryTable(summary, options.maxTenantRows ?? 40));
  out.push('', '#### Changes');
  let text = out.join('\n');

  // Room kept for the closing note.
  const reserve = 400;
  let shown = 0;
  const scopeCounts = new Map(summary.scopes.map((s) => [s.scope, s.counts]));
  for (const [scope, changes] of byScope(report.diff)) {
    const open = `\n\n<details><summary><b>${esc(scopeLabel(scope))}</b> — ${describeCounts(scopeCounts.get(scope)!)}</summary>\n\n\`\`\`diff\n`;
    const close = '\n```\n</details>';
    const lines: string[] = [];
    let size = open.length + close.length;
    let taken = 0;
    for (const item of markdownItems(changes, options.maxDiffLines ?? 60)) {
      const block = item.lines.join('\n').replace(/```/g, "'''");
      if (text.length + size + block.length + 1 + reserve > maxLength) break;
      lines.push(block);
      size += block.length + 1;
      taken += item.changes;
    }
    if (taken === 0) break;
    text += `${open}${lines.join('\n')}${close}`;
    shown += taken;
    if (taken < changes.length) break;
  }
  const left = report.diff.changes.length - shown;
  if (left > 0) {
    text += `\n\n**${thousands(left)} of ${thousands(report.diff.changes.length)} changes are not shown here** (comment size limit); ${complete}.`;
  }
  return `${text}\n`;
}

/** A detail line in a ```diff block: diff lines keep their sign in the first column (hunk headers as they are). */
function markdownDetail(d: DetailLine): string {
  if (!d.diff) return `    ${d.text}`;
  return d.text.startsWith('@@') ? d.text : `${d.text.slice(0, 1)}       ${d.text.slice(1)}`;
}

/** Rows of the flag table: one per group up to `max`, then one per flag kind summing the rest. */
function flagTable(groups: readonly FlagGroup[], max: number, complete: string): string[] {
  const rows = ['| Level | Flag | Where | Flags | Objects and what changed |', '| --- | --- | --- | ---: | --- |'];
  const level = (l: string) => (l === 'high' ? '**high**' : l);
  for (const g of groups.slice(0, max)) {
    const [first, ...rest] = g.flags;
    const others = rest.length > 0 ? ` — and ${rest.length} more: ${rest.slice(0, 3).map((f) => f.subject).join(', ')}${rest.length > 3 ? ', …' : ''}` : '';
    rows.push(`| ${level(g.level)} | \`${g.rule}\` | ${esc(groupPlace(g))} | ${g.flags.length} | ${esc(cut(`${first.subject}: ${first.message}${others}`, 400))} |`);
  }
  const rest = new Map<string, { level: string; groups: number; flags: number; tenants: Set<string>; clusters: Set<string> }>();
  for (const g of groups.slice(max)) {
    const r = rest.get(g.rule) ?? { level: g.level, groups: 0, flags: 0, tenants: new Set<string>(), clusters: new Set<string>() };
    r.groups++;
    r.flags += g.flags.length;
    if (g.tenant) r.tenants.add(g.tenant);
    if (g.cluster) r.clusters.add(g.cluster);
    rest.set(g.rule, r);
  }
  for (const [rule, r] of rest) {
    const where = `${r.groups} more groups: ${thousands(r.tenants.size)} tenant${r.tenants.size === 1 ? '' : 's'} on ${r.clusters.size} cluster${r.clusters.size === 1 ? '' : 's'}`;
    rows.push(`| ${level(r.level)} | \`${rule}\` | ${where} | ${thousands(r.flags)} | not listed here; ${esc(complete)} |`);
  }
  return rows;
}

/** The summary table: every cluster, and tenant rows up to `max` (the rest summed per cluster). */
function summaryTable(summary: DiffSummary, max: number): string[] {
  const rows = ['| Cluster / tenant | Added | Removed | Changed |', '| --- | ---: | ---: | ---: |'];
  const row = (label: string, c: ChangeCounts) => `| ${label} | ${c.added} | ${c.removed} | ${c.changed} |`;
  let budget = max;
  for (const s of summary.scopes) {
    rows.push(row(`**${esc(scopeLabel(s.scope))}**`, s.counts));
    if (!(s.groups.length > 1 || s.groups[0]?.tenant)) continue;
    const rest = { added: 0, removed: 0, changed: 0 };
    let hidden = 0;
    for (const g of s.groups) {
      if (!g.tenant) {
        rows.push(row('&nbsp;&nbsp;platform folders', g.counts));
      } else if (budget > 0) {
        budget--;
        rows.push(row(`&nbsp;&nbsp;tenant ${esc(g.tenant)}`, g.counts));
      } else {
        hidden++;
        rest.added += g.counts.added;
        rest.removed += g.counts.removed;
        rest.changed += g.counts.changed;
      }
    }
    if (hidden > 0) rows.push(row(`&nbsp;&nbsp;${thousands(hidden)} more tenants`, rest));
  }
  return rows;
}

/**
 * The lines of a cluster's changes in the Markdown report: a tenant whose
 * every change on the cluster adds (or removes) objects, its Namespace among
 * them, is one line counting the objects by kind; every other change is its
 * head line and details, diff lines starting with their sign so GitHub
 * colours them. Changed objects lead, then removed ones, then whole tenants,
 * then other added objects.
 */
function markdownItems(changes: readonly DistChange[], maxDiffLines: number): { lines: string[]; changes: number }[] {
  const byTenant = new Map<string, DistChange[]>();
  for (const c of changes) {
    const t = entryOf(c).tenant;
    if (!t) continue;
    const list = byTenant.get(t) ?? [];
    list.push(c);
    byTenant.set(t, list);
  }
  const whole = new Set<string>();
  for (const [tenant, list] of byTenant) {
    const type = list[0].type;
    if (type !== 'changed' && list.every((c) => c.type === type) && list.some((c) => entryOf(c).object?.kind === 'Namespace')) whole.add(tenant);
  }
  // Changed objects first, then removed ones, then whole tenants, then other added objects: what needs reading leads.
  const out: { lines: string[]; changes: number; rank: number }[] = [];
  const done = new Set<string>();
  for (const c of changes) {
    const tenant = entryOf(c).tenant;
    if (tenant && whole.has(tenant)) {
      if (done.has(tenant)) continue;
      done.add(tenant);
      const list = byTenant.get(tenant)!;
      const kinds = new Map<string, number>();
      for (const x of list) {
        const kind = entryOf(x).object?.kind ?? 'file';
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      const namespaces = list.filter((x) => entryOf(x).object?.kind === 'Namespace').map((x) => entryOf(x).object!.metadata.name);
      const verb = list[0].type === 'added' ? 'added' : 'removed';
      const what = [...kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
      out.push({ lines: [`${verb === 'added' ? '+' : '-'} tenant ${tenant} ${verb}, namespace ${namespaces.join(', ')}: ${list.length} objects (${what})`], changes: list.length, rank: 2 });
      continue;
    }
    const { head, details } = changeLines(c, maxDiffLines);
    out.push({
      lines: [head.replace(/^~/, '!'), ...details.map(markdownDetail)],
      changes: 1,
      rank: c.type === 'changed' ? 0 : c.type === 'removed' ? 1 : 3,
    });
  }
  return out.map((item, i) => ({ item, i })).sort((a, b) => a.item.rank - b.item.rank || a.i - b.i).map(({ item }) => item);
}
