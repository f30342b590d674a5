/**
 * A model of what the Kubernetes API server (1.28–1.34) and the GitOps
 * engines refuse in an object's names, labels and annotations — what the
 * OpenAPI schemas do not say. Facts and their sources:
 * - object names: DNS-1123 subdomain (≤ 253) for most kinds; DNS-1123 label
 *   (≤ 63) for Namespace and Service; RBAC kinds accept any path segment
 *   name (no "/", "%", not "." or ".."). Kubernetes docs, "Object Names and
 *   IDs"; k8s.io/apimachinery validation (ValidateObjectMeta with
 *   NameIsDNSSubdomain / NameIsDNSLabel; rbac validation uses
 *   ValidatePathSegmentName).
 * - namespace of a namespaced object: a DNS-1123 label.
 * - label keys `[prefix/]name` and values (≤ 63): "Labels and Selectors".
 * - annotation keys like label keys; all annotations together ≤ 256 KiB:
 *   "Annotations"; apimachinery TotalAnnotationSizeLimitB.
 * - a Flux Kustomization's name becomes the label value
 *   `kustomize.toolkit.fluxcd.io/name` of every object it applies, so it must
 *   be a label value: fluxcd/kustomize-controller v1.9,
 *   internal/controller/kustomization_varsub_test.go.
 */
import { isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from '../../src/spec/names';

interface Meta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

const LABEL_NAMED = new Set(['Namespace', 'Service']);
const PATH_SEGMENT_NAMED = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Everything the API server or a GitOps engine would refuse in the object's metadata, one message each. */
export function nameProblems(object: { apiVersion: string; kind: string; metadata?: Meta }): string[] {
  const out: string[] = [];
  const m = object.metadata ?? {};
  const name = m.name ?? '';
  if (LABEL_NAMED.has(object.kind)) {
    if (!isDns1123Label(name)) out.push(`${object.kind} name "${name}" is not a DNS-1123 label of at most 63 characters`);
  } else if (PATH_SEGMENT_NAMED.has(object.kind)) {
    if (name === '' || name === '.' || name === '..' || /[/%]/.test(name)) out.push(`${object.kind} name "${name}" is not a path segment name`);
  } else if (!isDns1123Subdomain(name)) {
    out.push(`${object.kind} name "${name}" is not a DNS-1123 subdomain of at most 253 characters`);
  }
  if (m.namespace !== undefined && !isDns1123Label(m.namespace)) out.push(`namespace "${m.namespace}" is not a DNS-1123 label`);
  for (const [k, v] of Object.entries(m.labels ?? {})) {
    if (!isQualifiedName(k)) out.push(`label key "${k}" is not a qualified name`);
    if (!isLabelValue(v)) out.push(`label ${k}: value "${v}" is not a label value (≤ 63 characters)`);
  }
  let annotationBytes = 0;
  for (const [k, v] of Object.entries(m.annotations ?? {})) {
    if (!isQualifiedName(k)) out.push(`annotation key "${k}" is not a qualified name`);
    annotationBytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (annotationBytes > 256 * 1024) out.push(`annotations take ${annotationBytes} bytes, more than 256 KiB`);
  if (object.kind === 'Kustomization' && object.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/') && !isLabelValue(name)) {
    out.push(`Flux Kustomization name "${name}" does not fit the label kustomize.toolkit.fluxcd.io/name (≤ 63 characters)`);
  }
  return out;
}
