/**
 * cdk8s-platform: typed cdk8s constructs that render a production Kubernetes
 * platform into plain YAML for Argo CD or Flux.
 *
 * The public API, by concept. An organisation composes a {@link Platform} in
 * its `main.ts` from its definition (settings, clusters, tenant files) and the
 * standard components, adding its own through the extension points. The
 * surface is recorded in `api/cdk8s-platform.api.md`; a change to it shows in
 * review (see CHANGELOG.md for what each version changed).
 *
 * @packageDocumentation
 */

// ─── Composing a platform ──────────────────────────────────────────────────
export { Platform, type PlatformProps } from './app/platform';
export {
  standardComponents, standardTenantParts, standardControlPlane, standardExternalParts, standardPasses, standardRenderOptions,
  standardRecipe, STANDARD_RECIPE_KEY,
} from './app/standard';
export { renderDist, renderPlatformToDist, synthPlatform, writeDist, type SynthOptions, type SynthSummary } from './app/synth';

// ─── Extension points: the contracts components, parts and engines implement ─
// The building blocks components are written with, so an organisation needs no other import.
export { Construct } from 'constructs';
export { ApiObject, Chart } from 'cdk8s';
export { k8s } from 'cdk8s-plus-28';
export { type ClusterContext, type ControlPlanePart, type ExternalPart, type PlatformComponent, type TenantPart, WAVES } from './contracts/component';
export { byWave, type ChartRelease, type ClusterSync, type GitOpsEngine, type SyncFolder } from './contracts/gitops-engine';
export { type ManifestPass, type RenderedFiles } from './render/render';
export { type KubeObject, type Manifest } from './render/manifests';
export { type RecipeLocation, type RenderRecipe, registerRecipe } from './assembly/render-recipe';

// ─── The definition: schema, loader, problems ──────────────────────────────
export { DefinitionError, formatProblems, type Problem } from './spec/problems';
export { loadPlatform, readTenantFiles, type PlatformSources, type TenantFile } from './definition/load';
export { namespaceOf, placementsOn, tenantPlacements, type Placement, type PlatformSpec } from './spec/model';
export { clusterSchema, GITOPS_ENGINES, type ClusterInput, type ClusterSpec, type GitOpsEngineName } from './spec/cluster';
export { settingsSchema, platformNamespaces, SYSTEM_NAMESPACES, type PlatformSettings, type PlatformSettingsInput } from './spec/settings';
export {
  tenantSchema, POD_SECURITY_LEVELS, TENANT_API_VERSION, TENANT_KIND, TENANT_ROLES,
  type PodSecurityLevel, type TenantEnvironmentSpec, type TenantInput, type TenantRole, type TenantSpec,
} from './spec/tenant';
export { tenantJsonSchema, TENANT_SCHEMA_FILE } from './definition/json-schema';
export { isQuantity, parseQuantity } from './spec/quantity';
export { isDns1123Label, isDns1123Subdomain } from './spec/names';
export { CIDR_PATTERN, isCidr } from './spec/cidr';
export { TENANT_SCRAPE_LIMIT_DEFAULTS, type TenantMonitoringSettings, type TenantScrapeLimitName } from './spec/tenant-monitoring';
export { type SecretRef } from './spec/observability-fields';
export { LOG_OUTPUT_TYPES, type BufferSettings, type LogOutput, type LogOutputType, type LoggingSettings, type TenantLogging } from './spec/logging';
export { SEVERITIES, type AlertingSettings, type Receivers, type Severity, type TenantAlerting } from './spec/alerting';
export { type SloSpec } from './spec/slo';
export { REMOTE_WRITE_KINDS, type ClusterObservability, type ObservabilitySettings, type RemoteWrite } from './spec/observability';
export { type ClusterAuditSpec, type TenantAuditRule } from './spec/audit';
export {
  ADMISSION_ACTIONS, ADMISSION_ENGINES, CLUSTER_WIDE_POLICIES, DEFAULT_ALLOWED_REGISTRIES, KUBE_SYSTEM_EXEMPTION,
  type AdmissionAction, type AdmissionEngine, type ClusterAdmissionSpec, type ClusterPodSecuritySpec, type ClusterWidePolicy,
} from './spec/admission';
export { PLATFORM_ROLES, type DexConnectorSpec, type IdentitySpec, type OidcSpec, type PlatformAccessSpec } from './spec/identity';
export { SECRET_STORE_PROVIDERS, type EncryptionAtRestSpec, type SecretStoreProvider, type SecretStoreSpec, type TenantExternalSecret } from './spec/secrets';

// ─── Tenancy: a tenant environment and its parts ───────────────────────────
export { TenantEnvironment, type TenantEnvironmentProps } from './tenancy/tenant-environment';
export { TenantNamespace, type TenantNamespaceProps } from './tenancy/tenant-namespace';
export { PodSecurityNamespace, type PodSecurityNamespaceProps } from './tenancy/pod-security-namespace';
export { TenantResourceQuota, type TenantResourceQuotaProps } from './tenancy/tenant-resource-quota';
export { TenantLimitRange, type TenantLimitRangeProps } from './tenancy/tenant-limit-range';
export { TenantNetworkPolicies, type TenantNetworkPoliciesProps, type EgressCidr } from './tenancy/tenant-network-policies';
export { TenantClusterRoles, type TenantClusterRolesProps, combineRoleRules, tenantRoleName, tenantRoleRules } from './tenancy/tenant-roles';
export { TenantRoleBindings, type TenantRoleBindingsProps, DEPLOY_SERVICE_ACCOUNT } from './tenancy/tenant-role-bindings';
export { createTenancyComponent } from './tenancy/tenancy-component';
export { ANNOTATIONS, LABELS, MANAGED_BY, PLATFORM_DOMAIN } from './tenancy/labels';

// ─── Standard components and add-ons ───────────────────────────────────────
export { foundationComponent, PlatformPriorityClass, type PlatformPriorityClassProps, PLATFORM_PRIORITY_CLASS } from './addons/platform-priority-class';
export { storageComponent, ClusterStorageClasses, type ClusterStorageClassesProps } from './storage/cluster-storage';
export { certificatesComponent, ClusterIssuers, type ClusterIssuersProps, CLUSTER_ISSUERS } from './addons/cluster-issuers';
export { backupComponent, VeleroBackup, type VeleroBackupProps } from './backup/velero-backup';
export { meshComponent } from './mesh/mesh-component';
export { PeerAuthentication, type PeerAuthenticationProps } from './mesh/peer-authentication';
export { addonComponents, CATALOG } from './addons/catalog';
export { type AddonContext, type AddonDefinition, type AddonImage, type AddonRelease, type AddonWorkload } from './addons/addon';
export { addonDecisions, enabledAddons, type AddonDecision } from './addons/enablement';
export { PROFILES, type Profile } from './addons/profiles';
export { VERSIONS, type ChartPin } from './addons/versions';
export { PlatformNamespace, type PlatformNamespaceProps } from './addons/platform-namespace';
export { mirrorImagesPass } from './addons/image-mirror-pass';
export { allowedRegistries, fromRegistry } from './security/admission/registries';
// Add-on checks: chart values against the pinned charts, images as the charts pull them, Pod Security of their pods.
export { checkAddons } from './addons/addon-checks';
export { chartData, coalesceValues, describeUndeclared, schemaProblems, undeclaredValues, type UndeclaredValue } from './addons/chart-values';
export { TEMPLATE_VALUES, KUBERNETES_OBJECT_KEYS, type TemplateValue, type TemplateValueType } from './addons/chart-template-values';
export { UNPULLED_IMAGE_VALUES, type UnpulledImageValue } from './addons/chart-image-values';
export { composedImage, joinedImage, type ImageComposition, type JoinedImage } from './addons/image-composition';
export { addonPods, type RenderedAddonPod } from './addons/addon-pods';

// ─── Security ──────────────────────────────────────────────────────────────
export { admissionComponent, admissionConstraintsComponent, PlatformAdmissionPolicies, type PlatformAdmissionPoliciesProps } from './security/admission/admission-component';
export { ADMISSION_POLICIES, type AdmissionPolicyDefinition } from './security/admission/library';
export { rbacComponent } from './security/rbac/rbac-component';
export { PlatformRoles, type PlatformRolesProps } from './security/rbac/platform-roles';
export { identityComponent, DexConfiguration, type DexConfigurationProps } from './security/identity/identity-component';
export { dexConfig, type DexConfig } from './security/identity/dex-config';
export { oidcIssuerURL } from './security/identity/oidc';
export { secretsComponent } from './security/secrets/secrets-component';
export { PlatformClusterSecretStore, type PlatformClusterSecretStoreProps } from './security/secrets/cluster-secret-store';
export { TenantExternalSecrets, type TenantExternalSecretsProps, PlatformExternalSecret, type PlatformExternalSecretProps } from './security/secrets/tenant-external-secrets';
export { SecretFromStore, type SecretFromStoreProps, type SecretEntry } from './security/secrets/secret-from-store';
export { securityControlPlane, SecurityControlPlaneFiles, type SecurityControlPlaneFilesProps } from './security/control-plane/security-control-plane';
export { AuditPolicy, type AuditPolicyProps, auditPolicyDocument } from './security/audit/audit-policy';
export { productionAuditRules } from './security/audit/production-rules';
export { type AuditRule } from './spec/audit-rules';
export { refuseSecretData } from './security/secret-data-pass';
export { ruleAllows, rulesAllow, type AccessRequest, type PolicyRule } from './security/rbac-authorizer';
export {
  evaluatePodSecurity, podSecurityChecks, POD_SECURITY_CHECKS, POD_SECURITY_MAX_MINOR,
  type PodSecurityStandard, type PsaContainer, type PsaPod, type PsaPodSpec, type PsaViolation,
} from './security/pod-security-standards';

// ─── Tenant isolation: the controls on shared components ───────────────────
export {
  CLUSTER_EXCEPTIONS, TENANT_EXCEPTIONS, TENANT_PRIORITY_LEVEL_DEFAULTS, clusterControlOn,
  type ClusterException, type ClusterIsolationSpec, type TenantException, type TenantIsolationSpec, type TenantPriorityLevelSpec,
} from './spec/isolation';
export {
  TenantApiFairness, FlowSchemaV1, PriorityLevelConfigurationV1, flowControlApiVersion,
  TENANT_PRIORITY_LEVEL, PLATFORM_PRIORITY_LEVEL, PLATFORM_FLOW_SCHEMAS, TENANT_QUEUING,
  type TenantApiFairnessProps,
} from './tenancy/api-priority-and-fairness';
export { POD_SHAPES, podRule, type PodRuleVariant, type PodShape } from './security/admission/pod-shapes';
export { POD_POLICIES } from './security/admission/policies/pods';
export { INGRESS_POLICIES } from './security/admission/policies/ingress';
export { SERVICE_POLICIES } from './security/admission/policies/services';
export { STORAGE_POLICIES } from './security/admission/policies/storage';
export { RBAC_POLICIES } from './security/admission/policies/rbac';
export { EXTERNAL_SECRET_POLICIES } from './security/admission/policies/external-secrets';
export { CERTIFICATE_POLICIES } from './security/admission/policies/certificates';
export { DISRUPTION_POLICIES } from './security/admission/policies/disruption';
export { TenantSecretStore, type TenantSecretStoreProps } from './security/secrets/tenant-secret-store';
export { SecretBackendFiles, secretBackendPart, vaultTenantPolicy, vaultTenantRoleBody, awsTenantRole, azureTenantIdentity } from './security/secrets/secret-backend-files';
export { SecretStoreEgress, type SecretStoreEgressProps } from './security/secrets/secret-store-egress';
export { CERT_MANAGER_TENANT_RULES } from './security/certificates/tenant-certificate-rules';
export { authenticationConfiguration, AUTHENTICATION_CONFIGURATION_FILE } from './security/identity/authentication-configuration';
export { isolationRisks } from './review/risk/isolation';

// ─── Observability ─────────────────────────────────────────────────────────
export { loggingComponent, logPlatformNamespaces } from './observability/logging-component';
export { checkFluentdConfig } from './observability/fluentd/config-check';
export { FLUENTD_VERSION, PLUGINS as FLUENTD_PLUGINS, type PluginSpec as FluentdPluginSpec } from './observability/fluentd/plugin-catalog';
export {
  tenantLogAccessPart, tenantLogAccess, tenantIndexPattern, type TenantLogAccess,
} from './observability/backend/tenant-log-access';
export { tenantMonitoringComponent } from './observability/tenant-monitoring-component';
export { TenantPrometheus, type TenantPrometheusProps, TENANT_PROMETHEUS } from './observability/monitoring/tenant-prometheus';
export { monitoringRulesComponent } from './observability/monitoring-component';
export { tenantObservabilityPart } from './observability/tenant-observability';
export { LogCollector, type LogCollectorProps } from './observability/fluentd/log-collector';
export { RulesResource, type RulesResourceProps, type AlertRule, type RecordingRule, type RuleGroup } from './observability/monitoring/rules';
export { platformRuleGroups } from './observability/monitoring/platform-rules';
export { observabilityStackValues, type ObservabilityStackValues } from './observability/monitoring/stack-values';
export { TenantAlertmanagerConfig, type TenantAlertmanagerConfigProps } from './observability/alerting/tenant-alertmanager-config';

// ─── GitOps engines ────────────────────────────────────────────────────────
export { engineFor } from './gitops/engines';
export { ArgoCdEngine, type ArgoCdEngineProps } from './gitops/argocd/argocd-engine';
export { FluxEngine, type FluxEngineProps } from './gitops/flux/flux-engine';
export { TenantAppProject, type TenantAppProjectProps } from './gitops/argocd/tenant-app-project';
export { FolderApplication, type FolderApplicationProps } from './gitops/argocd/folder-application';
export { FleetApplicationSet, type FleetApplicationSetProps } from './gitops/argocd/fleet-application-set';
export { ArgoCdSettings, type ArgoCdSettingsProps } from './gitops/argocd/argocd-settings';
export { FluxLockdown, LOCKDOWN_FLAGS } from './gitops/flux/flux-lockdown';
export { planSync, type FolderPlan, type PlannedFolder, type SyncPlanOptions } from './gitops/sync-plan';

// ─── Rendering ─────────────────────────────────────────────────────────────
export { buildPlatformApp, clusterContext, type PlatformAppOptions } from './assembly/platform-app';
export { renderPlatform, renderUnits, type RenderOptions, type RenderResult, type RenderUnit } from './assembly/render-platform';
export { autoThreads, renderDistInThreads } from './assembly/render-threads';
export { PlatformChart, type PlatformChartProps } from './render/platform-chart';
export { ConfigFile, type ConfigFileProps } from './render/config-file';
export { graduatedKind, type GraduatedKind } from './render/graduated-kind';
export { collectManifests, forEachManifest } from './render/manifests';
export { RenderError } from './render/render-error';
export { toYaml } from './render/yaml';
export { clusterOutputDir, DIST_DIR, FLEET_OUTPUT_DIR, FOLDERS, RENDERED_CLUSTER_FOLDERS } from './render/layout';
export { FolderWriter, StagedFolder, writeTreeAtomically } from './render/write';

// ─── Review: the semantic diff and its risk flags ──────────────────────────
export { main as diffCommand, reviewReport, type DiffOptions } from './review/cli';
export { diffDist, type DistChange, type DistDiff } from './review/dist-diff';
export { type DistFiles } from './review/dist-entries';
export { readCommittedDist, readDistFolder, renderCommit, type FreshRender } from './review/dist-sources';
export { markdownReport, textReport, type ReviewReport } from './review/report';
export { detectRisks, RISK_DETECTORS } from './review/risk/detect';
export { type RiskDetector } from './review/risk/detector';
export { RISK_LEVELS, RISK_RULES, type RiskFlag, type RiskLevel, type RiskRuleId } from './review/risk/rules';
export { groupFlags, type FlagGroup } from './review/flag-groups';
export { diffText, type TextDiff } from './review/text-diff';

// ─── The overview (dist/README.md) and network reachability ────────────────
export { overviewMarkdown, overviewFiles, OVERVIEW_FILE } from './overview/overview-markdown';
export { describeDestination, tenantLogDestinations, type TenantLogDestination } from './overview/log-destinations';
export { digestCluster, type ClusterDigest } from './overview/cluster-digest';
export { evaluateNetworkPolicies, type NamespaceAllowances } from './overview/network-reachability';

// ─── Types and schemas the API above refers to ─────────────────────────────
// Exported so that an organisation can name every type a public function
// takes or returns (the API report lists no forgotten export).
export { type ChartData, type ChartValuesTree } from '../imports/charts/chart-data';
export { type AddonPod, type ImageKnob, type NetworkPeer, type NetworkRule, type PdbKnob, type ProbesFact, type Replication, type ValuesPath } from './addons/addon';
export { type ImageRef } from './addons/image-ref';
export { type ClusterImage } from './addons/images-list';
export { type AddonStance, type ContainerResources, RESOURCE_CLASSES, type ResourceClass } from './addons/profiles';
export { type DistUnitSummary, type UnitCallback } from './assembly/dist-units';
export { type TenantBackupTarget } from './backup/velero-backup';
export { type RunContext } from './cli/main';
export { type CommandIo } from './cli/synth';
export { type KindDefinition, type PlannedObject } from './gitops/sync-plan';
export { type MutualTlsMode, type PeerAuthenticationSpec } from './mesh/peer-authentication';
export { type AmConfig, type AmReceiver, type AmRoute } from './observability/alerting/platform-alertmanager';
export { type ConfigElement } from './observability/fluentd/config-check';
export { type SectionSpec } from './observability/fluentd/plugin-catalog';
export { type FluentdImage } from './observability/fluentd/plugins';
export { type Destination, type Exclusion, type OutputOwner, type RoutingTable, type TenantNamespaceRouting, type TenantRule } from './observability/fluentd/routing';
export { type PlatformRuleGroupsProps } from './observability/monitoring/platform-rules';
export { type AddonDigest, type ComponentDigest, type NamespaceDigest, type ReachablePair } from './overview/cluster-digest';
export { type Allowance, type NamespaceLabels, type Scope as ReachabilityScope } from './overview/network-reachability';
export { type DiffSides } from './review/cli';
export { type DistEntry } from './review/dist-entries';
export { type DistObjects } from './review/dist-objects';
export { type MarkdownOptions } from './review/report';
export { type RiskContext } from './review/risk/detector';
export { type TextHunk } from './review/text-diff';
export { type FieldChange, type PathStep } from './review/value-diff';
export { type MatchedResources, POLICY_PARAMETERS, type PolicyParameter, type PolicyScope, type PolicyValidation } from './security/admission/policy-types';
export { type DexConnector, type DexSecretEnv, type DexStaticClient } from './security/identity/dex-config';
export { type Check as PodSecurityCheck, type CheckPod as PodSecurityCheckFunction, type Result as PodSecurityResult, type VersionedCheck as PodSecurityVersionedCheck } from './security/pod-security-standards';
export { ADDON_NAMES, type AddonName, PROFILE_NAMES, type ProfileName } from './spec/addon-names';
export { clusterAdmissionSchema, clusterPodSecuritySchema } from './spec/admission';
export { alertingSettingsSchema, receiversSchema, tenantAlertingSchema } from './spec/alerting';
export { clusterAuditSchema, tenantAuditRuleSchema } from './spec/audit';
export { AUDIT_LEVELS, AUDIT_STAGES, type AuditGroupResources, type AuditLevel, type AuditStage } from './spec/audit-rules';
export { type ClusterBackup, clusterBackupSchema } from './spec/backup';
export { certificatesSchema, type ClusterCertificates } from './spec/certificates';
export { type ClusterDns, dnsSchema } from './spec/dns';
export { dexConnectorSchema, identitySchema, oidcSchema, platformAccessSchema } from './spec/identity';
export { clusterIsolationSchema, justification, tenantIsolationSchema, tenantPriorityLevelSchema } from './spec/isolation';
export { bufferSchema, loggingSettingsSchema, logOutputSchema, tenantLoggingSchema } from './spec/logging';
export { clusterObservabilitySchema, observabilitySettingsSchema, remoteWriteSchema } from './spec/observability';
export { secretRef } from './spec/observability-fields';
export { limitRangeSchema, quotaCounts, type LimitRangeInput, type QuotaCounts } from './spec/resources';
export { encryptionAtRestSchema, secretStoreSchema, tenantExternalSecretSchema } from './spec/secrets';
export { sloSchema } from './spec/slo';
export { type ClusterStorage, storageSchema } from './spec/storage';
export { environmentSchema, type TenantSchemaCluster, type TenantSchemaContext } from './spec/tenant';
export { tenantMonitoringSchema } from './spec/tenant-monitoring';
export { type ClusterDns as ClusterDnsEndpoint, NamespacePolicies } from './tenancy/baseline-network-policies';

// ─── The command line ──────────────────────────────────────────────────────
export { run, USAGE } from './cli/main';
export { createOrganisation, type InitOptions } from './cli/init';
export { loadApp, type LoadedApp } from './cli/load-app';
