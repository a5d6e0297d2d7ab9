// A second origin for end-to-end tests: serves partner pages that embed the
// widget from the real server, and feeds whose behaviour each test sets.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export const FEED_VERSION = 'https://jsonfeed.org/version/1.1';

export function jsonFeed(items) {
  return JSON.stringify({ version: FEED_VERSION, title: 'Test feed', items });
}

export async function startFeedHost() {
  const routes = new Map();
  const requests = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    handler(req, res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  // Pages are served from 127.0.0.1 and feeds from localhost: two origins,
  // so every feed request is cross-origin, as on a real partner page.
  const pageOrigin = `http://127.0.0.1:${port}`;
  const feedOrigin = `http://localhost:${port}`;
  return {
    requests,
    pageOrigin,
    /** Sets what `path` answers; returns its cross-origin feed URL. */
    route(path, handler) {
      routes.set(path, handler);
      return `${feedOrigin}${path}`;
    },
    /** A feed answered with CORS open, as a well-behaved CMS would. */
    feed(path, body, { status = 200, headers = {} } = {}) {
      return this.route(path, (req, res) => {
        res.writeHead(status, { 'content-type': 'application/feed+json', 'access-control-allow-origin': '*', ...headers });
        res.end(body);
      });
    },
    /** A partner page embedding the widget from `widgetOrigin` (no widget when it is null). */
    page(path, widgetOrigin, element, { head = '', headers = {}, body = '<h1>Partner page</h1>' } = {}) {
      const script = widgetOrigin ? `<script type="module" src="${widgetOrigin}/widget/police-engage.js"></script>` : '';
      this.route(path, (req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
        res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner page</title>
<link rel="icon" href="data:,">${head}${script}</head>
<body><main>${body}${widgetOrigin ? element : ''}</main></body></html>`);
      });
      return `${pageOrigin}${path}`;
    },
    /** Serves a file (a CSS framework from node_modules, say) on the page origin. */
    file(path, file, type) {
      const bytes = readFileSync(file);
      this.route(path, (req, res) => res.writeHead(200, { 'content-type': type }).end(bytes));
      return `${pageOrigin}${path}`;
    },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}
