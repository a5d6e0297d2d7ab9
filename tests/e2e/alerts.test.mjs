// Alerts by email against a real SMTP server on loopback: a resident follows
// the widget's link on a partner page to the force's /alerts page in Chromium, confirms from the mail, and an
// urgent appeal published for their area arrives with its one-click
// unsubscribe headers; nothing for what they did not ask for, for an edit
// or for a withdrawn update; a scheduled one at its time; the one-click
// POST stops the next; an address is sent at most three sign-up mails a day.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser } from './support/browser.mjs';
import { consoleHelpers, PEOPLE } from './support/console.mjs';
import { join } from 'node:path';
import { ADMIN_TOKEN, drivenClock, ROOT, startServer } from './support/server.mjs';
import { startFeedHost } from './support/feed-host.mjs';
import { startMailServer } from './support/smtp.mjs';
import { appLive, until } from './support/wait.mjs';

const SHOTS = join(ROOT, 'test-results/screenshots');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AREA = 'Cwm Hyfryd';
const h = {};
const clock = drivenClock();
const { signIn } = consoleHelpers(h);
before(async () => {
  h.mail = await startMailServer();
  h.server = await startServer({ args: ['--no-samples', '--smtp-url', h.mail.url, '--privacy-url', 'https://glanyrafon-police.example/privacy'], env: clock.env });
  h.browser = await launchBrowser();
  h.host = await startFeedHost();
  // An update for the area, so the sign-up page offers it.
  await publish({ id: 'area-news', title: 'Cwm Hyfryd community meeting', category: 'news', area: AREA });
});
after(async () => {
  await h.browser?.close();
  await h.server?.stop();
  await h.mail?.close();
  await h.host?.close();
});

async function publish(update, method = 'POST') {
  const path = method === 'PUT' ? `/v1/updates/${update.id}` : '/v1/updates';
  const response = await fetch(`${h.server.url}${path}`, {
    method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(update),
  });
  assert.ok([200, 201].includes(response.status), await response.text());
}

const to = (address) => (m) => m.to.includes(address);
const link = (text, path) => text.match(new RegExp(`https?://\\S+${path}\\?token=[0-9a-f]+`))[0];

async function signUp(page, email, { lang = 'en' } = {}) {
  await page.goto(`${h.server.url}/alerts?area=${encodeURIComponent(AREA)}&lang=${lang}`);
  await page.getByLabel(lang === 'cy' ? 'Cyfeiriad e-bost' : 'Email address').fill(email);
  await page.getByRole('button', { name: lang === 'cy' ? 'Anfon dolen gadarnhau ataf' : 'Send me a confirmation link' }).click();
  await page.getByRole('heading', { level: 1, name: lang === 'cy' ? 'Gwiriwch eich e-bost' : 'Check your email' }).waitFor();
}

test('sign up, confirm, and an urgent appeal for the area arrives at once with one-click unsubscribe; the one click stops the next', async () => {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  // From a partner page on another origin: the widget's first view offers
  // the link, and so does its app once it takes over.
  await page.route(/police_engage_bg\.wasm/, (route) => (h.holdWasm ? new Promise(() => {}) : route.continue()));
  h.holdWasm = true;
  const widget = `<police-engage id="w" src="${h.server.url}/v1/feed.json" area="${AREA}"></police-engage>`;
  await page.goto(h.host.page('/partner-alerts.html', h.server.url, widget));
  const alertsLink = page.locator('#w').getByRole('link', { name: 'Get alerts by email' });
  await alertsLink.waitFor();
  assert.ok(!(await appLive(page, 'w')), 'the first view');
  h.holdWasm = false;
  await page.reload();
  await until(() => appLive(page, 'w'));
  await page.locator('#w').screenshot({ path: join(SHOTS, 'alerts-widget-link.png') });
  await alertsLink.click();
  await page.waitForURL(/\/alerts\?/);
  assert.equal(new URL(page.url()).searchParams.get('area'), AREA);
  assert.equal(await page.getByLabel(AREA).isChecked(), true, "the widget's area is chosen");
  assert.equal(await page.getByLabel('Urgent appeals and warnings').isChecked(), true);
  assert.equal(await page.getByRole('link', { name: 'Privacy notice' }).getAttribute('href'), 'https://glanyrafon-police.example/privacy');
  await signUp(page, 'Resident@Example.org');
  const confirmation = await h.mail.arrival(to('resident@example.org'));
  assert.equal(confirmation.mail.subject, 'Confirm your alerts from Glanyrafon Police');
  await page.goto(link(confirmation.mail.text, '/alerts/confirm'));
  await page.getByRole('button', { name: 'Start my alerts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your alerts have started' }).waitFor();

  await publish({ id: 'news-no-alert', title: 'Litter pick on Saturday', category: 'news', area: AREA });
  await publish({ id: 'elsewhere', title: 'Appeal in another town', category: 'appeal', priority: 'urgent', area: 'Abermor' });
  await publish({ id: 'appeal-1', title: 'Missing person: Dylan, 14', summary: 'Last seen near the bridge at 6pm.', category: 'appeal', priority: 'urgent', area: AREA, reference: 'GP-2026-1204' });
  const alert = await h.mail.arrival((m) => to('resident@example.org')(m) && m.mail.subject === 'Missing person: Dylan, 14');
  assert.match(alert.mail.text, /Last seen near the bridge at 6pm\./);
  assert.match(alert.mail.text, /Reference: GP-2026-1204/);
  const url = alert.raw.match(/^List-Unsubscribe: <([^>]+)>/m)?.[1];
  assert.match(url, /\/alerts\/unsubscribe\?token=[0-9a-f]+$/);
  assert.match(alert.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
  // The alert as a mail program shows its HTML part.
  const shown = await context.newPage();
  await shown.setContent(alert.mail.html);
  await shown.screenshot({ path: join(SHOTS, 'alerts-received.png'), fullPage: true });
  await shown.close();
  assert.match(alert.mail.messageId, /^<a-[0-9a-f]+\.s-[0-9a-f]+@glanyrafon-police\.example>$/, "the run and the subscriber");

  // An edit sends nothing again; neither the news nor the other area's appeal was sent.
  await publish({ id: 'appeal-1', title: 'Missing person: Dylan, 14 (updated)', category: 'appeal', priority: 'urgent', area: AREA }, 'PUT');
  await publish({ id: 'appeal-2', title: 'Warning: rogue traders', category: 'warning', area: AREA });
  await h.mail.arrival((m) => to('resident@example.org')(m) && m.mail.subject === 'Warning: rogue traders');
  const subjects = h.mail.received.filter(to('resident@example.org')).map((m) => m.mail.subject);
  assert.deepEqual(subjects, ['Confirm your alerts from Glanyrafon Police', 'Missing person: Dylan, 14', 'Warning: rogue traders']);

  // One click, as a mail program does it: no cookie, no origin.
  const clicked = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  assert.equal(clicked.status, 200);
  await publish({ id: 'appeal-3', title: 'Appeal after unsubscribing', category: 'appeal', area: AREA });
  await publish({ id: 'marker', title: 'Marker', category: 'appeal', area: AREA });
  await signUp(page, 'marker@example.org');
  await h.mail.arrival(to('marker@example.org'));
  assert.equal(h.mail.received.filter(to('resident@example.org')).length, 3, 'nothing after the one click');
  await context.close();
});

test("a Welsh widget's link opens the Welsh page; a widget with alerts=\"off\" offers none", async () => {
  const page = await h.browser.newPage();
  const widgets = `<police-engage id="cy" src="${h.server.url}/v1/feed.json" lang="cy"></police-engage>`
    + `<police-engage id="off" src="${h.server.url}/v1/feed.json" alerts="off"></police-engage>`;
  await page.goto(h.host.page('/partner-alerts-cy.html', h.server.url, widgets));
  await until(async () => (await appLive(page, 'cy')) && appLive(page, 'off'));
  assert.equal(await page.locator('#off').getByRole('link', { name: 'Get alerts by email' }).count(), 0);
  const welsh = page.locator('#cy').getByRole('link', { name: 'Cael rhybuddion drwy e-bost' });
  await page.keyboard.press('Tab');
  await welsh.focus();
  const focused = await welsh.evaluate((a) => [getComputedStyle(a).backgroundColor, getComputedStyle(a).color]);
  assert.deepEqual(focused, ['rgb(255, 221, 0)', 'rgb(11, 12, 12)'], 'focused, it is black on yellow like every link');
  await welsh.click();
  await page.getByRole('heading', { level: 1, name: 'Cael rhybuddion drwy e-bost' }).waitFor();
  await page.close();
  const feed = await (await fetch(`${h.server.url}/v1/feed.json`)).json();
  assert.equal(feed._police.alerts_url, `${h.server.url}/alerts`);
});

test('a scheduled appeal alerts at its time; a withdrawn one never', async () => {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  await signUp(page, 'scheduled@example.org', { lang: 'cy' });
  const confirmation = await h.mail.arrival(to('scheduled@example.org'));
  assert.equal(confirmation.mail.headers.get('content-language'), 'cy');
  await page.goto(link(confirmation.mail.text, '/alerts/confirm'));
  await page.getByRole('button', { name: 'Dechrau fy rhybuddion' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mae eich rhybuddion wedi dechrau' }).waitFor();
  const inAnHour = new Date(Date.now() + 3600_000).toISOString();
  await publish({ id: 'later', title: 'Road closure appeal', category: 'appeal', area: AREA, date_published: inAnHour, cy: { title: 'Apêl cau ffordd' } });
  await publish({ id: 'withdrawn', title: 'Withdrawn appeal', category: 'appeal', area: AREA, date_published: inAnHour });
  assert.ok((await fetch(`${h.server.url}/v1/updates/withdrawn`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).ok);
  clock.advance(2 * 3600);
  const alert = await h.mail.arrival((m) => to('scheduled@example.org')(m) && m.mail.subject === 'Apêl cau ffordd', 20);
  assert.equal(alert.mail.headers.get('content-language'), 'cy');
  await signUp(page, 'marker2@example.org');
  await h.mail.arrival(to('marker2@example.org'));
  assert.ok(!h.mail.received.some((m) => /Withdrawn appeal/.test(m.mail.subject)), 'nothing for the withdrawn one');
  await context.close();
});

test('an address gets at most three sign-up mails a day, and the page says the same either way', async () => {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  const pages = [];
  for (let n = 0; n < 4; n += 1) {
    await signUp(page, 'target@example.org');
    pages.push(await page.locator('main').innerText());
  }
  assert.equal(new Set(pages).size, 1);
  await signUp(page, 'marker3@example.org');
  await h.mail.arrival(to('marker3@example.org'));
  assert.equal(h.mail.received.filter(to('target@example.org')).length, 3);
  await context.close();
});

test('the console shows who receives alerts by area and what each run sent, never the addresses; an admin erases one on request', async () => {
  const { context, page } = await signIn(PEOPLE.admin);
  await page.getByRole('link', { name: 'Updates' }).click();
  const section = page.getByRole('region', { name: 'Alerts by email' });
  const byArea = section.getByRole('table', { name: 'Residents receiving alerts, by area' });
  await byArea.getByRole('row', { name: `${AREA} 1` }).waitFor();
  const sent = section.getByRole('table', { name: 'Alerts sent' });
  assert.match(await sent.getByRole('row', { name: /Missing person: Dylan, 14/ }).innerText(), /\b1\b/);
  assert.equal(await section.getByText('scheduled@example.org').count(), 0, 'no addresses listed');
  await section.getByLabel('Email address').fill('Scheduled@Example.org');
  await section.getByRole('button', { name: 'Erase this address' }).click();
  await section.getByText('scheduled@example.org will receive no more alerts').waitFor();
  await byArea.getByText('No one has confirmed alerts yet.').waitFor();
  assert.deepEqual((await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations.map((v) => v.id), []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`the alerts pages, ${colorScheme}: no WCAG 2.2 AA violations in English and Welsh, a wrong address explained and kept`, async () => {
    const context = await h.browser.newContext({ colorScheme });
    const page = await context.newPage();
    const found = [];
    const check = async (name) => found.push(...(await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations.map((v) => `${name}: ${v.id}`));
    await page.goto(`${h.server.url}/alerts?lang=en`);
    await check('sign-up');
    await page.screenshot({ path: join(SHOTS, `alerts-sign-up-${colorScheme}.png`), fullPage: true });
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByRole('button', { name: 'Send me a confirmation link' }).click();
    await page.getByRole('alert').getByText('Enter an email address in the correct format').waitFor();
    assert.equal(await page.getByLabel('Email address').inputValue(), 'not-an-address');
    await check('sign-up error');
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cael rhybuddion drwy e-bost' }).waitFor();
    await check('cofrestru');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
    await context.close();
    assert.deepEqual(found, []);
  });
}
