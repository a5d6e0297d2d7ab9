// The first view before the wasm: the server's HTML of the widget painted
// while the wasm is held back, then the app taking its place unseen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { harness } from './support/harness.mjs';
import { ADMIN_TOKEN } from './support/server.mjs';
import { jsonFeed } from './support/feed-host.mjs';
import { appLive, demoAppsLive, until } from './support/wait.mjs';
import { DEMO_AREA_KEY, cardAreas, onlyIn } from './support/areas.mjs';

const h = harness({ feedHost: true, serverArgs: ({ host }) => ['--allow-origin', host.pageOrigin] });
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * `url` opened with the wasm held back until `release()`; layout shifts and
 * page errors are recorded from the start. `area`: the demo feed's area the
 * resident chose on an earlier visit; `init`: a script run before the page's.
 */
async function openHeld(url, { colorScheme = 'light', area, timezoneId = 'Europe/London', init } = {}) {
  const context = await h.browser.newContext({ viewport: { width: 400, height: 900 }, colorScheme, timezoneId });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  if (area) await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [DEMO_AREA_KEY, area]);
  const problems = [];
  const requests = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    window.shifts = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.shifts += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(wasmAsked, async (route) => { await held; await route.continue(); });
  await page.goto(url);
  return { context, page, problems, requests, release };
}

/** Whether a request is the loader's for the wasm, which it makes once the first view is settled. */
const wasmAsked = (url) => /police_engage_bg[^/]*\.wasm/.test(url);

/** Everything a resident sees of widget `id`: its words and its box. */
const seen = (page, id) => page.locator(`#${id}`).evaluate((el) => {
  const { x, y, width, height } = el.getBoundingClientRect();
  return { text: el.shadowRoot.textContent, box: { x, y, width, height } };
});

async function publish(update) {
  const response = await fetch(`${h.server.url}/v1/updates`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(update),
  });
  assert.equal(response.status, 201, await response.text());
}

test('the first view shows the updates before the wasm, in English and Welsh, markup as text', async () => {
  await publish({ id: 'hostile-title', title: '<img src=x onerror="window.hit=1"> Appeal in Abermor', category: 'news', summary: '<b>bold</b> claims' });
  const { context, page, requests, release } = await openHeld(`${h.server.url}/`);
  const english = page.locator('#all-updates');
  await english.locator('.pe-card').first().waitFor();
  await page.locator('#welsh-appeals .pe-card').first().waitFor();
  assert.equal(await page.evaluate(() => performance.getEntriesByName('police-engage:wasm').length), 0, 'the wasm is still held');
  assert.ok(requests.some((url) => url.includes('/v1/first-view?')));
  await assert.doesNotReject(english.getByRole('heading', { name: '<img src=x onerror="window.hit=1"> Appeal in Abermor' }).waitFor());
  assert.equal(await english.locator('img[src="x"]').count(), 0);
  assert.equal(await page.evaluate(() => window.hit), undefined);
  await english.getByText('<b>bold</b> claims').waitFor();
  assert.match(await page.locator('#welsh-appeals section').getAttribute('lang'), /^cy/);
  assert.ok(await english.getByRole('button', { name: 'Tell us what you think', exact: true }).isVisible());
  release();
  await context.close();
  const removed = await fetch(`${h.server.url}/v1/updates/hostile-title`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(removed.status, 204);
});

test('the first view is painted as the server wrote it, in UK time, with no Intl before the paint; the app in the resident\'s', async () => {
  const start = '2026-07-04T13:05:00Z';
  await publish({ id: 'summer-fete', title: 'Summer fete', category: 'event', date_published: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), event: { start, address: 'Abermor Park' } });
  const widgets = `<police-engage id="w" src="${h.server.url}/v1/feed.json" limit="3"></police-engage>
    <police-engage id="cy" src="${h.server.url}/v1/feed.json" limit="3" lang="cy"></police-engage>`;
  const url = h.host.page('/first-view-times.html', h.server.url, widgets);
  // When `Intl`'s date formatters were first reached: before or after a card
  // was in the page. And a browser that says it has Welsh, as Safari does.
  const init = () => {
    window.intlBeforePaint = null;
    const note = () => { window.intlBeforePaint ??= !document.querySelector('#w')?.shadowRoot?.querySelector('.pe-card'); };
    for (const name of ['DateTimeFormat', 'RelativeTimeFormat']) {
      const supportedLocalesOf = (locales) => [].concat(locales);
      Intl[name] = new Proxy(Intl[name], {
        construct: (target, args) => { note(); return new target(...args); },
        get: (target, key) => { note(); return key === 'supportedLocalesOf' ? supportedLocalesOf : Reflect.get(target, key); },
      });
    }
  };
  const { context, page, problems, release } = await openHeld(url, { timezoneId: 'America/New_York', init });
  const card = (id) => page.locator(`#${id} .pe-card`, { hasText: 'Summer fete' });
  const eventTime = (id) => card(id).locator('time[datetime="2026-07-04T13:05:00Z"]');
  const shown = async (id) => [await eventTime(id).textContent(), await card(id).locator('.pe-time').textContent()];
  assert.deepEqual(await shown('w'), ['4 Jul 2026, 14:05', 'just now'], 'British summer time, in en-GB\'s words');
  assert.deepEqual(await shown('cy'), ['4 Gorff 2026, 14:05', 'gynnau']);
  release();
  assert.ok(await until(async () => await appLive(page, 'w') && appLive(page, 'cy')));
  assert.deepEqual(await shown('w'), ['4 Jul 2026, 09:05', 'just now'], 'the app in New York\'s time');
  assert.deepEqual(await shown('cy'), ['4 Gorff 2026, 09:05', 'gynnau'], 'Welsh in the same words');
  assert.equal(await page.evaluate(() => window.intlBeforePaint), false, 'Intl first reached by the app, after the first view');
  assert.deepEqual(problems, []);
  await context.close();
  await fetch(`${h.server.url}/v1/updates/summer-fete`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
});

for (const colorScheme of ['light', 'dark']) {
  test(`the first view has no WCAG 2.2 AA violations, ${colorScheme}`, async () => {
    const theme = colorScheme === 'dark' ? ' theme="dark"' : '';
    const url = h.host.page(`/first-view-${colorScheme}.html`, h.server.url, `<police-engage id="w"${theme} src="${h.server.url}/v1/feed.json"></police-engage>`);
    const { context, page, release } = await openHeld(url, { colorScheme });
    await page.locator('#w .pe-card').first().waitFor();
    const background = await page.locator('#w section').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(background, colorScheme === 'dark' ? 'rgb(23, 25, 28)' : 'rgb(255, 255, 255)', 'painted with the theme');
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => v.id), []);
    release();
    await context.close();
  });
}

test('the app takes over unseen: same words in the same place, focus, open details and what Share said kept, no layout shift', async () => {
  const { context, page, problems, release } = await openHeld(`${h.server.url}/`);
  await page.locator('#all-updates .pe-card').first().waitFor();
  await page.locator('#welsh-appeals .pe-card').first().waitFor();
  const widget = page.locator('#all-updates');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
  await widget.locator('[part="share-button"]').first().click();
  await widget.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
  await widget.locator('details summary').first().click();
  const link = widget.locator('.pe-title a').nth(1);
  const linkText = await link.textContent();
  await link.focus();
  const before = { en: await seen(page, 'all-updates'), cy: await seen(page, 'welsh-appeals') };
  // Shifts while the first view replaced the page's fallback link are the host page's layout, not the takeover.
  await page.evaluate(() => { window.shifts = 0; });
  release();
  assert.ok(await until(() => demoAppsLive(page)));
  assert.deepEqual({ en: await seen(page, 'all-updates'), cy: await seen(page, 'welsh-appeals') }, before);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.evaluate(() => window.shifts), 0);
  const focused = await widget.evaluate((el) => {
    const active = el.shadowRoot.activeElement;
    return { text: active?.textContent, live: el.shadowRoot.firstElementChild.contains(active) };
  });
  assert.deepEqual(focused, { text: linkText, live: true });
  assert.equal(await widget.locator('details').first().evaluate((d) => d.open), true);
  // The live app answers the keyboard from where the resident was.
  await page.keyboard.press('Tab');
  assert.match(await widget.evaluate((el) => el.shadowRoot.activeElement?.textContent), /.+/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Tell us what you think pressed before the wasm opens the form when the app is ready', async () => {
  const { context, page, problems, release } = await openHeld(`${h.server.url}/`);
  const widget = page.locator('#all-updates');
  await widget.locator('.pe-card').first().waitFor();
  await widget.locator('.pe-feedback button').click();
  release();
  const heading = widget.getByRole('heading', { name: 'Tell us what you think' });
  await heading.waitFor();
  assert.ok(await until(() => heading.evaluate((el) => el.getRootNode().activeElement === el)), 'focus on the form');
  await widget.getByLabel('Your feedback').fill('Sent from a slow phone');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a press under way as the app is ready lands: the app takes over once it ends, and opens the form', async () => {
  const { context, page, problems, release } = await openHeld(`${h.server.url}/`);
  await page.evaluate(() => {
    window.updated = [];
    document.addEventListener('police-engage:updates', (event) => window.updated.push(event.target.id));
  });
  const widget = page.locator('#all-updates');
  const button = widget.locator('.pe-feedback > button');
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  release();
  // The app has drawn the updates: without the press it would take over now.
  assert.ok(await until(() => page.evaluate(() => window.updated.includes('all-updates'))));
  assert.equal(await appLive(page, 'all-updates'), false, 'the first view stays while the press is under way');
  await page.mouse.up();
  await widget.getByRole('heading', { name: 'Tell us what you think' }).waitFor();
  assert.ok(await appLive(page, 'all-updates'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the first view opens on the resident\'s area, and a change before the wasm repaints it with focus kept', async () => {
  const { context, page, problems, requests, release } = await openHeld(`${h.server.url}/`, { area: 'Riverside' });
  const widget = page.locator('#all-updates');
  await widget.locator('.pe-card').first().waitFor();
  assert.ok(requests.some((url) => url.includes('/v1/first-view?') && url.includes('your-area=Riverside')));
  const choice = widget.getByLabel('Your area');
  assert.equal(await choice.inputValue(), 'Riverside');
  assert.ok(onlyIn(await cardAreas(page, 'all-updates'), 'Riverside'));
  assert.ok(await widget.getByRole('button', { name: 'Reset area' }).isVisible());
  // Chosen in one step: typing "Abe" would pass through "All areas", whose
  // repaint can land between two keys and start the select's type-ahead again.
  await choice.focus();
  await choice.selectOption({ label: 'Abermor' });
  assert.ok(await until(async () => onlyIn(await cardAreas(page, 'all-updates'), 'Abermor')));
  assert.equal(await widget.evaluate((el) => el.shadowRoot.activeElement?.id), 'pe-your-area', 'focus kept through the repaint');
  assert.equal(await page.evaluate(() => performance.getEntriesByName('police-engage:wasm').length), 0, 'still before the wasm');
  release();
  assert.ok(await until(() => appLive(page, 'all-updates')));
  assert.equal(await choice.inputValue(), 'Abermor');
  assert.ok(onlyIn(await cardAreas(page, 'all-updates'), 'Abermor'));
  assert.equal(await widget.evaluate((el) => el.shadowRoot.activeElement?.id), 'pe-your-area', 'and through the takeover');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a language chosen while the wasm is on its way: the app shows that language, not the feed fetched early in the other', async () => {
  const url = h.host.page('/first-view-lang.html', h.server.url, `<police-engage id="w" src="${h.server.url}/v1/feed.json"></police-engage>`);
  const { context, page, problems, requests, release } = await openHeld(url);
  await page.locator('#w .pe-card').first().waitFor();
  // The early fetch of the English feed is made by the time the wasm is asked for.
  assert.ok(await until(() => requests.some(wasmAsked)));
  assert.ok(requests.some((r) => r.endsWith('/v1/feed.json')), requests.join('\n'));
  await page.locator('#w').evaluate((el) => el.setAttribute('lang', 'cy'));
  const welsh = (await (await fetch(`${h.server.url}/v1/feed.json?lang=cy`)).json()).items.slice(0, 5).map((i) => i.title);
  const titles = () => page.locator('#w .pe-title').allTextContents();
  assert.ok(await until(async () => JSON.stringify(await titles()) === JSON.stringify(welsh)), 'the first view in Welsh');
  release();
  assert.ok(await until(() => appLive(page, 'w')));
  assert.deepEqual(await titles(), welsh, 'the app in Welsh too');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a host page that enforces Trusted Types gets the first view through the police-engage policy, or the app alone', async () => {
  const element = `<police-engage id="w" src="${h.server.url}/v1/feed.json" limit="3"></police-engage>`;
  for (const [name, allowed] of [['police-engage', true], ['their-own', false]]) {
    const headers = { 'content-security-policy': `require-trusted-types-for 'script'; trusted-types ${name}` };
    const url = h.host.page(`/trusted-types-${name}.html`, h.server.url, element, { headers });
    const { context, page, problems, requests, release } = await openHeld(url);
    if (allowed) {
      await page.locator('#w .pe-card').first().waitFor();
    } else {
      // The loader asks for the wasm once it has settled the first view.
      assert.ok(await until(() => requests.some(wasmAsked)));
      assert.equal(await page.locator('#w .pe-card').count(), 0, 'no first view without the policy');
      assert.ok(!requests.some((u) => u.includes('/v1/first-view')));
    }
    release();
    assert.ok(await until(() => appLive(page, 'w')));
    assert.equal(await page.locator('#w .pe-card').count(), 3);
    assert.deepEqual(problems, [], name);
    await context.close();
  }
});

test('a feed on another server keeps the wasm-only path', async () => {
  const src = h.host.feed('/elsewhere.json', jsonFeed([{ id: 'x', title: 'From a CMS', date_published: '2026-11-20T10:00:00Z' }]));
  const url = h.host.page('/elsewhere.html', h.server.url, `<police-engage id="w" src="${src}"></police-engage>`);
  const { context, page, requests, release } = await openHeld(url);
  assert.ok(await until(() => requests.some(wasmAsked)));
  assert.equal(await page.locator('#w .pe-card').count(), 0, 'nothing before the wasm');
  release();
  await page.locator('#w .pe-card').getByText('From a CMS').waitFor();
  assert.ok(!requests.some((u) => u.includes('/v1/first-view')));
  await context.close();
});
