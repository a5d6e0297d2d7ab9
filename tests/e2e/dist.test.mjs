// The release build: hashed files cached for a year, a short-lived loader
// that checks their integrity, the snippet with its own integrity, npm pack.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './support/browser.mjs';
import { startFeedHost } from './support/feed-host.mjs';
import { ROOT, startServer } from './support/server.mjs';
import { until } from './support/wait.mjs';

test('dist: the pasted snippet loads the widget with integrity; tampered files are refused', async () => {
  const dist = join(mkdtempSync(join(tmpdir(), 'pe-dist-')), 'dist');
  const out = execFileSync(join(ROOT, 'scripts/dist.sh'), { env: { ...process.env, DIST: dist }, encoding: 'utf8' });
  const end = '</police-engage>';
  const snippet = out.slice(out.indexOf('<script'), out.indexOf(end) + end.length);
  const integrity = snippet.match(/integrity="(sha384-[^"]+)"/)[1];
  const loader = snippet.match(/widget\/(police-engage\.[0-9a-f]{8}\.js)"/)[1];
  assert.match(out.slice(out.indexOf(end)), /src="https:\/\/FORCE-HOST\/widget\/police-engage\.js"><\/script>/, 'the form that follows releases');
  const [glue] = readdirSync(join(dist, 'pkg')).filter((f) => f.endsWith('.js'));
  const [wasm] = readdirSync(join(dist, 'pkg')).filter((f) => f.endsWith('.wasm'));
  assert.match(wasm, /^police_engage_bg\.[0-9a-f]{8}\.wasm$/);
  const packed = execFileSync('tar', ['tzf', join(dist, 'police-engage-0.1.0.tgz')], { encoding: 'utf8' });
  assert.match(packed, new RegExp(`package/pkg/${wasm.replace('.', '\\.')}`));
  assert.match(packed, /package\/police-engage\.js/);

  const server = await startServer({ site: dist });
  const host = await startFeedHost();
  const browser = await launchBrowser();
  try {
    const stable = await fetch(`${server.url}/widget/police-engage.js`);
    assert.equal(stable.headers.get('cache-control'), 'public, max-age=300');
    const pinned = await fetch(`${server.url}/widget/${loader}`);
    assert.equal(pinned.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await pinned.text(), await stable.text(), 'this release under its own name');
    const hashed = await fetch(`${server.url}/widget/pkg/${wasm}`);
    assert.equal(hashed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(hashed.headers.get('content-type'), 'application/wasm');
    const embed = await (await fetch(`${server.url}/v1/embed`)).json();
    assert.deepEqual(embed.pinned, { url: `${server.url}/widget/${loader}`, integrity }, 'the embed builder pins the same release as the snippet dist.sh prints');

    const pasted = snippet.replaceAll('https://FORCE-HOST', server.url);
    const url = host.page('/pasted.html', null, '', { body: pasted });
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('police-engage .pe-card').first().waitFor();
    assert.equal(await page.locator('script[integrity]').getAttribute('integrity'), integrity);
    await page.close();

    // A browser without modulepreload (Safari before 17) fires no event for
    // the preload: it must still start the widget, not wait for ever.
    const older = await browser.newPage();
    await older.addInitScript(() => {
      const supports = DOMTokenList.prototype.supports;
      DOMTokenList.prototype.supports = function (token) { return token !== 'modulepreload' && supports.call(this, token); };
      // Such a link then loads nothing and says nothing.
      const append = Element.prototype.append;
      Element.prototype.append = function (...nodes) {
        return append.apply(this, nodes.filter((n) => !(n instanceof HTMLLinkElement && n.rel === 'modulepreload')));
      };
    });
    await older.goto(url);
    assert.ok(await until(() => older.evaluate(() => performance.getEntriesByName('police-engage:wasm').length === 1)));
    await older.close();

    // Each file the loader loads is checked: a swapped one does not run, and
    // what the resident reads stays (the server's first view, without the wasm).
    const tamper = async (file, change) => {
      const bytes = readFileSync(file);
      writeFileSync(file, change(Buffer.from(bytes)));
      const tampered = await browser.newPage();
      const errors = [];
      tampered.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await tampered.goto(url);
      assert.ok(await until(() => errors.some((e) => /integrity/i.test(e))), errors.join('\n'));
      assert.equal(await tampered.evaluate(() => performance.getEntriesByName('police-engage:wasm').length), 0, `a tampered ${file} must not run`);
      assert.equal(await tampered.evaluate(() => globalThis.tampered), undefined);
      assert.ok(await tampered.locator('police-engage .pe-card').count() > 0);
      await tampered.close();
      writeFileSync(file, bytes);
    };
    await tamper(join(dist, 'pkg', glue), (bytes) => Buffer.concat([bytes, Buffer.from(';globalThis.tampered = true;')]));
    await tamper(join(dist, 'pkg', wasm), (bytes) => {
      bytes[bytes.length - 1] ^= 0xff;
      return bytes;
    });
  } finally {
    await browser.close();
    await host.close();
    await server.stop();
  }
});
