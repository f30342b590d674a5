/**
 * `cdk8s-platform/testing`: the invariant tests of an organisation's
 * platform, shipped with the library so an organisation gets their fixes
 * with every upgrade. An organisation's `test/platform.test.ts`:
 *
 * @example
 * import { platformInvariantTests } from 'cdk8s-platform/testing';
 * import platform from '../main';
 *
 * platformInvariantTests(platform);
 *
 * They check what must hold for any tenants, clusters and components — the
 * committed `dist/` is fresh, every tenant is isolated (NetworkPolicy
 * reachability and RBAC evaluated), the guardrails hold — never an
 * organisation's particular values.
 *
 * @packageDocumentation
 */
import { Platform } from '../app/platform';
import { RenderedFiles } from '../render/render';
import { PlatformSpec } from '../spec/model';
import {
  distFreshnessProblems, networkIsolationProblems, rbacIsolationProblems, tenantGuardrailProblems,
} from './invariants';

export {
  clusterObjects, distFreshnessProblems, networkIsolationProblems, rbacIsolationProblems, tenantGuardrailProblems,
} from './invariants';

/** The Jest globals the tests are registered with (no dependency on Jest's types). */
interface JestLike {
  describe(name: string, body: () => void): void;
  test(name: string, body: () => void, timeout?: number): void;
  expect(value: unknown): { toEqual(expected: unknown): void };
}

/** A platform rendered once for all invariant tests. */
export interface RenderedPlatform {
  readonly spec: PlatformSpec;
  readonly files: RenderedFiles;
}

/**
 * Loads and renders `platform` once (the first time it is called).
 * @throws DefinitionError when the definition is invalid
 */
export function renderOnce(platform: Platform): () => RenderedPlatform {
  let rendered: RenderedPlatform | undefined;
  return () => {
    if (!rendered) {
      const spec = platform.load();
      rendered = { spec, files: platform.render(spec) };
    }
    return rendered;
  };
}

/**
 * Registers the invariant tests of `platform` with Jest (call it at the top
 * level of a test file): the definition is valid, the committed `dist/` is
 * what it renders, every tenant is isolated from the others by
 * NetworkPolicies and RBAC, and every tenant namespace carries its guardrails.
 *
 * @param options.timeout per-test timeout in milliseconds (rendering a large platform takes a while)
 * @default options.timeout 120000
 * @throws Error when called outside Jest
 */
export function platformInvariantTests(platform: Platform, options: { readonly timeout?: number } = {}): void {
  const jest = globalThis as unknown as Partial<JestLike>;
  if (!jest.describe || !jest.test || !jest.expect) throw new Error('platformInvariantTests registers Jest tests: call it in a Jest test file');
  const { describe, test, expect } = jest as JestLike;
  const timeout = options.timeout ?? 120_000;
  const rendered = renderOnce(platform);
  describe('platform invariants', () => {
    test('the definition is valid', () => { rendered(); }, timeout);
    test('the committed dist/ is what the definition renders (run `npm run synth` and commit)', () => {
      expect(distFreshnessProblems(platform.distDir, rendered().files)).toEqual([]);
    }, timeout);
    test('no tenant reaches another tenant\'s pods unless the receiver allows it (NetworkPolicies evaluated)', () => {
      const { spec, files } = rendered();
      expect(networkIsolationProblems(spec, files)).toEqual([]);
    }, timeout);
    test('no tenant has access in another tenant\'s namespaces (RBAC evaluated)', () => {
      const { spec, files } = rendered();
      expect(rbacIsolationProblems(spec, files)).toEqual([]);
    }, timeout);
    test('every tenant namespace carries its guardrails; no Secret carries data', () => {
      const { spec, files } = rendered();
      expect(tenantGuardrailProblems(spec, files)).toEqual([]);
    }, timeout);
  });
}
