// Starts the real police-engage-server on a free loopback port with its own
// database file, and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
const BINARY = process.env.POLICE_ENGAGE_SERVER || join(ROOT, 'target/debug/police-engage-server');

export async function startServer(extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'pe-server-'));
  const child = spawn(BINARY, [
    '--listen', '127.0.0.1:0',
    '--database', `sqlite://${join(dir, 'police-engage.db')}`,
    '--site-dir', ROOT,
    '--admin-token', 'test-admin-token',
    ...extraArgs,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    logs: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
