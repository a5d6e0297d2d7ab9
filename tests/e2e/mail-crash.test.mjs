// The outbox under a crash: an urgent appeal alerted to thousands of
// residents, the server SIGKILLed while it sends the run, started again on
// the same database; every alert arrives, and any sent twice (handed to the
// mail server, not yet marked, when the process died) is counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN_TOKEN, drivenClock, ROOT, startServer } from './support/server.mjs';
import { startMailServer } from './support/smtp.mjs';
import { until } from './support/wait.mjs';

const ALERTS = 5_000;
const AREA = 'Cwm Hyfryd';
// Built with the tests (`cargo test --no-run` builds the examples).
const SEED = join(ROOT, 'target/debug/examples/seed_subscribers');

test(`an alert run of ${ALERTS}, the server killed while sending it and started again: every alert arrives once at least`, async () => {
  const mail = await startMailServer();
  const clock = drivenClock();
  const args = ['--no-samples', '--smtp-url', mail.url];
  let server = await startServer({ args, env: clock.env });
  const seeded = spawnSync(SEED, [`sqlite://${join(server.dir, 'police-engage.db')}`, String(ALERTS), AREA], { encoding: 'utf8' });
  assert.equal(seeded.status, 0, seeded.stderr);
  const published = await fetch(`${server.url}/v1/updates`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'crash-appeal', title: 'Missing person: Ffion, 9', category: 'appeal', priority: 'urgent', area: AREA }),
  });
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
  // At most what was handed over and not yet marked: two rounds of the
  // sixteen connections (`--smtp-connections`' default) at once.
  assert.ok(twice <= 32, `sent twice only what was in flight (${twice})`);
  await server.stop();
  await mail.close();
});
