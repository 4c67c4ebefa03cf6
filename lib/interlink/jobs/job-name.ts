// Job names as OSCAR makes them (OSCAR pkg/handlers/job.go): `<service>-<uuid4>`, with the service part cut
// to 16 characters when the service name has 25 or more, so the name (which Kubernetes also
// puts in the pod's `job-name` label) stays within 63 characters.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The UUID a preview uses before a run has one of its own. */
export const PREVIEW_UUID = '00000000-0000-4000-8000-000000000000';

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

export function jobNameFor(serviceName: string, uuid: string): string {
  if (!isUuid(uuid)) throw new Error(`jobNameFor: '${uuid}' is not a lower-case UUID`);
  const base = serviceName.length >= 25 ? serviceName.slice(0, 16) : serviceName;
  return `${base}-${uuid}`;
}
