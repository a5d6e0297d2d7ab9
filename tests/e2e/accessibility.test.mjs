// axe-core (WCAG 2.2 AA rules) on the widget in each state it can be in, light and dark.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { harness } from './support/harness.mjs';
import { ROOT } from './support/server.mjs';
import { jsonFeed } from './support/feed-host.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const h = harness({ feedHost: true });

// Every state checked here is also saved as a picture, for people to look at.
const SHOTS = join(ROOT, 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const shoot = (widget, name) => widget.screenshot({ path: join(SHOTS, `${name.replace(/\W+/g, '-')}.png`), animations: 'disabled' });

async function violations(page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the demo page with both widgets has no WCAG 2.2 AA violations', async () => {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.server.url}/`);
  await page.locator('#all-updates .pe-card').first().waitFor();
  await page.locator('#welsh-appeals .pe-card').first().waitFor();
  assert.deepEqual(await violations(page), []);
  await context.close();
});

const STATES = {
  list: [(res) => res.end(jsonFeed([
    { id: 'a', title: 'Appeal', url: 'https://police.example/a', summary: 'Help us.', date_published: '2026-11-20T10:00:00Z', _police: { category: 'appeal', priority: 'urgent', reference: 'R-1', area: 'Town' } },
    { id: 'b', title: 'Event', date_published: '2026-11-19T10:00:00Z', _police: { category: 'event', event: { start: '2026-12-01T18:00:00Z', address: 'Hall' } } },
    { id: 'c', title: 'Success', date_published: '2026-11-18T10:00:00Z', _police: { category: 'success' } },
    { id: 'd', title: 'Warning', date_published: '2026-11-17T10:00:00Z', _police: { category: 'warning' } },
    { id: 'e', title: 'News', date_published: '2026-11-16T10:00:00Z' },
  ])), '.pe-card'],
  empty: [(res) => res.end(jsonFeed([])), '.pe-notice'],
  error: [(res) => { res.statusCode = 500; res.end(); }, '.pe-error'],
  loading: [() => {}, '.pe-skeleton'],
};

for (const theme of ['light', 'dark']) {
  for (const [state, [answer, selector]] of Object.entries(STATES)) {
    test(`${state} state, ${theme} theme: no violations`, async () => {
      const src = h.host.route(`/a11y-${state}`, (req, res) => {
        res.setHeader('access-control-allow-origin', '*');
        answer(res);
      });
      const url = h.host.page(`/a11y-${state}-${theme}.html`, h.server.url, `<police-engage id="w" theme="${theme}" src="${src}"></police-engage>`);
      const context = await h.browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.locator(`#w ${selector}`).first().waitFor();
      await shoot(page.locator('#w'), `${state}-${theme}`);
      const background = await page.locator('#w section').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(background, theme === 'dark' ? 'rgb(23, 25, 28)' : 'rgb(255, 255, 255)');
      assert.deepEqual(await violations(page), []);
      await context.close();
    });
  }
}

const FORM_STATES = {
  form: async () => {},
  'form with errors': async (widget) => {
    await widget.locator('#pe-email').fill('not-an-email');
    await widget.getByRole('button', { name: 'Send feedback' }).click();
    await widget.locator('.pe-error-summary').waitFor();
  },
  sent: async (widget) => {
    await widget.locator('#pe-message').fill('Accessible thanks');
    await widget.getByRole('button', { name: 'Send feedback' }).click();
    await widget.locator('.pe-panel-sent').waitFor();
  },
  saved: async (widget, context) => {
    await widget.locator('#pe-message').fill('Accessible while offline');
    await context.setOffline(true);
    await widget.getByRole('button', { name: 'Send feedback' }).click();
    await widget.locator('.pe-panel-saved').waitFor();
  },
};

for (const theme of ['light', 'dark']) {
  for (const [state, reach] of Object.entries(FORM_STATES)) {
    test(`feedback ${state}, ${theme} theme: no violations`, async () => {
      // The demo page: the server accepts feedback from its own origin.
      const context = await h.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${h.server.url}/`);
      await page.evaluate((t) => document.querySelector('#all-updates').setAttribute('theme', t), theme);
      const widget = page.locator('#all-updates');
      await widget.locator('.pe-card').first().waitFor();
      await widget.locator('.pe-feedback > button').click();
      await reach(widget, context);
      await shoot(widget, `feedback-${state}-${theme}`);
      assert.deepEqual(await violations(page), []);
      await context.close();
    });
  }
}

for (const theme of ['light', 'dark']) {
  test(`stale state, ${theme} theme: no violations`, async () => {
    let up = true;
    const src = h.host.route(`/a11y-stale-${theme}`, (req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      if (!up) return res.writeHead(503).end();
      res.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: 'a', title: 'Kept from before', date_published: '2026-11-20T10:00:00Z' }] }));
    });
    const url = h.host.page(`/a11y-stale-${theme}.html`, h.server.url, `<police-engage id="w" theme="${theme}" src="${src}"></police-engage>`);
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('#w .pe-card').waitFor();
    up = false;
    await page.reload();
    await page.locator('#w .pe-stale').waitFor();
    await shoot(page.locator('#w'), `stale-${theme}`);
    assert.deepEqual(await violations(page), []);
    await context.close();
  });
}
