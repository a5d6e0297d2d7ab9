// The outbox under a crash: an urgent appeal alerted to thousands of
// residents, the server SIGKILLed while it sends the run, started again on
// the same database; every alert arrives, and any sent twice (handed to the
// mail server, not yet marked, when the process died) is counted. And an
// appeal withdrawn in the middle of its run sends nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN_TOKEN, drivenClock, ROOT, startServer } from './support/server.mjs';
import { startMailServer } from './support/smtp.mjs';
import { until } from './support/wait.mjs';

const ALERTS = 5_000;
const CONNECTIONS = 64;
const AREA = 'Cwm Hyfryd';
// Built with the tests (`cargo test --no-run` builds the examples).
const SEED = join(ROOT, 'target/debug/examples/seed_subscribers');
const seed = (server, count) => {
  const seeded = spawnSync(SEED, [`sqlite://${join(server.dir, 'police-engage.db')}`, String(count), AREA], { encoding: 'utf8' });
  assert.equal(seeded.status, 0, seeded.stderr);
};
const publish = (server, update, method = 'POST') => fetch(`${server.url}/v1/updates${method === 'POST' ? '' : `/${update.id}`}`, {
  method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(update),
});

test(`an alert run of ${ALERTS}, the server killed while sending it and started again: every alert arrives once at least`, async () => {
  const mail = await startMailServer();
  const clock = drivenClock();
  // Many connections, so the run is sent in seconds (docs/performance.md: each
  // carries about 13 alerts a second).
  const args = ['--no-samples', '--smtp-url', mail.url, '--smtp-connections', String(CONNECTIONS)];
  let server = await startServer({ args, env: clock.env });
  seed(server, ALERTS);
  const published = await publish(server, { id: 'crash-appeal', title: 'Missing person: Ffion, 9', category: 'appeal', priority: 'urgent', area: AREA });
  assert.equal(published.status, 201, await published.text());
  // Killed part of the way through sending.
  assert.ok(await until(() => mail.received.length >= ALERTS / 5, 60), 'sending started');
  await server.stop('SIGKILL');
  const before = mail.received.length;
  assert.ok(before < ALERTS, `killed before the end (${before} arrived)`);

  server = await startServer({ args, dir: server.dir, port: server.port, env: clock.env });
  // What was claimed when it died is taken again once its lease is over.
  clock.advance(120);
  const recipients = () => new Set(mail.received.flatMap((m) => m.to));
  assert.ok(await until(() => recipients().size === ALERTS, 120), `every resident's alert arrived (${recipients().size})`);
  const ids = mail.received.map((m) => m.mail.messageId);
  const twice = ids.length - new Set(ids).size;
  assert.equal(new Set(ids).size, ALERTS, 'one Message-ID per resident, the same when sent again');
  assert.ok(mail.received.every((m) => /Ffion/.test(m.mail.subject)), 'each is the appeal');
  console.log(`crash: ${before} of ${ALERTS} alerts had arrived when the server was killed; all ${ALERTS} arrived after the restart; ${twice} sent twice`);
  // At most what was handed over and not yet marked: as many as there are
  // connections at once, as many waiting to be marked and as many being marked.
  assert.ok(twice <= 3 * CONNECTIONS, `sent twice only what was in flight (${twice})`);
  await server.stop();
  await mail.close();
});

test('an appeal withdrawn in the middle of its run: the alerts not yet sent are not sent', async () => {
  const mail = await startMailServer();
  // One connection, so the run is still going when the appeal is withdrawn.
  const server = await startServer({ args: ['--no-samples', '--smtp-url', mail.url, '--smtp-connections', '1'] });
  seed(server, 200);
  mail.hold();
  assert.equal((await publish(server, { id: 'mistake', title: 'Appeal published in error', category: 'appeal', area: AREA })).status, 201);
  // The first batch (four, one connection's rounds) is claimed and waits on the mail server.
  assert.ok(await until(() => mail.waiting() > 0, 10), 'the run started');
  assert.ok((await fetch(`${server.url}/v1/updates/mistake`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).ok);
  mail.release();
  const metrics = async () => (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
  const notSent = async () => Number((await metrics()).match(/police_engage_mail_total\{event="not_sent"\} (\d+)/)?.[1] ?? 0);
  assert.ok(await until(async () => mail.received.length + await notSent() === 200, 30), 'every alert sent or stopped');
  assert.ok(mail.received.length <= 8, `only what was already handed over went (${mail.received.length})`);
  await server.stop();
  await mail.close();
});
