#!/usr/bin/env node
// `npm run diff`: the review of a render (src/review/cli.ts, from a cached bundle, see launch.js).
require('./launch').launch('src/review/cli.ts', 'diff');
