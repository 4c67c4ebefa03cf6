import { z } from 'zod';

// /api/auth/* and /api/permissions: shared by the route handlers and the browser.

/** POST /api/auth/token: a Kubernetes bearer token, exactly one word of printable ASCII. */
export const TokenSignInSchema = z.object({
  token: z
    .string({ message: 'is required: paste a Kubernetes bearer token' })
    .trim()
    .min(1, 'is required: paste a Kubernetes bearer token')
    .max(16_384, 'is too long for a Kubernetes token (at most 16384 characters)')
    .regex(/^[\x21-\x7e]+$/, 'must be one word of printable characters, without spaces or line breaks; paste only the token'),
});
export type TokenSignIn = z.infer<typeof TokenSignInSchema>;

export const AUTH_METHODS = ['oidc', 'token'] as const;

/** GET /api/auth/session. Never carries a token: only who, until when, and the CSRF value. */
export const SessionInfoSchema = z.discriminatedUnion('authenticated', [
  z.object({
    authenticated: z.literal(true),
    username: z.string(),
    groups: z.array(z.string()),
    method: z.enum([...AUTH_METHODS, 'none']),
    /** When the sign-in must be renewed (ISO), or null when unknown. */
    expiresAt: z.string().nullable(),
    canRefresh: z.boolean(),
    /** Echo in x-csrf-token on every state-changing request. */
    csrfToken: z.string(),
  }),
  z.object({
    authenticated: z.literal(false),
    methods: z.array(z.enum(AUTH_METHODS)),
    /** The provider's address, to name it on the sign-in page. */
    issuer: z.string().nullable(),
    expired: z.boolean(),
  }),
]);
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const LogoutResponseSchema = z.object({ endSessionUrl: z.string().nullable() });

/** GET /api/permissions?namespace=: what the UI offers; the server still checks every request. */
export const PermissionsQuerySchema = z.object({ namespace: z.string().optional() });
export const PERMISSIONS = [
  'listNodes',
  'listAllJobs',
  'listJobs',
  'readLogs',
  'runJobs',
  'cancelJobs',
  'deleteJobs',
  'listServices',
  'editServices',
  'deleteServices',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export const PermissionsSchema = z.object({
  namespace: z.string().nullable(),
  allowed: z.record(z.enum(PERMISSIONS), z.boolean()),
});
export type Permissions = z.infer<typeof PermissionsSchema>;
