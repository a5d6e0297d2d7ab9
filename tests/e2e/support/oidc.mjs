// A real OpenID provider on loopback (npm `oidc-provider`, OpenID
// Certified), with one client registered for the console and its own
// development login page (any password). Its token endpoint can be made to
// hand back a doctored ID token (`tamper(mode)`), signed with the
// provider's own key where a signature is wanted, so the tests can show the
// server refusing each; or signed with a new key it then publishes
// ('rotated'), as a provider rolling its keys over does.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export const CLIENT_ID = 'police-engage-console';
export const CLIENT_SECRET = 'a-console-secret-for-tests-only-0123456789';

const KID = 'test-signing-key';
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Listens at once (so the server can be given the issuer), serves once
 * `register(...redirectUris)` has made the provider. `accounts`: login name →
 * claims (`email`, `email_verified`, `preferred_username`, `roles`).
 */
export async function startProvider(accounts, { port = 0 } = {}) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };
  // A key the provider moves to later ('rotated'): published only then.
  const { privateKey: nextKey, publicKey: nextPublic } = await generateKeyPair('RS256', { extractable: true });
  const nextJwk = { ...(await exportJWK(nextPublic)), kid: 'next-signing-key', alg: 'RS256', use: 'sig' };
  let handler = (_req, res) => { res.writeHead(503).end(); };
  let mode = null;
  const server = createServer((req, res) => {
    if (mode && req.method === 'POST' && req.url.startsWith('/token')) return doctored(req, res);
    if (mode === 'rotated' && req.url.startsWith('/jwks')) {
      const { kty, n, e } = jwk;
      return res.writeHead(200, { 'content-type': 'application/jwk-set+json' })
        .end(JSON.stringify({ keys: [{ kty, n, e, kid: KID, alg: 'RS256', use: 'sig' }, nextJwk] }));
    }
    return handler(req, res);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  // The token endpoint's real answer, read through a second listener.
  const inner = createServer((req, res) => handler(req, res));
  await new Promise((resolve) => inner.listen(0, '127.0.0.1', resolve));

  async function doctored(req, res) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const answer = await fetch(`http://127.0.0.1:${inner.address().port}${req.url}`, {
      method: 'POST', headers: { 'content-type': req.headers['content-type'], authorization: req.headers.authorization }, body: Buffer.concat(chunks),
    });
    const body = await answer.json();
    if (body.id_token) body.id_token = await tamper(body.id_token, mode);
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  async function tamper(token, how) {
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url'));
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).sign(privateKey);
    switch (how) {
      case 'aud': return sign({ ...claims, aud: 'another-client' });
      case 'rotated': return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: nextJwk.kid, typ: 'JWT' }).sign(nextKey);
      case 'expired': return sign({ ...claims, iat: now - 7200, exp: now - 3600 });
      case 'unsigned': return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
      case 'symmetric': return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(CLIENT_SECRET));
      default: throw new Error(`no tampering called ${how}`);
    }
  }

  return {
    issuer,
    register(...redirectUris) {
      const provider = new Provider(issuer, {
        clients: [{
          client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: redirectUris,
          grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
        }],
        jwks: { keys: [jwk] },
        findAccount: (_ctx, id) => accounts[id] && { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) },
        claims: { openid: ['sub', 'roles'], email: ['email', 'email_verified'], profile: ['preferred_username'] },
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        // The force has already let the console in: no consent page.
        loadExistingGrant: async (ctx) => {
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
      });
      handler = provider.callback();
    },
    /** From now on the token endpoint answers with a doctored ID token (`null`: as issued). */
    tamper(how) { mode = how; },
    close() { server.close(); inner.close(); },
  };
}

/** Signs in at the provider's own login page, as `login`. */
export async function logInAtProvider(page, login) {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
}
