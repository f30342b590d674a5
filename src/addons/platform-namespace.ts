/**
 * The namespace of a platform component or add-on (ingress-nginx, monitoring,
 * logging, …), with Pod Security Admission labels.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodSecurityLevel } from '../spec/tenant';
import { ANNOTATIONS, LABELS, podSecurityLabels } from '../tenancy/labels';

export interface PlatformNamespaceProps {
  /** Namespace name. */
  readonly name: string;
  /** Component that owns the namespace (the `platform.cdk8s.io/component` label). */
  readonly component: string;
  /**
   * Pod Security Standards level enforced.
   * @default 'restricted'
   */
  readonly podSecurity?: PodSecurityLevel;
  /** Why the level is below restricted (e.g. "reads host logs read-only"); required when it is. */
  readonly podSecurityJustification?: string;
  /** Pod Security Standards version pinned on every mode, e.g. `v1.28` (the cluster's minor). */
  readonly podSecurityVersion: string;
}

/**
 * A platform Namespace: `enforce` at the component's level, `audit`/`warn`
 * at restricted, the justification in an annotation when below restricted.
 *
 * @throws Error when the level is below restricted without a justification
 */
export class PlatformNamespace extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PlatformNamespaceProps) {
    super(scope, id);
    const level = props.podSecurity ?? 'restricted';
    if (level !== 'restricted' && !(props.podSecurityJustification && props.podSecurityJustification.trim().length >= 20)) {
      throw new Error(`PlatformNamespace ${props.name}: podSecurity "${level}" needs a podSecurityJustification of at least 20 characters`);
    }
    this.name = props.name;
    new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: { [LABELS.component]: props.component, ...podSecurityLabels(level, props.podSecurityVersion) },
        annotations: level !== 'restricted' ? { [ANNOTATIONS.podSecurityJustification]: props.podSecurityJustification! } : undefined,
      },
    });
  }
}
