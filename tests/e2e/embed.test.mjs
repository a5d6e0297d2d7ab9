// The embed builder at /embed, in headless Chromium against the real
// server: a partner's web officer chooses options and sees the real widget
// and the snippet change, is told when a page's address is typed where the
// feed's belongs, is warned of a colour residents could not read, copies
// the snippet and pastes it into a blank page on another origin, where the
// same widget appears. axe-core in light and dark, English and Welsh.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { harness } from './support/harness.mjs';
import { ROOT } from './support/server.mjs';
import { until } from './support/wait.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = join(ROOT, 'test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });

const h = harness({ feedHost: true });

async function builder(options = {}) {
  const context = await h.browser.newContext(options);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${h.server.url}/embed`);
  await page.locator('.pe-editor-preview police-engage .pe-card').first().waitFor();
  return { context, page, errors };
}

const snippet = (page) => page.locator('#code-html').textContent();
const previewTitles = (page) => page.locator('.pe-editor-preview police-engage .pe-title').allTextContents();

test('choosing options changes the preview and the snippet; the copied snippet works on another origin', async () => {
  const { context, page, errors } = await builder();
  const feedUrl = `${h.server.url}/v1/feed.json`;
  const home = (await (await fetch(feedUrl)).json()).home_page_url;
  assert.equal(
    await snippet(page),
    `<script type="module" src="${h.server.url}/widget/police-engage.js"></script>\n`
      + `<police-engage src="${feedUrl}" limit="5">\n  <a href="${home}">Latest news from the police</a>\n</police-engage>`,
  );
  assert.equal((await previewTitles(page)).length, 5);

  // Appeals only, in Welsh, three of them ("3 updates" is read as 3).
  await page.getByLabel('Appeal', { exact: true }).check();
  await page.getByLabel('Cymraeg').check();
  await page.getByLabel('Number of updates').fill('3 updates');
  await page.getByLabel('Heading level').selectOption('3');
  await page.getByLabel('Dark').check();
  await page.locator('#code-html', { hasText: 'categories="appeal"' }).waitFor();
  const code = await snippet(page);
  assert.ok(code.includes(`<police-engage src="${feedUrl}" limit="3" categories="appeal" lang="cy" theme="dark" heading-level="3">`), code);
  assert.ok(code.includes('>Newyddion diweddaraf yr heddlu</a>'), 'the fallback link in the widget\'s language');
  const feed = await (await fetch(`${feedUrl}?lang=cy&limit=50`)).json();
  const appeals = feed.items.filter((i) => i._police.category === 'appeal').slice(0, 3).map((i) => i.title);
  await until(async () => JSON.stringify(await previewTitles(page)) === JSON.stringify(appeals));
  assert.deepEqual(await previewTitles(page), appeals, 'the preview shows the Welsh appeals');
  assert.equal(await page.locator('.pe-editor-preview police-engage h3.pe-heading').count(), 1, 'the heading level chosen');
  assert.equal(await page.locator('.pe-editor-preview police-engage h4.pe-title').count(), appeals.length);

  // A colour residents could not read is flagged; a readable one is not.
  await page.getByLabel('Text', { exact: true }).fill('#777777');
  await page.getByLabel('Background', { exact: true }).fill('#ffffff');
  await page.getByLabel('Light', { exact: true }).check();
  const warning = page.locator('.pe-contrast-warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /^Text on Background: contrast 4\.4\d?:1, below the 4\.5:1 that WCAG AA asks for/);
  await page.getByLabel('Text', { exact: true }).fill('#3a3a3a');
  await page.getByText('Every pair of colours meets WCAG AA contrast.').waitFor();
  assert.equal(await warning.count(), 0);
  assert.equal(await page.locator('#code-css').textContent(), 'police-engage {\n  --pe-text: #3a3a3a;\n  --pe-background: #ffffff;\n}');
  await page.screenshot({ path: join(SHOTS, 'embed-builder.png'), fullPage: true });

  // Copy both blocks; each button says it copied.
  await page.getByRole('button', { name: /^Copy\W+Paste this where the updates should appear/ }).click();
  await page.locator('#code-html ~ .pe-actions [role=status]', { hasText: 'Copied' }).waitFor();
  const html = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(html, await snippet(page));
  await page.getByRole('button', { name: /^Copy\W+Add this to your stylesheet/ }).click();
  const css = await page.evaluate(() => navigator.clipboard.readText());
  const shown = await previewTitles(page);

  // Pasted into a blank page on another origin: the same widget.
  h.host.route('/blank.html', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title><style>${css}</style></head><body><main>${html}</main></body></html>`);
  });
  const partner = await context.newPage();
  const partnerErrors = [];
  partner.on('pageerror', (e) => partnerErrors.push(e.message));
  await partner.goto(`${h.host.pageOrigin}/blank.html`);
  await partner.locator('police-engage .pe-card').first().waitFor();
  assert.deepEqual(await partner.locator('police-engage .pe-title').allTextContents(), shown);
  assert.equal(await partner.locator('police-engage').evaluate((w) => getComputedStyle(w).getPropertyValue('--pe-text').trim()), '#3a3a3a');
  assert.deepEqual([...errors, ...partnerErrors], []);
  await context.close();
});

test('a page address where the feed belongs, or a feed the builder may not read, is explained, and the force feed is one click away', async () => {
  const { context, page, errors } = await builder();
  const feed = page.getByLabel('Feed address');
  await feed.fill(`${h.server.url}/news/appeals`);
  await page.getByText(`That is a web page, not a feed. This force's feed is ${h.server.url}/v1/feed.json`).waitFor();
  assert.equal(await feed.getAttribute('aria-invalid'), 'true');
  assert.ok((await snippet(page)).includes(`src="${h.server.url}/v1/feed.json"`), 'the snippet keeps the last feed that worked');
  await feed.fill('council.gov.uk/news');
  await page.getByText('Enter the whole address, starting with https://').waitFor();
  // The page's policy lets it read feeds on this server and the force's site alone.
  const home = (await (await fetch(`${h.server.url}/v1/embed`)).json()).home_url;
  await feed.fill(h.host.feed('/elsewhere.json', JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [] })));
  await page.getByText(`The builder can preview only feeds on this server or on the force's website (${home}).`).waitFor();
  await feed.fill(`${h.server.url}/v1/feed.json?category=nonsense`);
  await page.getByText('We could not read a feed at that address.').waitFor();
  await page.getByRole('button', { name: "Use this force's feed" }).click();
  assert.equal(await feed.inputValue(), `${h.server.url}/v1/feed.json`);
  await page.getByLabel('Number of updates').fill('80');
  await page.getByText('The widget shows from 1 to 50: it will show 50.').waitFor();
  assert.ok((await snippet(page)).includes('limit="50"'));
  assert.deepEqual(errors, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`the embed builder, ${colorScheme}: no WCAG 2.2 AA violations, in English and Welsh`, async () => {
    const { context, page } = await builder({ colorScheme });
    const violations = [];
    // `preview`: false while a colour the page warns of is in the preview.
    const check = async (name, preview = true) => {
      const axe = new AxeBuilder({ page }).withTags(TAGS);
      if (!preview) axe.exclude('.pe-editor-preview police-engage');
      const results = await axe.analyze();
      violations.push(...results.violations.map((v) => `${name}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
      await page.screenshot({ path: join(SHOTS, `${name}-${colorScheme}.png`), fullPage: true });
    };
    await check('embed');
    await page.getByLabel('Links and buttons').fill('#ffdd00');
    await page.locator('.pe-contrast-warning').first().waitFor();
    await check('embed-warning', false);
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: "Ychwanegu diweddariadau'r heddlu at eich gwefan" }).waitFor();
    await check('embed-cy', false);
    await page.getByLabel('Dolenni a botymau').fill('');
    await page.locator('.pe-contrast-warning').waitFor({ state: 'detached' });
    await check('embed-cy');
    await page.getByRole('button', { name: 'English' }).click();
    assert.deepEqual(violations, []);
    await context.close();
  });
}
