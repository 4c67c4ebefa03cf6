// `npm run gen:admission`: writes the admission policy made from Offload's own validation rules
// (lib/interlink/admission/admission-files.ts) to deploy/admission/ and the chart. The files are
// committed; lib/interlink/admission/admission-files.test.ts fails when they differ from a fresh run.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { admissionFiles } from '../lib/interlink/admission/admission-files.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const [path, text] of Object.entries(admissionFiles())) {
  writeFileSync(resolve(root, path), text);
  console.log(`wrote ${path}`);
}
