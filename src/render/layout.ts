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
 *   gitops-engine/          settings for the GitOps engine's own install, not synced by GitOps
 * dist/fleet/               fleet-wide entry points (Argo CD ApplicationSet)
 * dist/images.txt           every container image referenced
 * ```
 */

/** Folder of the rendered output, relative to the repository root. */
export const DIST_DIR = 'dist';

/** Folder names inside `dist/clusters/<cluster>/`. */
export const FOLDERS = {
  bootstrap: 'bootstrap',
  controlPlane: 'control-plane',
  secretBackend: 'secret-backend',
  gitopsEngine: 'gitops-engine',
  platform: (component: string) => `platform/${component}`,
  tenant: (tenant: string) => `tenants/${tenant}`,
} as const;

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
