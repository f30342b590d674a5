/**
 * Pod labels most Helm charts share. The add-ons' values are typed by the
 * pinned charts themselves (`imports/charts/`, `npm run import:charts`).
 */

/** The standard selector labels a chart puts on its pods (`app.kubernetes.io/name`, `instance`, optional `component`). */
export function podLabels(name: string, instance: string, component?: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': instance,
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
  };
}
