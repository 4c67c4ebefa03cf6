// The suite's requests to the dashboard: every one carries the admin's bearer token, so it
// is served the same before and after sign-in exists.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { LAB } from './cluster.ts';

export function adminToken(): string {
  return readFileSync(path.join(LAB, 'users', 'admin.token'), 'utf8').trim();
}

export function asAdmin(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...extra };
}

export async function getJson<T>(url: string, token: string): Promise<T> {
  const r = await fetch(url, { headers: asAdmin(token, { Accept: 'application/json' }) });
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${(await r.text()).slice(0, 300)}`);
  return (await r.json()) as T;
}
