/**
 * The checks of a parsed fluentd configuration are the renderer's own
 * (`src/observability/fluentd/config-check.ts`), applied here to the text
 * parsed back from the rendered ConfigMap.
 */
import { checkFluentdConfig as checkElements } from '../../src/observability/fluentd/config-check';
import { FluentdElement } from './fluentd-config';

/** Every problem in the parsed configuration `root` (see `checkFluentdConfig` in the source). */
export function checkFluentdConfig(root: FluentdElement): string[] {
  return checkElements(root.children);
}
