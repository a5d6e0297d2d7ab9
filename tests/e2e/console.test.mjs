// The force's console in headless Chromium against the real server: a
// resident's feedback from a partner page on another origin, triaged by a
// responder from sign-in to sign-out; what residents type shown as text in
// every view; axe-core on every page, light and dark.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { consoleHelpers, PEOPLE } from './support/console.mjs';
import { harness } from './support/harness.mjs';
import { PASSWORD, ROOT } from './support/server.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = join(ROOT, 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });

const h = harness({ feedHost: true, serverArgs: (h) => ['--no-samples', '--allow-origin', h.host.pageOrigin] });
const people = PEOPLE;
const { addPeople, signIn } = consoleHelpers(h);

/** A resident on a partner page (another origin) sends feedback through the widget. */
async function residentSends(message, { rating = '2 – Poor', area = 'Cwm Hyfryd' } = {}) {
  const url = h.host.page(`/partner-${Date.now()}.html`, h.server.url, `<police-engage id="w" src="${h.server.url}/v1/feed.json"></police-engage>`);
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const widget = page.locator('#w');
  await widget.getByRole('button', { name: 'Tell us what you think' }).click();
  await widget.locator('#pe-message').fill(message);
  await widget.getByLabel(rating).check();
  await widget.locator('#pe-area').fill(area);
  await widget.getByRole('button', { name: 'Send feedback' }).click();
  const reference = (await widget.locator('.pe-panel-reference').textContent()).match(/FB-[0-9A-Z]+/)[0];
  await context.close();
  return reference;
}

test('a resident sends feedback from a partner page; a responder finds, handles and closes it', async () => {
  const message = 'The officer who came about our stolen quad bike was thorough and kind.';
  const reference = await residentSends(message);
  const { context, page, errors } = await signIn(people.responder);
  const row = page.locator('tbody tr', { hasText: 'stolen quad bike' });
  await row.waitFor();
  assert.equal(await page.locator('.pe-tab-current').textContent(), 'All (1)');

  // Filter to it by a word in the message; the filter is kept in the address.
  await page.getByText('Filter feedback').click();
  await page.getByLabel('Search').fill('quad');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/q=quad/);
  await page.locator('tbody tr').first().waitFor();
  assert.equal(await page.locator('tbody tr').count(), 1);

  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { level: 1, name: `Feedback ${reference}` }).waitFor();
  assert.equal(await page.locator('.pe-resident-text').first().textContent(), message);
  assert.match(await page.locator('.pe-summary').first().textContent(), /Rating2 out of 5.*AreaCwm Hyfryd.*Partner site/s);
  assert.equal(await page.locator('h1 .pe-tag').textContent(), 'New');

  await page.getByLabel('In progress').check();
  await page.getByRole('button', { name: 'Update status' }).click();
  await page.locator('h1 .pe-tag', { hasText: 'In progress' }).waitFor();

  await page.getByLabel('Add a note').fill('Passed thanks on to PC Davies.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('.pe-note', { hasText: 'Passed thanks on to PC Davies.' }).waitFor();

  await page.getByLabel('Assigned to').selectOption({ label: people.responder });
  await page.getByRole('button', { name: 'Assign' }).click();
  await page.locator('.pe-timeline li', { hasText: `assigned to ${people.responder}` }).waitFor();

  await page.getByLabel('Closed').check();
  await page.getByRole('button', { name: 'Update status' }).click();
  await page.locator('h1 .pe-tag', { hasText: 'Closed' }).waitFor();
  const history = await page.locator('.pe-timeline li .pe-strong').allTextContents();
  assert.deepEqual(history, ['Changed status', 'Added a note', 'Assigned', 'Changed status']);

  // The charts count what was sent: one piece of feedback this week, closed, rated 2.
  await page.getByRole('link', { name: 'Insight' }).click();
  const perWeek = page.locator('#per-week');
  await perWeek.getByText('Show as a table').click();
  const thisWeek = await perWeek.locator('tbody tr').last().locator('td').allTextContents();
  assert.deepEqual(thisWeek, ['0', '0', '1', '1'], 'new, in progress, closed, total');
  assert.equal(await page.locator('#per-week svg[role="img"]').getAttribute('aria-labelledby'), 'per-week-title');
  const ratings = page.locator('#ratings');
  await ratings.getByText('Show as a table').click();
  assert.deepEqual(await ratings.locator('tbody td').allTextContents(), ['0', '1', '0', '0', '0']);
  const areas = page.locator('#by-area');
  await areas.getByText('Show as a table').click();
  assert.match(await areas.locator('tbody tr').first().textContent(), /Cwm Hyfryd\s*1\s*2\.0/);

  // Sign out: the console asks for sign-in again, and the old cookie opens nothing.
  const [cookie] = await context.cookies(h.server.url);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
  const refused = await fetch(`${h.server.url}/v1/inbox`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
  assert.equal(refused.status, 401);
  await page.goto(`${h.server.url}/console/`);
  await page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a slow answer for filters left behind does not replace the answer for the newer ones', async () => {
  await residentSends('The streetlights on Heol Glan are out again.');
  const { context, page, errors } = await signIn(people.responder);
  await page.locator('tbody tr').first().waitFor();
  // The answer for "zzz" (which matches nothing) is held until the reader has moved on.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/v1\/inbox\?.*q=zzz/, async (route) => { await held; await route.continue(); });
  await page.getByText('Filter feedback').click();
  await page.getByLabel('Search').fill('zzz');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/q=zzz/);
  await page.goBack();
  await page.locator('tbody tr', { hasText: 'streetlights' }).waitFor();
  const late = page.waitForResponse(/q=zzz/);
  release();
  await late;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.getByText('No feedback matches these filters.').count(), 0);
  assert.ok(await page.locator('tbody tr', { hasText: 'streetlights' }).isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});

test('an admin erases feedback on request: a failure is said and nothing is lost; then it is gone', async () => {
  const reference = await residentSends('Please delete what I sent about my neighbour.');
  const { context, page, errors } = await signIn(people.admin);
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { level: 1, name: `Feedback ${reference}` }).waitFor();
  await page.getByRole('button', { name: `Erase this feedback ${reference}` }).click();
  await page.getByText('Only when the resident asks for it.').waitFor();
  // The server cannot be reached: the page says so, and the feedback stays.
  await page.route(`**/v1/inbox/${reference}`, (route) => (route.request().method() === 'DELETE' ? route.abort() : route.continue()));
  await page.getByRole('button', { name: /^Yes, erase it/ }).click();
  await page.getByRole('alert').filter({ hasText: 'The console could not reach the server.' }).waitFor();
  await page.unroute(`**/v1/inbox/${reference}`);
  await page.getByRole('button', { name: /^Yes, erase it/ }).click();
  await page.getByRole('status').filter({ hasText: `Feedback ${reference} was erased.` }).waitFor();
  const [cookie] = await context.cookies(h.server.url);
  const gone = await fetch(`${h.server.url}/v1/inbox/${reference}`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
  assert.equal(gone.status, 404);
  assert.deepEqual(errors, []);
  await context.close();
});

test('wrong details are refused with one message, and the error summary leads to the field', async () => {
  addPeople();
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.server.url}/console/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const summary = page.locator('.pe-error-summary');
  await summary.waitFor();
  assert.deepEqual(await summary.locator('li').allTextContents(), ['Enter your email address', 'Enter your password']);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'pe-error-summary');
  await page.getByLabel('Email address').fill(people.responder);
  await page.getByLabel('Password').fill('not the right one at all');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await summary.locator('li', { hasText: 'Enter a correct email address and password' }).waitFor();
  await summary.getByRole('link').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'email');
  assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is not kept');
  await page.screenshot({ path: join(SHOTS, 'console-sign-in-error.png') });
  await context.close();
});

test("what residents type is text in every console view, never markup", async () => {
  addPeople();
  const hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> javascript:window.pwned = 3';
  const response = await fetch(`${h.server.url}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: hostile, area: '<img src=x onerror="window.pwned = 4">', name: '<b onmouseover="window.pwned = 5">Name</b>',
      email: 'resident@example.org', contact_consent: true, rating: 3, lang: 'en', page: 'javascript:window.pwned = 6', key: `key-hostile-${Date.now()}`,
    }),
  });
  assert.equal(response.status, 201);
  const { id } = await response.json();
  const { context, page } = await signIn(people.responder);
  const clean = async (where) => {
    assert.equal(await page.evaluate(() => window.pwned), undefined, `${where}: nothing ran`);
    assert.equal(await page.locator('main img, main script, main b').count(), 0, `${where}: no markup made it in`);
    assert.equal(await page.locator('a[href^="javascript"]').count(), 0, `${where}: no javascript: link`);
  };
  await page.locator('tbody tr', { hasText: '<script>' }).waitFor();
  assert.ok((await page.locator('tbody').textContent()).includes('<img src=x onerror="window.pwned = 4">'));
  await clean('inbox');
  await page.getByRole('link', { name: id }).click();
  await page.locator('.pe-resident-text').first().waitFor();
  assert.equal(await page.locator('.pe-resident-text').first().textContent(), hostile);
  assert.ok((await page.locator('main').textContent()).includes('<b onmouseover="window.pwned = 5">Name</b>'));
  assert.ok((await page.locator('main').textContent()).includes('javascript:window.pwned = 6'), 'the page shown as text');
  const reply = await page.getByRole('link', { name: 'Reply by email' }).getAttribute('href');
  assert.ok(reply.startsWith(`mailto:resident%40example.org?subject=Your%20feedback%2C%20reference%20${id}&body=`), reply);
  assert.ok(decodeURIComponent(reply).includes(`> ${hostile}`), 'the message quoted');
  await clean('one submission');
  await page.getByRole('link', { name: 'Insight' }).click();
  await page.locator('#by-area').getByText('Show as a table').click();
  assert.ok((await page.locator('#by-area').textContent()).includes('<img src=x onerror="window.pwned = 4">'));
  await clean('insight');
  await context.close();
});

const PAGES = {
  'sign-in': async () => {},
  inbox: async (page) => page.locator('table').waitFor(),
  feedback: async (page) => {
    await page.locator('tbody a').first().click();
    await page.locator('.pe-resident-text').first().waitFor();
  },
  insight: async (page) => {
    await page.getByRole('link', { name: 'Insight' }).click();
    await page.locator('figure').first().waitFor();
    for (const summary of await page.locator('details > summary').all()) await summary.click();
  },
  'audit log': async (page) => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.locator('table').waitFor();
  },
  'your account': async (page) => {
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  },
  people: async (page) => {
    await page.getByRole('link', { name: 'People' }).click();
    await page.locator('table').waitFor();
  },
};

for (const colorScheme of ['light', 'dark']) {
  test(`every console page, ${colorScheme}: no WCAG 2.2 AA violations, in English and Welsh`, async () => {
    addPeople();
    const violations = [];
    const check = async (page, name) => {
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      violations.push(...results.violations.map((v) => `${name}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
      await page.screenshot({ path: join(SHOTS, `console-${name.replace(/\W+/g, '-')}-${colorScheme}.png`), fullPage: true });
    };
    const anonymous = await h.browser.newContext({ colorScheme });
    const signInPage = await anonymous.newPage();
    await signInPage.goto(`${h.server.url}/console/`);
    await signInPage.getByLabel('Email address').waitFor();
    await check(signInPage, 'sign-in');
    await anonymous.close();
    const { context, page } = await signIn(people.admin, { colorScheme });
    for (const [name, reach] of Object.entries(PAGES).slice(1)) {
      await reach(page);
      await check(page, name);
    }
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pobl' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
    await check(page, 'pobl');
    await page.getByRole('link', { name: 'Eich cyfrif' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eich cyfrif' }).waitFor();
    await check(page, 'eich cyfrif');
    await page.getByRole('link', { name: 'Adborth' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adborth', exact: true }).waitFor();
    await check(page, 'adborth');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
    assert.deepEqual(violations, []);
    await context.close();
  });
}

test('Your account: a new password needs the current one and signs out other devices; Sign out everywhere ends this one too', async () => {
  h.server.addPerson('sam@force.example', 'responder');
  const { context, page, errors } = await signIn('sam@force.example');
  const other = await signIn('sam@force.example');
  await page.getByRole('link', { name: 'Your account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  assert.match(await page.locator('.pe-summary').textContent(), /sam@force\.example.*Responder.*Email address and password/s);
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('New password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Change your password' }).click();
  const summary = page.locator('.pe-error-summary');
  await summary.getByRole('link', { name: /^Current password/ }).waitFor();
  assert.equal(await page.getByLabel('New password').inputValue(), 'a brand new passphrase', 'what was typed stays');
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change your password' }).click();
  await page.getByRole('status').filter({ hasText: 'Your password was changed.' }).waitFor();
  await other.page.reload();
  await other.page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
  await page.getByLabel('Email address').fill('sam@force.example');
  await page.getByLabel('Password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await other.context.close();
  await context.close();
});

test('an editor reads feedback without contact details, and cannot handle it', async () => {
  addPeople();
  const response = await fetch(`${h.server.url}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Please call me back about the appeal', name: 'Rhian Private', email: 'rhian@example.org', contact_consent: true, lang: 'en', page: 'https://council.example/', key: `key-editor-${Date.now()}` }),
  });
  const { id } = await response.json();
  const { context, page } = await signIn(people.editor);
  assert.equal(await page.locator('input[type=checkbox]').count(), 0, 'no selection to change');
  await page.getByRole('link', { name: id }).click();
  await page.getByText('The resident gave contact details. Your role cannot see them.').waitFor();
  assert.ok(!(await page.locator('main').textContent()).includes('Rhian Private'));
  assert.equal(await page.getByRole('button', { name: 'Update status' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'People' }).count(), 0, 'no People page for editors');
  await context.close();
});

test('a responder signs in and handles feedback with the keyboard alone', async () => {
  addPeople();
  const reference = await residentSends('Keyboard only: the bin store gate is broken again.', { area: 'Trefach' });
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.server.url}/console/`);
  await page.getByLabel('Email address').waitFor();
  const tabTo = async (matches, limit = 80) => {
    for (let i = 0; i < limit; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(matches)) return;
    }
    throw new Error(`never reached by Tab: ${matches}`);
  };
  await tabTo(() => document.activeElement.id === 'email');
  await page.keyboard.type(people.responder);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Feedback', exact: true }).waitFor();
  await page.locator('tbody tr', { hasText: 'bin store gate' }).waitFor();
  // Tab until the reference link of this submission has focus, then open it.
  let reached = false;
  for (let i = 0; i < 200 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((id) => document.activeElement.textContent === id, reference);
  }
  assert.ok(reached, 'the reference link is reachable by Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Feedback ${reference}` }).waitFor();
  // A radio group is one tab stop; the arrow keys choose within it.
  await tabTo(() => document.activeElement.id === 'status-new');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'status-in_progress');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Update status');
  await page.keyboard.press('Enter');
  await page.locator('h1 .pe-tag', { hasText: 'In progress' }).waitFor();
  await tabTo(() => document.activeElement.id === 'note');
  await page.keyboard.type('Reported to the housing association by phone.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('.pe-note', { hasText: 'Reported to the housing association' }).waitFor();
  const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none' || getComputedStyle(document.activeElement).backgroundColor === 'rgb(255, 221, 0)');
  assert.ok(focusVisible, 'focus is visible');
  await context.close();
});
