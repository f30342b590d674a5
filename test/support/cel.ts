/**
 * Evaluates rendered admission policies with a real CEL evaluator
 * (@bufbuild/cel, with its `strings` extension for `split`, `join`,
 * `lastIndexOf`…), through the variables the API server gives a
 * ValidatingAdmissionPolicy — `object`, `oldObject`, `request`, `params`,
 * `namespaceObject`, `variables` — and the ones Gatekeeper's
 * K8sNativeValidation engine gives (the same, with the Constraint's
 * `spec.parameters` as `variables.params` and a namespace carrying only its name).
 *
 * Variables are evaluated in order before the validations (the API server
 * evaluates them lazily; evaluating all of them also proves none fails on
 * the objects tested). An evaluation error counts as a rejection, as with
 * `failurePolicy: Fail`, and is reported separately.
 */
import { isCelError, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

type Json = any;

/** Converts JSON to CEL input: objects to Maps, whole numbers to int (bigint), as the API server types them. */
export function toCel(v: Json): any {
  if (Array.isArray(v)) return v.map(toCel);
  if (v && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return v;
}

/** Evaluates one CEL expression. @returns the value, or throws with the expression and the CEL error */
export function evalCel(expression: string, bindings: Record<string, any>): any {
  const result = run(expression, bindings, { funcs: strings });
  if (isCelError(result)) throw new Error(`CEL error in \`${expression}\`: ${result.message}`);
  return result;
}

/** What the API server would decide for one request. */
export interface Verdict {
  readonly allowed: boolean;
  /** Messages of the failed validations (from messageExpression). */
  readonly messages: string[];
  /** Evaluation errors (a rejection under failurePolicy Fail). */
  readonly errors: string[];
  /** Every expression evaluated, for coverage checks. */
  readonly evaluated: string[];
}

/** A request to admit. */
export interface AdmissionCase {
  readonly object: Json;
  /** @default null (CREATE) */
  readonly oldObject?: Json;
  /** The namespace object (labels, annotations) the request is in. */
  readonly namespace: Json;
  /** @default 'CREATE' */
  readonly operation?: 'CREATE' | 'UPDATE';
  /** The requesting user. @default 'oidc:dev@example.com' */
  readonly username?: string;
}

interface CelSource {
  readonly variables?: readonly { name: string; expression: string }[];
  readonly validations: readonly { expression: string; messageExpression?: string; message?: string }[];
}

function evaluateSource(source: CelSource, base: Record<string, any>, initialVariables: Map<string, any>): Verdict {
  const variables = new Map(initialVariables);
  const bindings = { ...base, variables };
  const evaluated: string[] = [];
  const errors: string[] = [];
  const messages: string[] = [];
  for (const v of source.variables ?? []) {
    evaluated.push(v.expression);
    try {
      variables.set(v.name, evalCel(v.expression, bindings));
    } catch (e) {
      errors.push(`variables.${v.name}: ${(e as Error).message}`);
      return { allowed: false, messages, errors, evaluated };
    }
  }
  for (const val of source.validations) {
    evaluated.push(val.expression);
    let ok: unknown;
    try {
      ok = evalCel(val.expression, bindings);
    } catch (e) {
      errors.push((e as Error).message);
      continue;
    }
    if (typeof ok !== 'boolean') {
      errors.push(`\`${val.expression}\` gave ${String(ok)}, not a bool`);
      continue;
    }
    if (ok) continue;
    if (val.messageExpression) {
      evaluated.push(val.messageExpression);
      const m = evalCel(val.messageExpression, bindings);
      if (typeof m !== 'string') throw new Error(`messageExpression \`${val.messageExpression}\` gave ${String(m)}, not a string`);
      messages.push(m);
    } else {
      messages.push(val.message ?? '(no message)');
    }
  }
  return { allowed: errors.length === 0 && messages.length === 0, messages, errors, evaluated };
}

function requestOf(c: AdmissionCase): Json {
  return {
    operation: c.operation ?? 'CREATE',
    namespace: c.namespace.metadata.name,
    name: c.object.metadata?.name ?? '',
    userInfo: { username: c.username ?? 'oidc:dev@example.com', groups: ['oidc:payments-developers', 'system:authenticated'] },
    dryRun: false,
  };
}

/** Evaluates a rendered ValidatingAdmissionPolicy (v1 or v1beta1) for one request. */
export function evaluateVap(policy: Json, c: AdmissionCase): Verdict {
  return evaluateSource(policy.spec, {
    object: toCel(c.object),
    oldObject: c.oldObject === undefined ? null : toCel(c.oldObject),
    request: toCel(requestOf(c)),
    params: null,
    namespaceObject: toCel(c.namespace),
  }, new Map());
}

/** Evaluates a rendered Gatekeeper ConstraintTemplate's K8sNativeValidation source with a Constraint, for one request. */
export function evaluateGatekeeper(template: Json, constraint: Json, c: AdmissionCase): Verdict {
  const code = template.spec.targets[0].code.find((x: Json) => x.engine === 'K8sNativeValidation');
  return evaluateSource(code.source, {
    object: toCel(c.object),
    oldObject: c.oldObject === undefined ? null : toCel(c.oldObject),
    request: toCel(requestOf(c)),
    namespaceObject: toCel({ metadata: { name: c.namespace.metadata.name } }),
  }, new Map([['params', toCel(constraint.spec.parameters ?? {})]]));
}

/** True when a Kubernetes label selector matches `labels` (matchLabels and matchExpressions). */
export function selectorMatches(selector: Json | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    switch (e.operator) {
      case 'In': if (!has || !e.values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && e.values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: throw new Error(`unknown selector operator ${e.operator}`);
    }
  }
  return true;
}
