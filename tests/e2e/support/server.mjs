// Starts the real police-engage-server on a free loopback port with its own
// database file, and stops it afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
const BINARY = process.env.POLICE_ENGAGE_SERVER || join(ROOT, 'target/debug/police-engage-server');

export const ADMIN_TOKEN = 'test-admin-token';
export const PASSWORD = 'correct horse battery staple';

/**
 * The server's clock, driven by the test: libfaketime (Debian's `faketime`)
 * reads the offset from a file at every call, so `advance(seconds)` moves
 * the server's wall clock on at once; its timers keep real time.
 */
export function drivenClock() {
  const file = join(mkdtempSync(join(tmpdir(), 'pe-clock-')), 'offset');
  let offset = 0;
  writeFileSync(file, '+0');
  return {
    env: {
      LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
      FAKETIME_TIMESTAMP_FILE: file,
      FAKETIME_NO_CACHE: '1',
      DONT_FAKE_MONOTONIC: '1',
    },
    advance(seconds) {
      offset += seconds;
      writeFileSync(file, `+${offset}`);
    },
  };
}

/**
 * Options: `args` (extra flags), `dir` (reuse a database folder, to restart
 * the same server), `port` (0: any free port), `site` (the folder it serves),
 * `env` (more environment, such as a driven clock: see `drivenClock`). Second
 * factors are not required unless `args` or `env` say so: the suites that are
 * not about them sign admins in with a password alone.
 */
export async function startServer({ args = [], dir = mkdtempSync(join(tmpdir(), 'pe-server-')), port = 0, site = ROOT, env = {} } = {}) {
  const child = spawn(BINARY, [
    '--listen', `127.0.0.1:${port}`,
    '--database', `sqlite://${join(dir, 'police-engage.db')}`,
    '--site-dir', site,
    '--admin-token', ADMIN_TOKEN,
    ...args,
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, POLICE_ENGAGE_REQUIRE_SECOND_FACTOR: 'none', ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise((resolvePromise, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 20000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/Serving the demo on (http:\/\/[^\s/]+)\//);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    dir,
    port: Number(new URL(url).port),
    /** Stored feedback, as the force's admin API lists it. */
    async feedback() {
      const response = await fetch(`${url}/v1/feedback`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return (await response.json()).items;
    },
    logs: () => stderr,
    /** `police-engage-server user add`, the password piped in as a script would. */
    addPerson(email, role) {
      const result = spawnSync(BINARY, ['user', 'add', email, '--role', role, '--database', `sqlite://${join(dir, 'police-engage.db')}`],
        { input: `${PASSWORD}\n`, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`user add failed: ${result.stderr}`);
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.on('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}
