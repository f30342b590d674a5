/**
 * The real Prometheus tools, run on rendered output: `promtool check rules`
 * and `amtool check-config` / `amtool config routes test` (Debian packages
 * `prometheus` and `prometheus-alertmanager`, installed by `.ci/run`).
 * A missing tool is an error, never a skipped check.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

/** Result of one tool run. */
export interface ToolRun {
  readonly status: number;
  /** Standard output and error together. */
  readonly output: string;
  readonly stdout: string;
}

function run(tool: string, args: string[]): ToolRun {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) {
    throw new Error(`${tool} could not be run (${r.error.message}); install the Debian packages prometheus and prometheus-alertmanager (.ci/run does)`);
  }
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

function withFile<T>(name: string, content: unknown, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prom-tools-'));
  try {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === 'string' ? content : stringify(content));
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `promtool check rules` on a rule file `{ groups }`. */
export function promtoolCheckRules(groups: unknown[]): ToolRun {
  return withFile('rules.yaml', { groups }, (f) => run('promtool', ['check', 'rules', f]));
}

/** `promtool check rules` on many rule files in one run (file name → groups). */
export function promtoolCheckRuleFiles(files: ReadonlyMap<string, unknown[]>): ToolRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prom-tools-'));
  try {
    const paths = [...files].map(([name, groups]) => {
      const file = path.join(dir, name.replace(/[^A-Za-z0-9._-]/g, '_'));
      fs.writeFileSync(file, stringify({ groups }));
      return file;
    });
    return run('promtool', ['check', 'rules', ...paths]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `amtool check-config` on an Alertmanager configuration. */
export function amtoolCheckConfig(config: unknown): ToolRun {
  return withFile('alertmanager.yaml', config, (f) => run('amtool', ['check-config', f]));
}

/** The receivers `amtool config routes test` picks for an alert with `labels`. */
export function amtoolRoute(config: unknown, labels: Record<string, string>): string[] {
  return withFile('alertmanager.yaml', config, (f) => {
    const r = run('amtool', ['config', 'routes', 'test', `--config.file=${f}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
    if (r.status !== 0) throw new Error(`amtool config routes test failed: ${r.output}`);
    return r.stdout.trim().split(',').map((s) => s.trim()).filter(Boolean);
  });
}
