#!/usr/bin/env node
// The cdk8s-platform command (init, synth, diff) of the installed library: see lib/src/cli/main.js.
require('../lib/src/cli/main').run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
