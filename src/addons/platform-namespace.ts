/**
 * The namespace of a platform component or add-on (ingress-nginx, monitoring,
 * logging, …), with Pod Security Admission labels.
 */
import { Construct } from 'constructs';
import { PodSecurityLevel } from '../spec/tenant';
import { LABELS } from '../tenancy/labels';
import { PodSecurityNamespace } from '../tenancy/pod-security-namespace';

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
 * @throws Error when the level is below restricted without a justification of at least 20 characters
 */
export class PlatformNamespace extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PlatformNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    new PodSecurityNamespace(this, 'Namespace', {
      name: props.name,
      podSecurity: props.podSecurity,
      podSecurityJustification: props.podSecurityJustification,
      podSecurityVersion: props.podSecurityVersion,
      labels: { [LABELS.component]: props.component },
    });
  }
}
