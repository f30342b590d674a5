/**
 * Picks the GitOps engine of a cluster.
 */
import { ClusterSpec } from '../spec/cluster';
import { PlatformSettings } from '../spec/settings';
import { ArgoCdEngine } from './argocd/argocd-engine';
import { GitOpsEngine } from '../contracts/gitops-engine';
import { FluxEngine } from './flux/flux-engine';

/** The engine named by `cluster.gitops.engine`, running in the platform's namespace for it. */
export function engineFor(cluster: ClusterSpec, settings: PlatformSettings): GitOpsEngine {
  switch (cluster.gitops.engine) {
    case 'argocd':
      return new ArgoCdEngine({ namespace: settings.namespaces.argocd });
    case 'flux':
      return new FluxEngine({ namespace: settings.namespaces.flux });
  }
}
