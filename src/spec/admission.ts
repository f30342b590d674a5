/**
 * The `admission` field of a cluster: which admission policy engine enforces
 * the platform's policies. `vap` uses the built-in ValidatingAdmissionPolicy
 * (GA in Kubernetes 1.30); `gatekeeper` installs OPA Gatekeeper from the
 * add-on catalog.
 */
import { z } from 'zod';

export const ADMISSION_ENGINES = ['vap', 'gatekeeper'] as const;
export type AdmissionEngine = (typeof ADMISSION_ENGINES)[number];

export const admissionSchema = z.strictObject({
  engine: z.enum(ADMISSION_ENGINES).default('vap'),
}).default({ engine: 'vap' });
