// An SMTP server for bench/alerts.sh: accepts every message (npm
// `smtp-server`, no parsing) and prints, as they happen, the time the first
// one was accepted and the time the COUNT-th was, in Unix milliseconds:
//   node bench/smtp-sink.mjs PORT COUNT  →  "first MS", then "last MS N"
import { SMTPServer } from 'smtp-server';

const [port, count] = process.argv.slice(2).map(Number);
const ids = new Set();
let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk) => { if (head.length < 4096) head += chunk; });
    stream.on('end', () => {
      accepted += 1;
      ids.add(head.match(/^Message-ID: (.*)$/im)?.[1]);
      if (accepted === 1) console.log(`first ${Date.now()}`);
      if (ids.size === count) console.log(`last ${Date.now()} ${accepted - ids.size}`);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => console.log('listening'));
