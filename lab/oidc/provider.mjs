// The lab's OpenID Connect provider: the certified `oidc-provider` package over https, with
// the lab's people (admin, alice, bob) signing in on a real login page. The lab's
// kube-apiserver trusts its ID tokens (--oidc-issuer-url), so the API server itself
// authenticates whoever signed in.
//
// Usage: node provider.mjs <config.json>
//   { port, certFile, keyFile, clientId, clientSecret, idTokenTtlSeconds,
//     users: { <name>: { password, groups: [..], email } }, cookieKeys: [..] }
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { generateKeyPairSync, timingSafeEqual } from 'node:crypto';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const issuer = `https://127.0.0.1:${config.port}`;
const users = config.users;

// Signing keys made once and kept, so ID tokens stay valid across restarts of the provider.
function signingKeys(file) {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(file, JSON.stringify({ keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'lab-1' }] }), {
      mode: 0o600,
    });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

function passwordMatches(name, password) {
  const want = Buffer.from(users[name]?.password ?? '');
  const got = Buffer.from(password ?? '');
  return want.length > 0 && want.length === got.length && timingSafeEqual(want, got);
}

async function autoConfirmLogout(ctx, form) {
  ctx.type = 'html';
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing out — Offload lab</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 24rem; margin: 4rem auto;"><main><h1>Signing out…</h1>
${form.replace(
  '</form>',
  `<input type="hidden" name="logout" value="yes">
<noscript><button type="submit">Sign out</button></noscript></form>`,
)}
<script>document.forms[0].submit()</script></main></body></html>`;
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: config.clientId,
      client_secret: config.clientSecret,
      // A native-type client may use any loopback port (RFC 8252): the dashboard runs on
      // whatever port a test or a developer picks.
      application_type: 'native',
      redirect_uris: ['http://127.0.0.1/api/auth/callback', 'http://localhost/api/auth/callback'],
      post_logout_redirect_uris: ['http://127.0.0.1/', 'http://localhost/', 'http://127.0.0.1/signin', 'http://localhost/signin'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: signingKeys(config.jwksFile),
  pkce: { required: () => true, methods: ['S256'] },
  scopes: ['openid', 'profile', 'email', 'groups', 'offline_access'],
  claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email', 'email_verified'], groups: ['groups'] },
  // The API server reads the username and groups from the ID token itself.
  conformIdTokenClaims: false,
  ttl: {
    IdToken: config.idTokenTtlSeconds,
    AccessToken: config.idTokenTtlSeconds,
    Session: 86400,
    Grant: 86400,
    Interaction: 600,
    AuthorizationCode: 60,
    RefreshToken: 86400,
  },
  cookies: { keys: config.cookieKeys },
  features: {
    devInteractions: { enabled: false },
    // First-party client: signing out of Offload signs out here too, without a question.
    rpInitiatedLogout: { enabled: true, logoutSource: autoConfirmLogout },
    revocation: { enabled: true },
  },
  issueRefreshToken: async () => true,
  async findAccount(_ctx, id) {
    const user = users[id];
    if (!user) return undefined;
    return {
      accountId: id,
      claims: async () => ({ sub: id, preferred_username: id, name: id, email: user.email, email_verified: true, groups: user.groups }),
    };
  },
  // First-party client: no consent screen, the grant is made on sign-in.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email groups offline_access');
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.proxy = false;

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function loginPage(uid, error, login) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in — Offload lab</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 24rem; margin: 4rem auto;">
<main><h1>Sign in to the Offload lab</h1>
${error ? `<p role="alert" style="color:#b00020">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="login">Username</label><br>
<input id="login" name="login" autocomplete="username" required value="${escape(login ?? '')}"></p>
<p><label for="password">Password</label><br>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form></main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const handle = provider.callback();
const server = createServer({ cert: readFileSync(config.certFile), key: readFileSync(config.keyFile) }, async (req, res) => {
  const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url, issuer).pathname);
  if (!m) return handle(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      // First-party client: consent (asked for by prompt=consent, e.g. for offline_access)
      // is granted without a screen.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      return await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(loginPage(details.uid));
    }
    const form = await readForm(req);
    const login = form.get('login') ?? '';
    if (!passwordMatches(login, form.get('password'))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(loginPage(details.uid, 'Unknown username or wrong password.', login));
    }
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Sign-in failed: ${err.message}`);
  }
});
server.listen(config.port, '127.0.0.1', () => console.log(`OIDC provider ${issuer} (users: ${Object.keys(users).join(', ')})`));
