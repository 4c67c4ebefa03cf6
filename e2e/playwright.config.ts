import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { defineConfig, devices } from '@playwright/test';

import { labDir } from '../lab/state';
import { CHROMIUM_ARGS, CHROMIUM_PATH, browserEnv, tempHome } from './browser';

// Browser journeys against Offload's production server, built and started by Playwright on
// a free port against the lab (scripts/start.sh builds only when the sources changed).
// OFFLOAD_URL points them at an already running Offload instead.
// The browser is Debian's chromium: Playwright's own browser downloads are never used.
const root = path.resolve(__dirname, '..');
// Chosen once: worker processes load this file again and inherit the environment.
process.env.OFFLOAD_E2E_PORT ??= execFileSync(
  process.execPath,
  ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"],
  { encoding: 'utf8' },
);
const baseURL = process.env.OFFLOAD_URL ?? `http://127.0.0.1:${process.env.OFFLOAD_E2E_PORT}`;
// Known to the journeys, which forge an expired session to see what a person then sees.
process.env.OFFLOAD_E2E_SESSION_SECRET ??= randomBytes(32).toString('hex');

// Certificate errors are not ignored: the browser trusts the lab's provider the way a person's
// does, after the README's trust step (global-setup.ts) in a home made for this run.
process.env.OFFLOAD_E2E_HOME ??= tempHome();
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, env: browserEnv(process.env.OFFLOAD_E2E_HOME) },
};

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { outputFolder: '../playwright-report', open: 'never' }]],
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    video: 'off',
  },
  globalSetup: './global-setup.ts',
  webServer: process.env.OFFLOAD_URL
    ? undefined
    : {
        command: 'bash scripts/start.sh',
        cwd: root,
        // 503 until the shared cache has synced, so the journeys start on live data.
        url: `${baseURL}/api/readyz`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          PORT: process.env.OFFLOAD_E2E_PORT,
          KUBECONFIG: process.env.KUBECONFIG ?? path.join(labDir(root), 'kubeconfig'),
          OFFLOAD_INSTANCE_ID: `e2e-${process.env.OFFLOAD_E2E_PORT}`,
          OFFLOAD_SESSION_SECRET: process.env.OFFLOAD_E2E_SESSION_SECRET,
        },
      },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: { ...chromium } },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: {
        ...chromium,
        storageState: path.join(root, 'test-results', '.auth', 'admin.json'),
      },
    },
  ],
});
