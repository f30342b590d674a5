/**
 * The default platform definition: settings and clusters in TypeScript
 * (this folder), tenants as YAML files in `tenants/`.
 */
import * as path from 'path';
import { PlatformSources, readTenantFiles } from '../spec/load';
import { clusters } from './clusters';
import { settings } from './settings';

/**
 * The sources of the default platform.
 *
 * @param root the project root; file names in errors are relative to it
 * @param tenantsDir the folder of tenant files (default `<root>/tenants`)
 */
export function defaultPlatformSources(root: string, tenantsDir = path.join(root, 'tenants')): PlatformSources {
  return {
    settings,
    settingsFile: 'src/platform/settings.ts',
    clusters,
    clustersFile: 'src/platform/clusters.ts',
    tenantFiles: readTenantFiles(tenantsDir, root),
  };
}
