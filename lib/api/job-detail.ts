import { z } from 'zod';

import { JOB_CREATORS } from '@/lib/interlink/jobs/job-detail';
import { DIAGNOSIS_KINDS } from '@/lib/interlink/jobs/log-diagnosis';

import { JobViewSchema } from './jobs';

// GET /api/jobs/{namespace}/{name} (the row plus its detail and, for a failed job, the
// sentence its log explains the failure with), the cancel and delete answers, and the path
// parameters every per-job endpoint shares.

const nullableString = z.string().nullable();

/** A namespace is a DNS label; a Job or pod name a DNS subdomain. */
export const JobPathSchema = z.object({
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'is not a namespace name'),
  name: z
    .string()
    .max(253, 'at most 253 characters')
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'is not a Job name'),
});
export type JobPath = z.infer<typeof JobPathSchema>;

export const JobDetailSchema = z.object({
  timeline: z.array(
    z.object({
      step: z.enum(['created', 'scheduled', 'submitted', 'started', 'finished']),
      label: z.string(),
      at: nullableString,
      done: z.boolean(),
    }),
  ),
  conditions: z.array(
    z.object({
      of: z.enum(['Job', 'Pod']),
      type: z.string(),
      status: z.string(),
      reason: nullableString,
      message: nullableString,
      lastTransition: nullableString,
    }),
  ),
  events: z.array(
    z.object({
      object: z.string(),
      type: nullableString,
      reason: nullableString,
      message: nullableString,
      at: nullableString,
      count: z.number(),
    }),
  ),
  slurmAnnotations: z.array(z.object({ key: z.string(), value: z.string() })),
  containers: z.array(
    z.object({
      name: z.string(),
      state: z.enum(['waiting', 'running', 'terminated', 'unknown']),
      exitCode: z.number().int().nullable(),
      reason: nullableString,
      message: nullableString,
      startedAt: nullableString,
      finishedAt: nullableString,
    }),
  ),
  input: nullableString,
  managedByOffload: z.boolean(),
  createdBy: z.enum(JOB_CREATORS),
  cancelledBy: nullableString,
  cancelledAt: nullableString,
  /** What is left out because the caller may not read it, one sentence each (empty: nothing). */
  withheld: z.array(z.string()),
});

/** Why a failed job failed, read from its log (lib/interlink/jobs/log-diagnosis.ts). */
export const LogDiagnosisSchema = z.object({ kind: z.enum(DIAGNOSIS_KINDS), sentence: z.string(), evidence: z.string() });

export const JobDetailResponseSchema = JobViewSchema.extend({ detail: JobDetailSchema, diagnosis: LogDiagnosisSchema.nullable() });
export type JobDetailResponse = z.infer<typeof JobDetailResponseSchema>;

export const CancelResponseSchema = z.object({ namespace: z.string(), name: z.string(), cancelledBy: z.string(), cancelledAt: z.string() });
export type CancelResponse = z.infer<typeof CancelResponseSchema>;

export const DeleteResponseSchema = z.object({ namespace: z.string(), name: z.string(), deleted: z.literal(true) });
