// A real SMTP server on loopback (npm `smtp-server`), keeping every message
// it accepts, parsed with `mailparser`, for the tests to read. It can be
// told to answer the next few messages `451` (try again later), and it
// refuses for good (`550`) any address at `refused.example`.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { until } from './wait.mjs';

export async function startMailServer() {
  const received = [];
  let refusals = 0;
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
