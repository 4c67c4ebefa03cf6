// Shared by the admission and hostile-input lab tests: the lab's admission settings, read from
// the policy's own ConfigMap before the tests, and the Jobs a test made, deleted after it.
import { afterAll, beforeAll } from 'vitest';

import { admissionSettings, type AdmissionSettings } from '@/lib/interlink/admission/admission-rules';
import { getJson, kubectl } from '../../scripts/lib/lab-commands.ts';

export interface AdmissionLab {
  settings: () => AdmissionSettings;
  /** Names of Jobs in alice's namespace to delete after the file's tests. */
  made: string[];
}

export function withAdmissionLab(): AdmissionLab {
  let settings: AdmissionSettings | undefined;
  const made: string[] = [];
  beforeAll(async () => {
    const cm = await getJson<{ data: Record<string, string> }>('admin', ['-n', 'offload-system', 'get', 'configmap', 'offload-admission']);
    settings = admissionSettings(cm.data);
  });
  afterAll(async () => {
    if (made.length > 0) await kubectl('admin', ['-n', 'alice', 'delete', 'job', ...made, '--ignore-not-found', '--wait=false']);
  });
  return {
    made,
    settings: () => {
      if (settings === undefined) throw new Error('the admission settings are read before the tests');
      return settings;
    },
  };
}
