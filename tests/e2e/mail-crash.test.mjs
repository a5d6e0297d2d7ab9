// The outbox under a crash: thousands of replies queued, the server
// SIGKILLed while it sends them, started again on the same database; every
// message arrives, and any sent twice (handed to the mail server, not yet
// marked, when the process died) is counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drivenClock, PASSWORD, startServer } from './support/server.mjs';
import { startMailServer } from './support/smtp.mjs';
import { until } from './support/wait.mjs';

const MESSAGES = 500;

test(`${MESSAGES} replies, the server killed while sending them and started again: every one arrives`, async () => {
  const mail = await startMailServer({ delay: 2 });
  const clock = drivenClock();
  const args = ['--no-samples', '--smtp-url', mail.url];
  let server = await startServer({ args, env: clock.env });
  server.addPerson('r@force.example', 'responder');
  const post = (path, body, headers = {}) => fetch(`${server.url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, ...headers }, body: JSON.stringify(body),
  });
  const written = await post('/v1/feedback', { message: 'Please write back', email: 'many@example.org', contact_consent: true, lang: 'en', page: `${server.url}/`, key: 'key-crash-test' });
  const { id } = await written.json();
  const signedIn = await post('/v1/session', { email: 'r@force.example', password: PASSWORD });
  const cookie = signedIn.headers.get('set-cookie').split(';')[0];
  mail.hold();
  for (let n = 0; n < MESSAGES; n += 1) {
    const sent = await post(`/v1/inbox/${id}/reply`, { body: `Reply number ${n}` }, { cookie });
    assert.equal(sent.status, 200);
  }
  // Killed part of the way through sending.
  mail.release();
  assert.ok(await until(() => mail.received.length >= MESSAGES / 5, 60), 'sending started');
  await server.stop('SIGKILL');
  const before = mail.received.length;
  assert.ok(before < MESSAGES, `killed before the end (${before} arrived)`);

  server = await startServer({ args, dir: server.dir, port: server.port, env: clock.env });
  // What was claimed when it died is taken again once its lease is over.
  clock.advance(120);
  assert.ok(await until(() => new Set(mail.received.map((m) => m.mail.messageId)).size === MESSAGES, 120), 'every message arrived');
  const ids = mail.received.map((m) => m.mail.messageId);
  const twice = ids.length - new Set(ids).size;
  const bodies = new Set(mail.received.map((m) => m.mail.text.split('\n')[0]));
  assert.equal(bodies.size, MESSAGES, 'each reply, by what it says');
  console.log(`crash: ${before} of ${MESSAGES} had arrived when the server was killed; all ${MESSAGES} arrived after the restart; ${twice} sent twice`);
  // At most what was handed over and not yet marked: two rounds of eight at once.
  assert.ok(twice <= 16, `sent twice only what was in flight (${twice})`);
  await server.stop();
  await mail.close();
});
