import { z } from 'zod';

import { JOB_STATES } from '@/lib/interlink/jobs/job-state';

// GET /api/jobs and GET /api/jobs/{namespace}/{name}: one job as the dashboard shows it.
// Shared by the route handlers (what goes out) and the pages (what comes in).

const nullableString = z.string().nullable();

export const JobViewSchema = z.object({
  key: z.string(),
  kind: z.enum(['Job', 'Pod']),
  namespace: z.string(),
  name: z.string(),
  uid: nullableString,
  service: nullableString,
  origin: z.enum(['offload', 'oscar', 'other']),
  offloaded: z.boolean(),
  podName: nullableString,
  node: nullableString,
  state: z.enum(JOB_STATES),
  reason: z.string(),
  slurmJobId: nullableString,
  exitCode: z.number().int().nullable(),
  submittedAt: nullableString,
  startedAt: nullableString,
  finishedAt: nullableString,
});
export type JobViewDto = z.infer<typeof JobViewSchema>;

export const JOB_SORT_KEYS = [
  'submittedAt',
  'startedAt',
  'finishedAt',
  'duration',
  'name',
  'service',
  'node',
  'state',
  'slurmJobId',
  'namespace',
] as const;
export type JobSortKey = (typeof JOB_SORT_KEYS)[number];

/** The default first view: newest first, one page. `limit=0` asks for every matching job. */
export const DEFAULT_JOBS_LIMIT = 200;

const optionalText = z
  .string()
  .trim()
  .max(253, 'at most 253 characters')
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const JobsQuerySchema = z.object({
  namespace: optionalText,
  service: optionalText,
  node: optionalText,
  state: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const states = v.split(',');
      for (const s of states) {
        if (!(JOB_STATES as readonly string[]).includes(s)) {
          ctx.addIssue({ code: 'custom', message: `unknown state "${s}": use one of ${JOB_STATES.join(', ')}` });
          return z.NEVER;
        }
      }
      return states as (typeof JOB_STATES)[number][];
    }),
  q: optionalText,
  sort: z.enum(JOB_SORT_KEYS, { message: `sort by one of ${JOB_SORT_KEYS.join(', ')}` }).default('submittedAt'),
  order: z.enum(['asc', 'desc'], { message: 'order is asc or desc' }).default('desc'),
  limit: z.coerce
    .number({ message: 'limit is a whole number' })
    .int('limit is a whole number')
    .min(0, 'limit is 0 (all) or more')
    .max(100_000, 'limit is at most 100000')
    .default(DEFAULT_JOBS_LIMIT),
  offset: z.coerce.number({ message: 'offset is a whole number' }).int('offset is a whole number').min(0, 'offset is 0 or more').default(0),
});
export type JobsQuery = z.infer<typeof JobsQuerySchema>;

export const JobsResponseSchema = z.object({
  jobs: z.array(JobViewSchema),
  /** How many jobs match the filters (before limit/offset). */
  total: z.number().int(),
  offset: z.number().int(),
  /** Id of the last live message contained in this answer (see GET /api/events, kind `job`). */
  revision: z.number().int(),
});
export type JobsResponse = z.infer<typeof JobsResponseSchema>;
