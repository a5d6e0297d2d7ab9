// Browser benchmark: the widget against a plain-JavaScript baseline
// (bench/browser/baseline.js) rendering the same feed, in one run, in headless
// Chromium. For feeds of 5, 50 and 500 items: first update painted after
// navigation (cold and warm cache), wasm compile + instantiate, one poll that
// adds an item, and JS heap + wasm memory after load. Prints medians and
// ratios to the baseline. Run after `make widget`: node bench/browser/run.mjs [runs]
// LATENCY_MS=150 adds that round-trip latency to every request (a phone network).
// PROFILE=mobile is Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s
// down, 750 kbit/s up, the CPU slowed 4x; it also prints the bytes received
// before the first update and the layout shift while loading.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../../tests/e2e/support/browser.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = Number(process.argv[2] || 5);
const MOBILE = process.env.PROFILE === 'mobile';
const LATENCY_MS = MOBILE ? 150 : Number(process.env.LATENCY_MS || 0);
/** Network conditions for CDP: bytes per second, -1 unthrottled. */
const NETWORK = MOBILE
  ? { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 }
  : { latency: LATENCY_MS, downloadThroughput: -1, uploadThroughput: -1 };
const CPU_SLOWDOWN = MOBILE ? 4 : 1;
const SIZES = [5, 50, 500];
const bumped = new Set();

function feed(n) {
  const now = Date.now();
  const count = bumped.has(n) ? n + 1 : n;
  const items = Array.from({ length: count }, (_, i) => ({
    id: `item-${count - i}`,
    url: `https://police.example/news/${count - i}`,
    title: `Update ${count - i}: appeal for witnesses after an incident on the high street`,
    summary: 'Officers are appealing for witnesses after an incident on the high street on Saturday evening. Call 101 quoting the reference.',
    date_published: new Date(now - i * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    _police: { category: ['news', 'appeal', 'warning', 'success', 'event'][i % 5], reference: `REF-${i}` },
  }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Bench', items });
}

const TYPES = { js: 'text/javascript', wasm: 'application/wasm', css: 'text/css', html: 'text/html' };
/** Sends `body` brotli-compressed when the browser takes it, as the real server and any CDN do. */
function send(req, res, headers, body) {
  const packed = /\bbr\b/.test(req.headers['accept-encoding'] || '') ? brotliCompressSync(body) : null;
  res.writeHead(200, packed ? { ...headers, 'content-encoding': 'br' } : headers).end(packed ?? body);
}
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const feedMatch = path.match(/^\/feed-(\d+)\.json$/);
  if (feedMatch) {
    const body = feed(Number(feedMatch[1]));
    const etag = `"${body.length}-${bumped.has(Number(feedMatch[1]))}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    return send(req, res, { 'content-type': 'application/feed+json', etag }, body);
  }
  const page = path.match(/^\/(widget|baseline)-(\d+)\.html$/);
  if (page) {
    const [, kind, n] = page;
    const limit = Math.min(Number(n), 50);
    const element = kind === 'widget'
      ? `<script type="module" src="/widget/police-engage.js"></script><police-engage id="w" src="/feed-${n}.json" limit="${limit}" refresh="30"></police-engage>`
      : `<script type="module" src="/baseline.js"></script><pe-baseline id="w" src="/feed-${n}.json" limit="${limit}" refresh="30"></pe-baseline>`;
    return send(req, res, { 'content-type': TYPES.html }, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"></head><body>${element}</body></html>`);
  }
  const file = path === '/baseline.js' ? join(ROOT, 'bench/browser/baseline.js')
    : path.startsWith('/widget/pkg/') ? join(ROOT, 'pkg', path.slice('/widget/pkg/'.length))
      : path.startsWith('/widget/') ? join(ROOT, 'www', path.slice('/widget/'.length)) : null;
  try {
    const bytes = readFileSync(file);
    send(req, res, { 'content-type': TYPES[file.split('.').pop()] || 'application/octet-stream', 'cache-control': 'max-age=3600' }, bytes);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

/** When the first card was painted, the bytes received by then, and the layout shift so far. */
const FIRST_CARD = () => new Promise((done) => {
  const look = () => {
    const card = document.querySelector('#w')?.shadowRoot?.querySelector('.pe-card');
    if (!card) return requestAnimationFrame(look);
    const at = performance.now();
    const bytes = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
      .filter((e) => e.responseEnd <= at).reduce((sum, e) => sum + e.transferSize, 0);
    // Layout shifts are only given to an observer; buffered ones arrive in a task.
    let shift = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.startTime <= at) shift += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => done({ at, bytes, shift }), 100);
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

async function load(page, url) {
  await throttle(page);
  await page.goto(url);
  const first = await page.evaluate(FIRST_CARD);
  const wasm = await page.evaluate(() => performance.getEntriesByName('police-engage:wasm')[0]?.duration ?? 0);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasmMemory = await page.evaluate(async () => {
    const glue = [...performance.getEntriesByType('resource')].find((e) => e.name.endsWith('police_engage.js'));
    if (!glue) return 0;
    const exports = await (await import(glue.name)).default();
    return exports.memory.buffer.byteLength;
  });
  return { painted: first.at, bytes: first.bytes, shift: first.shift, wasm, memory: heap + wasmMemory };
}

async function pollCost(browser, kind, n) {
  bumped.delete(n);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${origin}/${kind}-${n}.html`);
  await page.locator('#w .pe-card').first().waitFor();
  bumped.add(n);
  const started = process.hrtime.bigint();
  await page.clock.runFor(30_500);
  await page.waitForFunction((id) => document.querySelector('#w').shadowRoot.textContent.includes(id), `Update ${n + 1}:`, { polling: 'raf' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  bumped.delete(n);
  await context.close();
  return ms;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const browser = await launchBrowser();
const rows = [];
for (const n of SIZES) {
  const results = {};
  for (const kind of ['widget', 'baseline']) {
    const cold = []; const warm = []; const wasm = []; const memory = []; const polls = []; const bytes = []; const shift = [];
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const first = await load(page, `${origin}/${kind}-${n}.html`);
      const second = await load(page, `${origin}/${kind}-${n}.html`);
      cold.push(first.painted); warm.push(second.painted); wasm.push(first.wasm); memory.push(first.memory);
      bytes.push(first.bytes); shift.push(first.shift);
      await context.close();
      polls.push(await pollCost(browser, kind, n));
    }
    results[kind] = {
      cold: median(cold), warm: median(warm), wasm: median(wasm), memory: median(memory) / 1024 / 1024, poll: median(polls),
      bytes: median(bytes) / 1024, shift: median(shift),
    };
  }
  const metrics = [['cold', 'ms', 1], ['warm', 'ms', 1], ['bytes', 'KiB', 1], ['shift', '', 3], ['wasm', 'ms', 1], ['poll', 'ms', 1], ['memory', 'MiB', 1]];
  const names = {
    cold: 'first update, cold cache', warm: 'first update, warm cache', bytes: 'bytes before the first update, cold', shift: 'layout shift until the first update',
    wasm: 'wasm compile + instantiate', poll: 'poll adding one item', memory: 'JS heap + wasm memory',
  };
  for (const [metric, unit, places] of metrics) {
    const w = results.widget[metric]; const b = results.baseline[metric];
    rows.push([n, names[metric], `${w.toFixed(places)} ${unit}`.trim(), `${b.toFixed(places)} ${unit}`.trim(), b > 0 ? (w / b).toFixed(2) : '–']);
  }
}
await browser.close();
server.close();
console.log(`Medians of ${RUNS} runs; ${MOBILE ? 'mobile profile (150 ms, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower)' : `added latency ${LATENCY_MS} ms`}; Chromium ${process.env.CHROMIUM || '/usr/bin/chromium'}; ratio = widget / baseline`);
console.log(['items', 'metric', 'widget', 'baseline', 'ratio'].join('\t'));
for (const row of rows) console.log(row.join('\t'));
