// Counts the API-server requests of one dashboard instance in the lab's audit log, by the
// user agent it sends (lib/k8s/config.ts). The log has one JSON object per line and one
// line per request stage, so requests are counted by distinct auditID.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { labDir } from '../../lab/state.ts';
import { ROOT } from './offload-server.ts';

export const AUDIT_LOG = resolve(labDir(ROOT), 'logs', 'audit.log');

export interface AuditedRequest {
  auditID: string;
  verb: string;
  requestURI: string;
  at: string;
}

export function requestsByInstance(instanceId: string, path = AUDIT_LOG): AuditedRequest[] {
  const seen = new Map<string, AuditedRequest>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.includes(instanceId)) continue;
    try {
      const e = JSON.parse(line) as {
        auditID: string;
        verb: string;
        requestURI: string;
        userAgent?: string;
        requestReceivedTimestamp: string;
      };
      if (!e.userAgent?.startsWith('offload-dashboard/') || !e.userAgent.includes(`(${instanceId})`)) continue;
      if (!seen.has(e.auditID))
        seen.set(e.auditID, { auditID: e.auditID, verb: e.verb, requestURI: e.requestURI, at: e.requestReceivedTimestamp });
    } catch {
      // A line being written while we read; the next read sees it whole.
    }
  }
  return [...seen.values()];
}
