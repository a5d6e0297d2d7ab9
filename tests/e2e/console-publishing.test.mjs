// Publishing from the console and letting partners in, in headless Chromium
// against the real server (with its sample updates, as the demo runs): an
// editor publishes a bilingual urgent appeal that reaches both demo widgets
// at their next poll; a scheduled update appears when its time comes (the
// server's clock driven, not waited for); a withdrawn one leaves; a
// responder cannot publish; a partner added in the console may send
// feedback at once, and not once removed. axe-core on every new page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { consoleHelpers, PEOPLE } from './support/console.mjs';
import { harness } from './support/harness.mjs';
import { drivenClock, ROOT } from './support/server.mjs';
import { demoAppsLive, nextPoll, until } from './support/wait.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = join(ROOT, 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });

const clock = drivenClock();
const h = harness({ feedHost: true, serverEnv: clock.env });
const people = PEOPLE;
const { signIn } = consoleHelpers(h);

/** The demo partner page, its clock held so the test decides when widgets poll. */
async function demoPage() {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${h.server.url}/`);
  assert.ok(await until(() => demoAppsLive(page)));
  return { context, page };
}

async function feedIds(query = '') {
  const feed = await (await fetch(`${h.server.url}/v1/feed.json?limit=100${query}`)).json();
  return feed.items.map((i) => i.id);
}

/** The UK clock's `YYYY-MM-DDTHH:MM` for a moment, as a datetime-local field takes it. */
function ukLocal(date) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

test('an editor publishes a bilingual urgent appeal; both demo widgets show it at their next poll', async () => {
  const demo = await demoPage();
  const before = await feedIds();
  const { context, page, errors } = await signIn(people.editor);
  await page.getByRole('link', { name: 'Updates' }).click();
  await page.getByRole('link', { name: 'New update' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Urgent appeal: missing man, 82, from Riverside');
  await page.getByLabel('Summary', { exact: true }).fill('Huw was last seen at 9am on Quay Road. He has dementia and may be confused.');
  await page.getByLabel('Appeal').check();
  await page.getByLabel('Urgent').check();
  await page.getByLabel('Area', { exact: true }).fill('Riverside');
  await page.getByLabel('Welsh title').fill('Apêl brys: dyn ar goll, 82, o Riverside');
  await page.getByLabel('Welsh summary').fill('Cafodd Huw ei weld ddiwethaf am 9am ar Heol y Cei.');
  assert.equal(await page.getByLabel('Welsh title').getAttribute('lang'), 'cy');

  // The preview is the real widget, in either language.
  const preview = page.locator('.pe-editor-preview police-engage');
  await preview.locator('.pe-title', { hasText: 'Urgent appeal: missing man' }).waitFor();
  await page.getByLabel('Cymraeg').check();
  await preview.locator('.pe-title', { hasText: 'Apêl brys: dyn ar goll' }).waitFor();
  assert.equal(await preview.locator('.pe-heading').textContent(), 'Y diweddariadau diweddaraf gan yr heddlu');
  await page.getByLabel('Dark').check();
  await page.getByLabel('Desktop').check();
  await page.waitForFunction(() => document.querySelector('.pe-editor-preview police-engage').getAttribute('theme') === 'dark');
  await page.screenshot({ path: join(SHOTS, 'console-editor.png'), fullPage: true });
  assert.deepEqual(await feedIds(), before, 'nothing published by previewing');

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('status').filter({ hasText: 'Published: Urgent appeal: missing man' }).waitFor();
  await page.getByRole('heading', { level: 1, name: /Edit update/ }).waitFor();
  const id = page.url().match(/updates\/([^/]+)\/edit/)[1];
  assert.ok((await feedIds()).includes(id), 'in the feed at once');

  await nextPoll(demo.page);
  const all = demo.page.locator('#all-updates');
  await all.locator('.pe-card').first().locator('.pe-title', { hasText: 'Urgent appeal: missing man, 82, from Riverside' }).waitFor();
  const welsh = demo.page.locator('#welsh-appeals');
  await welsh.locator('.pe-card').first().locator('.pe-title', { hasText: 'Apêl brys: dyn ar goll, 82, o Riverside' }).waitFor();
  const english = welsh.locator('.pe-title[lang="en"]');
  assert.equal(await english.count(), 1, 'the one appeal with no Welsh version is marked English');
  assert.equal(await english.textContent(), 'CCTV appeal after assault outside the Red Lion');

  // Withdrawn: out of the feed at once, and out of the widgets at their next poll.
  await page.getByRole('button', { name: 'Withdraw' }).click();
  await page.getByText('Withdraw this update?').waitFor();
  await page.getByRole('button', { name: /Yes, withdraw it/ }).click();
  await page.getByRole('status').filter({ hasText: 'Withdrawn: Urgent appeal' }).waitFor();
  assert.ok(!(await feedIds()).includes(id));
  await nextPoll(demo.page);
  await demo.page.waitForFunction(() => !document.querySelector('#all-updates').shadowRoot.textContent.includes('missing man, 82'));
  assert.ok(!(await welsh.textContent()).includes('dyn ar goll, 82'));

  const audit = await (await fetch(`${h.server.url}/v1/audit`, { headers: { authorization: 'Bearer test-admin-token' } })).json();
  const mine = audit.entries.filter((e) => e.actor === people.editor).map((e) => e.action);
  assert.deepEqual(mine.slice(0, 2), ['withdraw', 'publish']);
  assert.deepEqual(errors, []);
  await context.close();
  await demo.context.close();
});

test('a scheduled update appears when its time comes, with no one waiting for it', async () => {
  const demo = await demoPage();
  const { context, page } = await signIn(people.editor);
  await page.goto(`${h.server.url}/console/updates/new`);
  await page.getByLabel('Title', { exact: true }).fill('Bonfire night: safety advice');
  await page.getByLabel('Publish at a set time').check();
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.locator('.pe-error-summary', { hasText: 'Publish time: enter this' }).waitFor();
  const at = new Date(Date.now() + 60 * 60_000);
  await page.getByLabel('Publish time').fill(ukLocal(at));
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.getByRole('status').filter({ hasText: 'Scheduled: Bonfire night' }).waitFor();
  const id = page.url().match(/updates\/([^/]+)\/edit/)[1];
  assert.ok(!(await feedIds()).includes(id), 'not before its time');
  await page.goto(`${h.server.url}/console/updates?state=scheduled`);
  await page.locator('tbody tr', { hasText: 'Bonfire night' }).waitFor();

  clock.advance(61 * 60);
  await until(async () => (await feedIds()).includes(id), 5);
  assert.ok((await feedIds()).includes(id), 'in the feed once its time has come');
  await nextPoll(demo.page);
  await demo.page.locator('#all-updates .pe-title', { hasText: 'Bonfire night: safety advice' }).waitFor();
  await context.close();
  await demo.context.close();
});

test('a responder cannot publish, in the console or through its API', async () => {
  const { context, page } = await signIn(people.responder);
  assert.equal(await page.getByRole('link', { name: 'Updates' }).count(), 0, 'no Updates page for responders');
  await page.goto(`${h.server.url}/console/updates`);
  await page.getByText('Your role does not allow this.').waitFor();
  const status = await page.evaluate(async () => (await fetch('/v1/updates', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Not mine to publish' }),
  })).status);
  assert.equal(status, 403);
  await context.close();
});

test('a partner added in the console may send feedback at once; removed, it is refused', async () => {
  const partnerPage = h.host.page('/partner.html', h.server.url, `<police-engage id="w" src="${h.server.url}/v1/feed.json"></police-engage>`);
  const send = async (key) => (await fetch(`${h.server.url}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: h.host.pageOrigin },
    body: JSON.stringify({ message: 'Thank you', lang: 'en', contact_consent: false, page: partnerPage, key }),
  })).status;
  assert.equal(await send('partner-before-0001'), 403);

  const { context, page, errors } = await signIn(people.admin);
  await page.getByRole('link', { name: 'Partners' }).click();
  await page.getByRole('button', { name: 'Add a partner' }).click();
  await page.locator('.pe-error-summary', { hasText: "Partner's name: enter this" }).waitFor();
  await page.getByLabel("Partner's name").fill('Glanyrafon Housing');
  await page.getByLabel('Sites').fill(`${h.host.pageOrigin}/community/page.html`);
  await page.getByRole('button', { name: 'Add a partner' }).click();
  await page.locator('.pe-error-summary', { hasText: `Sites: this is not right: ${h.host.pageOrigin}/community/page.html` }).waitFor();
  await page.getByLabel('Sites').fill(h.host.pageOrigin);
  await page.getByRole('button', { name: 'Add a partner' }).click();
  await page.getByRole('status').filter({ hasText: 'Glanyrafon Housing was added' }).waitFor();

  // A resident on the partner's page, with no restart of anything.
  const resident = await h.browser.newContext();
  const residentPage = await resident.newPage();
  await residentPage.goto(partnerPage);
  const widget = residentPage.locator('#w');
  await widget.getByRole('button', { name: 'Tell us what you think', exact: true }).click();
  await widget.locator('#pe-message').fill('The housing estate patrols have made a difference.');
  await widget.getByRole('button', { name: 'Send feedback' }).click();
  await widget.locator('.pe-panel-reference').waitFor();
  await resident.close();

  await page.getByRole('button', { name: 'Remove Glanyrafon Housing' }).click();
  await page.getByRole('button', { name: /Yes, remove it/ }).click();
  await page.getByRole('status').filter({ hasText: 'Removed: Glanyrafon Housing' }).waitFor();
  assert.equal(await send('partner-after-0001'), 403, 'refused at once');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`the publishing and partner pages, ${colorScheme}: no WCAG 2.2 AA violations, in English and Welsh`, async () => {
    const { context, page } = await signIn(people.admin, { colorScheme });
    const violations = [];
    const check = async (name) => {
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      violations.push(...results.violations.map((v) => `${name}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
      await page.screenshot({ path: join(SHOTS, `console-${name}-${colorScheme}.png`), fullPage: true });
    };
    await page.getByRole('link', { name: 'Updates' }).click();
    await page.locator('tbody tr').first().waitFor();
    await check('updates');
    await page.getByRole('link', { name: /Courier fraud/ }).click();
    await page.locator('.pe-editor-preview police-engage .pe-card').waitFor();
    await check('edit-update');
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await page.getByLabel('Image address').fill('https://glanyrafon-police.example/a.jpg');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.pe-error-summary', { hasText: 'Image description: enter this' }).waitFor();
    await check('edit-update-errors');
    await page.getByRole('link', { name: 'Partners' }).click();
    await page.getByRole('heading', { level: 2, name: 'Add a partner' }).waitFor();
    await check('partners');
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await page.getByRole('link', { name: 'Diweddariadau' }).click();
    await page.getByRole('link', { name: 'Diweddariad newydd' }).click();
    await page.getByLabel('Teitl', { exact: true }).fill('Apêl');
    await page.locator('.pe-editor-preview police-engage .pe-card').waitFor();
    await check('diweddariad-newydd');
    await page.getByRole('button', { name: 'English' }).click();
    assert.deepEqual(violations, []);
    await context.close();
  });
}
