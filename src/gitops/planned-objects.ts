/**
 * What the sync plan needs to know of a folder's objects, read from its
 * construct tree: kind, API version, name and namespace of every object, and
 * the kinds that CustomResourceDefinitions and Gatekeeper ConstraintTemplates
 * define, and the PriorityClasses and StorageClasses workloads and Helm
 * releases name. Only objects of those kinds are turned into JSON here, so
 * the cost stays a small part of rendering.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { KindDefinition, PlannedObject } from './sync-plan';

/** Gatekeeper's API group of Constraint kinds. */
export const CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh';

/**
 * The kinds an object defines: a CRD its own kind; a ConstraintTemplate the
 * Constraint kind `spec.crd.spec.names.kind`, whose CRD Gatekeeper creates
 * as `<kind in lower case>.constraints.gatekeeper.sh` (Gatekeeper docs,
 * "Constraint Templates").
 */
export function definedKinds(object: { apiVersion: string; kind: string; metadata?: { name?: string }; spec?: any }): KindDefinition[] {
  if (object.kind === 'CustomResourceDefinition' && object.apiVersion.startsWith('apiextensions.k8s.io/')) {
    return [{ group: object.spec.group, kind: object.spec.names.kind, by: 'crd', crdName: object.metadata!.name! }];
  }
  if (object.kind === 'ConstraintTemplate' && object.apiVersion.startsWith('templates.gatekeeper.sh/')) {
    const kind: string = object.spec.crd.spec.names.kind;
    return [{ group: CONSTRAINTS_GROUP, kind, by: 'generated', crdName: `${kind.toLowerCase()}.${CONSTRAINTS_GROUP}` }];
  }
  return [];
}

/**
 * Kinds whose objects may name a PriorityClass or StorageClass that another
 * folder renders: workloads, and Helm releases whose values set them.
 */
const REFERENCING_KINDS = new Set(['DaemonSet', 'Deployment', 'StatefulSet', 'Job', 'CronJob', 'Pod', 'HelmRelease', 'Application']);

/** Keys whose string values name a cluster-scoped class an object needs to exist. */
const CLASS_REFERENCES: Readonly<Record<string, 'PriorityClass' | 'StorageClass'>> = {
  priorityClassName: 'PriorityClass',
  storageClassName: 'StorageClass',
};

/**
 * The PriorityClasses and StorageClasses `object` names anywhere (pod
 * templates, Helm values): Kubernetes rejects a pod whose PriorityClass does
 * not exist (Priority admission plugin), and a PVC whose StorageClass does not
 * exist stays Pending.
 */
export function classReferences(object: unknown): { kind: 'PriorityClass' | 'StorageClass'; name: string }[] {
  const out = new Map<string, { kind: 'PriorityClass' | 'StorageClass'; name: string }>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (!v || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const kind = CLASS_REFERENCES[k];
      if (kind && typeof child === 'string' && child !== '') out.set(`${kind}/${child}`, { kind, name: child });
      else visit(child);
    }
  };
  visit(object);
  return [...out.values()];
}

/**
 * Every API object under `scope`, as the sync plan sees it.
 *
 * @param classReferencesToo also read the PriorityClasses and StorageClasses
 *   workloads and Helm releases name (platform folders; tenant folders render
 *   neither, and skipping them keeps tenant folders cheap)
 */
export function plannedObjects(scope: IConstruct, classReferencesToo = true): PlannedObject[] {
  const out: PlannedObject[] = [];
  for (const c of scope.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const defines = c.kind === 'CustomResourceDefinition' || c.kind === 'ConstraintTemplate' ? definedKinds(c.toJson()) : undefined;
    const references = classReferencesToo && REFERENCING_KINDS.has(c.kind) ? classReferences(c.toJson()) : undefined;
    out.push({ apiVersion: c.apiVersion, kind: c.kind, name: c.name, namespace: c.metadata.namespace, defines, references });
  }
  return out;
}
