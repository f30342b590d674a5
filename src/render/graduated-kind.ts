/**
 * Kinds at a GA apiVersion the generated Kubernetes imports do not know:
 * `cdk8s-plus-28`'s `k8s` module has the Kubernetes 1.28 API, where
 * ValidatingAdmissionPolicy is still `v1beta1` and FlowSchema `v1beta3`.
 * Their fields did not change at GA, so the GA kind takes the beta kind's
 * props and serialises them with the beta kind's `toJson_…` function.
 */
import { ApiObject, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** The constructor of a GA kind made by {@link graduatedKind}. */
export interface GraduatedKind<P> {
  /** The GA apiVersion and kind. */
  readonly GVK: GroupVersionKind;
  new (scope: Construct, id: string, props: P): ApiObject;
}

/**
 * A construct class for `gvk` that takes the beta kind's props `P`.
 *
 * @param gvk the GA apiVersion and kind, e.g. `flowcontrol.apiserver.k8s.io/v1` FlowSchema
 * @param toJson the beta kind's props serialiser, e.g. `k8s.toJson_KubeFlowSchemaV1Beta3Props`
 */
export function graduatedKind<P>(gvk: GroupVersionKind, toJson: (props: P) => Record<string, unknown> | undefined): GraduatedKind<P> {
  return class extends ApiObject {
    public static readonly GVK = gvk;

    constructor(scope: Construct, id: string, props: P) {
      super(scope, id, { ...gvk, ...props });
    }

    public toJson(): any {
      return { ...gvk, ...toJson(super.toJson()) };
    }
  };
}
