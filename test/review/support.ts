/**
 * Builds two renders from object lists and runs the review on them.
 */
import { stringify } from 'yaml';
import { KubeObject, objectFileName } from '../../src/render/manifests';
import { toYaml } from '../../src/render/yaml';
import { compareChanges, diffDist, DistChange, DistDiff } from '../../src/review/dist-diff';
import { detectRisks } from '../../src/review/risk/detect';
import { RiskFlag } from '../../src/review/risk/rules';

/** A dist file tree holding `objects`, each in `clusters/<cluster>/<folder>/<kind>-<name>.yaml`. */
export function distOf(objects: readonly KubeObject[], folder = 'tenants/team', cluster = 'c1'): Map<string, string> {
  return new Map(objects.map((o) => [
    `clusters/${cluster}/${folder}/${objectFileName(o.kind, `${o.metadata?.namespace ? `${o.metadata.namespace}-` : ''}${o.metadata?.name ?? 'policy'}`)}`,
    toYaml(o),
  ]));
}

/** The diff of two object lists. */
export function diffOf(before: readonly KubeObject[], after: readonly KubeObject[]): DistDiff {
  return diffDist(distOf(before), distOf(after));
}

/** The risk flags raised between two object lists. */
export function flagsOf(before: readonly KubeObject[], after: readonly KubeObject[]): RiskFlag[] {
  return detectRisks(diffOf(before, after));
}

/** `rule: message` of each flag, for compact assertions. */
export function rulesOf(flags: readonly RiskFlag[]): string[] {
  return flags.map((f) => f.rule);
}

/** A shallow-cloned object with `patch` applied to a copy of it. */
export function changed<T extends KubeObject>(o: T, patch: (copy: T) => void): T {
  const copy = JSON.parse(JSON.stringify(o)) as T;
  patch(copy);
  return copy;
}

/** A Namespace object. */
export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A tenant file for `name`, with a dev and a prod environment on the fixture organisation's dev-eu1 and prod-eu1. */
export function tenantFile(name: string): { file: string; text: string } {
  const tenant = {
    apiVersion: 'platform.cdk8s.io/v1alpha1',
    kind: 'Tenant',
    metadata: { name },
    spec: {
      owners: [{ name: 'Jo Smith', email: 'jo.smith@example.com' }],
      costCenter: 'cc-1234',
      access: { admin: { groups: [`${name}-admins`] }, developer: { groups: [`${name}-developers`] }, viewer: { groups: [`${name}-support`] } },
      source: { repoURL: `https://git.example.com/${name}/deploy.git` },
      environments: {
        dev: { clusters: ['dev-eu1'], quota: { cpu: { requests: '4', limits: '8' }, memory: { requests: '8Gi', limits: '16Gi' } } },
        prod: {
          clusters: ['prod-eu1'],
          quota: { cpu: { requests: '16', limits: '32' }, memory: { requests: '32Gi', limits: '64Gi' } },
          network: { allowFrom: [{ tenant: 'checkout' }], egress: [{ cidr: '10.50.0.0/16', ports: [{ port: 5432 }] }] },
        },
      },
    },
  };
  return { file: `tenants/${name}.yaml`, text: stringify(tenant) };
}

/**
 * The render of `before` with `count` more tenants, each rendered as the
 * template tenant is (its files copied under its own name): what onboarding
 * that many tenants adds, without rendering each one.
 *
 * @param before the render without the template tenant
 * @param withTemplate the render with the template tenant `template` onboarded
 * @param names the new tenants' names
 */
export function onboardedCopies(before: ReadonlyMap<string, string>, withTemplate: ReadonlyMap<string, string>, template: string, names: readonly string[]): Map<string, string> {
  const out = new Map(withTemplate);
  const pattern = new RegExp(`\\b${template}\\b`, 'g');
  const mentions = new RegExp(`\\b${template}\\b`);
  for (const [p, text] of withTemplate) {
    if (before.has(p) || !mentions.test(p + text)) continue;
    for (const name of names) out.set(p.replace(pattern, name), text.replace(pattern, name));
  }
  return out;
}

/**
 * The diff of onboarding `names` (the template tenant among them) — each
 * added object of the template cloned under the new name — built from the
 * one-tenant diff without parsing every copy again (the same changes
 * `diffDist` finds on {@link onboardedCopies}, faster).
 */
export function onboardedDiff(before: ReadonlyMap<string, string>, withTemplate: ReadonlyMap<string, string>, template: string, names: readonly string[]): DistDiff {
  const one = diffDist(before, withTemplate);
  const pattern = new RegExp(`\\b${template}\\b`, 'g');
  const mentions = new RegExp(`\\b${template}\\b`);
  const changes: DistChange[] = [];
  for (const c of one.changes) {
    if (c.type !== 'added' || !mentions.test(JSON.stringify(c))) {
      changes.push(c);
      continue;
    }
    const json = JSON.stringify(c);
    for (const name of names) changes.push(JSON.parse(json.replace(pattern, name)));
  }
  changes.sort(compareChanges);
  return { changes, unchangedFiles: one.unchangedFiles, files: { before, after: onboardedCopies(before, withTemplate, template, names) } };
}
