/**
 * The invariants of this platform (see `cdk8s-platform/testing`): the
 * committed dist/ is fresh, every tenant is isolated, the guardrails hold.
 * They hold for any tenants, clusters and components, so onboarding a
 * tenant or adding a cluster keeps them green. Add tests of your own
 * platform's rules beside this file.
 */
import { platformInvariantTests } from 'cdk8s-platform/testing';
import platform from '../main';

platformInvariantTests(platform);
