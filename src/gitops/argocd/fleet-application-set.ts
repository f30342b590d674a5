/**
 * The fleet entry point for a hub Argo CD: an ApplicationSet whose Git
 * directory generator walks `dist/clusters/*` and creates, per Argo CD
 * cluster, an Application that installs that cluster's `bootstrap/` folder
 * into the cluster's own Argo CD. An alternative to applying each cluster's
 * root Application by hand.
 */
import { Construct } from 'constructs';
import { ApplicationSet, AppProject } from '../../../imports/argoproj.io';
import { ClusterSpec } from '../../spec/cluster';
import { DIST_DIR, FOLDERS } from '../../render/layout';
import { controllerServiceAccount } from './argocd-settings';
import { FLEET_PROJECT, RETRY } from './constants';

export interface FleetApplicationSetProps {
  /** Every cluster of the platform; clusters on other engines are excluded from the generator. */
  readonly clusters: readonly ClusterSpec[];
  /** Namespace the hub's and the clusters' Argo CD run in. */
  readonly argocdNamespace: string;
}

/**
 * One ApplicationSet per distinct (repository, branch) of the Argo CD
 * clusters, named `platform-clusters` (suffixed `-2`, `-3`… when there are
 * several), and the `platform-fleet` AppProject its Applications use: any
 * registered cluster, Argo CD namespace only, Argo CD objects only.
 *
 * The hub must know each cluster under its platform name (the destination is
 * `name: <cluster>`). Source: Argo CD docs, "Git Generator" (directories,
 * exclude) and "Go Template".
 */
export class FleetApplicationSet extends Construct {
  constructor(scope: Construct, id: string, props: FleetApplicationSetProps) {
    super(scope, id);
    const argo = props.clusters.filter((c) => c.gitops.engine === 'argocd');
    const groups = new Map<string, ClusterSpec[]>();
    for (const c of argo) {
      const key = `${c.gitops.repoURL}#${c.gitops.branch}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    if (groups.size === 0) return;

    new AppProject(this, 'Project', {
      metadata: { name: FLEET_PROJECT, namespace: props.argocdNamespace },
      spec: {
        description: 'Fleet bootstrap: installs each cluster\'s bootstrap folder into that cluster\'s Argo CD',
        sourceRepos: [...new Set(argo.map((c) => c.gitops.repoURL))].sort(),
        destinations: [{ name: '*', namespace: props.argocdNamespace }],
        // With sync impersonation on and enforced, the hub installs each
        // cluster's bootstrap as that cluster's Argo CD controller.
        destinationServiceAccounts: [{ server: '*', namespace: props.argocdNamespace, defaultServiceAccount: controllerServiceAccount(props.argocdNamespace) }],
        clusterResourceWhitelist: [],
        namespaceResourceWhitelist: [{ group: 'argoproj.io', kind: 'AppProject' }, { group: 'argoproj.io', kind: 'Application' }],
      },
    });

    const keys = [...groups.keys()].sort();
    keys.forEach((key, i) => {
      const members = new Set(groups.get(key)!.map((c) => c.name));
      const [repoURL, branch] = [groups.get(key)![0].gitops.repoURL, groups.get(key)![0].gitops.branch];
      const excluded = props.clusters.filter((c) => !members.has(c.name)).map((c) => c.name).sort();
      new ApplicationSet(this, `Set${i}`, {
        metadata: { name: i === 0 ? 'platform-clusters' : `platform-clusters-${i + 1}`, namespace: props.argocdNamespace },
        spec: {
          goTemplate: true,
          goTemplateOptions: ['missingkey=error'],
          generators: [{
            git: {
              repoUrl: repoURL,
              revision: branch,
              directories: [
                { path: `${DIST_DIR}/clusters/*` },
                ...excluded.map((name) => ({ path: `${DIST_DIR}/clusters/${name}`, exclude: true })),
              ],
            },
          }],
          template: {
            metadata: { name: '{{.path.basename}}-bootstrap' },
            spec: {
              project: FLEET_PROJECT,
              source: { repoUrl: repoURL, targetRevision: branch, path: `{{.path.path}}/${FOLDERS.bootstrap}` },
              destination: { name: '{{.path.basename}}', namespace: props.argocdNamespace },
              syncPolicy: {
                automated: { prune: true, selfHeal: true },
                retry: { limit: RETRY.limit, backoff: { ...RETRY.backoff } },
              },
            },
          },
        },
      });
    });
  }
}
