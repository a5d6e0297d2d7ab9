// Staff sign-in as a force's security team would test it, in Chromium
// against the real server: the force's identity provider (a real OpenID
// provider on loopback) and the attacks on its answer; an authenticator app
// with its codes computed here from the key the page shows; passkeys
// through Chromium's virtual authenticator; an admin's reset. axe-core on
// each new page, light and dark, English and Welsh.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser } from './support/browser.mjs';
import { CLIENT_ID, CLIENT_SECRET, logInAtProvider, startProvider } from './support/oidc.mjs';
import { ADMIN_TOKEN, PASSWORD, ROOT, startServer } from './support/server.mjs';
import { until } from './support/wait.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = join(ROOT, 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const PROVIDER_NAME = 'Glanyrafon Police Entra ID';

// The force's directory, by login name at the provider.
const ACCOUNTS = {
  alex: { email: 'alex@force.example', email_verified: true, roles: ['police-engage.editor'] },
  nobody: { email: 'nobody@force.example', email_verified: true, roles: ['SomeOtherApp.User'] },
  casey: { email: 'Casey@Force.Example', email_verified: true },
  dana: { preferred_username: 'dana@force.example' },
  // Another identity at the provider that has taken Alex's address.
  impostor: { email: 'alex@force.example', email_verified: true, roles: ['police-engage.admin'] },
};

const h = {};
before(async () => {
  h.provider = await startProvider(ACCOUNTS);
  h.server = await startServer({
    args: ['--oidc-issuer', h.provider.issuer, '--oidc-client-id', CLIENT_ID, '--oidc-name', PROVIDER_NAME],
    env: { POLICE_ENGAGE_OIDC_CLIENT_SECRET: CLIENT_SECRET, POLICE_ENGAGE_REQUIRE_SECOND_FACTOR: 'admins' },
  });
  h.provider.register(`${h.server.url}/v1/session/oidc/callback`);
  h.browser = await launchBrowser();
});
after(async () => {
  await h.browser?.close();
  await h.server?.stop();
  h.provider?.close();
});

const admin = (path, init = {}) => fetch(`${h.server.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...init.headers } });
const audit = async () => (await (await admin('/v1/audit')).json()).entries;
const signedIn = async (page) => (await page.request.get(`${h.server.url}/v1/me`)).status() === 200;

async function violations(page, name, colorScheme) {
  await page.screenshot({ path: join(SHOTS, `staff-${name}-${colorScheme}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${name}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Through the provider: the button, its login page, and back. */
async function viaProvider(login, options = {}) {
  const context = await h.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${h.server.url}/console/sign-in`);
  await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await logInAtProvider(page, login);
  return { context, page };
}

const refusedWith = (page, words) => page.getByRole('alert').getByText(words).waitFor();

test('a person with an app role at the provider gets in with that role; the sign-in is audited', async () => {
  const { context, page } = await viaProvider('alex');
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Your account' }).click();
  const summary = page.locator('dl.pe-summary');
  await summary.getByText('alex@force.example').waitFor();
  assert.match(await summary.innerText(), /Editor/);
  assert.match(await summary.innerText(), /Your force's identity provider/);
  assert.equal(await page.getByRole('heading', { name: 'Change your password' }).count(), 0, 'no password here to change');
  const entry = (await audit()).find((e) => e.action === 'sign_in' && e.actor === 'alex@force.example');
  assert.equal(entry?.detail, 'provider');
  await context.close();
});

test('someone with no console role who was not added is refused, told why, and the refusal audited', async () => {
  const { context, page } = await viaProvider('nobody');
  await refusedWith(page, 'Your force account has no role in this console');
  assert.equal(await signedIn(page), false);
  const entry = (await audit()).find((e) => e.action === 'sign_in_refused' && e.actor === 'nobody@force.example');
  assert.equal(entry?.detail, 'no_role');
  await context.close();
});

test('someone an admin added gets in with the role given here, by email or preferred_username; disabled, they are refused', async () => {
  h.server.addPerson('casey@force.example', 'responder');
  h.server.addPerson('dana@force.example', 'editor');
  for (const [login, role] of [['casey', 'Responder'], ['dana', 'Editor']]) {
    const { context, page } = await viaProvider(login);
    await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
    const me = await (await page.request.get(`${h.server.url}/v1/me`)).json();
    assert.equal(me.role, role.toLowerCase());
    await context.close();
  }
  const people = await (await admin('/v1/people')).json();
  const casey = people.find((p) => p.email === 'casey@force.example');
  assert.equal((await admin(`/v1/people/${casey.id}`, { method: 'PATCH', body: JSON.stringify({ disabled: true }) })).status, 200);
  const { context, page } = await viaProvider('casey');
  await refusedWith(page, 'Your account is disabled');
  assert.equal(await signedIn(page), false);
  await context.close();
});

test('a token signed with a key the provider has just rolled over to is accepted: the keys are fetched again', async () => {
  h.provider.tamper('rotated');
  try {
    const { context, page } = await viaProvider('alex');
    await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
    await context.close();
  } finally {
    h.provider.tamper(null);
  }
});

test("an address taken over by another identity at the provider signs no one in; someone whose app role was removed is refused", async () => {
  const first = await viaProvider('alex');
  await first.page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await first.context.close();
  const impostor = await viaProvider('impostor');
  await refusedWith(impostor.page, 'could not trust');
  assert.equal(await signedIn(impostor.page), false);
  await impostor.context.close();
  const roles = ACCOUNTS.alex.roles;
  ACCOUNTS.alex.roles = [];
  try {
    const removed = await viaProvider('alex');
    await refusedWith(removed.page, 'has no role in this console');
    await removed.context.close();
  } finally {
    ACCOUNTS.alex.roles = roles;
  }
});

// Each with the reason the server logs for it.
for (const [attack, how, because] of [
  ['a token for another client (aud)', 'aud', /Invalid audiences: must contain `police-engage-console`/],
  ['an expired token', 'expired', /ID token expired/],
  ['an unsigned token (alg none)', 'unsigned', /Signature verification failed/],
  ['a token signed with the client secret (HS256)', 'symmetric', /Signature verification failed/],
]) {
  test(`the provider's answer with ${attack} signs no one in`, async () => {
    h.provider.tamper(how);
    try {
      const { context, page } = await viaProvider('alex');
      await refusedWith(page, 'could not trust');
      assert.equal(await signedIn(page), false);
      const reason = h.server.logs().split('\n').filter((l) => l.includes('identity provider refused')).at(-1);
      assert.match(reason, because);
      await context.close();
    } finally {
      h.provider.tamper(null);
    }
  });
}

/**
 * Signs in at the provider, but keeps the browser from following its
 * answer back: the callback's address (a fresh code, and the state this
 * browser holds the cookie for), taken from the redirects by hand.
 */
async function callbackHeldBack(page, login) {
  let callback;
  await page.route(`${h.provider.issuer}/interaction/**`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    let answer = await route.fetch({ maxRedirects: 0 });
    let next = new URL(answer.headers().location, h.provider.issuer);
    while (!next.href.startsWith(h.server.url)) {
      answer = await page.request.get(next.href, { maxRedirects: 0 });
      next = new URL(answer.headers().location, h.provider.issuer);
    }
    callback = next;
    return route.fulfill({ status: 200, contentType: 'text/plain', body: 'held back' });
  });
  await page.goto(`${h.server.url}/v1/session/oidc/start`);
  await logInAtProvider(page, login);
  await until(() => callback);
  await page.unrouteAll();
  return callback;
}

test('a tampered state, a replayed code and a used state are each refused', async () => {
  // Each in a browser of its own, so each meets the provider's login page.
  const browser = async () => (await h.browser.newContext()).newPage();
  const tampering = await browser();
  const first = await callbackHeldBack(tampering, 'alex');
  first.searchParams.set('state', `${first.searchParams.get('state')}x`);
  await tampering.goto(first.href);
  await refusedWith(tampering, 'started in another browser');
  assert.equal(await signedIn(tampering), false);

  const honest = await browser();
  const second = await callbackHeldBack(honest, 'alex');
  await honest.goto(second.href);
  await honest.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await honest.getByRole('button', { name: 'Sign out', exact: true }).click();
  await honest.getByLabel('Email address').waitFor();
  await honest.goto(second.href);
  await refusedWith(honest, 'already used');
  assert.equal(await signedIn(honest), false);

  // The used code again, under a state this browser did start: the
  // provider will not exchange a code twice.
  const replaying = await browser();
  const replay = await callbackHeldBack(replaying, 'alex');
  replay.searchParams.set('code', second.searchParams.get('code'));
  await replaying.goto(replay.href);
  await refusedWith(replaying, 'could not trust');
  assert.equal(await signedIn(replaying), false);
  for (const page of [tampering, honest, replaying]) await page.context().close();
});

// RFC 6238 with the defaults authenticator apps use (SHA-1, 6 digits, 30 s).
function totp(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/=+$/, '')].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1e6).padStart(6, '0');
}

async function withPassword(page, email) {
  await page.goto(`${h.server.url}/console/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function securityCode(page, code) {
  await page.getByLabel('Security code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('an admin must set up a second factor first; an authenticator code works once, a recovery code once', async () => {
  h.server.addPerson('root@force.example', 'admin');
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await withPassword(page, 'root@force.example');
  // Sent to Your account, and nothing else answers until a factor is set up.
  await page.getByText('Your force requires a passkey or an authenticator app').waitFor();
  assert.equal((await page.request.get(`${h.server.url}/v1/inbox`)).status(), 403);
  await page.getByRole('link', { name: 'Feedback' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.getByLabel('Your current password, to confirm').fill('not my password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').getByText('Your current password, to confirm').waitFor();
  await page.getByLabel('Your current password, to confirm').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  const secret = await page.locator('#authenticator-key').innerText();
  const code = totp(secret);
  await page.getByLabel('Code from the app').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#recovery-codes li').first().waitFor();
  const codes = (await page.locator('#recovery-codes li').allInnerTexts()).map((c) => c.trim());
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  assert.deepEqual(await violations(page, 'recovery-codes', 'light'), []);
  await page.getByRole('link', { name: 'Feedback' }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();

  // The password alone is not enough now, and the code just used is spent.
  await withPassword(page, 'root@force.example');
  await page.getByRole('heading', { level: 1, name: 'Enter your security code' }).waitFor();
  assert.equal(await signedIn(page), false, 'no session before the code');
  assert.deepEqual(await violations(page, 'security-code', 'light'), []);
  await securityCode(page, code);
  await page.getByRole('alert').getByText('Enter a correct security code').first().waitFor();
  await securityCode(page, codes[0].toUpperCase().replace('-', ' '));
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();

  await withPassword(page, 'root@force.example');
  await securityCode(page, codes[0]);
  await page.getByRole('alert').getByText('Enter a correct security code').first().waitFor();
  // The app's next code (within the step either side the server allows).
  await securityCode(page, totp(secret, Date.now() + 30000));
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Your account' }).click();
  await page.getByText('Recovery codes left: 9').waitFor();
  const actions = (await audit()).filter((e) => e.actor === 'root@force.example').map((e) => e.action);
  for (const action of ['second_factor_added', 'recovery_code_used', 'sign_in_failed']) assert.ok(actions.includes(action), action);
  await context.close();
});

test('a passkey: added with the password asked again, then enough alone to sign in, by keyboard, and asked for after a password; removed, it no longer is', async () => {
  h.server.addPerson('pat@force.example', 'responder');
  // WebAuthn takes a domain, not an address, as the relying party.
  const origin = h.server.url.replace('127.0.0.1', 'localhost');
  const context = await h.browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await page.goto(`${origin}/console/sign-in`);
  await page.getByLabel('Email address').fill('pat@force.example');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Your account' }).click();
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByLabel('Name for this passkey').fill('Work laptop');
  await page.getByLabel('Your current password, to confirm').fill(PASSWORD);
  await page.getByRole('button', { name: 'Add a passkey' }).last().click();
  const row = page.getByRole('row', { name: /Work laptop/ });
  await row.waitFor();
  assert.match(await row.innerText(), /Passkey/);
  assert.equal((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length, 1);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();

  // By keyboard alone: to the button, and Enter.
  const button = page.getByRole('button', { name: 'Sign in with a passkey' });
  await button.waitFor();
  for (let i = 0; i < 12 && !(await button.evaluate((b) => b === document.activeElement)); i += 1) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  // With a passkey and no authenticator app, a right password asks for the passkey.
  await page.getByLabel('Email address').fill('pat@force.example');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Use your passkey' }).waitFor();
  assert.equal(await signedIn(page), false);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Your account' }).click();
  assert.match(await page.locator('dl.pe-summary').innerText(), /Passkey/);
  assert.doesNotMatch(await page.getByRole('row', { name: /Work laptop/ }).innerText(), /Never/);

  await page.getByRole('button', { name: 'Remove Work laptop' }).click();
  await page.getByLabel('Your current password, to confirm').fill(PASSWORD);
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByText('You have no passkey or authenticator app yet.').waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.getByText('Your passkey was not accepted').waitFor();
  assert.equal(await signedIn(page), false);
  await context.close();
});

test("an admin resets a person's second factors: audited, and the person sets one up again", async () => {
  h.server.addPerson('lee@force.example', 'editor');
  const lee = (await (await admin('/v1/people')).json()).find((p) => p.email === 'lee@force.example');
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await withPassword(page, 'lee@force.example');
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Your account' }).click();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.getByLabel('Your current password, to confirm').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code from the app').fill(totp(await page.locator('#authenticator-key').innerText()));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#recovery-codes').waitFor();
  assert.equal((await (await admin('/v1/people')).json()).find((p) => p.id === lee.id).second_factors, 1);

  const reset = await admin(`/v1/people/${lee.id}`, { method: 'PATCH', body: JSON.stringify({ second_factors: 0 }) });
  assert.equal((await reset.json()).second_factors, 0);
  assert.equal(await signedIn(page), false, 'their sessions end');
  await withPassword(page, 'lee@force.example');
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  assert.ok((await audit()).some((e) => e.action === 'second_factors_reset' && e.target === 'lee@force.example'));
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`the sign-in page with a provider, the security code and a new authenticator, ${colorScheme}: no violations in English and Welsh`, async () => {
    const found = [];
    const context = await h.browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/console/sign-in`);
    await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).waitFor();
    found.push(...await violations(page, 'sign-in-provider', colorScheme));
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await page.getByRole('link', { name: `Mewngofnodi gyda ${PROVIDER_NAME}` }).waitFor();
    found.push(...await violations(page, 'mewngofnodi-darparwr', colorScheme));
    await page.goto(`${h.server.url}/console/sign-in?refused=no_role`);
    await page.getByRole('alert').waitFor();
    found.push(...await violations(page, 'gwrthodwyd', colorScheme));
    await page.getByRole('button', { name: 'English' }).click();
    await context.close();
    assert.deepEqual(found, []);
  });
}
