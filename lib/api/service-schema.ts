import { z } from 'zod';

import { formPathOf } from '@/lib/interlink/services/form-paths';
import { VISIBILITIES, type Service } from '@/lib/interlink/services/service';
import { formIssues, formToService, type ServiceForm } from '@/lib/interlink/services/service-form';
import { validateService } from '@/lib/interlink/services/service-rules';

// The one schema for a service (OSCAR's JSON plus `namespace`), shared by the composer and
// the route handlers: zod checks the shape, then validateService (lib/interlink) every rule,
// so the browser and the server refuse the same things with the same words. Keys Offload
// does not model are dropped; OSCAR's `null` for an empty map or list reads as absent.

const absentIfNull = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema.optional());
// A `__proto__` key would be lost while parsing (assigning it sets the prototype), so it is
// refused by name instead of disappearing.
const stringMap = z.preprocess(
  (value, ctx) => {
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
      ctx.addIssue({ code: 'custom', path: ['__proto__'], message: "'__proto__' cannot be used as a name" });
    }
    return value;
  },
  z.record(z.string(), z.string()),
);
const storageIO = z.object({
  storage_provider: z.string(),
  path: z.string(),
  suffix: absentIfNull(z.array(z.string())),
  prefix: absentIfNull(z.array(z.string())),
});

export const ServiceShape = z.object({
  name: z.string(),
  namespace: z.string(),
  image: z.string(),
  script: z.string(),
  interlink_node_name: absentIfNull(z.string()),
  environment: absentIfNull(z.object({ variables: absentIfNull(stringMap), secrets: absentIfNull(stringMap) })),
  annotations: absentIfNull(stringMap),
  labels: absentIfNull(stringMap),
  memory: absentIfNull(z.string()),
  cpu: absentIfNull(z.string()),
  enable_gpu: absentIfNull(z.boolean()),
  log_level: absentIfNull(z.string()),
  vo: absentIfNull(z.string()),
  visibility: absentIfNull(z.enum(VISIBILITIES)),
  allowed_users: absentIfNull(z.array(z.string())),
  input: absentIfNull(z.array(storageIO)),
  output: absentIfNull(z.array(storageIO)),
  mount: absentIfNull(z.object({ storage_provider: z.string(), path: z.string() })),
  volume: z
    .object({ name: z.string().optional(), size: z.string().optional(), mount_path: z.string(), lifecycle_policy: z.string().optional() })
    .nullable()
    .optional(),
});

export const ServiceSchema = ServiceShape.superRefine((service, ctx) => {
  for (const issue of validateService(service)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
});
export type ServiceDto = z.output<typeof ServiceSchema>;

/** Every problem of a service given as JSON, as { path, message } (no problems: []). */
export function serviceIssues(input: unknown): Array<{ path: Array<string | number>; message: string }> {
  const result = ServiceSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

/**
 * The composer's check: the rows a map cannot hold, then the schema on the service the form
 * becomes, each problem placed on the form field it came from (formPathOf).
 */
export function validateServiceForm(form: ServiceForm): Array<{ path: Array<string | number>; message: string }> {
  const service: Service = formToService(form);
  return [...formIssues(form), ...serviceIssues(service).map((i) => ({ path: formPathOf(i.path), message: i.message }))];
}
