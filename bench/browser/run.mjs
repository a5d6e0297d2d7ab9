// Browser benchmark: the widget against a plain-JavaScript baseline
// (bench/browser/baseline.js) rendering the same feed, and against Isso (a
// comment widget that renders everything from JavaScript, its own server
// holding as many comments), in one run, in headless Chromium; the widget and
// the baseline read the real server's feed (which also serves the widget
// and its first view). As on every real partner's page, the page is
// on one origin and the widget, the baseline script and the feed on another
// (the force's); SAME_ORIGIN=1 puts them all on one, as the demo page has it. For feed pages of 5, 50 and 100 items: first
// update painted after navigation (cold and warm cache), the app live (the
// wasm's app in place, or the baseline's first paint), wasm compile +
// instantiate, one poll that brings a new item, and JS heap + wasm memory
// after load. Prints medians and ratios to the baseline. Run after
// `make widget console`: node bench/browser/run.mjs [runs]
// LOADER=demo serves the widget's files as `make demo` does, not as a release.
// LATENCY_MS=150 adds that round-trip latency to every request (a phone network).
// PROFILE=mobile is Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s
// down, 750 kbit/s up, the CPU slowed 4x. Also printed: the bytes received
// before the first update, the layout shift until the app is live, and the
// waterfall's marks (when the script, the first view, the theme and the
// feed had arrived, and the first update was painted).
import { createServer, request as forward } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../../tests/e2e/support/browser.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = Number(process.argv[2] || 5);
const MOBILE = process.env.PROFILE === 'mobile';
const SAME_ORIGIN = process.env.SAME_ORIGIN === '1';
const LATENCY_MS = MOBILE ? 150 : Number(process.env.LATENCY_MS || 0);
/** Network conditions for CDP: bytes per second, -1 unthrottled. */
const NETWORK = MOBILE
  ? { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 }
  : { latency: LATENCY_MS, downloadThroughput: -1, uploadThroughput: -1 };
const CPU_SLOWDOWN = MOBILE ? 4 : 1;
/** Feed pages of these many items (the server's largest page is 100). */
const SIZES = [5, 50, 100];

// The real server (its release build) serves the loader, the wasm, the feed
// and the first view from a database of its own holding the bench's
// updates. Its widget files are a release's (`scripts/dist.sh`: hashed
// names cached for a year, the loader minified and checking integrity), or
// with LOADER=demo the demo's (www/ and pkg/ as `make demo` serves them).
const DEMO_LOADER = process.env.LOADER === 'demo';
const built = spawnSync('cargo', ['build', '--profile', 'server', '-q', '-p', 'police-engage-server'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
process.env.POLICE_ENGAGE_SERVER = join(ROOT, 'target/server/police-engage-server');
const { startServer, ADMIN_TOKEN } = await import('../../tests/e2e/support/server.mjs');
const site = DEMO_LOADER ? ROOT : mkdtempSync(join(tmpdir(), 'pe-bench-site-'));
if (!DEMO_LOADER) execFileSync(join(ROOT, 'scripts/dist.sh'), { cwd: ROOT, env: { ...process.env, DIST: site }, stdio: 'ignore' });
const real = await startServer({ args: ['--no-samples'], site });

async function admin(method, path, body) {
  const response = await fetch(`${real.url}${path}`, {
    method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

// The bench's updates, an hour apart.
const now = Date.now();
for (let i = 99; i >= 0; i -= 1) {
  await admin('POST', '/v1/updates', {
    id: `item-${100 - i}`,
    url: `https://police.example/news/${100 - i}`,
    title: `Update ${100 - i}: appeal for witnesses after an incident on the high street`,
    summary: 'Officers are appealing for witnesses after an incident on the high street on Saturday evening. Call 101 quoting the reference.',
    date_published: new Date(now - i * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    category: ['news', 'appeal', 'warning', 'success', 'event'][i % 5],
    reference: `REF-${i}`,
  });
}

// The baseline minified and compressed, as the server sends the widget's files.
const baseline = execFileSync(join(ROOT, 'scripts/minify.sh'), ['js'], { input: readFileSync(join(ROOT, 'bench/browser/baseline.js')) });
const baselineIn = { br: brotliCompressSync(baseline), gzip: gzipSync(baseline, { level: 9 }) };

// The force's origin: the baseline script from here, everything else passed
// to the real server. It adds `Timing-Allow-Origin`, which the real server
// does not send, so the partner's page can read the sizes and times of what
// it fetched from here (a partner measuring its own page would need the same).
const upstream = new URL(real.url);
function force(req, res) {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/baseline.js') {
    const coding = ['br', 'gzip'].find((c) => (req.headers['accept-encoding'] ?? '').includes(c));
    const headers = {
      'content-type': 'text/javascript', 'cache-control': 'max-age=3600', vary: 'accept-encoding', 'timing-allow-origin': '*', 'access-control-allow-origin': '*',
    };
    res.writeHead(200, coding ? { ...headers, 'content-encoding': coding } : headers);
    return res.end(coding ? baselineIn[coding] : baseline);
  }
  const headers = { ...req.headers, host: upstream.host };
  req.pipe(forward({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode, { ...answer.headers, 'timing-allow-origin': '*' });
    answer.pipe(res);
  }));
}
const listen = async (handler, port = 0) => {
  const server = createServer(handler);
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return server;
};
const forceServer = await listen(force);
const forceOrigin = `http://localhost:${forceServer.address().port}`;

// Isso 0.13.0 (pip, in a virtualenv under target/), its own server on its
// own origin holding as many comments as each feed page has updates, behind
// a proxy that compresses as the nginx in front of a real one would and adds
// `Timing-Allow-Origin` as the force's does.
const ISSO_VERSION = '0.13.0';
const venv = join(ROOT, 'target/isso-venv');
if (!existsSync(join(venv, 'bin/isso'))) {
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(join(venv, 'bin/pip'), ['install', '-q', `isso==${ISSO_VERSION}`], { stdio: 'inherit' });
}
const issoDir = mkdtempSync(join(tmpdir(), 'pe-bench-isso-'));
const freePort = async () => { const server = await listen(() => {}); const { port } = server.address(); server.close(); return port; };
const issoPort = await freePort();
const pagePort = await freePort();
writeFileSync(join(issoDir, 'isso.cfg'), `[general]\ndbpath = ${issoDir}/comments.db\nhost = http://127.0.0.1:${pagePort}/\n[server]\nlisten = http://127.0.0.1:${issoPort}/\n[guard]\nenabled = false\n[moderation]\nenabled = false\n`);
const isso = spawn(join(venv, 'bin/isso'), ['-c', join(issoDir, 'isso.cfg'), 'run'], { stdio: 'ignore' });
for (let tries = 0; !(await fetch(`http://127.0.0.1:${issoPort}/info`).then((r) => r.ok, () => false)); tries += 1) {
  if (tries > 100) throw new Error('Isso did not start');
  await new Promise((r) => setTimeout(r, 100));
}
// Each page's thread, as Isso stores it (its API would first fetch the page to check it exists).
execFileSync('python3', ['-c', `
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
for n in (${SIZES.join(', ')}):
    tid = db.execute("insert into threads (uri, title) values (?, 'bench')", (f"/isso-{n}.html",)).lastrowid
    for i in range(n):
        db.execute("insert into comments (tid, parent, created, mode, remote_addr, text, author, voters) values (?, null, ?, 1, '127.0.0.0', ?, 'Resident', x'')",
                   (tid, time.time() - i * 3600, f"Comment {i + 1}: officers are appealing for witnesses after an incident on the high street on Saturday evening."))
db.commit()
`, join(issoDir, 'comments.db')]);
const issoProxy = await listen((req, res) => {
  const headers = { ...req.headers, host: `127.0.0.1:${issoPort}` };
  req.pipe(forward({ host: '127.0.0.1', port: issoPort, path: req.url, method: req.method, headers }, (answer) => {
    const chunks = [];
    answer.on('data', (c) => chunks.push(c));
    answer.on('end', () => {
      const body = Buffer.concat(chunks);
      const out = { ...answer.headers, 'timing-allow-origin': '*' };
      delete out['content-length'];
      const br = /javascript|json|css/.test(out['content-type'] ?? '') && (req.headers['accept-encoding'] ?? '').includes('br');
      res.writeHead(answer.statusCode, br ? { ...out, 'content-encoding': 'br', vary: 'accept-encoding' } : out);
      res.end(br ? brotliCompressSync(body) : body);
    });
  }));
});
const issoOrigin = `http://localhost:${issoProxy.address().port}`;

// The partner's page, from an origin of its own (127.0.0.1, where the force's
// is localhost), or from the force's with SAME_ORIGIN=1.
const pageServer = await listen((req, res) => {
  const page = new URL(req.url, 'http://x').pathname.match(/^\/(widget|baseline|isso)-(\d+)\.html$/);
  if (!page) return force(req, res);
  const [, kind, n] = page;
  const limit = Math.min(Number(n), 50);
  const from = SAME_ORIGIN ? '' : forceOrigin;
  const element = {
    widget: `<script type="module" src="${from}/widget/police-engage.js"></script><police-engage id="w" src="${from}/v1/feed.json?limit=${n}" limit="${limit}" refresh="30"></police-engage>`,
    baseline: `<script type="module" src="${from}/baseline.js"></script><pe-baseline id="w" src="${from}/v1/feed.json?limit=${n}" limit="${limit}" refresh="30"></pe-baseline>`,
    isso: `<script data-isso="${issoOrigin}" data-isso-max-comments-top="${limit}" src="${issoOrigin}/js/embed.min.js"></script><section id="isso-thread"></section>`,
  }[kind];
  res.writeHead(200, { 'content-type': 'text/html' });
  return res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"></head><body>${element}</body></html>`);
}, pagePort);
const origin = `http://127.0.0.1:${pageServer.address().port}`;

/**
 * When the first card was painted, the bytes received by then, and the
 * waterfall's marks: when the script (loader or baseline), the first view,
 * the theme and the feed had arrived (0 when not fetched before the paint).
 */
const FIRST_CARD = () => new Promise((done) => {
  const look = () => {
    // Isso's comments have ids; the preview in its form, hidden, has none.
    const card = document.querySelector('#w')?.shadowRoot?.querySelector('.pe-card') ?? document.querySelector('#isso-thread .isso-comment[id^="isso-"]');
    if (!card) return requestAnimationFrame(look);
    const at = performance.now();
    const before = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
      .filter((e) => e.responseEnd <= at);
    const bytes = before.reduce((sum, e) => sum + e.transferSize, 0);
    const arrived = (test) => before.find((e) => test(new URL(e.name)))?.responseEnd ?? 0;
    const marks = {
      script: arrived((u) => /\/(police-engage|baseline|embed\.min)\.js$/.test(u.pathname)),
      firstView: arrived((u) => u.pathname === '/v1/first-view'),
      theme: arrived((u) => u.pathname.endsWith('.css')),
      // The feed, or Isso's thread (`/?uri=`).
      feed: arrived((u) => u.pathname === '/v1/feed.json' || u.searchParams.has('uri')),
    };
    done({ at, bytes, marks });
  };
  look();
});

/** Whether the app is live: for the widget, the wasm's app (not the server's first view). */
const IS_LIVE = () => {
  const root = document.querySelector('#w')?.shadowRoot;
  return Boolean((root?.querySelector('.pe-card') && !root.querySelector('[data-pe-first-view]')) || document.querySelector('#isso-thread .isso-comment[id^="isso-"]'));
};

/** When the app was live, and the layout shift by then. */
const LIVE = (isLive) => new Promise((done) => {
  const look = () => {
    if (!isLive()) return requestAnimationFrame(look);
    const at = performance.now();
    // Layout shifts are only given to an observer; buffered ones arrive in a task.
    let shift = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) shift += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    requestAnimationFrame(() => setTimeout(() => done({ at, shift }), 100));
  };
  look();
});

async function throttle(page) {
  if (!LATENCY_MS && CPU_SLOWDOWN === 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORK });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/**
 * Main-thread time (ms) on the page's renderer between `from` and `to` (ms
 * from navigation), from a DevTools trace: the top-level tasks' durations
 * within that window.
 */
function mainThread(trace, from, to) {
  const events = JSON.parse(trace.toString()).traceEvents;
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isOutermostMainFrame !== false && e.args?.data?.documentLoaderURL?.startsWith('http'));
  if (!start || !to) return 0;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === start.pid && e.args.name === 'CrRendererMain');
  const [a, b] = [start.ts + from * 1000, start.ts + to * 1000];
  return events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === start.pid && e.tid === main?.tid)
    .reduce((sum, e) => sum + Math.max(0, Math.min(e.ts + e.dur, b) - Math.max(e.ts, a)), 0) / 1000;
}

async function load(page, url, browser = null) {
  await throttle(page);
  if (browser) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'] });
  await page.goto(url);
  const first = await page.evaluate(FIRST_CARD);
  if (browser) {
    const trace = await browser.stopTracing();
    first.marks.busy = mainThread(trace, first.marks.firstView || first.marks.feed, first.at);
  }
  const live = await page.evaluate(`(${LIVE})(${IS_LIVE})`);
  const wasm = await page.evaluate(() => performance.getEntriesByName('police-engage:wasm')[0]?.duration ?? 0);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasmMemory = await page.evaluate(async () => {
    const glue = [...performance.getEntriesByType('resource')].find((e) => /police_engage(\.[0-9a-f]{8})?\.js$/.test(e.name));
    if (!glue) return 0;
    const exports = await (await import(glue.name)).default();
    return exports.memory.buffer.byteLength;
  });
  return { painted: first.at, live: live.at, bytes: first.bytes, shift: live.shift, wasm, memory: heap + wasmMemory, marks: first.marks };
}

let polls = 0;
async function pollCost(browser, kind, n) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${origin}/${kind}-${n}.html`);
  await page.waitForFunction(IS_LIVE, null, { polling: 100 });
  polls += 1;
  const id = `poll-${polls}`;
  await admin('POST', '/v1/updates', { id, title: `Poll ${polls}: a new appeal`, category: 'appeal', date_published: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
  const started = process.hrtime.bigint();
  await page.clock.runFor(30_500);
  await page.waitForFunction((title) => document.querySelector('#w').shadowRoot.textContent.includes(title), `Poll ${polls}:`, { polling: 'raf' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await admin('DELETE', `/v1/updates/${id}`);
  await context.close();
  return ms;
}

const MARKS = ['script', 'firstView', 'theme', 'feed'];
const KINDS = ['widget', 'baseline', 'isso'];
const waterfall = [];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const browser = await launchBrowser();
const rows = [];
for (const n of SIZES) {
  const results = {};
  for (const kind of KINDS) {
    const cold = []; const live = []; const warm = []; const wasm = []; const memory = []; const polls = []; const bytes = []; const shift = [];
    const marks = { cold: [], warm: [] };
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const first = await load(page, `${origin}/${kind}-${n}.html`);
      const second = await load(page, `${origin}/${kind}-${n}.html`);
      cold.push(first.painted); live.push(first.live); warm.push(second.painted); wasm.push(first.wasm); memory.push(first.memory);
      bytes.push(first.bytes); shift.push(first.shift);
      await context.close();
      // The main thread's figure from a cold load of its own, so tracing
      // slows none of the timings above.
      const traced = await browser.newContext();
      const { busy } = (await load(await traced.newPage(), `${origin}/${kind}-${n}.html`, browser)).marks;
      await traced.close();
      marks.cold.push({ ...first.marks, painted: first.painted, busy }); marks.warm.push({ ...second.marks, painted: second.painted });
      // Isso does not look for new comments once shown.
      if (kind !== 'isso') polls.push(await pollCost(browser, kind, n));
    }
    for (const cache of ['cold', 'warm']) {
      const at = (mark) => median(marks[cache].map((m) => m[mark]));
      const busy = cache === 'cold' ? at('busy').toFixed(1) : '–';
      waterfall.push([n, kind, cache, ...[...MARKS, 'painted'].map((mark) => (at(mark) ? at(mark).toFixed(0) : '–')), busy]);
    }
    results[kind] = {
      cold: median(cold), live: median(live), warm: median(warm), wasm: median(wasm), memory: median(memory) / 1024 / 1024, poll: polls.length ? median(polls) : 0,
      bytes: median(bytes) / 1024, shift: median(shift),
    };
  }
  const metrics = [['cold', 'ms', 1], ['live', 'ms', 1], ['warm', 'ms', 1], ['bytes', 'KiB', 1], ['shift', '', 3], ['wasm', 'ms', 1], ['poll', 'ms', 1], ['memory', 'MiB', 1]];
  const names = {
    cold: 'first update, cold cache', live: 'app live, cold cache', warm: 'first update, warm cache', bytes: 'bytes before the first update, cold', shift: 'layout shift until the app is live',
    wasm: 'wasm compile + instantiate', poll: 'poll adding one item', memory: 'JS heap + wasm memory',
  };
  for (const [metric, unit, places] of metrics) {
    const [w, b, i] = KINDS.map((kind) => results[kind][metric]);
    const shown = (x) => (x > 0 || metric === 'shift' ? `${x.toFixed(places)} ${unit}`.trim() : '–');
    const ratio = (x) => (x > 0 && w > 0 ? (w / x).toFixed(2) : '–');
    rows.push([n, names[metric], shown(w), shown(b), ratio(b), shown(i), ratio(i)]);
  }
}
await browser.close();
pageServer.close();
forceServer.close();
issoProxy.close();
isso.kill();
await real.stop();
console.log(`Medians of ${RUNS} runs; ${DEMO_LOADER ? 'the demo\'s widget files' : 'a release\'s widget files'}; ${SAME_ORIGIN ? 'page, widget and feed on one origin' : 'the page on its own origin, the widget, the baseline and the feed on the force\'s'}; ${MOBILE ? 'mobile profile (150 ms, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower)' : `added latency ${LATENCY_MS} ms`}; Chromium ${process.env.CHROMIUM || '/usr/bin/chromium'}; Isso ${ISSO_VERSION} behind a compressing proxy`);
console.log(['items', 'metric', 'widget', 'baseline', 'widget / baseline', 'Isso', 'widget / Isso'].join('\t'));
for (const row of rows) console.log(row.join('\t'));
console.log('\nWaterfall: when each had arrived, and the first update was painted (ms from navigation, medians; – not fetched before the paint);');
console.log('main thread: its busy time from the first view\'s (or the baseline\'s feed\'s) arrival to the paint, from a DevTools trace of the cold load');
console.log(['items', 'page', 'cache', 'script', 'first view', 'theme', 'feed', 'painted', 'main thread'].join('\t'));
for (const row of waterfall) console.log(row.join('\t'));
