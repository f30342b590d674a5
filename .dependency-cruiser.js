/**
 * Import rules of the library and of the default platform, checked by
 * test/architecture/imports.test.ts (`npx depcruise src main.ts platform test/platform.test.ts`).
 *
 * Layers of the library (bottom to top):
 * - contracts: the definition's schema and types (src/spec/) and the
 *   interfaces components, tenant parts and GitOps engines implement
 *   (src/contracts/), including the sync waves;
 * - constructs and components: tenancy, security, observability, add-ons,
 *   GitOps engines, storage, backup, mesh, the renderer, the overview, the
 *   review, and the assembly of a construct tree and its render (src/assembly/);
 * - the composition root: the standard component lists, synth and the
 *   Platform (src/app/), the command line (src/cli/), the invariant tests
 *   (src/testing/) and the public entry (src/index.ts).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module imports one that imports it back.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contracts-at-the-bottom',
      severity: 'error',
      comment: 'The contracts (spec types, component and tenant-part interfaces, sync waves) import nothing above them.',
      from: { path: '^src/(spec|contracts)/' },
      to: { path: '^src/', pathNot: '^src/(spec|contracts)/' },
    },
    {
      name: 'composition-root-at-the-top',
      severity: 'error',
      comment: 'Constructs, components and the renderer do not import the composition root (standard lists, synth, CLI, testing, the public entry).',
      from: { path: '^src/', pathNot: '^src/(app|cli|testing)/|^src/index\\.ts$' },
      to: { path: '^src/(app|cli|testing)/|^src/index\\.ts$' },
    },
    {
      name: 'library-knows-no-organisation',
      severity: 'error',
      comment: 'The library never imports an organisation\'s definition (the default platform included).',
      from: { path: '^src/' },
      to: { path: '^(main\\.ts|platform/|tenants/|test/)' },
    },
    {
      name: 'organisation-uses-the-public-entry',
      severity: 'error',
      comment: 'The default platform is built only from the public entry points, cdk8s-platform and cdk8s-platform/testing, as any organisation is.',
      from: { path: '^(main\\.ts|platform/|test/platform\\.test\\.ts)' },
      to: { path: '^(src|imports)/', pathNot: '^src/index\\.ts$|^src/testing/index\\.ts$' },
    },
    {
      name: 'organisation-imports-no-dependency-directly',
      severity: 'error',
      comment: 'The default platform names no dependency of the library (cdk8s, constructs, …) or internal file: everything comes through cdk8s-platform.',
      from: { path: '^(main\\.ts|platform/)' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^imports/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
