/**
 * The observability part of the platform settings and of each cluster: where
 * secrets come from, the log pipeline, alert routing, and long-term metric
 * retention (remote write to Thanos or Mimir).
 */
import { z } from 'zod';
import { dnsLabel } from './fields';
import { alertingSettingsSchema } from './alerting';
import { clusterLoggingSchema, loggingSettingsSchema } from './logging';
import { endpointUrl, secretRef } from './observability-fields';
import { tenantMonitoringSchema } from './tenant-monitoring';

/** `settings.observability`. */
export const observabilitySettingsSchema = z.strictObject({
  logging: loggingSettingsSchema,
  alerting: alertingSettingsSchema,
  /** Limits the tenant Prometheus enforces on tenant monitors (restricted defaults). */
  tenantMonitoring: tenantMonitoringSchema.prefault({}),
});
export type ObservabilitySettings = z.output<typeof observabilitySettingsSchema>;

/** Remote-write receivers the platform knows; decides the tenant header. */
export const REMOTE_WRITE_KINDS = ['thanos', 'mimir', 'prometheus'] as const;

/** One long-term storage endpoint Prometheus writes to. */
export const remoteWriteSchema = z.strictObject({
  name: dnsLabel(40),
  /** The receive/push URL, e.g. `https://thanos-receive.example.com/api/v1/receive`. */
  url: endpointUrl,
  kind: z.enum(REMOTE_WRITE_KINDS).default('prometheus'),
  /** Tenant of a multi-tenant receiver (`THANOS-TENANT` for Thanos, `X-Scope-OrgID` for Mimir). */
  tenant: z.string().regex(/^[A-Za-z0-9_.-]+$/, { message: 'must be letters, digits, "_", "." and "-"' }).optional(),
  basicAuth: z.strictObject({ username: secretRef, password: secretRef }).optional(),
  bearerToken: secretRef.optional(),
}).refine((r) => !(r.basicAuth && r.bearerToken), { message: 'set basicAuth or bearerToken, not both', path: ['bearerToken'] })
  .refine((r) => r.kind === 'prometheus' || r.tenant === undefined || r.tenant.length > 0, { message: 'must not be empty', path: ['tenant'] });
export type RemoteWrite = z.output<typeof remoteWriteSchema>;

/** `clusters[].observability`. */
export const clusterObservabilitySchema = z.strictObject({
  /** Long-term retention: Prometheus remote-writes every sample to these endpoints. */
  remoteWrite: z.array(remoteWriteSchema).default([]),
  logging: clusterLoggingSchema.prefault({}),
});
export type ClusterObservability = z.output<typeof clusterObservabilitySchema>;
