// Bad feeds from another origin: every failure shows plain words and Retry,
// a feed shown before stays (marked stale), new updates are announced.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.mjs';
import { jsonFeed } from './support/feed-host.mjs';

const h = harness({ feedHost: true });
let context;

beforeEach(async () => {
  await context?.close();
  context = await h.browser.newContext();
});

const GOOD = jsonFeed([
  { id: 'a', title: 'Appeal for witnesses', url: 'https://police.example/a', date_published: '2026-11-20T10:00:00Z', _police: { category: 'appeal', reference: 'REF-1' } },
  { id: 'b', title: 'Community meeting', date_published: '2026-11-19T10:00:00Z' },
]);

async function openWidget(name, attributes, { clock = false } = {}) {
  const url = h.host.page(`/${name}.html`, h.server.url, `<police-engage id="w" ${attributes}><a href="https://police.example/">News</a></police-engage>`);
  const page = await context.newPage();
  if (clock) await page.clock.install();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

async function errorOf(page) {
  const error = page.locator('#w .pe-error');
  await error.waitFor();
  return error;
}

const BAD_FEEDS = [
  ['answers 500', (res) => { res.writeHead(500, { 'access-control-allow-origin': '*' }).end('oops'); }, 'The updates service answered with an error (status 500).'],
  ['answers 404', (res) => { res.writeHead(404, { 'access-control-allow-origin': '*' }).end(); }, 'The updates service answered with an error (status 404).'],
  ['is not JSON', (res) => { res.writeHead(200, { 'access-control-allow-origin': '*' }).end('<html><body>Maintenance</body></html>'); }, 'The updates feed is not in a format that can be read.'],
  ['is not a JSON Feed', (res) => { res.writeHead(200, { 'access-control-allow-origin': '*' }).end('{"rss":{"channel":{}}}'); }, 'The address given is not an updates feed.'],
  ['has wrong types', (res) => { res.writeHead(200, { 'access-control-allow-origin': '*' }).end(jsonFeed([{ id: 'x', title: ['not', 'a', 'string'] }])); }, 'The updates feed contains information that cannot be read.'],
  ['is over 2 MB', (res) => { res.writeHead(200, { 'access-control-allow-origin': '*' }).end(jsonFeed([{ id: 'x', content_text: 'x'.repeat(3 * 1024 * 1024) }])); }, 'The updates feed is too large to show.'],
  ['is blocked by CORS', (res) => { res.writeHead(200, { 'content-type': 'application/feed+json' }).end(GOOD); }, 'The updates service could not be reached.'],
];

for (const [what, answer, message] of BAD_FEEDS) {
  test(`a feed that ${what} shows an error with Retry, and Retry recovers`, async () => {
    const path = `/feed-${what.replaceAll(' ', '-')}`;
    let broken = true;
    const src = h.host.route(path, (req, res) => {
      if (broken) return answer(res);
      res.writeHead(200, { 'content-type': 'application/feed+json', 'access-control-allow-origin': '*' }).end(GOOD);
    });
    const { page, errors } = await openWidget(`page-${what.replaceAll(' ', '-')}`, `src="${src}"`);
    const error = await errorOf(page);
    assert.match(await error.textContent(), /We could not load the latest updates\./);
    assert.ok((await error.textContent()).includes(message), await error.textContent());
    assert.equal(await error.getAttribute('role'), 'alert');
    broken = false;
    await error.getByRole('button', { name: 'Try again' }).click();
    await page.locator('#w .pe-card').first().waitFor();
    assert.deepEqual(await page.locator('#w .pe-title').allTextContents(), ['Appeal for witnesses', 'Community meeting']);
    assert.deepEqual(errors, []);
  });
}

test('a feed that does not answer within 10 s shows a timeout', async () => {
  const src = h.host.route('/hang', () => { /* never answers */ });
  const { page } = await openWidget('hang', `src="${src}"`, { clock: true });
  await page.locator('#w .pe-skeleton').waitFor();
  await page.clock.runFor(10_500);
  const error = await errorOf(page);
  assert.ok((await error.textContent()).includes('The updates service took too long to answer.'));
});

test('feed text with markup is shown as text; javascript: and data: links are not links', async () => {
  const src = h.host.feed('/hostile', jsonFeed([
    { id: 'x', title: '<img src=x onerror="window.pwned=1">Hello', url: 'javascript:window.pwned=2', summary: '<script>window.pwned=3</script>', date_published: '2026-11-20T10:00:00Z' },
    { id: 'y', title: 'Data link', url: 'data:text/html,<script>alert(1)</script>', content_html: '<p>Safe <em>words</em></p><script>window.pwned=4</script>', date_published: '2026-11-19T10:00:00Z' },
  ]));
  const { page } = await openWidget('hostile', `src="${src}"`);
  await page.locator('#w .pe-card').first().waitFor();
  assert.deepEqual(await page.locator('#w .pe-title').allTextContents(), ['<img src=x onerror="window.pwned=1">Hello', 'Data link']);
  assert.equal(await page.locator('#w .pe-card a, #w .pe-card img, #w .pe-card script').count(), 0);
  assert.deepEqual(await page.locator('#w .pe-body').allTextContents(), ['<script>window.pwned=3</script>', 'Safe words']);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
});

test('when a poll fails the last good feed stays, marked stale; new updates are announced politely', async () => {
  let mode = 'good';
  const newer = jsonFeed([
    { id: 'c', title: 'Warning: scam calls', date_published: '2026-11-21T10:00:00Z', _police: { category: 'warning' } },
    ...JSON.parse(GOOD).items,
  ]);
  const src = h.host.route('/changing', (req, res) => {
    if (mode === 'down') return res.writeHead(503, { 'access-control-allow-origin': '*' }).end();
    res.writeHead(200, { 'content-type': 'application/feed+json', 'access-control-allow-origin': '*' }).end(mode === 'good' ? GOOD : newer);
  });
  const { page } = await openWidget('changing', `src="${src}" refresh="30"`, { clock: true });
  await page.locator('#w .pe-card').first().waitFor();
  const live = page.locator('#w [role="status"][aria-live="polite"]');
  assert.equal(await live.textContent(), '');

  await page.locator('#w .pe-title a').first().focus();
  mode = 'newer';
  await page.clock.runFor(30_500);
  await page.locator('#w .pe-title:has-text("Warning: scam calls")').waitFor();
  assert.equal(await live.textContent(), 'New update: Warning: scam calls');
  const focused = await page.evaluate(() => [document.activeElement?.id, document.activeElement?.shadowRoot?.activeElement?.textContent]);
  assert.deepEqual(focused, ['w', 'Appeal for witnesses'], 'focus stays where the resident left it');

  mode = 'down';
  await page.clock.runFor(30_500);
  const stale = page.locator('#w .pe-stale');
  await stale.waitFor();
  assert.match(await stale.textContent(), /Showing updates saved .* We could not get newer ones\./);
  assert.ok((await stale.textContent()).includes('(status 503)'));
  assert.equal(await page.locator('#w .pe-card').count(), 3);

  mode = 'newer';
  await stale.getByRole('button', { name: 'Try again' }).click();
  await stale.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#w .pe-card').count(), 3);
});

test('offline on arrival: the feed saved on an earlier visit is shown, with when', async () => {
  let up = true;
  const src = h.host.route('/flaky', (req, res) => {
    if (!up) return res.writeHead(502, { 'access-control-allow-origin': '*' }).end();
    res.writeHead(200, { 'content-type': 'application/feed+json', 'access-control-allow-origin': '*' }).end(GOOD);
  });
  const first = await openWidget('flaky', `src="${src}"`);
  await first.page.locator('#w .pe-card').first().waitFor();
  await first.page.close();
  up = false;
  const { page } = await openWidget('flaky', `src="${src}"`);
  const stale = page.locator('#w .pe-stale');
  await stale.waitFor();
  assert.match(await stale.textContent(), /Showing updates saved just now\. /);
  assert.deepEqual(await page.locator('#w .pe-title').allTextContents(), ['Appeal for witnesses', 'Community meeting']);
});

test('hostile feeds: bidi overrides, zero-width spaces, invalid UTF-8, deep nesting, numbers for strings', async () => {
  const deep = (field) => `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"d","title":"Deep","${field}":${'['.repeat(20000)}1${']'.repeat(20000)}}]}`;
  const cases = [
    ['bidi', jsonFeed([{ id: 'b', title: 'Pay \u202Egnp.exe\u202C now\u200B!', date_published: '2026-11-20T10:00:00Z' }]), (w) => w.locator('.pe-title:text-is("Pay gnp.exe now!")')],
    ['utf8', Buffer.concat([Buffer.from('{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"u","title":"Caf'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]}')]), (w) => w.locator('.pe-title', { hasText: 'Caf' })],
    ['deep-unknown', deep('_x'), (w) => w.locator('.pe-error', { hasText: 'contains information that cannot be read' })],
    ['deep-known', deep('tags'), (w) => w.locator('.pe-error', { hasText: 'contains information that cannot be read' })],
    ['numbers', '{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"n","title":12345}]}', (w) => w.locator('.pe-error', { hasText: 'contains information that cannot be read' })],
  ];
  for (const [name, body, expect] of cases) {
    const src = h.host.route(`/hostile-${name}`, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/feed+json', 'access-control-allow-origin': '*' }).end(body);
    });
    const { page, errors } = await openWidget(`hostile-${name}`, `src="${src}"`);
    await expect(page.locator('#w')).waitFor();
    assert.deepEqual(errors, [], `${name}: no page errors`);
    await page.locator('#w').evaluate((el) => el.setAttribute('limit', '3'));
    await page.locator('#w .pe-heading').waitFor();
  }
});
