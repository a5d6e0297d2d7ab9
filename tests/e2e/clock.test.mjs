// Times that move: "3 minutes ago" is redrawn every minute while the page is
// shown, whether the widget polls (refresh) or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.mjs';
import { jsonFeed } from './support/feed-host.mjs';

const h = harness({ feedHost: true });

for (const refresh of ['0', '300']) {
  test(`relative times move each minute with refresh="${refresh}"`, async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    const now = await page.evaluate(() => Date.now());
    const src = h.host.feed(`/clock-${refresh}`, jsonFeed([
      { id: 'a', title: 'Road closed after a collision', date_published: new Date(now - 2 * 60_000).toISOString() },
    ]));
    const feedRequests = () => h.host.requests.filter((r) => r.path === `/clock-${refresh}`).length;
    const url = h.host.page(`/clock-${refresh}.html`, h.server.url, `<police-engage id="w" src="${src}" refresh="${refresh}"></police-engage>`);
    await page.goto(url);
    const time = page.locator('#w .pe-card time');
    await time.waitFor();
    assert.equal(await time.textContent(), '2 minutes ago');
    const fetched = feedRequests();
    for (const expected of ['3 minutes ago', '4 minutes ago']) {
      await page.clock.runFor(60_000);
      await page.waitForFunction((text) => document.querySelector('#w').shadowRoot.querySelector('.pe-card time')?.textContent === text, expected);
    }
    assert.equal(feedRequests(), fetched, 'no poll happened: the clock alone moved the times');
    await context.close();
  });
}
