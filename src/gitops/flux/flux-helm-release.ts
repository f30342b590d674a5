/**
 * A Flux HelmRepository and HelmRelease that install one Helm chart.
 */
import { Construct } from 'constructs';
import {
  HelmRelease, HelmReleaseSpecChartSpecSourceRefKind, HelmReleaseSpecInstallCrds, HelmReleaseSpecUpgradeCrds,
} from '../../../imports/helm.toolkit.fluxcd.io';
import { HelmRepository } from '../../../imports/source.toolkit.fluxcd.io';
import { ChartRelease } from '../../contracts/gitops-engine';
import { HELM_CONTROLLER_SA } from './flux-lockdown';

export interface FluxHelmReleaseProps {
  readonly release: ChartRelease;
  /** Namespace the Flux controllers run in; both objects live there. */
  readonly fluxNamespace: string;
}

/** Reconcile intervals: the repository index hourly, the release every 10 minutes. */
export const HELM_INTERVALS = { repository: '1h', release: '10m', timeout: '10m' } as const;

/**
 * A HelmRepository named after the release and a HelmRelease that installs
 * the pinned chart version into the target namespace (release stored there
 * too), creates and replaces the chart's CRDs on install and upgrade,
 * retries failed installs and upgrades three times, and waits for the
 * releases it depends on (`dependsOn`).
 *
 * Source: Flux docs, "HelmRelease" (v2: chart.spec, dependsOn, install.crds,
 * targetNamespace, storageNamespace) and "HelmRepository" (v1).
 */
export class FluxHelmRelease extends Construct {
  constructor(scope: Construct, id: string, props: FluxHelmReleaseProps) {
    super(scope, id);
    const r = props.release;
    const ns = props.fluxNamespace;
    new HelmRepository(this, 'Repository', {
      metadata: { name: r.name, namespace: ns },
      spec: { url: r.repoURL, interval: HELM_INTERVALS.repository },
    });
    new HelmRelease(this, 'Resource', {
      metadata: { name: r.name, namespace: ns },
      spec: {
        interval: HELM_INTERVALS.release,
        timeout: HELM_INTERVALS.timeout,
        releaseName: r.name,
        // Flux lock-down: without it, helm-controller impersonates `default` (no rights).
        serviceAccountName: HELM_CONTROLLER_SA,
        targetNamespace: r.namespace,
        storageNamespace: r.namespace,
        chart: {
          spec: {
            chart: r.chart,
            version: r.version,
            sourceRef: { kind: HelmReleaseSpecChartSpecSourceRefKind.HELM_REPOSITORY, name: r.name },
          },
        },
        install: { crds: HelmReleaseSpecInstallCrds.CREATE_REPLACE, remediation: { retries: 3 } },
        upgrade: { crds: HelmReleaseSpecUpgradeCrds.CREATE_REPLACE, remediation: { retries: 3 } },
        dependsOn: r.dependsOn.length > 0 ? r.dependsOn.map((name) => ({ name })) : undefined,
        values: r.values,
      },
    });
  }
}
