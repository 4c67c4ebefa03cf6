import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { test as setup } from '@playwright/test';

import { ADMIN_STATE, signIn } from './support';

// The journeys run as the lab's admin, signed in once through the real provider; the
// sign-in journeys themselves (auth.spec.ts) start from an empty browser instead.
setup('sign in as admin through the lab provider', async ({ page }) => {
  await signIn(page, 'admin');
  mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
});
