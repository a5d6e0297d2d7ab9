// Hostile host pages: aggressive global CSS, GOV.UK Frontend, Bootstrap, and
// a strict Content-Security-Policy. In each the widget looks exactly as it
// does on a plain page and works, and the page's own elements are untouched.
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.mjs';
import { ROOT } from './support/server.mjs';

const h = harness({ feedHost: true, serverArgs: ({ host }) => ['--allow-origin', host.pageOrigin] });

const AGGRESSIVE = `<style>
  html { font-size: 62.5%; }
  * { box-sizing: content-box !important; margin: 0 !important; padding: 3px !important; font-size: 28px !important;
      line-height: 3 !important; color: magenta !important; font-family: "Comic Sans MS", cursive !important;
      text-transform: uppercase !important; letter-spacing: 2px !important; border-radius: 0 !important; }
  div, section, ul, li, p { display: inline !important; }
  button, input, textarea { all: unset !important; }
  a { color: lime !important; text-decoration: none !important; }
  police-engage { font-size: 40px; color: red; background: black; }
</style>`;

const PAGES = {
  'aggressive global CSS': () => ({ head: AGGRESSIVE }),
  'GOV.UK Frontend': () => ({
    head: `<link rel="stylesheet" href="${h.host.file('/govuk.css', join(ROOT, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css'), 'text/css')}">`,
    body: '<h1 class="govuk-heading-xl">Community safety</h1><p class="govuk-body">Report a problem.</p><button class="govuk-button">Start now</button>',
  }),
  Bootstrap: () => ({
    head: `<link rel="stylesheet" href="${h.host.file('/bootstrap.css', join(ROOT, 'node_modules/bootstrap/dist/css/bootstrap.min.css'), 'text/css')}">`,
    body: '<h1 class="display-4">Community safety</h1><p class="lead">Report a problem.</p><button class="btn btn-primary">Start now</button>',
  }),
  'a strict Content-Security-Policy': () => ({
    headers: {
      'content-security-policy': `default-src 'self'; script-src 'self' ${h.server.url} 'wasm-unsafe-eval'; `
        + `connect-src 'self' ${h.server.url}; style-src 'self'; img-src 'self' data: ${h.server.url}`,
    },
  }),
};

// Not width: that is the slot's, which the host page decides.
const WIDGET_PROPS = ['font-size', 'font-family', 'font-weight', 'color', 'background-color', 'display', 'margin-top',
  'padding-top', 'box-sizing', 'line-height', 'text-transform', 'letter-spacing', 'text-decoration-line'];
const HOST_PROPS = ['font-size', 'font-family', 'color', 'background-color', 'display', 'margin-top', 'padding-top', 'line-height'];

/** Computed styles of elements inside the widget's shadow root. */
function widgetStyles(page) {
  return page.evaluate((props) => {
    const root = document.querySelector('#w').shadowRoot;
    return ['section', '.pe-heading', '.pe-card', '.pe-title', '.pe-title a', '.pe-badge', '.pe-body', '.pe-feedback > button']
      .map((selector) => {
        const style = getComputedStyle(root.querySelector(selector));
        return [selector, Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]))];
      });
  }, WIDGET_PROPS);
}

/** Computed styles of the host page's own elements. */
function hostStyles(page) {
  return page.evaluate((props) => [...document.querySelectorAll('main > :not(police-engage), main > * *')]
    .map((el) => Object.fromEntries(props.map((p) => [p, getComputedStyle(el).getPropertyValue(p)]))), HOST_PROPS);
}

async function open(url) {
  const context = await h.browser.newContext({ viewport: { width: 1000, height: 1200 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // The frameworks' own fonts and images are not served here; their 404s are not the widget's.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  await page.goto(url);
  return { context, page, problems };
}

const element = () => `<police-engage id="w" src="${h.server.url}/v1/feed.json" limit="3" privacy="https://police.example/privacy"></police-engage>`;

async function baseline() {
  const { context, page } = await open(h.host.page('/plain.html', h.server.url, element()));
  await page.locator('#w .pe-card').first().waitFor();
  const styles = await widgetStyles(page);
  await context.close();
  return styles;
}

for (const [name, options] of Object.entries(PAGES)) {
  test(`on a page with ${name}, the widget looks and works as on a plain page`, async () => {
    const expected = await baseline();
    const slug = name.replace(/\W+/g, '-');
    const withWidget = await open(h.host.page(`/${slug}.html`, h.server.url, element(), options()));
    const { page, problems } = withWidget;
    await page.locator('#w .pe-card').first().waitFor();
    assert.deepEqual(await widgetStyles(page), expected);

    await page.locator('#w .pe-feedback > button').click();
    await page.locator('#w #pe-message').fill(`Sent from a page with ${name}`);
    await page.locator('#w').getByRole('button', { name: 'Send feedback' }).click();
    await page.locator('#w .pe-panel-sent').waitFor();
    assert.deepEqual(problems, []);

    const without = await open(h.host.page(`/${slug}-without.html`, null, element(), options()));
    assert.deepEqual(await hostStyles(page), await hostStyles(without.page), "the widget changed the host page's styles");
    await without.context.close();
    await withWidget.context.close();
  });
}
