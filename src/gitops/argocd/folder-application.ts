/**
 * An Argo CD Application that syncs one folder of a Git repository with
 * automated sync, pruning and self-heal.
 */
import { Construct } from 'constructs';
import { Application } from '../../../imports/argoproj.io';
import { IN_CLUSTER, RESOURCES_FINALIZER, RETRY, SYNC_WAVE } from './constants';

export interface FolderApplicationProps {
  /** Application name. */
  readonly name: string;
  /** Namespace Argo CD runs in (where Application objects live). */
  readonly argocdNamespace: string;
  /** AppProject the Application belongs to. */
  readonly project: string;
  readonly repoURL: string;
  /** Branch, tag or commit. */
  readonly targetRevision: string;
  /** Folder in the repository. */
  readonly path: string;
  /**
   * Namespace objects without one are put in.
   * @default - none; every rendered object carries its own namespace
   */
  readonly destinationNamespace?: string;
  /**
   * Sync wave of this Application inside its parent's sync.
   * @default - no annotation (wave 0)
   */
  readonly wave?: number;
  /**
   * Delete the managed objects when the Application is deleted (cascade), so
   * that removing a folder removes what it deployed.
   * @default true
   */
  readonly cascadeDelete?: boolean;
}

/**
 * An Application with automated sync (prune + self-heal) and a bounded retry.
 * Source: Argo CD docs, "Automated Sync Policy" and "App Deletion".
 */
export class FolderApplication extends Construct {
  constructor(scope: Construct, id: string, props: FolderApplicationProps) {
    super(scope, id);
    new Application(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.argocdNamespace,
        annotations: props.wave !== undefined ? { [SYNC_WAVE]: String(props.wave) } : undefined,
        finalizers: props.cascadeDelete === false ? undefined : [RESOURCES_FINALIZER],
      },
      spec: {
        project: props.project,
        source: { repoUrl: props.repoURL, targetRevision: props.targetRevision, path: props.path },
        destination: { server: IN_CLUSTER, namespace: props.destinationNamespace },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          retry: { limit: RETRY.limit, backoff: { ...RETRY.backoff } },
        },
      },
    });
  }
}
