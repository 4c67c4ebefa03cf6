import 'server-only';

import { ServiceParamsSchema } from '@/lib/api/services';
import { authConfig } from '@/lib/auth/settings';
import type { Service } from '@/lib/interlink/services/service';
import { isKubeError } from '@/lib/errors';
import { createService, deleteService, getService, listServiceDefinitions, updateService } from '@/lib/services/store';

import { readJson } from './body';
import type { OscarCaller } from './caller';
import { OscarError } from './respond';
import { describeIssues, oscarFromService, sendsSecrets, serviceFromOscar, type OscarService } from './service-json';
import { serviceToken } from './service-token';

// /system/services in OSCAR's terms, on Offload's service store (lib/services/store.ts): the
// same ConfigMap and Secret, read and written with the caller's identity, checked by the same
// rules, so a service applied with oscar-cli is one the dashboard shows and runs.

/** A service's JSON: its script (512 KiB) and environment (2 × 512 KiB) at most, and room. */
const SERVICE_MAX_BYTES = 2 * 1024 * 1024;

/** The service's name from the URL, checked as Offload checks its own (a 400 naming it). */
export function serviceName(caller: OscarCaller, name: string): string {
  return ServiceParamsSchema.parse({ namespace: caller.namespace, name }).name;
}

export async function listOscarServices(caller: OscarCaller): Promise<OscarService[]> {
  // No tokens in the list: only `service job`/`run` need one, and they read the service itself.
  return (await listServiceDefinitions(caller.identity, caller.namespace)).map((s) => oscarFromService(s, ''));
}

export async function getOscarService(caller: OscarCaller, name: string): Promise<OscarService> {
  const record = await getService(caller.identity, caller.namespace, serviceName(caller, name));
  return oscarFromService(record, tokenFor(caller, record.name));
}

export async function createOscarService(caller: OscarCaller, request: Request): Promise<void> {
  const service = parsed(caller, await readJson(request, SERVICE_MAX_BYTES));
  try {
    await createService(caller.identity, service);
  } catch (err) {
    // OSCAR's own sentence for this case (pkg/handlers/create.go).
    if (isKubeError(err) && err.code === 'conflict') throw new OscarError(409, 'A service with the provided name already exists');
    throw err;
  }
}

/**
 * OSCAR's PUT carries no version: the service as it is now is replaced (last writer wins, as
 * in OSCAR). Its secrets stay unless the body sends `environment.secrets`: an OSCAR 3.3 FDL
 * cannot hold secrets, and applying one must not drop what the dashboard stored.
 */
export async function updateOscarService(caller: OscarCaller, request: Request): Promise<void> {
  const body = await readJson(request, SERVICE_MAX_BYTES);
  const service = parsed(caller, body);
  const current = await getService(caller.identity, caller.namespace, service.name);
  const secrets = sendsSecrets(body) ? service.environment?.secrets : current.environment?.secrets;
  await updateService(
    caller.identity,
    { ...service, environment: { ...service.environment, secrets: { ...secrets } } },
    current.resourceVersion,
  );
}

export async function deleteOscarService(caller: OscarCaller, name: string): Promise<void> {
  await deleteService(caller.identity, caller.namespace, serviceName(caller, name));
}

function parsed(caller: OscarCaller, body: unknown): Service {
  const { service, issues } = serviceFromOscar(body, caller.namespace);
  if (issues.length > 0) throw new OscarError(400, describeIssues(issues));
  return service;
}

function tokenFor(caller: OscarCaller, service: string): string {
  const config = authConfig();
  if (config.mode === 'none' || caller.identity.kind !== 'bearer') return '';
  return serviceToken(
    config.sessionSecret,
    { token: caller.identity.token, username: caller.username },
    { namespace: caller.namespace, service },
  );
}
