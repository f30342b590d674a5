/**
 * The GitHub Actions workflow shipped for platform repositories: it renders,
 * refuses a stale dist/, reviews against the branch point, keeps one pull
 * request comment up to date, and gates only when configured — with scripts
 * that call this project's real commands and options.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { parseDiffArgs } from '../../src/review/cli';
import { COMMENT_MARKER } from '../../src/review/report';
import { ROOT } from '../support/platform';

const workflow = parse(fs.readFileSync(path.join(ROOT, '.github/workflows/platform.yml'), 'utf8'));
const steps: { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> }[] =
  workflow.jobs['render-and-review'].steps;
const step = (name: RegExp) => steps.find((s) => s.name && name.test(s.name))!;
const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;

describe('the pull request workflow', () => {
  test('runs on pull requests (label changes re-run the gate) and may write pull request comments', () => {
    expect(workflow.on.pull_request.types).toEqual(expect.arrayContaining(['opened', 'synchronize', 'labeled', 'unlabeled']));
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  test('checks out the head with history, installs, tests and renders with the package scripts', () => {
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps.map((s) => s.run).filter(Boolean).slice(0, 3)).toEqual(['npm ci', 'npm test', 'npm run synth']);
    for (const s of ['synth', 'diff', 'test']) expect(scripts[s]).toBeDefined();
  });

  test('fails when git sees any change under dist/ after the render', () => {
    const stale = step(/stale/).run!;
    expect(stale).toContain('git status --porcelain -- dist');
    expect(stale).toContain('exit 1');
  });

  test('reviews against the branch point with options the command accepts', () => {
    const review = step(/Review the rendered change/);
    expect(review.run).toContain('git merge-base "origin/${BASE_REF}" HEAD');
    const command = review.run!.replace(/\\\n\s*/g, '');
    const args = /npm run --silent diff -- (.*?) \$\{GATE/.exec(command)![1].replace('"$base"', 'abc123').replace('"$RUN_URL"', 'https://github.com/o/r/actions/runs/1').split(' ');
    expect(parseDiffArgs([...args, '--fail-on', 'high'])).toMatchObject({
      base: 'abc123', format: 'markdown', output: 'review.md', fullOutput: 'review-full.md', detailsUrl: 'https://github.com/o/r/actions/runs/1', failOn: 'high',
    });
    expect(review.env).toEqual({
      BASE_REF: '${{ github.base_ref }}',
      GATE: '${{ vars.PLATFORM_REVIEW_GATE }}',
      RUN_URL: '${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}',
    });
  });

  test('keeps the complete report, which the comment may not hold, as the run\'s artifact', () => {
    const keep = step(/Keep the complete review/);
    expect(keep.uses).toBe('actions/upload-artifact@v4');
    expect(keep.with).toMatchObject({ name: 'platform-review', path: 'review-full.md' });
    expect(steps.indexOf(keep)).toBeGreaterThan(steps.indexOf(step(/Review the rendered change/)));
  });

  test('updates its one comment, found by the marker the Markdown report starts with', () => {
    const post = step(/Post the review/);
    expect(post.uses).toBe('actions/github-script@v7');
    expect(post.with!.script).toContain(`const marker = '${COMMENT_MARKER}';`);
    expect(post.with!.script).toContain('updateComment');
    expect(post.with!.script).toContain('createComment');
  });

  test('the gate fails only when the review exits 2 and nobody accepted the risk', () => {
    expect(step(/Review gate/).if).toBe("steps.review.outputs.gate == '2' && !contains(github.event.pull_request.labels.*.name, 'platform-risk-accepted')");
  });
});
