/**
 * An Argo CD Application that installs one Helm chart from a Helm
 * repository, with the values inline (`helm.valuesObject`).
 */
import { Construct } from 'constructs';
import { Application } from '../../../imports/argoproj.io';
import { ChartRelease } from '../../contracts/gitops-engine';
import { IN_CLUSTER, RESOURCES_FINALIZER, RETRY, SYNC_WAVE } from './constants';

export interface HelmApplicationProps {
  readonly release: ChartRelease;
  /** Namespace Argo CD runs in (where Application objects live). */
  readonly argocdNamespace: string;
  /** AppProject; must list the chart repository in `sourceRepos`. */
  readonly project: string;
}

/**
 * An Application with a Helm source: chart, repository and pinned version
 * (`targetRevision`), release name and inline values; automated sync with
 * prune and self-heal, server-side apply (large CRDs exceed the client-side
 * apply annotation limit), and a bounded retry.
 *
 * Source: Argo CD docs, "Helm" (valuesObject, releaseName), "Sync Options"
 * (ServerSideApply), "Sync Phases and Waves".
 */
export class HelmApplication extends Construct {
  constructor(scope: Construct, id: string, props: HelmApplicationProps) {
    super(scope, id);
    const r = props.release;
    new Application(this, 'Resource', {
      metadata: {
        name: r.name,
        namespace: props.argocdNamespace,
        annotations: { [SYNC_WAVE]: String(r.wave) },
        finalizers: [RESOURCES_FINALIZER],
      },
      spec: {
        project: props.project,
        source: {
          repoUrl: r.repoURL,
          chart: r.chart,
          targetRevision: r.version,
          helm: { releaseName: r.name, valuesObject: r.values },
        },
        destination: { server: IN_CLUSTER, namespace: r.namespace },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: ['ServerSideApply=true'],
          retry: { limit: RETRY.limit, backoff: { ...RETRY.backoff } },
        },
      },
    });
  }
}
