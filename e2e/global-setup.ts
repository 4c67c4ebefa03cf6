import { rmSync } from 'node:fs';

import { labTrust } from './browser';

// The README's trust step, once per run, for the home every journey's browser starts with
// (OFFLOAD_E2E_HOME, chosen in playwright.config.ts); the home goes when the run ends.
export default function globalSetup(): () => void {
  const home = process.env.OFFLOAD_E2E_HOME;
  if (home === undefined) throw new Error('OFFLOAD_E2E_HOME is not set: playwright.config.ts chooses it');
  labTrust(home, 'trust');
  return () => rmSync(home, { recursive: true, force: true });
}
