/**
 * The layout of `dist/`:
 *
 * ```
 * dist/clusters/<cluster>/
 *   bootstrap/              GitOps entry point: root Application or Flux Kustomizations; AppProjects
 *   platform/<component>/   one folder per platform component or add-on
 *   tenants/<tenant>/       everything one tenant owns on the cluster
 *   control-plane/          API-server files, not synced by GitOps
 *   secret-backend/         policies and roles the secret backend's team applies, not synced by GitOps
 *   logging-backend/        per-tenant roles the log backend's team applies, not synced by GitOps
 *   gitops-engine/          settings for the GitOps engine's own install, not synced by GitOps
 * dist/fleet/               fleet-wide entry points (Argo CD ApplicationSet)
 * dist/images.txt           every container image referenced
 * ```
 *
 * `dist/clusters/<cluster>/bootstrap/flux-system/` belongs to Flux: `flux
 * bootstrap --path=dist/clusters/<cluster>/bootstrap` commits its own
 * components and sync there. A render carries the files there over
 * unchanged, except those it renders itself (e.g. a `kustomization.yaml`
 * patching the Flux controllers); the freshness checks and the review leave
 * the others out.
 */

/** Folder of the rendered output, relative to the repository root. */
export const DIST_DIR = 'dist';

/** Parents of the per-component and per-tenant folders. */
const PLATFORM_FOLDER = 'platform';
const TENANTS_FOLDER = 'tenants';

/** Folder names inside `dist/clusters/<cluster>/`. */
export const FOLDERS = {
  bootstrap: 'bootstrap',
  controlPlane: 'control-plane',
  secretBackend: 'secret-backend',
  loggingBackend: 'logging-backend',
  gitopsEngine: 'gitops-engine',
  platform: (component: string) => `${PLATFORM_FOLDER}/${component}`,
  tenant: (tenant: string) => `${TENANTS_FOLDER}/${tenant}`,
} as const;

/**
 * The top-level folders of `dist/clusters/<cluster>/` the render writes
 * itself, whatever the composition; an external part (`ExternalPart.folder`)
 * takes a folder of its own beside them.
 */
export const RENDERED_CLUSTER_FOLDERS: readonly string[] = [
  FOLDERS.bootstrap, FOLDERS.controlPlane, FOLDERS.gitopsEngine, PLATFORM_FOLDER, TENANTS_FOLDER,
];

/** Output folder (under `dist/`) of a cluster folder, e.g. `clusters/prod-eu1/tenants/payments`. */
export function clusterOutputDir(cluster: string, folder: string): string {
  return `clusters/${cluster}/${folder}`;
}

/** Output folder (under `dist/`) of fleet-wide objects. */
export const FLEET_OUTPUT_DIR = 'fleet';

/** Path of an output folder inside the Git repository, e.g. `dist/clusters/prod-eu1/bootstrap`. */
export function repoPath(outputDir: string): string {
  return `${DIST_DIR}/${outputDir}`;
}

/**
 * What lies in an engine-owned folder: the path starts with
 * `clusters/<cluster>/bootstrap/flux-system/`.
 */
const ENGINE_OWNED = new RegExp(`^${clusterOutputDir('[^/]+', FOLDERS.bootstrap)}/flux-system/`);

/**
 * Folders of `dist/` that belong to a GitOps engine's own bootstrap rather
 * than to the render: `clusters/<cluster>/bootstrap/flux-system/` (and the
 * folders below it), where `flux bootstrap` commits `gotk-components.yaml`,
 * `gotk-sync.yaml` and `kustomization.yaml` (Flux docs, "flux bootstrap":
 * the components are written to `<path>/flux-system/`). Argo CD's own
 * installation commits nothing to the repository.
 *
 * @param folder a folder path relative to `dist/`, forward slashes, ending in `/`
 */
export function isEngineOwnedFolder(folder: string): boolean {
  return ENGINE_OWNED.test(folder);
}

/** Whether a file of `dist/` (path relative to it, forward slashes) lies in an engine-owned folder. */
export function isEngineOwnedFile(file: string): boolean {
  return ENGINE_OWNED.test(file);
}
