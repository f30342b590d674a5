/**
 * Jest global setup (jest.config.js `globalSetup`): every child process a test
 * starts (dependency-cruiser, tsc, promtool, the platform's own CLI…) prints
 * without colour, whatever the terminal or the CI runner sets, because the
 * tests match that text. It runs in Jest's main process before the workers
 * start, so the workers and their children inherit it (a `setupFiles` entry
 * would change only the test's sandboxed copy of `process.env`).
 *
 * - `NO_COLOR=1` (https://no-color.org): picocolors 1.1 (dependency-cruiser's
 *   reporter) otherwise turns colour on when `CI` or `FORCE_COLOR` is set.
 * - `FORCE_COLOR` is removed: supports-color (chalk) turns colour on for any
 *   non-zero value, even without a terminal.
 */
module.exports = async function plainOutput() {
  delete process.env.FORCE_COLOR;
  process.env.NO_COLOR = '1';
};
