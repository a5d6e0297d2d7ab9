// Mail against a real SMTP server on loopback (npm `smtp-server`), read as
// it arrived: a responder's reply from the console, in the resident's
// language, quoting what they wrote; an answer given another way; the
// response promise on the submission; a server that answers 451 first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser } from './support/browser.mjs';
import { consoleHelpers, PEOPLE } from './support/console.mjs';
import { ADMIN_TOKEN, drivenClock, ROOT, startServer } from './support/server.mjs';
import { startMailServer } from './support/smtp.mjs';
import { until } from './support/wait.mjs';

const SHOTS = join(ROOT, 'test-results/screenshots');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FORCE_MAILBOX = 'contact@glanyrafon-police.example';

const h = {};
const clock = drivenClock();
const { signIn } = consoleHelpers(h);
before(async () => {
  h.mail = await startMailServer();
  h.server = await startServer({
    args: ['--no-samples', '--smtp-url', h.mail.url, '--reply-to', `Glanyrafon Police <${FORCE_MAILBOX}>`],
    env: clock.env,
  });
  h.browser = await launchBrowser();
});
after(async () => {
  await h.browser?.close();
  await h.server?.stop();
  await h.mail?.close();
});

let written = 0;
/** A resident writes in, asking to be contacted; the reference. */
async function residentWrites(message, { lang = 'en', email = 'resident@example.org' } = {}) {
  const response = await fetch(`${h.server.url}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: h.server.url },
    body: JSON.stringify({ message, name: 'Rhian', email, contact_consent: true, lang, page: `${h.server.url}/`, key: `key-${Date.now()}-${(written += 1)}` }),
  });
  assert.equal(response.status, 201);
  return (await response.json()).id;
}

const metrics = async () => (await fetch(`${h.server.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();

async function open(page, id) {
  await page.goto(`${h.server.url}/console/feedback/${id}`);
  await page.getByRole('heading', { level: 2, name: 'Answers to the resident' }).waitFor();
}

test("a responder's reply goes by email in the resident's language, quoting them, and is recorded against the promise", async () => {
  const id = await residentWrites('Mae rhywun yn gyrru\'n rhy gyflym ar Stryd y Bont <bob nos>.', { lang: 'cy', email: 'rhian@example.org' });
  const { context, page, errors } = await signIn(PEOPLE.responder);
  await open(page, id);
  await page.getByText('An answer is due by').waitFor();
  await page.getByLabel('Your reply').fill('Diolch, Rhian. Bydd swyddog yn ymweld â Stryd y Bont yr wythnos hon. <script>window.pwned = 1</script>');
  await page.screenshot({ path: join(SHOTS, 'mail-reply-form.png'), fullPage: true });
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByText('First answered').waitFor();

  const { mail, raw, to } = await h.mail.arrival((m) => m.to.includes('rhian@example.org'));
  assert.deepEqual(to, ['rhian@example.org']);
  assert.equal(mail.from.value[0].address, 'engage@glanyrafon-police.example');
  assert.equal(mail.replyTo.value[0].address, FORCE_MAILBOX);
  assert.equal(mail.headers.get('content-language'), 'cy');
  assert.match(mail.messageId, /^<m-[0-9a-f]+@glanyrafon-police\.example>$/);
  assert.equal(mail.subject, `Eich neges i Glanyrafon Police, cyfeirnod ${id}`);
  assert.match(mail.text, /^Diolch, Rhian\. Bydd swyddog/);
  assert.match(mail.text, /Ysgrifennoch atom ar .* \(cyfeirnod /);
  assert.match(mail.text, /> Mae rhywun yn gyrru'n rhy gyflym ar Stryd y Bont <bob nos>\./);
  assert.ok(mail.html.includes('&lt;script&gt;'), 'what was typed is text in the HTML part');
  assert.ok(!mail.html.includes('<script>') && !raw.includes('<script>window'), 'never markup');

  // The mail arrives a moment before the server marks it sent.
  assert.ok(await until(async () => (await fetch(`${h.server.url}/v1/inbox/${id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    .then((r) => r.json())).answers[0].delivery === 'sent'), 'the reply marked sent');
  await page.reload();
  await page.getByText(/by email \(sent\)/).waitFor();
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(errors, []);
  const history = (await (await fetch(`${h.server.url}/v1/audit`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()).entries;
  assert.ok(history.some((e) => e.action === 'reply_sent' && e.target === id));
  const counted = await metrics();
  assert.match(counted, /police_engage_mail_total\{event="queued"\} [1-9]/);
  assert.match(counted, /police_engage_mail_total\{event="sent"\} [1-9]/);
  await context.close();
});

test('an SMTP server that answers 451 first gets the message once, when the retry comes', async () => {
  const id = await residentWrites('Please call me about the stolen bike.', { email: 'bike@example.org' });
  const { context, page } = await signIn(PEOPLE.responder);
  await open(page, id);
  h.mail.refuse(1);
  await page.getByLabel('Your reply').fill('We have found a bike that may be yours.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByText(/by email \(waiting to send\)/).waitFor();
  // Once refused, the retry is due ten seconds on: the server's clock is moved on, not waited for.
  assert.ok(await until(async () => /police_engage_mail_total\{event="retried"\} 1/.test(await metrics())), 'refused once');
  clock.advance(15);
  const { mail } = await h.mail.arrival((m) => m.to.includes('bike@example.org'));
  assert.match(mail.text, /We have found a bike/);
  await page.reload();
  await page.getByText(/by email \(sent\)/).waitFor();
  assert.equal(h.mail.received.filter((m) => m.to.includes('bike@example.org')).length, 1, 'once');
  await context.close();
});

test('a reply the mail server refuses for good is marked not delivered, and admins see the server\'s answer', async () => {
  const id = await residentWrites('Please write back.', { email: 'nobody@refused.example' });
  const { context, page } = await signIn(PEOPLE.responder);
  await open(page, id);
  await page.getByLabel('Your reply').fill('Here is our answer.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByText('First answered').waitFor();
  // Shown as it stands when the page loads: loaded again until the refusal is in.
  const refused = page.getByText(/by email \(not delivered\)/);
  await until(async () => {
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Answers to the resident' }).waitFor();
    return refused.count();
  });
  await refused.waitFor();
  await context.close();
  const admin = await signIn(PEOPLE.admin);
  await admin.page.getByRole('link', { name: 'Audit log' }).click();
  const undelivered = admin.page.getByRole('region', { name: 'Mail not delivered' });
  await undelivered.getByText('nobody@refused.example').waitFor();
  await undelivered.getByText(/No such mailbox here/).waitFor();
  assert.deepEqual((await new AxeBuilder({ page: admin.page }).withTags(TAGS).analyze()).violations.map((v) => v.id), []);
  await admin.context.close();
});

test('an answer given another way is recorded, and a resident who did not ask to be contacted gets no reply form', async () => {
  const id = await residentWrites('The streetlight outside number 4 is out.', { email: 'light@example.org' });
  const { context, page } = await signIn(PEOPLE.responder);
  await open(page, id);
  await page.getByText('Record an answer given another way').click();
  await page.getByLabel('What was said, and how').fill('Phoned Rhian: the council will fix the light.');
  await page.getByRole('button', { name: 'Record answer' }).click();
  await page.getByText(/given another way/).last().waitFor();
  await page.getByText('First answered').waitFor();
  assert.deepEqual((await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations.map((v) => v.id), []);

  const quiet = await fetch(`${h.server.url}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: h.server.url },
    body: JSON.stringify({ message: 'No need to reply.', lang: 'en', contact_consent: false, page: `${h.server.url}/`, key: `key-quiet-${Date.now()}` }),
  });
  await open(page, (await quiet.json()).id);
  assert.equal(await page.getByLabel('Your reply').count(), 0);
  assert.equal(await page.getByText('An answer is due by').count(), 0);
  await context.close();
});

test('the response promise: past --response-hours unanswered, a submission is Overdue, counted and filtered, until answered', async () => {
  const id = await residentWrites('Nobody has called me back about the burglary.', { email: 'waiting@example.org' });
  clock.advance(73 * 60 * 60);
  const { context, page } = await signIn(PEOPLE.responder);
  const overdueTab = page.getByRole('link', { name: /^Overdue \(\d+\)$/ });
  await overdueTab.waitFor();
  const before = Number((await overdueTab.innerText()).match(/\((\d+)\)/)[1]);
  assert.ok(before >= 1);
  await overdueTab.click();
  const row = page.getByRole('row', { name: new RegExp(id) });
  await row.getByText('Overdue').waitFor();
  await row.getByRole('link', { name: id }).click();
  await page.getByText('An answer was due by').waitFor();
  await page.getByLabel('Your reply').fill('We are sorry for the wait: an officer will call you today.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByText('First answered').waitFor();
  await page.getByRole('link', { name: 'Back to feedback' }).click();
  await page.getByRole('link', { name: `Overdue (${before - 1})` }).waitFor();

  // Insight: this week's residents due an answer, and how many had one in time.
  await page.getByRole('link', { name: 'Insight' }).click();
  const promise = page.locator('#promise');
  await promise.getByText('Show as a table').click();
  const rows = await promise.locator('tbody tr').allInnerTexts();
  const weeks = rows.map((r) => r.split('\t').map((c) => c.trim()));
  const due = weeks.reduce((n, w) => n + Number(w[1]), 0);
  const inTime = weeks.reduce((n, w) => n + Number(w[2]), 0);
  assert.ok(due >= 4 && inTime < due, `due ${due}, in time ${inTime}: the overdue one was late`);
  assert.ok(weeks.some((w) => /hours$/.test(w[3])), 'a median time to an answer');
  await context.close();
});
