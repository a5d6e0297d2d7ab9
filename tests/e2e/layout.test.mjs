// Fits any slot and any resident: narrow sidebars to full-width bands,
// 400% zoom, reduced motion, forced colours, keyboard-only use, and Welsh
// with no English left in it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.mjs';
import { ROOT } from './support/server.mjs';
import { appLive, until } from './support/wait.mjs';

const h = harness({ feedHost: true, serverArgs: ({ host }) => ['--allow-origin', host.pageOrigin] });

/** A page whose only content is the widget in a slot `width` wide (host-page styles). */
async function slotPage(name, width, attributes = '', viewport = { width: 1400, height: 900 }) {
  const attrs = attributes.includes('src=') ? attributes : `src="${h.server.url}/v1/feed.json" ${attributes}`;
  const url = h.host.page(`/slot-${name}.html`, h.server.url,
    `<div class="slot"><police-engage id="w" limit="6" privacy="https://police.example/p" ${attrs}></police-engage></div>`,
    { head: `<style>body { margin: 0 } .slot { width: ${width}; max-width: 100%; }</style>` });
  const context = await h.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(url);
  assert.ok(await until(() => appLive(page, 'w')), 'the app is live');
  return { context, page, widget: page.locator('#w') };
}

const columns = (page) => page.locator('#w .pe-list').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test('a narrow sidebar and a main column stack the cards; a full-width band lays them side by side', async () => {
  for (const [width, expected] of [['320px', 1], ['600px', 1], ['1300px', 4]]) {
    const { context, page } = await slotPage(`w${width}`, width);
    assert.equal(await columns(page), expected, `${width}: columns`);
    assert.equal(await overflows(page), false, `${width}: horizontal scroll`);
    await context.close();
  }
});

test('no horizontal scroll at 400% zoom (a 320 px wide viewport), even with the form open and in error', async () => {
  const { context, page, widget } = await slotPage('zoom', '100%', '', { width: 320, height: 256 });
  assert.equal(await overflows(page), false);
  await widget.locator('.pe-feedback > button').click();
  await widget.locator('#pe-email').fill('someone.with.a.very.long.address@a-long-council-domain.example.gov.uk');
  await widget.getByRole('button', { name: 'Send feedback' }).click();
  await widget.locator('.pe-error-summary').waitFor();
  assert.equal(await overflows(page), false);
  const tooSmall = await widget.evaluate((host) => [...host.shadowRoot.querySelectorAll('button, input, summary, textarea')]
    .filter((el) => el.getBoundingClientRect().height < 24 && getComputedStyle(el.parentElement).position !== 'absolute')
    .filter((el) => !el.closest('.pe-honeypot'))
    .map((el) => el.outerHTML.slice(0, 60)));
  assert.deepEqual(tooSmall, [], 'targets at least 24×24 px');
  await context.close();
});

test('reduced motion stops the skeleton pulsing; forced colours keep cards outlined', async () => {
  const hang = h.host.route('/layout-hang', () => {});
  const url = h.host.page('/motion.html', h.server.url, `<police-engage id="w" src="${hang}"></police-engage>`);
  const context = await h.browser.newContext({ reducedMotion: 'reduce', forcedColors: 'active' });
  const page = await context.newPage();
  await page.goto(url);
  const bone = page.locator('#w .pe-bone').first();
  await bone.waitFor();
  assert.equal(await bone.evaluate((el) => getComputedStyle(el).animationName), 'none');
  const placeholder = page.locator('#w .pe-placeholder').first();
  assert.notEqual(await placeholder.evaluate((el) => getComputedStyle(el).borderTopStyle), 'none');
  await context.close();
});

test('Tab reaches every control in reading order, and Enter and Space operate them', async () => {
  const { context, page, widget } = await slotPage('keys', '700px');
  const expected = await widget.evaluate((host) => [...host.shadowRoot.querySelectorAll('a[href], button, summary, select')]
    .map((el) => el.textContent.trim()));
  const reached = [];
  for (let i = 0; i < expected.length + 5 && reached.length < expected.length; i += 1) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent.trim());
    if (text !== undefined) reached.push(text);
  }
  assert.deepEqual(reached, expected);
  await widget.locator('summary').first().focus();
  await page.keyboard.press('Enter');
  assert.equal(await widget.locator('details').first().evaluate((d) => d.open), true, 'Enter opens "I have information"');
  await widget.locator('.pe-feedback > button').focus();
  await page.keyboard.press('Space');
  await widget.locator('form').waitFor();
  await context.close();
});

/** Every English string in the catalogues (src/i18n), split at `{}`. */
function englishStrings() {
  const out = [];
  for (const file of ['src/i18n/mod.rs', 'src/i18n/form.rs']) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const en = source.slice(source.indexOf('pub static EN'), source.indexOf('pub static CY'));
    for (const [, literal] of en.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
      out.push(...literal.split('{}').map((part) => part.trim()).filter((part) => part.length > 3));
    }
  }
  return out;
}

test('a Welsh widget shows no English from the catalogue, in any state', async () => {
  const english = englishStrings();
  assert.ok(english.length > 80, `read ${english.length} strings`);
  // Welsh content too, so any English on screen can only be the widget's own.
  const feed = h.host.feed('/cy-feed', JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    items: [
      { id: 'a', title: 'Apêl am dystion', summary: 'Ffoniwch os gwelsoch chi rywbeth.', url: 'https://heddlu.example/a',
        date_published: new Date(Date.now() - 86_400_000 * 400).toISOString().replace(/\.\d+Z$/, 'Z'),
        _police: { category: 'appeal', priority: 'urgent', reference: 'GLP-1', area: 'Glan yr Afon' } },
      { id: 'b', title: 'Cymhorthfa', date_published: new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        _police: { category: 'event', event: { start: '2030-12-01T18:00:00Z', address: 'Llyfrgell' } } },
    ],
  }));
  const { context, page, widget } = await slotPage('cy', '700px', `lang="cy" src="${feed}" feedback="${h.server.url}/v1/feedback"`);
  const leaks = async (state) => {
    const text = await widget.evaluate((host) => host.shadowRoot.textContent);
    return english.filter((s) => text.includes(s) && !['Crimestoppers', '0800 555 111'].includes(s)).map((s) => `${state}: ${s}`);
  };
  const found = [...await leaks('list')];
  await widget.locator('details').first().evaluate((d) => { d.open = true; });
  await widget.locator('.pe-feedback > button').click();
  await widget.locator('#pe-email').fill('nid-cyfeiriad');
  await widget.getByRole('button', { name: 'Anfon adborth' }).click();
  await widget.locator('.pe-error-summary').waitFor();
  found.push(...await leaks('form with errors'));
  await widget.locator('#pe-email').fill('');
  await widget.locator('#pe-message').fill('Diolch');
  await widget.getByRole('button', { name: 'Anfon adborth' }).click();
  await widget.locator('.pe-panel-sent').waitFor();
  found.push(...await leaks('sent'));
  assert.deepEqual(found, []);
  await context.close();
});
