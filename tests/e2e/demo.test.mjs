// The demo partner page on the real server: what a resident sees in both widgets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { harness } from './support/harness.mjs';
import { appLive, demoAppsLive, nextPoll, until } from './support/wait.mjs';
import { DEMO_AREA_KEY, cardAreas, onlyIn } from './support/areas.mjs';

const h = harness();

async function openDemo(options = {}) {
  const context = await h.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  const wasmFetches = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => r.url().endsWith('.wasm') && wasmFetches.push(r.url()));
  await page.addInitScript(() => {
    window.peEvents = [];
    for (const type of ['police-engage:ready', 'police-engage:updates']) {
      document.addEventListener(type, (e) => window.peEvents.push({ type, id: e.target.id, detail: e.detail }));
    }
  });
  await page.goto(`${h.server.url}/`);
  return { context, page, errors, wasmFetches };
}

test('the demo shows the latest updates in English, urgent appeal first', async () => {
  const { context, page, errors, wasmFetches } = await openDemo();
  const cards = page.locator('#all-updates .pe-card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 6);
  assert.equal(await page.locator('#all-updates .pe-heading').textContent(), 'Latest updates from the police');
  const first = cards.first();
  assert.equal(await first.locator('.pe-title').textContent(), 'Missing: have you seen Megan, 14, from Abermor?');
  assert.deepEqual(await first.locator('.pe-badge').allTextContents(), ['Appeal', 'Urgent']);
  assert.match(await first.textContent(), /Reference.*GLP-20261123-0417.*Quote this reference if you call 101\./);
  assert.match(await first.locator('time').textContent(), /hour ago|minutes ago/);
  assert.match(await first.locator('time').getAttribute('datetime'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(await first.locator('a').getAttribute('href'), 'https://glanyrafon-police.example/news/missing-megan');
  const badges = await page.locator('#all-updates .pe-card .pe-badge:not(.pe-badge-urgent)').allTextContents();
  assert.deepEqual([...new Set(badges)].sort(), ['Appeal', 'Event', 'Success', 'Warning']);
  const titles = await page.locator('#all-updates .pe-title').allTextContents();
  assert.ok(!titles.some((t) => t.includes('carnival')), 'an expired update is shown');
  const event = page.locator('#all-updates .pe-event').first();
  assert.match(await event.textContent(), /When:?.*\d{4}.*Where:?.*Abermor Library/s);
  assert.equal(await page.locator('#all-updates a:has-text("Latest news from Glanyrafon Police")').isVisible(), false);
  // What was read so far may have been the server's first view; the events are the app's.
  assert.ok(await until(() => appLive(page, 'all-updates')));
  const events = await page.evaluate(() => window.peEvents);
  assert.ok(events.some((e) => e.type === 'police-engage:ready' && e.id === 'all-updates'));
  assert.ok(events.some((e) => e.type === 'police-engage:updates' && e.id === 'all-updates' && e.detail === 6));
  assert.deepEqual(errors, []);
  await page.locator('#welsh-appeals .pe-card').first().waitFor();
  assert.equal(wasmFetches.length, 1, 'two widgets, one wasm download');
  await context.close();
});

test('the Welsh instance shows only appeals, in Welsh words where they exist and marked English where not', async () => {
  const { context, page } = await openDemo();
  const cards = page.locator('#welsh-appeals .pe-card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 3);
  const titles = page.locator('#welsh-appeals .pe-title');
  assert.deepEqual(await titles.allTextContents(), [
    'Ar goll: ydych chi wedi gweld Megan, 14, o Abermor?',
    "Ffenestri ceir wedi'u malu ar Ffordd yr Orsaf: allwch chi helpu?",
    'CCTV appeal after assault outside the Red Lion',
  ]);
  assert.deepEqual(await titles.evaluateAll((all) => all.map((t) => t.getAttribute('lang'))), [null, null, 'en'], 'WCAG 3.1.2');
  assert.equal(await cards.nth(2).locator('.pe-body').getAttribute('lang'), 'en');
  const feedback = cards.nth(2).getByRole('button', { name: /Dywedwch wrthym beth yw eich barn/ });
  assert.equal(await feedback.locator('[lang]').getAttribute('lang'), 'en', 'the title in the button\'s name');
  await feedback.click();
  assert.equal(await page.locator('#welsh-appeals .pe-about [lang]').textContent(), 'CCTV appeal after assault outside the Red Lion');
  assert.equal(await page.locator('#welsh-appeals .pe-about [lang]').getAttribute('lang'), 'en');
  await page.locator('#welsh-appeals').getByRole('button', { name: 'Cau' }).click();
  assert.equal(await page.locator('#welsh-appeals .pe-heading').textContent(), 'Y diweddariadau diweddaraf gan yr heddlu');
  assert.equal(await page.locator('#welsh-appeals section').getAttribute('lang'), 'cy');
  const badges = await page.locator('#welsh-appeals .pe-badge').allTextContents();
  assert.deepEqual(badges, ['Apêl', 'Brys', 'Apêl', 'Apêl']);
  for (const time of await page.locator('#welsh-appeals time').allTextContents()) {
    assert.match(time, /yn ôl|ddoe|gynnau/);
  }
  // The widget's own words, without the update marked as English.
  const text = await page.locator('#welsh-appeals section').evaluate((section) => {
    const copy = section.cloneNode(true);
    for (const english of copy.querySelectorAll('[lang="en"]')) english.remove();
    return copy.textContent;
  });
  for (const english of ['Appeal', 'Reference', 'Quote this reference', 'Latest updates', 'ago']) {
    assert.ok(!text.includes(english), `English "${english}" in the Welsh widget`);
  }
  await context.close();
});

test('attributes change the widget live, and removing it stops it', async () => {
  const { context, page } = await openDemo();
  assert.ok(await until(() => appLive(page, 'all-updates')));
  await page.evaluate(() => document.querySelector('#all-updates').setAttribute('categories', 'event'));
  await page.waitForFunction(() => document.querySelector('#all-updates').shadowRoot.querySelectorAll('.pe-card').length === 2);
  assert.deepEqual(await page.locator('#all-updates .pe-badge').allTextContents(), ['Event', 'Event']);
  await page.evaluate(() => document.querySelector('#all-updates').setAttribute('lang', 'cy'));
  await page.locator('#all-updates .pe-heading:has-text("Y diweddariadau")').waitFor();
  await page.evaluate(() => document.querySelector('#all-updates').removeAttribute('lang'));
  await page.locator('#all-updates .pe-heading:has-text("Latest updates")').waitFor();
  assert.equal(await page.locator('#all-updates .pe-heading').evaluate((el) => el.tagName), 'H2');
  await page.evaluate(() => document.querySelector('#all-updates').setAttribute('heading-level', '3'));
  await page.locator('#all-updates h3.pe-heading').waitFor();
  // The feed is asked for again after the language changed back: wait for its cards.
  await page.locator('#all-updates .pe-card').first().waitFor();
  assert.deepEqual(await page.locator('#all-updates .pe-title').evaluateAll((els) => [...new Set(els.map((e) => e.tagName))]), ['H4']);
  const removed = await page.evaluateHandle(() => {
    const el = document.querySelector('#all-updates');
    el.remove();
    return el;
  });
  // Removed from the page, the widget stops: its app leaves the shadow root.
  await page.waitForFunction((el) => el.shadowRoot.querySelector('section') === null, removed);
  await context.close();
});

test('with JavaScript off, the fallback link is there', async () => {
  const { context, page } = await openDemo({ javaScriptEnabled: false });
  const link = page.locator('#all-updates > a');
  assert.equal(await link.isVisible(), true);
  assert.equal(await link.getAttribute('href'), 'https://glanyrafon-police.example/news');
  await context.close();
});

test('polling asks If-None-Match and keeps the updates on a 304', async () => {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  const answers = [];
  page.on('response', (r) => {
    if (r.url().includes('/v1/feed.json')) answers.push({ status: r.status(), inm: r.request().headers()['if-none-match'] });
  });
  await page.goto(`${h.server.url}/`);
  assert.ok(await until(() => demoAppsLive(page)));
  const before = answers.length;
  // One request per widget: the loader's early fetch is the widget's first load.
  assert.equal(before, 2, JSON.stringify(answers));
  assert.ok(answers.every((a) => a.status === 200 && !a.inm));
  await nextPoll(page);
  assert.ok(await until(() => answers.length >= before + 2), JSON.stringify(answers));
  const polls = answers.slice(before);
  assert.equal(polls.length, 2, JSON.stringify(answers));
  for (const poll of polls) {
    assert.equal(poll.status, 304);
    assert.match(poll.inm, /^"[0-9a-f]{32}"$/);
  }
  assert.equal(await page.locator('#all-updates .pe-card').count(), 6);
  assert.equal(await page.locator('#all-updates .pe-stale, #all-updates .pe-error').count(), 0);
  await context.close();
});

test('Share copies an update\'s link and says so where there is no share sheet, and opens the share sheet where there is', async () => {
  const { context, page, errors } = await openDemo();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
  const card = page.locator('#all-updates .pe-card').first();
  await card.waitFor();
  const link = await card.locator('.pe-title a').getAttribute('href');
  assert.equal(await page.evaluate(() => 'share' in navigator), false, 'Chromium on Linux has no share sheet');
  const share = card.getByRole('button', { name: /^Share\W+Missing: have you seen Megan, 14, from Abermor\?$/ });
  await share.focus();
  await page.keyboard.press('Enter');
  await card.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const welsh = page.locator('#welsh-appeals .pe-card').nth(2);
  await welsh.getByRole('button', { name: /^Rhannu\W+CCTV appeal after assault outside the Red Lion$/ }).click();
  await welsh.getByRole('status').filter({ hasText: "Dolen wedi'i chopïo" }).waitFor();
  assert.equal(await welsh.getByRole('button', { name: /^Rhannu/ }).locator('[lang]').getAttribute('lang'), 'en');

  // A phone's share sheet (headless Chromium has none: a stand-in records what it is given).
  const phone = await context.newPage();
  await phone.addInitScript(() => {
    window.shared = [];
    navigator.share = async (data) => { window.shared.push({ ...data }); };
  });
  await phone.goto(`${h.server.url}/`);
  const first = phone.locator('#all-updates .pe-card').first();
  await first.getByRole('button', { name: /^Share\W+Missing/ }).click();
  await phone.waitForFunction(() => window.shared.length === 1);
  assert.deepEqual(await phone.evaluate(() => window.shared), [{ title: 'Missing: have you seen Megan, 14, from Abermor?', url: link }]);
  assert.equal(await first.getByRole('status').textContent(), '', 'the share sheet speaks for itself');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Your area: chosen with the keyboard, said politely, kept on this device for every widget of the feed, and reset', async () => {
  const { context, page, errors } = await openDemo();
  assert.ok(await until(() => demoAppsLive(page)));
  const english = page.locator('#all-updates');
  const welsh = page.locator('#welsh-appeals');
  const choice = english.getByLabel('Your area');
  assert.deepEqual(await choice.locator('option').allTextContents(), ['All areas', 'Abermor', 'Glanyrafon town centre', 'Pen-y-bryn', 'Riverside']);
  assert.equal(await choice.inputValue(), '');
  assert.ok(!onlyIn(await cardAreas(page, 'all-updates'), 'Riverside'));
  const said = english.locator('[role="status"][aria-live="polite"]');
  assert.equal(await said.textContent(), '');

  await choice.focus();
  await page.keyboard.type('Riv');
  assert.ok(await until(async () => onlyIn(await cardAreas(page, 'all-updates'), 'Riverside')));
  assert.equal(await said.textContent(), 'Showing updates for Riverside');
  assert.equal(await english.evaluate((el) => el.shadowRoot.activeElement?.id), 'pe-your-area', 'focus stays on the choice');
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DEMO_AREA_KEY), 'Riverside');
  // The Welsh widget reads the same feed: it follows, in its own words.
  const dewis = welsh.getByLabel('Eich ardal');
  assert.ok(await until(async () => (await dewis.inputValue()) === 'Riverside'));
  assert.ok(onlyIn(await cardAreas(page, 'welsh-appeals'), 'Riverside'));
  assert.equal(await welsh.locator('[role="status"][aria-live="polite"]').textContent(), 'Yn dangos diweddariadau ar gyfer Riverside');
  assert.equal(await dewis.locator('option').first().textContent(), 'Pob ardal');
  const reset = english.getByRole('button', { name: 'Reset area' });
  assert.ok(await reset.isVisible());
  assert.deepEqual((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze()).violations.map((v) => v.id), []);

  // Remembered on this device: the next visit opens on it.
  await page.reload();
  assert.ok(await until(() => appLive(page, 'all-updates')));
  assert.equal(await choice.inputValue(), 'Riverside');
  assert.ok(onlyIn(await cardAreas(page, 'all-updates'), 'Riverside'));
  assert.equal(await said.textContent(), '', 'a visit opening on it is not announced');

  await choice.focus();
  await page.keyboard.press('Tab');
  assert.equal(await english.evaluate((el) => el.shadowRoot.activeElement?.textContent), 'Reset area');
  await page.keyboard.press('Enter');
  assert.ok(await until(async () => (await choice.inputValue()) === '' && (await reset.count()) === 0));
  assert.equal(await said.textContent(), 'Showing updates for all areas');
  assert.equal(await english.evaluate((el) => el.shadowRoot.activeElement?.id), 'pe-your-area', 'focus on the choice, not lost with the button');
  assert.ok(!onlyIn(await cardAreas(page, 'all-updates'), 'Riverside'));
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DEMO_AREA_KEY), null);
  assert.ok(await until(async () => (await dewis.inputValue()) === ''));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Your area overrides the page\'s area, and choosing the page\'s own goes back to it', async () => {
  const { context, page } = await openDemo();
  assert.ok(await until(() => appLive(page, 'all-updates')));
  const english = page.locator('#all-updates');
  await page.evaluate(() => document.querySelector('#all-updates').setAttribute('area', 'pen-y-bryn'));
  const choice = english.getByLabel('Your area');
  assert.ok(await until(async () => (await choice.inputValue()) === 'Pen-y-bryn'));
  assert.ok(onlyIn(await cardAreas(page, 'all-updates'), 'Pen-y-bryn'));
  assert.equal(await english.getByRole('button', { name: 'Reset area' }).count(), 0, 'the page\'s own choice');
  await choice.selectOption('');
  assert.ok(await until(async () => !onlyIn(await cardAreas(page, 'all-updates'), 'Pen-y-bryn')));
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DEMO_AREA_KEY), '', 'every area, chosen');
  await choice.selectOption('Pen-y-bryn');
  assert.ok(await until(async () => onlyIn(await cardAreas(page, 'all-updates'), 'Pen-y-bryn')));
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DEMO_AREA_KEY), null);
  await context.close();
});
