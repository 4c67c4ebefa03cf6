import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import path from 'node:path';

import { chromium, expect, test, type Browser } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH, ROOT, browserEnv, labTrust, tempHome } from './browser';
import { labDir } from '../lab/state';
import { BASE_URL, expectAccessible } from './support';

// A person's first hour, in a browser of their own that ignores no certificate error: the
// lab's sign-in page is refused until they take the README's trust step, then alice signs in
// through the lab provider. The CA they trusted can vouch for nothing but this machine.

const PKI = path.join(ROOT, '.lab', 'pki');
const issuer = () =>
  `https://127.0.0.1:${(JSON.parse(readFileSync(path.join(ROOT, '.lab', 'oidc', 'config.json'), 'utf8')) as { port: number }).port}`;

/** The README's first section: its shell commands, one a line, comments dropped. */
function readmeCommands(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const first = readme.split(/^## /m)[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(first)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l !== '');
}

/** A README line, run as a person would; `.lab/` is this run's lab (npm test may use another). */
function runLine(line: string, home: string): string {
  const here = line.replaceAll('.lab/', `${path.relative(ROOT, labDir(ROOT))}/`);
  return execFileSync('bash', ['-c', here], { cwd: ROOT, env: { ...process.env, HOME: home }, encoding: 'utf8', timeout: 60_000 });
}

const launch = (home: string, args: string[] = []) =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args], env: browserEnv(home) });

// A person's own browser: no session of the journeys' admin.
test.use({ storageState: { cookies: [], origins: [] } });

async function newPage(browser: Browser) {
  const context = await browser.newContext({ ignoreHTTPSErrors: false, baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test('from the README: trust the lab once, then alice signs in through the lab provider', async () => {
  test.setTimeout(120_000);
  const commands = readmeCommands();
  expect(commands).toEqual(['npm start', 'npm run lab -- trust', 'cat .lab/users/alice.password']);
  const home = tempHome();

  // Before the trust step: the browser refuses the provider, as any person's would.
  let browser = await launch(home);
  let page = await newPage(browser);
  await page.goto('/signin');
  const note = page.getByTestId('lab-note');
  for (const words of ['admin', 'alice', 'bob', '.lab/users/<name>.password', 'npm run lab -- trust'])
    await expect(note).toContainText(words);
  await expectAccessible(page);
  await expect(page.goto(issuer())).rejects.toThrow('net::ERR_CERT_AUTHORITY_INVALID');
  await browser.close();

  expect(runLine('npm run lab -- trust', home)).toContain('certutil -d sql:');
  expect(runLine('npm run lab -- trust', home)).toContain('already trusts');
  const password = runLine('cat .lab/users/alice.password', home).trim();

  browser = await launch(home);
  page = await newPage(browser);
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer()}/interaction/`));
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('alice', { timeout: 30_000 });
  await expect(page).toHaveURL(`${BASE_URL}/nodes`);
  await expect(page.getByTestId('nodes-summary')).toBeVisible();
  await browser.close();

  // Reversible: untrusted again, the provider is refused again.
  expect(labTrust(home, 'untrust')).toContain('certutil -d sql:');
  browser = await launch(home);
  page = await newPage(browser);
  await expect(page.goto(issuer())).rejects.toThrow('net::ERR_CERT_AUTHORITY_INVALID');
  await browser.close();
});

async function serve(pki: string, name: string): Promise<{ server: Server; port: number }> {
  const server = createServer(
    { cert: readFileSync(path.join(pki, `${name}.crt`)), key: readFileSync(path.join(pki, `${name}.key`)) },
    (_q, r) => r.end(name),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

test('the CA a person trusts vouches only for 127.0.0.1 and localhost, and nothing can sign with it again', async () => {
  const text = execFileSync('openssl', ['x509', '-in', path.join(PKI, 'browser-ca.crt'), '-noout', '-text'], { encoding: 'utf8' });
  expect(text).toMatch(/X509v3 Name Constraints: critical\s+Permitted:\s+IP:127\.0\.0\.1\/255\.255\.255\.255\s+DNS:localhost\s+X509v3/);
  expect(existsSync(path.join(PKI, 'browser-ca.key'))).toBe(false);
  expect(
    execFileSync('openssl', ['verify', '-CAfile', path.join(PKI, 'browser-ca.crt'), path.join(PKI, 'oidc.crt')], { encoding: 'utf8' }),
  ).toContain('OK');

  // Chromium honours the constraint: a CA made by the lab's own recipe (lab/lib/pki.sh), once
  // trusted, is believed for 127.0.0.1 and refused for any other name.
  const pki = tempHome();
  execFileSync(
    'bash',
    [
      '-c',
      'source lab/lib/pki.sh; constrained_ca test-ca; pki_cert inside t "" IP:127.0.0.1 test-ca; ' +
        'pki_cert outside t "" DNS:elsewhere.test test-ca',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PKI: pki },
    },
  );
  const home = tempHome();
  execFileSync(
    'bash',
    [
      '-c',
      `mkdir -p "$HOME/.pki/nssdb" && certutil -d "sql:$HOME/.pki/nssdb" -N --empty-password && ` +
        `certutil -d "sql:$HOME/.pki/nssdb" -A -t C,, -n test -i "${pki}/test-ca.crt"`,
    ],
    { env: { ...process.env, HOME: home } },
  );
  const inside = await serve(pki, 'inside');
  const outside = await serve(pki, 'outside');
  const browser = await launch(home, ['--host-resolver-rules=MAP elsewhere.test 127.0.0.1']);
  try {
    const page = await newPage(browser);
    await page.goto(`https://127.0.0.1:${inside.port}/`);
    await expect(page.locator('body')).toHaveText('inside');
    await expect(page.goto(`https://elsewhere.test:${outside.port}/`)).rejects.toThrow(/net::ERR_CERT_(INVALID|NAME_CONSTRAINT_VIOLATION)/);
  } finally {
    await browser.close();
    inside.server.close();
    outside.server.close();
  }
});
