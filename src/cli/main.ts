/**
 * The `cdk8s-platform` command:
 *
 * - `cdk8s-platform init <dir>`: creates an organisation's repository;
 * - `cdk8s-platform synth`: validates and renders the platform into `dist/`
 *   (`npm run synth`);
 * - `cdk8s-platform diff [options]`: reviews what a change renders (`npm run diff`).
 *
 * `synth` and `diff` take the platform from the repository's entry module,
 * `main.ts` (`--app <file>` names another), which exports it.
 */
import * as path from 'path';
import { isMainThread } from 'worker_threads';
import { Platform } from '../app/platform';
import { isRenderWorker } from '../assembly/render-threads';
import { main as diffMain } from '../review/cli';
import { initCommand } from './init';
import { DEFAULT_APP, loadApp } from './load-app';
import { CommandIo, synthCommand } from './synth';

/** Usage of the command. */
export const USAGE = `Usage: cdk8s-platform <command> [options]

Commands:
  init <dir>       create an organisation's platform repository in <dir>
  synth            validate the definition and render it into dist/ (npm run synth)
  diff [options]   review what a change renders (npm run diff; diff --help)

Options of synth and diff:
  --app <file>     the module exporting the platform (default: ${DEFAULT_APP})

  -h, --help       show this text
  -v, --version    show the version of cdk8s-platform
`;

/** What the caller may already have loaded. */
export interface RunContext {
  /**
   * The platform, when the caller has loaded it (e.g. from a bundle that holds it).
   * @default - loaded from `--app` or `main.ts` in the working directory
   */
  readonly platform?: Platform;
  /** @default process streams */
  readonly io?: CommandIo;
}

/**
 * Runs the command line `argv` (without `node` and the script).
 *
 * @returns the process exit code
 */
export async function run(argv: readonly string[], context: RunContext = {}): Promise<number> {
  const io = context.io ?? process;
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout).write(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`${libraryVersion()}\n`);
    return 0;
  }
  if (command === 'init') return initCommand(rest, io);
  if (command !== 'synth' && command !== 'diff') {
    io.stderr.write(`Unknown command "${command}"; the commands are init, synth and diff.\n\n${USAGE}`);
    return 1;
  }
  const { app, args } = takeApp(rest);
  let platform = context.platform;
  if (!platform) {
    try {
      platform = loadApp(app ?? DEFAULT_APP).platform;
    } catch (e) {
      io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  if (command === 'synth') {
    if (args.length > 0) {
      io.stderr.write(`synth takes no arguments besides --app (got ${args.join(' ')}).\n\n${USAGE}`);
      return 1;
    }
    return synthCommand(platform, io);
  }
  const loaded = platform;
  return diffMain(loaded.root, args, () => loaded.render());
}

function takeApp(args: readonly string[]): { app?: string; args: string[] } {
  const out: string[] = [];
  let app: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--app') app = args[++i];
    else if (args[i].startsWith('--app=')) app = args[i].slice('--app='.length);
    else out.push(args[i]);
  }
  return { app, args: out };
}

/** The version of the library, from its package.json. */
export function libraryVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pkg = require(path.join(dir, 'package.json')) as { name?: string; version?: string };
      if (pkg.name === 'cdk8s-platform' && pkg.version) return pkg.version;
    } catch {
      // not here; look further up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

// Run when this file itself is the program (`node --import tsx src/cli/main.ts`,
// `node lib/src/cli/main.js`); never when bundled into another program, where
// `require.main === module` holds for every inlined module.
if (require.main === module && /[\\/]cli[\\/]main\.[jt]s$/.test(process.argv[1] ?? '') && isMainThread && !isRenderWorker()) {
  run(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
