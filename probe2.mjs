import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
const base = 'http://127.0.0.1:3999';
const token = readFileSync('/work/wt-soak/.lab/users/alice.token', 'utf8').trim();
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const c = await b.newContext({ baseURL: base });
await c.request.post('/api/auth/token', { data: { token }, headers: { Origin: base } });
const p = await c.newPage();
const t = () => new Date().toISOString().slice(11, 19);
p.on('request', (r) => {
  if (r.url().includes('/logs')) console.log(t(), 'req', r.url().slice(base.length + 40));
});
p.on('requestfinished', (r) => {
  if (r.url().includes('/logs')) console.log(t(), 'done');
});
p.on('requestfailed', (r) => {
  if (r.url().includes('/logs')) console.log(t(), 'failed', r.failure()?.errorText);
});
await p.goto('/jobs/alice/logprobe2');
for (let i = 0; i < 70; i++) {
  await p.waitForTimeout(2000);
  if (i === 8) {
    console.log(t(), 'RESTART vega-vk');
    execFileSync('bash', ['lab/lab.sh', 'stop', 'vega-vk'], { env: { ...process.env, OFFLOAD_LAB_PORT_OFFSET: '900' } });
    execFileSync('bash', ['lab/lab.sh', 'start', 'vega-vk'], { env: { ...process.env, OFFLOAD_LAB_PORT_OFFSET: '900' } });
  }
  const st = await p
    .getByTestId('log-status')
    .textContent()
    .catch(() => null);
  const state = await p
    .locator('[data-testid="job-state"]')
    .first()
    .textContent()
    .catch(() => '?');
  const last = await p
    .$$eval('[data-testid="log-lines"] [data-index]', (ds) => ds.slice(-1).map((d) => d.getAttribute('data-index') + ':' + d.textContent))
    .catch(() => []);
  const note = await p
    .getByTestId('log-notice')
    .textContent({ timeout: 100 })
    .catch(() => '');
  console.log(t(), state, '|', st, last, note);
}
await b.close();
