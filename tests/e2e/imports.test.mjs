// Updates from the force's own sources reach the demo's widgets, and
// scheduled polling keeps them current.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.mjs';
import { ROOT } from './support/server.mjs';
import { demoAppsLive, nextPoll, until } from './support/wait.mjs';

const FIXTURES = join(ROOT, 'server/tests/fixtures');
let events = readFileSync(join(FIXTURES, 'police-uk-events.json'), 'utf8');

const h = harness({
  feedHost: true,
  serverArgs: ({ host }) => {
    const eventsUrl = host.route('/api/glanyrafon/riverside/events', (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(events);
    });
    return [
      '--no-samples', '--import-every', '1',
      '--import-source', `${join(FIXTURES, 'force-news.rss')}#area=Pen-y-bryn`,
      '--import-source', `${eventsUrl}#area=Riverside`,
    ];
  },
});

async function waitForFeed(predicate) {
  const items = await until(async () => {
    const feed = await (await fetch(`${h.server.url}/v1/feed.json`)).json();
    return predicate(feed.items) && feed.items;
  });
  if (!items) throw new Error('the feed never got there');
  return items;
}

test('imported updates show in both demo widgets and stay current', async () => {
  await waitForFeed((items) => items.length === 5);
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${h.server.url}/`);
  const all = page.locator('#all-updates');
  assert.ok(await until(() => demoAppsLive(page)));
  const titles = await all.locator('.pe-title').allTextContents();
  assert.ok(titles.includes('Appeal for witnesses after collision on the A4067'), titles.join(' | '));
  assert.ok(titles.includes('Riverside beat surgery'), titles.join(' | '));
  const surgery = all.locator('.pe-card', { hasText: 'Riverside beat surgery' });
  assert.match(await surgery.textContent(), /Where.*Riverside Community Hub, Quay Road.*Area.*Riverside/s);
  const welsh = page.locator('#welsh-appeals');
  await welsh.locator('.pe-card').first().waitFor();
  assert.deepEqual(await welsh.locator('.pe-title').allTextContents(), ['Appeal for witnesses after collision on the A4067']);

  events = events.replace('Riverside beat surgery', 'Riverside beat surgery (moved to the library)');
  await waitForFeed((items) => items.some((i) => i.title === 'Riverside beat surgery (moved to the library)'));
  await nextPoll(page);
  await all.locator('.pe-title', { hasText: 'Riverside beat surgery (moved to the library)' }).waitFor();
  await context.close();
});
