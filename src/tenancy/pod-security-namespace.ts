/**
 * A Namespace with Pod Security Admission labels: the base of tenant and
 * platform namespaces.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodSecurityLevel } from '../spec/tenant';
import { ANNOTATIONS, podSecurityLabels } from './labels';

export interface PodSecurityNamespaceProps {
  /** Namespace name (DNS-1123 label, ≤ 63 characters). */
  readonly name: string;
  /**
   * Pod Security Standards level enforced.
   * @default 'restricted'
   */
  readonly podSecurity?: PodSecurityLevel;
  /** Why the level is below restricted, at least 20 characters; required when it is. */
  readonly podSecurityJustification?: string;
  /**
   * Pod Security Standards version pinned on every mode, e.g. `v1.28`: the
   * cluster's Kubernetes minor, so an upgrade never tightens or loosens the
   * rules silently.
   */
  readonly podSecurityVersion: string;
  /**
   * Further labels; the Pod Security labels win on conflict.
   * @default {}
   */
  readonly labels?: Record<string, string>;
  /**
   * Further annotations.
   * @default {}
   */
  readonly annotations?: Record<string, string>;
}

/**
 * A Namespace whose Pod Security Admission `enforce` label is its level and
 * whose `audit` and `warn` labels stay at `restricted` (see
 * {@link podSecurityLabels}); the justification of an exception is recorded
 * in the `platform.cdk8s.io/pod-security-justification` annotation.
 *
 * Source: Kubernetes docs, "Pod Security Admission" and "Pod Security Standards".
 *
 * @throws Error when the level is below restricted without a justification of at least 20 characters
 */
export class PodSecurityNamespace extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PodSecurityNamespaceProps) {
    super(scope, id);
    const level = props.podSecurity ?? 'restricted';
    const justification = props.podSecurityJustification?.trim();
    if (level !== 'restricted' && !(justification && justification.length >= 20)) {
      throw new Error(`Namespace ${props.name}: podSecurity "${level}" needs a podSecurityJustification of at least 20 characters`);
    }
    this.name = props.name;
    const annotations: Record<string, string> = { ...props.annotations };
    if (level !== 'restricted') annotations[ANNOTATIONS.podSecurityJustification] = props.podSecurityJustification!;
    new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: { ...props.labels, ...podSecurityLabels(level, props.podSecurityVersion) },
        annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      },
    });
  }
}
