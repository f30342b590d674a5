/**
 * The Namespace of one tenant environment, labelled for ownership, cost and
 * Pod Security Admission.
 */
import { Construct } from 'constructs';
import { PodSecurityLevel } from '../spec/tenant';
import { ANNOTATIONS, LABELS } from './labels';
import { PodSecurityNamespace } from './pod-security-namespace';

export interface TenantNamespaceProps {
  /** Namespace name (DNS-1123 label, ≤ 63 characters). */
  readonly name: string;
  readonly tenant: string;
  readonly environment: string;
  readonly costCenter: string;
  /** Extra labels from the tenant file; the platform's own labels win on conflict. */
  readonly labels?: Record<string, string>;
  /**
   * Further annotations (e.g. the allowances admission policies read); the
   * platform's own annotations win on conflict.
   * @default {}
   */
  readonly annotations?: Record<string, string>;
  /** E-mail addresses of the tenant's owners, put in an annotation. */
  readonly owners?: readonly string[];
  /**
   * Pod Security Standards level enforced on the namespace.
   * @default 'restricted'
   */
  readonly podSecurity?: PodSecurityLevel;
  /** Why the level is below restricted; required when it is. */
  readonly podSecurityJustification?: string;
  /**
   * Pod Security Standards version pinned on every mode, e.g. `v1.28`: the
   * cluster's Kubernetes minor, so an upgrade never tightens or loosens the
   * rules silently.
   */
  readonly podSecurityVersion: string;
}

/**
 * A tenant Namespace. Pod Security Admission `enforce` is the tenant's level;
 * `audit` and `warn` always stay at `restricted` (see {@link podSecurityLabels}).
 *
 * Source: Kubernetes docs, "Pod Security Admission" and "Pod Security Standards".
 *
 * @throws Error when the level is below restricted without a justification
 */
export class TenantNamespace extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: TenantNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    const annotations: Record<string, string> = { ...props.annotations };
    if (props.owners && props.owners.length > 0) annotations[ANNOTATIONS.owners] = props.owners.join(',');
    new PodSecurityNamespace(this, 'Namespace', {
      name: props.name,
      podSecurity: props.podSecurity,
      podSecurityJustification: props.podSecurityJustification,
      podSecurityVersion: props.podSecurityVersion,
      labels: {
        ...props.labels,
        [LABELS.tenant]: props.tenant,
        [LABELS.environment]: props.environment,
        [LABELS.costCenter]: props.costCenter,
      },
      annotations,
    });
  }
}
