import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { admissionFiles } from './admission-files';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('the generated admission policy', () => {
  it('is committed exactly as scripts/gen-admission-policy.ts writes it (npm run gen:admission)', () => {
    for (const [file, text] of Object.entries(admissionFiles())) expect(readFileSync(path.join(ROOT, file), 'utf8'), file).toBe(text);
  });

  it('is two policies and two bindings that kubectl can read', () => {
    const files = admissionFiles();
    const kinds = (file: string) =>
      parseAllDocuments(files[file] ?? '').map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    expect(kinds('deploy/admission/policy.yaml').map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ValidatingAdmissionPolicy/offload-offloaded-jobs',
      'ValidatingAdmissionPolicy/offload-offloaded-pods',
    ]);
    expect(kinds('deploy/admission/binding.yaml').map((o) => o.kind)).toEqual([
      'ValidatingAdmissionPolicyBinding',
      'ValidatingAdmissionPolicyBinding',
    ]);
  });
});
