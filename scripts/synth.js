#!/usr/bin/env node
// The app `cdk8s synth` runs (cdk8s.yaml): renders the default platform with
// src/main.ts from a cached bundle (see launch.js). `npx tsx src/main.ts`
// does the same render straight from the sources.
require('./launch').launch('src/main.ts', 'main');
