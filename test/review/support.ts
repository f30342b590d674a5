/**
 * Builds two renders from object lists and runs the review on them.
 */
import { KubeObject, objectFileName } from '../../src/render/manifests';
import { toYaml } from '../../src/render/yaml';
import { diffDist, DistDiff } from '../../src/review/dist-diff';
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
