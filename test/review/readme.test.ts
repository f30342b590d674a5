/**
 * README.md documents every risk flag with the level the review raises it at.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RISK_RULES } from '../../src/review/risk/rules';
import { ROOT } from '../support/platform';

test('the README risk table lists every flag, its level and when it is raised, as rules.ts does', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => /^\| `[a-z-]+` \| (high|medium|low) \|/.test(l));
  expect(rows).toEqual(Object.entries(RISK_RULES).map(([id, r]) => `| \`${id}\` | ${r.level} | ${r.when} |`));
});
