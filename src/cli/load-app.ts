/**
 * Loads an organisation's platform from its entry module (`main.ts` by
 * default): TypeScript is loaded through tsx, JavaScript as it is. The
 * module exports the {@link Platform} as `default` (or as `platform`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Platform } from '../app/platform';

/** The entry module of an organisation's repository, relative to its root. */
export const DEFAULT_APP = 'main.ts';

/** A platform and the module it came from. */
export interface LoadedApp {
  readonly platform: Platform;
  /** Absolute path of the entry module. */
  readonly entry: string;
}

/**
 * Loads the platform exported by `file` and tells it where render threads find it.
 *
 * @throws Error naming the file when it does not exist, does not load, or
 *   exports no platform
 */
export function loadApp(file: string): LoadedApp {
  const entry = path.resolve(file);
  if (!fs.existsSync(entry)) {
    throw new Error(`${path.relative(process.cwd(), entry) || entry} does not exist: run this in an organisation's repository (see \`cdk8s-platform init\`) or name the entry module with --app <file>`);
  }
  if (/\.[cm]?ts$/.test(entry)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('tsx/cjs/api').register();
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(entry) as Record<string, unknown>;
  const platform = [exported.default, exported.platform].find(isPlatform);
  if (!platform) {
    throw new Error(`${path.relative(process.cwd(), entry)} exports no platform: it must \`export default new Platform({ ... })\` (from 'cdk8s-platform')`);
  }
  return { platform: platform.locateIn(entry), entry };
}

/** True for a {@link Platform}, also one from another copy of the library. */
export function isPlatform(value: unknown): value is Platform {
  const v = value as Partial<Platform> | undefined;
  return !!v && typeof v === 'object' && typeof v.load === 'function' && typeof v.synth === 'function'
    && typeof v.render === 'function' && typeof v.locateIn === 'function';
}
