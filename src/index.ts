/**
 * Public library exports of cdk8s-platform: the definition schema and loader,
 * the constructs, the GitOps engines and the renderer.
 */
export * from './spec/problems';
export * from './spec/quantity';
export * from './spec/names';
export * from './spec/cluster';
export * from './spec/settings';
export * from './spec/tenant';
export * from './spec/model';
export * from './spec/load';
export * from './spec/json-schema';
export * from './tenancy/labels';
export * from './tenancy/tenant-namespace';
export * from './tenancy/tenant-resource-quota';
export * from './tenancy/tenant-limit-range';
export * from './tenancy/tenant-network-policies';
export * from './tenancy/tenant-roles';
export * from './tenancy/tenant-role-bindings';
export * from './tenancy/tenant-environment';
export * from './tenancy/reachability';
export * from './security/rbac-authorizer';
export * from './addons/platform-namespace';
export * from './gitops/engine';
export * from './gitops/engines';
export * from './gitops/argocd/argocd-engine';
export * from './gitops/argocd/tenant-app-project';
export * from './gitops/argocd/folder-application';
export * from './gitops/argocd/fleet-application-set';
export * from './gitops/flux/flux-engine';
export * from './render/layout';
export * from './render/platform-chart';
export * from './render/config-file';
export * from './render/manifests';
export * from './render/render';
export * from './render/write';
export * from './render/yaml';
export * from './app/component';
export * from './app/platform-app';
export * from './app/render-platform';
export * from './app/standard';
export * from './app/synth';
