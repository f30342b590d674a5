/**
 * Turns an add-on definition into a platform component: one folder
 * `platform/<add-on>/` holding the add-on's Namespace, NetworkPolicies,
 * further objects and, for the cluster's engine, its Helm release(s).
 */
import { PlatformComponent } from '../contracts/component';
import { AddonName } from '../spec/addon-names';
import { AddonDefinition } from './addon';
import { AddonNetworkPolicies } from './addon-network-policies';
import { addonContext, addonNamespace } from './addon-context';
import { enabledAddons } from './enablement';
import { releaseValues } from './knobs';
import { PlatformNamespace } from './platform-namespace';
import { PLATFORM_PRIORITY_CLASS } from './platform-priority-class';
import { pulledImages } from './pulled-images';
import { chartRepositoryFor } from './registries';

/** What the component needs of the rest of the catalog. */
export interface CatalogView {
  /** Definition of another add-on by name. */
  byName(name: AddonName): AddonDefinition;
  /** Every add-on definition, in catalog order. */
  all(): readonly AddonDefinition[];
}

const PERMISSIVENESS = { restricted: 0, baseline: 1, privileged: 2 } as const;

/**
 * The platform component of `addon`, synced at `wave`. Its releases depend
 * (Flux `dependsOn`) on the last release of every add-on in `dependsOn` that
 * runs on the cluster, and on the previous release of the same add-on.
 */
export function addonComponent(addon: AddonDefinition, wave: number, catalog: CatalogView): PlatformComponent {
  return {
    name: addon.name,
    wave,
    enabledOn: (ctx) => enabledAddons(ctx.cluster).has(addon.name),
    crds: () => addon.crds,
    needs: (ctx) => addon.dependsOn.filter((d) => enabledAddons(ctx.cluster).has(d)),
    sourceRepos: (ctx) => addon.releases.map((r) => chartRepositoryFor(ctx.cluster, r.chart)),
    // What the charts pull, built from the values as their templates do (upstream references; the list maps them to the mirror).
    images: (ctx) => pulledImages(addon, addonContext(addon, ctx.platform, ctx.cluster, undefined, true)).map((i) => i.ref),
    build(scope, ctx) {
      const actx = addonContext(addon, ctx.platform, ctx.cluster);
      // Add-ons may share a namespace (kube-state-metrics runs beside
      // kube-prometheus-stack in monitoring): the first one in catalog order
      // owns the Namespace and its baseline policies, so no object is managed twice.
      const owner = catalog.all().find((a) => actx.enabled.has(a.name) && addonNamespace(a, ctx.platform) === actx.namespace) ?? addon;
      if (owner === addon) {
        new PlatformNamespace(scope, 'Namespace', {
          name: actx.namespace,
          component: addon.name,
          podSecurity: addon.podSecurity.level,
          podSecurityJustification: addon.podSecurity.justification,
          podSecurityVersion: `v${ctx.cluster.kubernetesVersion}`,
        });
      } else if (PERMISSIVENESS[addon.podSecurity.level] > PERMISSIVENESS[owner.podSecurity.level]) {
        throw new Error(`add-on ${addon.name} needs Pod Security ${addon.podSecurity.level} but shares namespace ${actx.namespace} with ${owner.name}, which enforces ${owner.podSecurity.level}`);
      }
      new AddonNetworkPolicies(scope, 'NetworkPolicies', {
        namespace: actx.namespace,
        clusterDns: ctx.platform.settings.clusterDns,
        monitoringNamespace: ctx.platform.settings.namespaces.monitoring,
        rules: addon.network.filter((r) => (r.usedOn ? r.usedOn(actx) : true)),
        baseline: owner === addon,
        namePrefix: owner === addon ? '' : `${addon.name}-`,
      });
      addon.extraObjects?.(scope, actx);
      const upstream = addon.dependsOn
        .filter((d) => actx.enabled.has(d))
        .map((d) => { const rs = catalog.byName(d).releases; return rs[rs.length - 1].name; });
      addon.releases.forEach((release, i) => {
        ctx.engine.chartRelease(scope, {
          name: release.name,
          namespace: actx.namespace,
          repoURL: chartRepositoryFor(ctx.cluster, release.chart),
          chart: release.chart.chart,
          version: release.chart.version,
          values: releaseValues(addon, release.name, actx, PLATFORM_PRIORITY_CLASS),
          wave,
          dependsOn: i === 0 ? upstream : [addon.releases[i - 1].name],
        });
      });
    },
  };
}
