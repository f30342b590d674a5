/**
 * `cdk8s-platform init <dir>`: creates an organisation's platform repository.
 *
 * The repository starts as a copy of the library's example organisation
 * (the default platform of the cdk8s-platform repository): `main.ts`
 * composing the platform, `platform/settings.ts` and `platform/clusters.ts`,
 * `tenants/`, the invariant tests `test/platform.test.ts`, the pull request
 * workflow, and the tool configuration (`package.json` depending on
 * cdk8s-platform, `cdk8s.yaml`, `tsconfig.json`, `jest.config.js`). Then
 * `npm install && npm run synth` renders it and `npm test` tests it.
 *
 * `package-lock.json` pins the toolchain (TypeScript, Jest and the library's
 * own dependencies) at the versions this library was built and tested with,
 * so `npm ci` installs exactly those — offline too, from the npm cache.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { CommandIo } from './synth';

/** Usage of `init`. */
export const INIT_USAGE = `Usage: cdk8s-platform init <dir> [options]

Creates an organisation's platform repository in <dir> (which must not exist
or be empty), starting from the library's example organisation.

  --name <name>        package name of the repository (default: the folder's name)
  --library <spec>     how package.json names cdk8s-platform: a version range
                       (default: ^<this version>), or a tarball or folder,
                       e.g. file:../cdk8s-platform-1.0.0.tgz
  -h, --help           show this text

Then:
  cd <dir> && npm install && npm run synth   # render the platform into dist/
  npm test                                   # type-check and test it
`;

/** Files of the example organisation copied from the package root, and the scaffolding folder. */
export const ORGANISATION_FILES = ['main.ts', 'platform', 'tenants', 'test/platform.test.ts', '.github/workflows/platform.yml'] as const;

/** The package folder of the scaffolding (tool configuration, README, workflow). */
export const TEMPLATE_DIR = 'template';

/**
 * Dev dependencies of an organisation's repository, with the ranges this
 * library was tested with. `scripts/organisation-lock.js` locks the same
 * packages (it reads this list from the compiled library).
 */
export const ORGANISATION_DEV_DEPENDENCIES = ['@types/jest', '@types/node', 'jest', 'ts-jest', 'typescript'] as const;

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: Record<string, string>;
  license?: string;
  bin?: Record<string, string> | string;
}

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  peer?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** Options of {@link createOrganisation}. */
export interface InitOptions {
  /** The folder to create. */
  readonly dir: string;
  /** @default - the folder's name */
  readonly name?: string;
  /** @default `^<library version>` */
  readonly library?: string;
  /**
   * The installed cdk8s-platform package to copy from.
   * @default - the package this module belongs to
   */
  readonly packageRoot?: string;
}

/**
 * Creates the repository.
 *
 * @returns the files written, relative to `dir`
 * @throws Error when `dir` exists and is not empty, or the package lacks its template
 */
export function createOrganisation(options: InitOptions): string[] {
  const dir = path.resolve(options.dir);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new Error(`${options.dir} exists and is not empty; init creates a new repository in a new or empty folder`);
  }
  const pkgRoot = options.packageRoot ?? packageRoot();
  const library = readJson<PackageJson>(path.join(pkgRoot, 'package.json'));
  const name = options.name ?? path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  const librarySpec = options.library ?? `^${library.version}`;
  const written: string[] = [];
  const write = (rel: string, content: string | Buffer) => {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    written.push(rel);
  };

  const template = path.join(pkgRoot, TEMPLATE_DIR);
  if (!fs.existsSync(template)) throw new Error(`${template} is missing: this copy of cdk8s-platform has no organisation template`);
  for (const rel of listFiles(template)) {
    // npm never packs files named .gitignore; the template keeps it as "gitignore".
    write(rel === 'gitignore' ? '.gitignore' : rel, fs.readFileSync(path.join(template, rel)));
  }
  for (const entry of ORGANISATION_FILES) {
    const from = path.join(pkgRoot, entry);
    const files = fs.statSync(from).isDirectory() ? listFiles(from).map((f) => path.join(entry, f)) : [entry];
    for (const rel of files) write(rel, fs.readFileSync(path.join(pkgRoot, rel)));
  }

  const devDependencies = Object.fromEntries(ORGANISATION_DEV_DEPENDENCIES.map((d) => [d, library.devDependencies?.[d] ?? '*']));
  const manifest = {
    name,
    version: '0.0.0',
    private: true,
    description: 'The platform definition of an organisation, rendered by cdk8s-platform into dist/',
    scripts: {
      synth: 'cdk8s-platform synth',
      diff: 'cdk8s-platform diff',
      build: 'tsc --noEmit -p .',
      test: 'tsc --noEmit -p . && jest',
    },
    dependencies: { 'cdk8s-platform': librarySpec },
    devDependencies,
    engines: library.engines,
  };
  write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);

  const toolchain = path.join(pkgRoot, TEMPLATE_LOCK);
  if (fs.existsSync(toolchain)) {
    write('package-lock.json', `${JSON.stringify(organisationLock(manifest, library, librarySpec, readJson(toolchain)), null, 2)}\n`);
  }
  return written.sort();
}

/** Where the package keeps the lock of the organisation's toolchain (written by `scripts/organisation-lock.js` when packing). */
export const TEMPLATE_LOCK = 'lib/organisation-lock.json';

/**
 * The organisation's `package-lock.json`: the toolchain's entries (the
 * library's dependencies and the organisation's dev dependencies, as the
 * library's own lock resolved them) plus the library itself.
 */
function organisationLock(
  manifest: { name: string; version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> },
  library: PackageJson,
  librarySpec: string,
  toolchain: { packages: Record<string, LockEntry> },
): object {
  const local = /^(file:|\.{0,2}\/)/.test(librarySpec);
  const libraryEntry: LockEntry = {
    version: library.version,
    resolved: local ? `file:${librarySpec.replace(/^file:/, '')}` : `https://registry.npmjs.org/cdk8s-platform/-/cdk8s-platform-${library.version}.tgz`,
    license: library.license,
    dependencies: library.dependencies,
    bin: library.bin,
    engines: library.engines,
  };
  return {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies, devDependencies: manifest.devDependencies },
      'node_modules/cdk8s-platform': libraryEntry,
      ...toolchain.packages,
    },
  };
}

/**
 * Runs `init` with its command-line arguments.
 * @returns the exit code
 */
export function initCommand(argv: readonly string[], io: CommandIo = process): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { name: { type: 'string' }, library: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${INIT_USAGE}`);
    return 1;
  }
  if (parsed.values.help) {
    io.stdout.write(INIT_USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    io.stderr.write(`init takes one folder (got ${parsed.positionals.length}).\n\n${INIT_USAGE}`);
    return 1;
  }
  const dir = parsed.positionals[0];
  try {
    const files = createOrganisation({ dir, name: parsed.values.name, library: parsed.values.library });
    io.stdout.write(`Created ${dir}/ (${files.length} files). Next:\n  cd ${dir} && npm install && npm run synth\n  npm test\n`);
    return 0;
  } catch (e) {
    io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** The root of the cdk8s-platform package this module belongs to. */
export function packageRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && readJson<PackageJson>(file).name === 'cdk8s-platform') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no cdk8s-platform package.json above ${from}`);
  }
}

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  }).sort();
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
