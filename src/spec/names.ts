/**
 * Kubernetes naming rules used by the platform definition.
 *
 * Source: Kubernetes docs, "Object Names and IDs"
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/) and
 * "Labels and Selectors" (syntax and character set), which mirror
 * k8s.io/apimachinery/pkg/util/validation.
 */

/** RFC 1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Maximum length of an RFC 1123 label (and so of a Namespace name), in characters. */
export const DNS1123_LABEL_MAX_LENGTH = 63;

/** RFC 1123 subdomain: dot-separated RFC 1123 labels. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Maximum length of an RFC 1123 subdomain, in characters. */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/**
 * Label value: empty, or at most 63 alphanumerics with '-', '_', '.' inside.
 * The length limit is part of the pattern, so a JSON Schema copy of it says
 * the same.
 */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/**
 * Label or annotation key: `[prefix/]name`, the optional prefix a DNS-1123
 * subdomain of at most 253 characters, the name at most 63 characters of
 * [A-Za-z0-9-_.] starting and ending alphanumeric.
 */
export const QUALIFIED_NAME = /^((?![^/]{254})[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;

/** True when `value` is an RFC 1123 label of at most 63 characters. */
export function isDns1123Label(value: string): boolean {
  return value.length <= DNS1123_LABEL_MAX_LENGTH && DNS1123_LABEL.test(value);
}

/** True when `value` is an RFC 1123 subdomain of at most 253 characters. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && DNS1123_SUBDOMAIN.test(value);
}

/** True when `value` is a valid label value (at most 63 characters). */
export function isLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value);
}

/**
 * True when `key` is a valid label or annotation key: `[prefix/]name`, where the
 * optional prefix is a DNS subdomain and the name at most 63 characters.
 */
export function isQualifiedName(key: string): boolean {
  return QUALIFIED_NAME.test(key);
}
