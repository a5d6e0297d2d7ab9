// A real SMTP server on loopback (npm `smtp-server`), keeping every message
// it accepts, parsed with `mailparser`, for the tests to read. It can be
// told to answer the next few messages `451` (try again later), and it
// refuses for good (`550`) any address at `refused.example`.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { until } from './wait.mjs';

/** `delay`: milliseconds each message takes to be accepted, as a busy relay's do. */
export async function startMailServer({ delay = 0 } = {}) {
  const received = [];
  let refusals = 0;
  // While held, messages wait to be accepted until `release()`.
  let held = null;
  let waiting = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refused.example')) {
        return callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', async () => {
        if (refusals > 0) {
          refusals -= 1;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        if (held) {
          waiting += 1;
          await held.promise;
          waiting -= 1;
        }
        if (delay) await new Promise((r) => setTimeout(r, delay));
        const raw = Buffer.concat(chunks);
        received.push({ raw: raw.toString(), mail: await simpleParser(raw), to: session.envelope.rcptTo.map((r) => r.address) });
        return callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    received,
    /** Messages wait, unaccepted, from now until `release()`. */
    hold() { let release; held = { promise: new Promise((r) => { release = r; }), release }; },
    release() { held?.release(); held = null; },
    /** How many messages are waiting on `hold()`. */
    waiting: () => waiting,
    /** The next `n` messages are answered 451. */
    refuse(n) { refusals = n; },
    /** The first message received that `test` accepts, waiting up to `seconds`. */
    async arrival(test, seconds = 10) {
      const found = await until(() => received.find(test), seconds);
      if (!found) throw new Error(`no such message arrived; received: ${received.map((r) => r.mail.subject).join(' | ')}`);
      return found;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
