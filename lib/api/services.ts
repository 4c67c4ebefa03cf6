import { z } from 'zod';

import { dnsLabelError } from '@/lib/interlink/model/k8s-names';
import { SERVICE_NAME_MAX } from '@/lib/interlink/services/service';

import { ServiceShape } from './service-schema';

// /api/services and its children: what goes in and out besides the service itself (which is
// ServiceSchema, lib/api/service-schema.ts). Shared by the route handlers and the pages.

/** A stored service as GET answers it: OSCAR's JSON, secrets included, plus the version to echo. */
export const ServiceRecordSchema = ServiceShape.extend({
  /** Opaque; PUT must send back the one it read, or gets 409. */
  resourceVersion: z.string(),
});
export type ServiceRecord = z.output<typeof ServiceRecordSchema>;

/** PUT's body: the service plus the resourceVersion it was read at. */
export const ResourceVersionSchema = z.object({
  resourceVersion: z
    .string({ message: 'is required: send the resourceVersion you read' })
    .min(1, 'is required: send the resourceVersion you read'),
});

/** DELETE's query: the resourceVersion read, so a service changed since is not deleted (409); omitted: as it is now. */
export const DeleteQuerySchema = z.object({
  resourceVersion: z.string().min(1, 'is empty: send the resourceVersion you read, or leave it out').optional(),
});

export const ServiceSummarySchema = z.object({
  namespace: z.string(),
  name: z.string(),
  image: z.string(),
  /** The virtual node it runs on, '' for an ordinary node. */
  target: z.string(),
  createdAt: z.string().nullable(),
  resourceVersion: z.string(),
  /** Why the stored definition cannot be read, or null. */
  problem: z.string().nullable(),
});
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>;

export const ServiceListSchema = z.object({
  services: z.array(ServiceSummarySchema),
  /** Where the list looked: everywhere (`all`), or these namespaces (the caller's own first). */
  scope: z.object({ all: z.boolean(), namespaces: z.array(z.string()) }),
});
export type ServiceList = z.infer<typeof ServiceListSchema>;

export const ServiceListQuerySchema = z.object({
  /** Omitted or '': every namespace (needs list configmaps cluster-wide). */
  namespace: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});

/** GET …/preview: the Job a run creates and what plugin 0.6.1 writes for it ('' off Slurm). */
export const PreviewSchema = z.object({
  job: z.record(z.string(), z.unknown()),
  sbatch: z.string(),
});

export const RunRequestSchema = z.object({
  /** The event body; travels Base64-encoded in EVENT. */
  input: z.string().optional(),
});
export type RunRequest = z.infer<typeof RunRequestSchema>;

export const RunResponseSchema = z.object({ namespace: z.string(), name: z.string() });

/**
 * The `Idempotency-Key` a client may send with a run: a retry with the same key (after an
 * answer that never came) is answered with the job the first attempt made, never a second one.
 */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'Idempotency-Key: 1 to 64 letters, digits, dots, underscores or hyphens (a UUID will do)')
  .optional();
export type RunResponse = z.infer<typeof RunResponseSchema>;

/** `{namespace}/{name}` of the URL, checked as the service's own fields are. */
export const ServiceParamsSchema = z.object({ namespace: z.string(), name: z.string() }).superRefine((p, ctx) => {
  const namespace = dnsLabelError(p.namespace);
  if (namespace !== null) ctx.addIssue({ code: 'custom', path: ['namespace'], message: namespace });
  const name = dnsLabelError(p.name, SERVICE_NAME_MAX);
  if (name !== null) ctx.addIssue({ code: 'custom', path: ['name'], message: name });
});
export type ServiceParams = z.infer<typeof ServiceParamsSchema>;

/** Next's second argument to the per-service route handlers. */
export interface ServiceRouteContext {
  params: Promise<{ namespace: string; name: string }>;
}

/** The URL's service, checked; a bad segment is a 422 naming it. */
export async function serviceParams(context: ServiceRouteContext): Promise<ServiceParams> {
  return ServiceParamsSchema.parse(await context.params);
}
