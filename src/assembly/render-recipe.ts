/**
 * How a render is put together — the components, control-plane parts,
 * tenant parts and passes for a validated platform — in a form render
 * threads can rebuild: functions cannot cross threads, so a worker loads the
 * module that defines the recipe and finds it again by its key.
 */
import { PlatformSpec } from '../spec/model';
import { RenderOptions } from './render-platform';

/** Builds the render options of a validated platform. */
export interface RenderRecipe {
  /** The render options for `platform` (components, parts, passes). */
  renderOptions(platform: PlatformSpec): RenderOptions;
  /**
   * Where a render thread finds this recipe again: `entry` is a module
   * (JavaScript, or TypeScript loaded through tsx) whose loading registers
   * the recipe under `key` with {@link registerRecipe}.
   * @default - the recipe renders on one thread only
   */
  readonly worker?: RecipeLocation;
}

/** A recipe's module and registry key, for render threads. */
export interface RecipeLocation {
  /** Absolute path of the module to load in a worker. */
  readonly entry: string;
  /** Key the module registers the recipe under. */
  readonly key: string;
}

const registry = new Map<string, RenderRecipe>();

/**
 * Registers `recipe` under `key` in this thread, so that a render worker that
 * loads the same module finds it. Registering a key again replaces the recipe.
 */
export function registerRecipe(key: string, recipe: RenderRecipe): void {
  registry.set(key, recipe);
}

/**
 * The recipe registered under `key` in this thread.
 * @throws Error naming the key and the registered keys when there is none
 */
export function registeredRecipe(key: string): RenderRecipe {
  const recipe = registry.get(key);
  if (!recipe) throw new Error(`no render recipe is registered as "${key}" (registered: ${[...registry.keys()].join(', ') || 'none'})`);
  return recipe;
}
