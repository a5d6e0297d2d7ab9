// Feedback from residents, end to end: the widget's form against the real
// server and its database. Nothing typed is lost; nothing is stored twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.mjs';
import { startServer } from './support/server.mjs';

const h = harness({ feedHost: true });

async function openDemo(url = h.server.url) {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.sent = [];
    document.addEventListener('police-engage:feedback-sent', (e) => window.sent.push(e.detail));
  });
  await page.goto(`${url}/`);
  await page.locator('#all-updates .pe-card').first().waitFor();
  return { context, page, widget: page.locator('#all-updates') };
}

const focusedInWidget = (page) => page.evaluate(() => {
  const inner = document.activeElement?.shadowRoot?.activeElement;
  return inner ? { tag: inner.tagName, id: inner.id, text: inner.textContent.trim(), cls: inner.className } : null;
});

async function openForm(widget) {
  await widget.locator('.pe-feedback > button').click();
  await widget.locator('form').waitFor();
}

async function messagesFor(server, text) {
  return (await server.feedback()).filter((f) => f.message === text);
}

test('a resident sends feedback by keyboard alone and gets a reference', async () => {
  const { context, page, widget } = await openDemo();
  let focused;
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    focused = await focusedInWidget(page);
    if (focused?.cls.includes('pe-button-secondary') && focused.text === 'Tell us what you think') break;
  }
  assert.equal(focused?.text, 'Tell us what you think', 'the feedback button is reachable by Tab');
  await page.keyboard.press('Enter');
  await widget.locator('form').waitFor();
  assert.equal((await focusedInWidget(page)).text, 'Tell us what you think', 'focus moves to the form heading');
  assert.match(await widget.locator('.pe-emergency').textContent(), /999.*101.*Crimestoppers on 0800 555 111/s);

  await page.keyboard.press('Tab');
  assert.equal((await focusedInWidget(page)).id, 'pe-message');
  await page.keyboard.type('The PCSO at the Abermor bike marking was really helpful.');
  assert.match(await widget.locator('.pe-count').textContent(), /You have 1944 characters remaining/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.equal((await focusedInWidget(page)).id, 'pe-name');
  await page.keyboard.type('Rhys');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await focusedInWidget(page)).id, 'pe-consent');
  await page.keyboard.press('Tab');
  assert.equal((await focusedInWidget(page)).text, 'How we use your information');
  await page.keyboard.press('Tab');
  assert.equal((await focusedInWidget(page)).text, 'Send feedback');
  await page.keyboard.press('Enter');

  const panel = widget.locator('.pe-panel-sent');
  await panel.waitFor();
  const reference = (await panel.locator('.pe-panel-reference').textContent()).match(/FB-[0-9A-Z]{10}/)[0];
  assert.equal((await focusedInWidget(page)).cls, 'pe-panel-title', 'focus moves to the confirmation');
  assert.deepEqual(await page.evaluate(() => window.sent), [reference]);
  const stored = await messagesFor(h.server, 'The PCSO at the Abermor bike marking was really helpful.');
  assert.equal(stored.length, 1);
  assert.equal(stored[0].id, reference);
  assert.equal(stored[0].rating, 4);
  assert.equal(stored[0].name, null, 'a name given without agreeing to be contacted reaches no one');
  assert.equal(stored[0].lang, 'en');
  assert.equal(stored[0].page, `${h.server.url}/`);
  await context.close();
});

test('errors are summarised, announced and linked, and keep what was typed', async () => {
  const { context, page, widget } = await openDemo();
  await openForm(widget);
  await widget.locator('#pe-message').fill('Nobody called me back about my stolen bike.');
  await widget.locator('#pe-email').fill('not-an-email');
  await widget.getByRole('button', { name: 'Send feedback' }).click();
  const summary = widget.locator('.pe-error-summary');
  await summary.waitFor();
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.deepEqual(await summary.locator('li').allTextContents(), [
    'Enter an email address in the correct format, like name@example.com',
    'Tick the box to say we may contact you, or remove your email address',
  ]);
  assert.equal((await focusedInWidget(page)).cls, 'pe-error-summary');
  assert.equal(await widget.locator('#pe-email').getAttribute('aria-invalid'), 'true');
  assert.match(await widget.locator('#pe-email').getAttribute('aria-describedby'), /pe-email-error/);
  assert.equal(await widget.locator('#pe-email-error').textContent(), 'Error: Enter an email address in the correct format, like name@example.com');
  assert.equal(await widget.locator('#pe-message').inputValue(), 'Nobody called me back about my stolen bike.');
  await summary.getByRole('link', { name: /email address in the correct format/ }).click();
  assert.equal((await focusedInWidget(page)).id, 'pe-email');
  assert.equal((await h.server.feedback()).filter((f) => f.message.startsWith('Nobody called')).length, 0);

  await widget.locator('#pe-email').fill('sam@example.org');
  await widget.locator('#pe-consent').check();
  await widget.getByRole('button', { name: 'Send feedback' }).click();
  await widget.locator('.pe-panel-sent').waitFor();
  assert.equal((await messagesFor(h.server, 'Nobody called me back about my stolen bike.'))[0].email, 'sam@example.org');
  await context.close();
});

test("the server's field errors are shown in the resident's language and keep the text", async () => {
  const feedback = h.host.route('/reject', (req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'POST' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    res.writeHead(422, { ...cors, 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ field: 'message', code: 'too_long', message: 'message must be 2000 characters or fewer.' }] }));
  });
  const page = await (await h.browser.newContext()).newPage();
  await page.goto(h.host.page('/reject.html', h.server.url, `<police-engage id="w" lang="cy" src="${h.server.url}/v1/feed.json" feedback="${feedback}"></police-engage>`));
  const widget = page.locator('#w');
  await widget.locator('.pe-card').first().waitFor();
  await widget.locator('.pe-feedback > button').click();
  await widget.locator('#pe-message').fill('Neges hir');
  await widget.getByRole('button', { name: 'Anfon adborth' }).click();
  await widget.locator('.pe-error-summary').waitFor();
  assert.deepEqual(await widget.locator('.pe-error-summary li').allTextContents(), ["Rhaid i'ch adborth fod yn 2,000 nod neu lai"]);
  assert.equal(await widget.locator('#pe-message').inputValue(), 'Neges hir');
  await page.context().close();
});

test('offline: the feedback is saved, then delivered exactly once when the network is back', async () => {
  const { context, page, widget } = await openDemo();
  await openForm(widget);
  const message = 'Sent while offline on the bus';
  await widget.locator('#pe-message').fill(message);
  await context.setOffline(true);
  await widget.getByRole('button', { name: 'Send feedback' }).click();
  const saved = widget.locator('.pe-panel-saved');
  await saved.waitFor();
  assert.match(await saved.textContent(), /saved.*sent automatically when the connection is back/s);
  const outbox = await page.evaluate(() => JSON.parse(localStorage.getItem('police-engage:outbox')));
  assert.equal(outbox.length, 1);
  assert.equal(outbox[0].submission.message, message);
  assert.equal((await messagesFor(h.server, message)).length, 0);

  await context.setOffline(false);
  const sent = widget.locator('.pe-panel-sent');
  await sent.waitFor();
  assert.equal((await messagesFor(h.server, message)).length, 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('police-engage:outbox')), null);
  assert.equal((await page.evaluate(() => window.sent)).length, 1);
  await context.close();
});

test('a send whose request is aborted is retried with the same key and stored once', async () => {
  const { context, page, widget } = await openDemo();
  const posts = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(JSON.parse(r.postData()).key));
  await page.route('**/v1/feedback', (route) => route.abort('connectionreset'));
  await openForm(widget);
  const message = 'Aborted first time round';
  await widget.locator('#pe-message').fill(message);
  await widget.getByRole('button', { name: 'Send feedback' }).click();
  await widget.locator('.pe-panel-saved').waitFor();
  await page.unroute('**/v1/feedback');
  await widget.locator('.pe-panel-sent').waitFor({ timeout: 15_000 });
  assert.ok(posts.length >= 2, `retried: ${posts.length} posts`);
  assert.equal(new Set(posts).size, 1, 'every try used the same idempotency key');
  assert.equal((await messagesFor(h.server, message)).length, 1);
  await context.close();
});

test('a double click sends once', async () => {
  const { context, page, widget } = await openDemo();
  const posts = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await openForm(widget);
  const message = 'Clicked twice in a hurry';
  await widget.locator('#pe-message').fill(message);
  // Two clicks in the same task: faster than any re-render.
  await widget.getByRole('button', { name: 'Send feedback' }).evaluate((button) => { button.click(); button.click(); });
  await widget.locator('.pe-panel-sent').waitFor();
  assert.equal(posts.length, 1);
  assert.equal((await messagesFor(h.server, message)).length, 1);
  await context.close();
});

test('the server stopped during a send and restarted: delivered once', async () => {
  const first = await startServer();
  const { context, widget } = await openDemo(first.url);
  await openForm(widget);
  const message = 'Sent while the server was being restarted';
  await widget.locator('#pe-message').fill(message);
  await first.stop();
  await widget.getByRole('button', { name: 'Send feedback' }).click();
  await widget.locator('.pe-panel-saved').waitFor();
  const second = await startServer({ dir: first.dir, port: first.port });
  try {
    await widget.locator('.pe-panel-sent').waitFor({ timeout: 20_000 });
    assert.equal((await messagesFor(second, message)).length, 1);
  } finally {
    await context.close();
    await second.stop();
  }
});

test('appeals show where to give information, and the form speaks Welsh', async () => {
  const { context, page } = await openDemo();
  const welsh = page.locator('#welsh-appeals');
  await welsh.locator('.pe-card').first().waitFor();
  const info = welsh.locator('.pe-card').first().locator('details');
  await info.locator('summary').click();
  assert.match(await info.textContent(), /Mae gen i wybodaeth.*101.*GLP-20261123-0417.*Crimestoppers ar 0800 555 111.*999/s);
  await welsh.locator('.pe-card').first().getByRole('button', { name: /Dywedwch wrthym beth yw eich barn/ }).click();
  await welsh.locator('form').waitFor();
  assert.match(await welsh.locator('.pe-about').textContent(), /^Ynglŷn â: Ar goll: ydych chi wedi gweld Megan, 14, o Abermor\?$/);
  assert.match(await welsh.locator('.pe-emergency').textContent(), /Mewn argyfwng, ffoniwch 999\./);
  await welsh.getByRole('button', { name: 'Anfon adborth' }).click();
  assert.deepEqual(await welsh.locator('.pe-error-summary li').allTextContents(), ['Rhowch eich adborth']);
  await welsh.locator('#pe-message').fill('Diolch am y diweddariad.');
  await welsh.getByRole('button', { name: 'Anfon adborth' }).click();
  await welsh.locator('.pe-panel-sent').waitFor();
  assert.match(await welsh.locator('.pe-panel-sent').textContent(), /Adborth wedi'i anfon.*Eich cyfeirnod yw FB-/s);
  const stored = (await messagesFor(h.server, 'Diolch am y diweddariad.'))[0];
  assert.equal(stored.lang, 'cy');
  assert.equal(stored.about, 'sample-missing-megan');
  await context.close();
});
