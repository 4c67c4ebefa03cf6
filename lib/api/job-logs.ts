import { z } from 'zod';

// GET /api/jobs/{namespace}/{name}/logs: the pod log's own parameters, checked here so a
// combination the API server would refuse (tailLines with limitBytes, sinceSeconds with
// sinceTime) is a 422 naming the field rather than an upstream error.

const flag = z
  .enum(['true', 'false', '1', '0', ''], { message: 'is true or false' })
  .optional()
  .transform((v) => v === 'true' || v === '1');
const positive = (what: string) =>
  z.coerce
    .number({ message: `${what} is a whole number` })
    .int(`${what} is a whole number`)
    .min(0, `${what} is 0 or more`)
    .optional();

export const JobLogsQuerySchema = z
  .object({
    follow: flag,
    timestamps: flag,
    /** Answer as an attachment (the browser's "download the whole log"). */
    download: flag,
    tailLines: positive('tailLines'),
    limitBytes: positive('limitBytes'),
    sinceSeconds: positive('sinceSeconds'),
    sinceTime: z.iso.datetime({ message: 'sinceTime is an RFC 3339 time' }).optional(),
    container: z.string().max(253).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.tailLines !== undefined && q.limitBytes !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['limitBytes'], message: 'cannot be combined with tailLines' });
    }
    if (q.sinceSeconds !== undefined && q.sinceTime !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['sinceTime'], message: 'cannot be combined with sinceSeconds' });
    }
  });
export type JobLogsQuery = z.infer<typeof JobLogsQuerySchema>;
