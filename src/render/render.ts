/**
 * Turns collected manifests into file contents: runs the cross-cutting passes
 * (cdk8s has no Aspects, so they run here over plain data), then serialises
 * each object with the project's YAML emitter.
 */
import { Manifest } from './manifests';
import { RenderError } from './render-error';
import { toYaml } from './yaml';

/**
 * A cross-cutting check or rewrite applied to every manifest before it is
 * serialised (e.g. refusing Secrets with data, rewriting images to a mirror).
 * It may change `manifest.object` in place. It returns problems as text
 * (naming `manifest.source`), or nothing.
 */
export type ManifestPass = (manifest: Manifest) => string[] | void;

/** The rendered output: file path under `dist/` → file content. */
export type RenderedFiles = Map<string, string>;

/**
 * Applies `passes` to every manifest, then serialises all of them.
 *
 * @throws RenderError listing every problem the passes reported; nothing is returned then
 */
export function renderManifests(manifests: readonly Manifest[], passes: readonly ManifestPass[] = []): RenderedFiles {
  const problems: string[] = [];
  for (const m of manifests) problems.push(...applyPasses(m, passes));
  if (problems.length > 0) throw new RenderError(problems);
  const files: RenderedFiles = new Map();
  for (const m of manifests) {
    files.set(m.path, serialise(m));
  }
  return files;
}

/** Applies `passes` to one manifest, in order; returns the problems they reported. */
export function applyPasses(m: Manifest, passes: readonly ManifestPass[]): string[] {
  const problems: string[] = [];
  for (const pass of passes) {
    const found = pass(m);
    if (found) problems.push(...found);
  }
  return problems;
}

/** The file content of one manifest. */
export function serialise(m: Manifest): string {
  if (m.object) return toYaml(m.object);
  if (typeof m.content === 'string') return m.content.endsWith('\n') ? m.content : `${m.content}\n`;
  return toYaml(m.content);
}
