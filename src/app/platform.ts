/**
 * An organisation's platform: its definition (settings, clusters, the
 * folder of tenant files) and what it renders with (the standard components,
 * tenant parts, control-plane parts and passes, or its own lists). An
 * organisation's `main.ts` exports one; `cdk8s-platform synth`, `diff` and
 * the invariant tests of `cdk8s-platform/testing` take it from there.
 *
 * @example
 * // main.ts of an organisation's repository
 * import { Platform, standardComponents } from 'cdk8s-platform';
 * import { clusters } from './platform/clusters';
 * import { settings } from './platform/settings';
 * import { costReports } from './platform/cost-reports';
 *
 * export default new Platform({
 *   root: __dirname,
 *   settings,
 *   clusters,
 *   components: [...standardComponents(), costReports],
 * });
 */
import * as path from 'path';
import { RenderOptions } from '../assembly/render-platform';
import { RecipeLocation, registerRecipe, RenderRecipe } from '../assembly/render-recipe';
import { ControlPlanePart, ExternalPart, PlatformComponent, TenantPart } from '../contracts/component';
import { RenderedFiles, ManifestPass } from '../render/render';
import { ClusterInput } from '../spec/cluster';
import { loadPlatform, PlatformSources, readTenantFiles } from '../definition/load';
import { withTypeScriptLines } from '../definition/typescript-lines';
import { PlatformSpec } from '../spec/model';
import { DefinitionError } from '../spec/problems';
import { PlatformSettingsInput } from '../spec/settings';
import { standardComponents, standardControlPlane, standardExternalParts, standardPasses, standardTenantParts } from './standard';
import { renderDist, SynthOptions, SynthSummary, writeDist } from './synth';

/** Props of {@link Platform}. */
export interface PlatformProps {
  /**
   * The organisation's repository root (usually `__dirname` of `main.ts`):
   * folders below are relative to it, and so are file names in problems.
   */
  readonly root: string;
  /** Platform-wide settings. */
  readonly settings: PlatformSettingsInput;
  /**
   * The file `settings` is written in, relative to `root`, for problems.
   * @default 'platform/settings.ts'
   */
  readonly settingsFile?: string;
  /** The clusters. */
  readonly clusters: readonly ClusterInput[];
  /**
   * The file `clusters` is written in, relative to `root`, for problems.
   * @default 'platform/clusters.ts'
   */
  readonly clustersFile?: string;
  /**
   * The folder of tenant files (`<name>.yaml`), relative to `root`.
   * @default 'tenants'
   */
  readonly tenantsDir?: string;
  /**
   * The output folder, relative to `root`.
   * @default 'dist'
   */
  readonly distDir?: string;
  /**
   * The platform components rendered on every cluster (where enabled), in order.
   * @default standardComponents()
   */
  readonly components?: readonly PlatformComponent[];
  /**
   * Contributions to every tenant environment.
   * @default standardTenantParts()
   */
  readonly tenantParts?: readonly TenantPart[];
  /**
   * Contributions to each cluster's `control-plane/` folder.
   * @default standardControlPlane()
   */
  readonly controlPlane?: readonly ControlPlanePart[];
  /**
   * Folders of files a team outside GitOps applies (`dist/clusters/<cluster>/<folder>/`).
   * @default standardExternalParts()
   */
  readonly external?: readonly ExternalPart[];
  /**
   * Render passes run after the standard ones (which refuse Secrets with
   * data and rewrite images of air-gapped clusters to their mirror, and
   * cannot be left out).
   * @default []
   */
  readonly passes?: readonly ManifestPass[] | ((platform: PlatformSpec) => readonly ManifestPass[]);
}

/** Platforms constructed in this thread, per root. */
const constructed = new Map<string, number>();

/** An organisation's platform: definition plus composition. */
export class Platform implements RenderRecipe {
  /** The repository root. */
  public readonly root: string;
  /** Absolute path of the tenant files' folder. */
  public readonly tenantsDir: string;
  /** Absolute path of the output folder. */
  public readonly distDir: string;
  /** Registry key of this platform's recipe, for render threads (see `locateIn`). */
  public readonly recipeKey: string;
  private readonly props: PlatformProps;
  private location?: RecipeLocation;

  /**
   * @throws Error when `root` is not an absolute path
   */
  public constructor(props: PlatformProps) {
    if (!path.isAbsolute(props.root)) throw new Error(`Platform root "${props.root}" must be an absolute path (use __dirname in main.ts)`);
    this.props = props;
    this.root = props.root;
    this.tenantsDir = path.resolve(props.root, props.tenantsDir ?? 'tenants');
    this.distDir = path.resolve(props.root, props.distDir ?? 'dist');
    // Platforms are registered by root and construction order, so loading
    // the same module in a render thread registers this one under the same key.
    const n = constructed.get(this.root) ?? 0;
    constructed.set(this.root, n + 1);
    this.recipeKey = `platform:${this.root}#${n}`;
    registerRecipe(this.recipeKey, this);
  }

  /** Where render threads find this platform: set by whoever loaded its module (the CLI). */
  public get worker(): RecipeLocation | undefined {
    return this.location;
  }

  /**
   * Tells render threads which module defines this platform, so large
   * platforms render on several threads.
   *
   * @param entry absolute path of the module (e.g. `main.ts`) whose loading constructs this platform
   */
  public locateIn(entry: string): this {
    this.location = { entry, key: this.recipeKey };
    return this;
  }

  /**
   * The definition's sources: settings, clusters and the tenant files read
   * from `tenantsDir` (or the given folder).
   *
   * @throws Error when the tenants folder cannot be read
   */
  public sources(tenantsDir: string = this.tenantsDir): PlatformSources {
    return {
      settings: this.props.settings,
      settingsFile: this.props.settingsFile ?? 'platform/settings.ts',
      clusters: this.props.clusters,
      clustersFile: this.props.clustersFile ?? 'platform/clusters.ts',
      tenantFiles: readTenantFiles(tenantsDir, this.root),
    };
  }

  /**
   * The validated definition.
   * @throws DefinitionError listing every problem
   */
  public load(tenantsDir?: string): PlatformSpec {
    const sources = this.sources(tenantsDir);
    try {
      return loadPlatform(sources);
    } catch (e) {
      if (!(e instanceof DefinitionError)) throw e;
      // Problems in the TypeScript files get their lines, as tenant files' problems have.
      throw new DefinitionError(withTypeScriptLines(e.problems, this.root, { [sources.settingsFile]: 'settings', [sources.clustersFile]: 'clusters' }));
    }
  }

  /** The render options of a validated definition of this platform. */
  public renderOptions(platform: PlatformSpec): RenderOptions {
    const own = this.props.passes;
    return {
      components: this.props.components ?? standardComponents(),
      tenantParts: this.props.tenantParts ?? standardTenantParts(),
      controlPlane: this.props.controlPlane ?? standardControlPlane(),
      external: this.props.external ?? standardExternalParts(),
      passes: [...standardPasses(platform), ...(typeof own === 'function' ? own(platform) : own ?? [])],
    };
  }

  /**
   * Every file of `dist/`, rendered in memory on this thread.
   *
   * @param platform the validated definition
   * @default platform - `this.load()`
   * @throws DefinitionError when the definition is invalid; RenderError when rendering fails
   */
  public render(platform: PlatformSpec = this.load()): RenderedFiles {
    return renderDist(platform, this).files;
  }

  /**
   * Validates, renders and replaces `distDir` (or `outDir`) atomically.
   *
   * @throws DefinitionError when the definition is invalid; RenderError or
   *   Error when rendering fails; the output folder is then untouched
   */
  public async synth(options: SynthOptions & { readonly outDir?: string; readonly tenantsDir?: string } = {}): Promise<SynthSummary> {
    return writeDist(this.load(options.tenantsDir), options.outDir ?? this.distDir, { ...options, recipe: this });
  }
}
