// The browser half of scripts/cache-in-front.sh: a partner page (on its own
// origin) embeds the widget through the nginx cache at PROXY; once to fill the
// cache, then, with the server (PID) stopped, again from a cold browser: the
// updates still show, and feedback is kept by the widget to send later.
// Usage: node scripts/cache-in-front.mjs PROXY PID
import { createServer } from 'node:http';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';

const [proxy, pid] = process.argv.slice(2);
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner page</title>
<script type="module" src="${proxy}/widget/police-engage.js"></script></head>
<body><main><h1>Community safety</h1><police-engage id="w" src="${proxy}/v1/feed.json"></police-engage></main></body></html>`;
const partner = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
await new Promise((r) => partner.listen(0, '127.0.0.1', r));
const partnerUrl = `http://127.0.0.1:${partner.address().port}/`;
const browser = await launchBrowser();

async function titles() {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(partnerUrl);
  await tab.locator('#w .pe-card').first().waitFor({ timeout: 15_000 });
  return { context, tab, titles: await tab.locator('#w .pe-title').allTextContents() };
}

const before = await titles();
await before.context.close();
console.log(`widget, origin up:                ${before.titles.length} updates shown`);

process.kill(Number(pid));
for (let tries = 0; tries < 50; tries += 1) {
  try { process.kill(Number(pid), 0); } catch { break; }
  await new Promise((r) => setTimeout(r, 100));
}
console.log('origin stopped');

const after = await titles();
const same = JSON.stringify(after.titles) === JSON.stringify(before.titles);
console.log(`widget, origin down, cold browser: ${after.titles.length} updates shown, ${same ? 'the same' : 'DIFFERENT'}`);
const widget = after.tab.locator('#w');
await widget.getByRole('button', { name: 'Tell us what you think', exact: true }).click();
await widget.locator('#pe-message').fill('Sent while the force server was down.');
await widget.getByRole('button', { name: 'Send feedback' }).click();
await widget.locator('.pe-panel-saved').waitFor({ timeout: 15_000 });
const kept = await after.tab.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('outbox')).length);
console.log(`feedback, origin down:            "${(await widget.locator('.pe-panel-saved .pe-panel-title').textContent()).trim()}", ${kept} outbox entry kept in the browser`);
await browser.close();
partner.close();
if (!same || after.titles.length === 0 || kept === 0) process.exit(1);
