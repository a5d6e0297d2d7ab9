// The demo with a local OpenID provider standing in for the force's Entra
// ID (`make demo-sso`): the provider on 127.0.0.1:8081, its login page
// taking any password, the login name picking the person; then the demo
// server, signing staff in through it. Extra arguments go to the server.
import { spawn } from 'node:child_process';
import { CLIENT_ID, CLIENT_SECRET, startProvider } from '../tests/e2e/support/oidc.mjs';

const DOMAIN = 'glanyrafon-police.example';
const NAME = 'Demo force account';
const person = (name, roles) => ({ email: `${name}@${DOMAIN}`, email_verified: true, roles });
const provider = await startProvider({
  admin: person('admin', ['police-engage.admin']),
  editor: person('editor', ['police-engage.editor']),
  responder: person('responder', ['police-engage.responder']),
  visitor: person('visitor', []),
}, { port: 8081 });
const site = 'http://127.0.0.1:8080';
provider.register(`${site}/v1/session/oidc/callback`, `${site.replace('127.0.0.1', 'localhost')}/v1/session/oidc/callback`);
console.log(`OpenID provider for the demo at ${provider.issuer}.`);
console.log(`At ${site}/console/ choose "Sign in with ${NAME}", then log in as admin, editor or responder with any password (visitor has no role, and is refused).`);

const server = spawn('target/server/police-engage-server', [
  'serve', '--smtp-url', 'file:data/mail', '--oidc-issuer', provider.issuer, '--oidc-client-id', CLIENT_ID, '--oidc-name', NAME, ...process.argv.slice(2),
], { stdio: 'inherit', env: { ...process.env, POLICE_ENGAGE_OIDC_CLIENT_SECRET: CLIENT_SECRET } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => {
  provider.close();
  process.exit(code ?? 0);
});
